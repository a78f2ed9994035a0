package bot

import "vejviser/bot/chat"

// routes lists every slash command, button and typed text of the features
// still in this package.
func (a *App) routes() chat.Routes {
	return chat.Routes{
		// commands lists every slash command. This and buttons are the only places
		// where routes are declared.
		Commands: map[string]chat.Route{
			"start":    chat.Everyone(a.cmdStart),
			"language": chat.Everyone(a.cmdLanguage),
			"help":     chat.Everyone(a.cmdHelp),
			"privacy":  chat.Everyone(a.cmdPrivacy),
			"mydata":   chat.Member(a.cmdMyData),
			"forget":   chat.Member(a.cmdForget),
			"invite":   chat.Coordinator(a.cmdInvite),
			"members":  chat.Coordinator(a.cmdMembers),

			"activities":  chat.Member(a.cmdActivities),
			"newactivity": chat.Coordinator(a.cmdNewActivity),
			"count":       chat.Volunteer(a.cmdCount),

			// Shifts (issue 8)
			"shifts":     chat.Volunteer(a.cmdShifts),
			"myshifts":   chat.Volunteer(a.cmdMyShifts),
			"profile":    chat.Volunteer(a.cmdProfile),
			"staffing":   chat.Coordinator(a.cmdStaffing),
			"volunteers": chat.Coordinator(a.cmdVolunteers),
			"newshift":   chat.Coordinator(a.cmdNewShift),

			// Events (issue 7)
			"events":   chat.Member(a.cmdEvents),
			"newevent": chat.Coordinator(a.cmdNewEvent),
			"report":   chat.Coordinator(a.cmdReport),
		},

		// buttons lists every callback action.
		Buttons: map[chat.Action]chat.Route{
			actLang:    chat.Everyone(a.onLanguage),
			actConsent: chat.Everyone(a.onConsent),
			actMyData:  chat.Member(a.onMyData),
			actForget:  chat.Member(a.onForget),
			actInvite:  chat.Coordinator(a.onInvite),
			actMembers: chat.Coordinator(a.onMembers),
			actMember:  chat.Coordinator(a.onMember),
			actSetRole: chat.Coordinator(a.onSetRole),

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
			flowActivity: chat.Coordinator(a.onActivityText),
			flowMeeting:  chat.Coordinator(a.onMeetingText),

			// Shifts (issue 8)
			flowShift: chat.Coordinator(a.onShiftText),
			flowCert:  chat.Coordinator(a.onCertText),
			// Events (issue 7)
			flowEvent:       chat.Coordinator(a.onEventText),
			flowEventRecord: chat.Coordinator(a.onEventRecordText),
		},
	}
}
