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

			// Shifts (issue 8)
			"shifts":     chat.Volunteer(a.cmdShifts),
			"myshifts":   chat.Volunteer(a.cmdMyShifts),
			"profile":    chat.Volunteer(a.cmdProfile),
			"staffing":   chat.Coordinator(a.cmdStaffing),
			"volunteers": chat.Coordinator(a.cmdVolunteers),
			"newshift":   chat.Coordinator(a.cmdNewShift),
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

			// Shifts (issue 8)
			actShiftList:     chat.Volunteer(a.onShiftList),
			actShiftSignUp:   chat.Volunteer(a.onShiftSignUp),
			actShiftCover:    chat.Volunteer(a.onShiftCover),
			actShiftMine:     chat.Volunteer(a.onMyShifts),
			actShiftWithdraw: chat.Volunteer(a.onShiftWithdraw),
			actShiftCalendar: chat.Volunteer(a.onShiftCalendar),
			actProfileLang:   chat.Volunteer(a.onProfileLang),
			actStaffing:      chat.Coordinator(a.onStaffing),
			actStaffSlot:     chat.Coordinator(a.onStaffSlot),
			actStaffPick:     chat.Coordinator(a.onStaffPick),
			actStaffAdd:      chat.Coordinator(a.onStaffAdd),
			actStaffRemove:   chat.Coordinator(a.onStaffRemove),
			actVolList:       chat.Coordinator(a.onVolunteers),
			actVolCard:       chat.Coordinator(a.onVolCard),
			actVolCert:       chat.Coordinator(a.onVolCert),
			actShiftFlow:     chat.Coordinator(a.onShiftFlow),
			actShiftEdit:     chat.Coordinator(a.onShiftEdit),
		},

		// flows maps a step-by-step chat to the handler of the text the member
		// types, authorized like the flow's buttons.
		Flows: map[string]chat.Route{
			flowBroadcast: chat.Coordinator(a.onBroadcastText),
			flowActivity:  chat.Coordinator(a.onActivityText),
			flowMeeting:   chat.Coordinator(a.onMeetingText),

			// Ask us (issue 11)
			flowAskReply: chat.Coordinator(a.onAskReplyText),
			// Shifts (issue 8)
			flowShift: chat.Coordinator(a.onShiftText),
			flowCert:  chat.Coordinator(a.onCertText),
		},

		Kept: map[string]string{
			flowBroadcast: "BroadcastDraftKept",
			flowAskReply:  "AskReplyKept",
		},
		Group: []chat.Action{actAskReply, actAskDone, actAskHistory, actAskMute},
	}
}
