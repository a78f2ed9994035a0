package bot

import "vejviser/bot/chat"

// routes lists every slash command, button and typed text of the features
// still in this package.
func (a *App) routes() chat.Routes {
	return chat.Routes{
		// commands lists every slash command. This and buttons are the only places
		// where routes are declared.
		Commands: map[string]chat.Route{

			// Events (issue 7)
			"events":   chat.Member(a.cmdEvents),
			"newevent": chat.Coordinator(a.cmdNewEvent),
			"report":   chat.Coordinator(a.cmdReport),
		},

		// buttons lists every callback action.
		Buttons: map[chat.Action]chat.Route{

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

			// Events (issue 7)
			flowEvent:       chat.Coordinator(a.onEventText),
			flowEventRecord: chat.Coordinator(a.onEventRecordText),
		},
	}
}
