package bot

import "vejviser/bot/chat"

// routes lists every slash command, button and typed text of the features
// still in this package.
func (a *App) routes() chat.Routes {
	return chat.Routes{
		// commands lists every slash command. This and buttons are the only places
		// where routes are declared.
		Commands: map[string]chat.Route{
			"start":     chat.Everyone(a.cmdStart),
			"language":  chat.Everyone(a.cmdLanguage),
			"help":      chat.Everyone(a.cmdHelp),
			"privacy":   chat.Everyone(a.cmdPrivacy),
			"mydata":    chat.Member(a.cmdMyData),
			"forget":    chat.Member(a.cmdForget),
			"invite":    chat.Coordinator(a.cmdInvite),
			"members":   chat.Coordinator(a.cmdMembers),
			"broadcast": chat.Coordinator(a.cmdBroadcast),

			"activities":  chat.Member(a.cmdActivities),
			"newactivity": chat.Coordinator(a.cmdNewActivity),
			"count":       chat.Volunteer(a.cmdCount),
			// Ask us (issue 11)
			"ask":   chat.Member(a.cmdAsk),
			"inbox": chat.Coordinator(a.cmdInbox),

			// Events (issue 7)
			"events":   chat.Member(a.cmdEvents),
			"newevent": chat.Coordinator(a.cmdNewEvent),
			"report":   chat.Coordinator(a.cmdReport),
		},

		// buttons lists every callback action.
		Buttons: map[chat.Action]chat.Route{
			actLang:       chat.Everyone(a.onLanguage),
			actConsent:    chat.Everyone(a.onConsent),
			actMyData:     chat.Member(a.onMyData),
			actForget:     chat.Member(a.onForget),
			actInvite:     chat.Coordinator(a.onInvite),
			actMembers:    chat.Coordinator(a.onMembers),
			actMember:     chat.Coordinator(a.onMember),
			actSetRole:    chat.Coordinator(a.onSetRole),
			actBcAudience: chat.Coordinator(a.onBroadcastAudience),
			actBcPick:     chat.Coordinator(a.onBroadcastPick),
			actBcLang:     chat.Coordinator(a.onBroadcastLanguage),
			actBcPreview:  chat.Coordinator(a.onBroadcastPreview),
			actBcSend:     chat.Coordinator(a.onBroadcastSend),
			actBcCancel:   chat.Coordinator(a.onBroadcastCancel),

			actActFollow:       chat.Member(a.onActivityFollow),
			actActList:         chat.Member(a.onActivityList),
			actActOpen:         chat.Coordinator(a.onActivityOpen),
			actActDates:        chat.Coordinator(a.onActivityDates),
			actActEdit:         chat.Coordinator(a.onActivityEdit),
			actActArchive:      chat.Coordinator(a.onActivityArchive),
			actActFlow:         chat.Coordinator(a.onActivityFlow),
			actMeeting:         chat.Coordinator(a.onMeeting),
			actMeetingOp:       chat.Coordinator(a.onMeetingOp),
			actMeetingNoReason: chat.Coordinator(a.onMeetingNoReason),
			actHeadCount:       chat.Volunteer(a.onHeadCount),
			actRevoke:          chat.Coordinator(a.onRevokeInvite),
			actBcTexts:         chat.Coordinator(a.onBroadcastTexts),

			// Ask us (issue 11)
			actAskReply:   chat.Coordinator(a.onAskReply),
			actAskDone:    chat.Coordinator(a.onAskDone),
			actAskHistory: chat.Coordinator(a.onAskHistory),
			actAskMute:    chat.Coordinator(a.onAskMute),

			// Events (issue 7)
			actEvList:     chat.Member(a.onEventList),
			actEvShow:     chat.Member(a.onEventShow),
			actEvAnswer:   chat.Member(a.onEventAnswer),
			actEvAdults:   chat.Member(a.onEventAdults),
			actEvChildren: chat.Member(a.onEventChildren),
			actEvHeads:    chat.Member(a.onEventHeads),
			actEvICS:      chat.Member(a.onEventICS),
			actEvOpen:     chat.Coordinator(a.onEventOpen),
			actEvNames:    chat.Coordinator(a.onEventNames),
			actEvCheckIn:  chat.Coordinator(a.onEventCheckIn),
			actEvWalkIn:   chat.Coordinator(a.onEventWalkIn),
			actEvCancel:   chat.Coordinator(a.onEventCancel),
			actEvRecord:   chat.Coordinator(a.onEventRecord),
			actEvFlow:     chat.Coordinator(a.onEventFlow),
			actEvEdit:     chat.Coordinator(a.onEventEdit),
		},

		// flows maps a step-by-step chat to the handler of the text the member
		// types, authorized like the flow's buttons.
		Flows: map[string]chat.Route{
			flowBroadcast: chat.Coordinator(a.onBroadcastText),
			flowActivity:  chat.Coordinator(a.onActivityText),
			flowMeeting:   chat.Coordinator(a.onMeetingText),

			// Ask us (issue 11)
			flowAskReply: chat.Coordinator(a.onAskReplyText),
			// Events (issue 7)
			flowEvent:       chat.Coordinator(a.onEventText),
			flowEventRecord: chat.Coordinator(a.onEventRecordText),
		},

		Kept: map[string]string{
			flowBroadcast: "BroadcastDraftKept",
			flowAskReply:  "AskReplyKept",
		},
		Group: []chat.Action{actAskReply, actAskDone, actAskHistory, actAskMute},
	}
}
