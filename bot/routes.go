package bot

import "vejviser/bot/chat"

// routes lists every slash command, button and typed text of the features
// still in this package.
func (a *App) routes() chat.Routes {
	return chat.Routes{
		// commands lists every slash command. This and buttons are the only places
		// where routes are declared.
		Commands: map[string]chat.Route{
			"broadcast": chat.Coordinator(a.cmdBroadcast),

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
			actBcAudience: chat.Coordinator(a.onBroadcastAudience),
			actBcPick:     chat.Coordinator(a.onBroadcastPick),
			actBcLang:     chat.Coordinator(a.onBroadcastLanguage),
			actBcPreview:  chat.Coordinator(a.onBroadcastPreview),
			actBcSend:     chat.Coordinator(a.onBroadcastSend),
			actBcCancel:   chat.Coordinator(a.onBroadcastCancel),

			actBcTexts: chat.Coordinator(a.onBroadcastTexts),

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
