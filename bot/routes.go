package bot

import (
	"vejviser/storage/domain"
)

// route is one command or button: its handler and who may use it.
type route struct {
	handle func(a *App, r *req)
	// open: usable before consent (onboarding, help, privacy). Otherwise the
	// sender must be a member with at least role.
	open bool
	role domain.Role
}

// everyone, member and coordinator are the three authorization levels.
func everyone(h func(*App, *req)) route    { return route{handle: h, open: true} }
func member(h func(*App, *req)) route      { return route{handle: h, role: domain.RoleParticipant} }
func volunteer(h func(*App, *req)) route   { return route{handle: h, role: domain.RoleVolunteer} }
func coordinator(h func(*App, *req)) route { return route{handle: h, role: domain.RoleCoordinator} }

// commands lists every slash command. This and buttons are the only places
// where routes are declared.
var commands = map[string]route{
	"start":     everyone((*App).cmdStart),
	"language":  everyone((*App).cmdLanguage),
	"help":      everyone((*App).cmdHelp),
	"privacy":   everyone((*App).cmdPrivacy),
	"cancel":    everyone((*App).cmdCancel),
	"mydata":    member((*App).cmdMyData),
	"forget":    member((*App).cmdForget),
	"invite":    coordinator((*App).cmdInvite),
	"members":   coordinator((*App).cmdMembers),
	"broadcast": coordinator((*App).cmdBroadcast),

	"activities":  member((*App).cmdActivities),
	"newactivity": coordinator((*App).cmdNewActivity),
	"count":       volunteer((*App).cmdCount),
	// Ask us (issue 11)
	"ask":   member((*App).cmdAsk),
	"inbox": coordinator((*App).cmdInbox),

	// Shifts (issue 8)
	"shifts":     volunteer((*App).cmdShifts),
	"myshifts":   volunteer((*App).cmdMyShifts),
	"profile":    volunteer((*App).cmdProfile),
	"staffing":   coordinator((*App).cmdStaffing),
	"volunteers": coordinator((*App).cmdVolunteers),
	"newshift":   coordinator((*App).cmdNewShift),

	// Events (issue 7)
	"events":   member((*App).cmdEvents),
	"newevent": coordinator((*App).cmdNewEvent),
	"report":   coordinator((*App).cmdReport),
}

// buttons lists every callback action.
var buttons = map[action]route{
	actLang:       everyone((*App).onLanguage),
	actConsent:    everyone((*App).onConsent),
	actMenu:       everyone((*App).onMenu),
	actMyData:     member((*App).onMyData),
	actForget:     member((*App).onForget),
	actInvite:     coordinator((*App).onInvite),
	actMembers:    coordinator((*App).onMembers),
	actMember:     coordinator((*App).onMember),
	actSetRole:    coordinator((*App).onSetRole),
	actBcAudience: coordinator((*App).onBroadcastAudience),
	actBcPick:     coordinator((*App).onBroadcastPick),
	actBcLang:     coordinator((*App).onBroadcastLanguage),
	actBcPreview:  coordinator((*App).onBroadcastPreview),
	actBcSend:     coordinator((*App).onBroadcastSend),
	actBcCancel:   coordinator((*App).onBroadcastCancel),

	actActFollow:       member((*App).onActivityFollow),
	actActList:         member((*App).onActivityList),
	actActOpen:         coordinator((*App).onActivityOpen),
	actActDates:        coordinator((*App).onActivityDates),
	actActEdit:         coordinator((*App).onActivityEdit),
	actActArchive:      coordinator((*App).onActivityArchive),
	actActFlow:         coordinator((*App).onActivityFlow),
	actMeeting:         coordinator((*App).onMeeting),
	actMeetingOp:       coordinator((*App).onMeetingOp),
	actMeetingNoReason: coordinator((*App).onMeetingNoReason),
	actHeadCount:       volunteer((*App).onHeadCount),
	actFlowCancel:      member((*App).onFlowCancel),
	actRevoke:          coordinator((*App).onRevokeInvite),
	actBcTexts:         coordinator((*App).onBroadcastTexts),

	// Ask us (issue 11)
	actAskReply:   coordinator((*App).onAskReply),
	actAskDone:    coordinator((*App).onAskDone),
	actAskHistory: coordinator((*App).onAskHistory),
	actAskMute:    coordinator((*App).onAskMute),

	// Shifts (issue 8)
	actShiftList:     volunteer((*App).onShiftList),
	actShiftSignUp:   volunteer((*App).onShiftSignUp),
	actShiftCover:    volunteer((*App).onShiftCover),
	actShiftMine:     volunteer((*App).onMyShifts),
	actShiftWithdraw: volunteer((*App).onShiftWithdraw),
	actShiftCalendar: volunteer((*App).onShiftCalendar),
	actProfileLang:   volunteer((*App).onProfileLang),
	actStaffing:      coordinator((*App).onStaffing),
	actStaffSlot:     coordinator((*App).onStaffSlot),
	actStaffPick:     coordinator((*App).onStaffPick),
	actStaffAdd:      coordinator((*App).onStaffAdd),
	actStaffRemove:   coordinator((*App).onStaffRemove),
	actVolList:       coordinator((*App).onVolunteers),
	actVolCard:       coordinator((*App).onVolCard),
	actVolCert:       coordinator((*App).onVolCert),
	actShiftFlow:     coordinator((*App).onShiftFlow),
	actShiftEdit:     coordinator((*App).onShiftEdit),

	// Events (issue 7)
	actEvList:     member((*App).onEventList),
	actEvShow:     member((*App).onEventShow),
	actEvAnswer:   member((*App).onEventAnswer),
	actEvAdults:   member((*App).onEventAdults),
	actEvChildren: member((*App).onEventChildren),
	actEvHeads:    member((*App).onEventHeads),
	actEvICS:      member((*App).onEventICS),
	actEvOpen:     coordinator((*App).onEventOpen),
	actEvNames:    coordinator((*App).onEventNames),
	actEvCheckIn:  coordinator((*App).onEventCheckIn),
	actEvWalkIn:   coordinator((*App).onEventWalkIn),
	actEvCancel:   coordinator((*App).onEventCancel),
	actEvRecord:   coordinator((*App).onEventRecord),
	actEvFlow:     coordinator((*App).onEventFlow),
	actEvEdit:     coordinator((*App).onEventEdit),
}

// flows maps a step-by-step chat to the handler of the text the member
// types, authorized like the flow's buttons.
var flows = map[string]route{
	flowBroadcast: coordinator((*App).onBroadcastText),
	flowActivity:  coordinator((*App).onActivityText),
	flowMeeting:   coordinator((*App).onMeetingText),

	// Ask us (issue 11)
	flowAskReply: coordinator((*App).onAskReplyText),
	// Shifts (issue 8)
	flowShift: coordinator((*App).onShiftText),
	flowCert:  coordinator((*App).onCertText),
	// Events (issue 7)
	flowEvent:       coordinator((*App).onEventText),
	flowEventRecord: coordinator((*App).onEventRecordText),
}

// commandMenu is the command menu per role, in Telegram's order.
var commandMenu = map[domain.Role][]struct{ cmd, desc string }{
	domain.RoleParticipant: {
		{"start", "CmdStart"}, {"activities", "CmdActivities"}, {"events", "CmdEvents"}, {"ask", "CmdAsk"},
		{"help", "CmdHelp"}, {"language", "CmdLanguage"},
		{"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"}, {"cancel", "CmdCancel"},
	},
	domain.RoleVolunteer: {
		{"shifts", "CmdShifts"}, {"myshifts", "CmdMyShifts"}, {"profile", "CmdProfile"}, {"activities", "CmdActivities"},
		{"events", "CmdEvents"}, {"count", "CmdCount"}, {"ask", "CmdAsk"}, {"start", "CmdStart"}, {"help", "CmdHelp"},
		{"language", "CmdLanguage"}, {"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"},
		{"cancel", "CmdCancel"},
	},
	domain.RoleCoordinator: {
		{"broadcast", "CmdBroadcast"}, {"activities", "CmdActivities"}, {"newactivity", "CmdNewActivity"},
		{"events", "CmdEvents"}, {"newevent", "CmdNewEvent"}, {"report", "CmdReport"},
		{"count", "CmdCount"}, {"invite", "CmdInvite"}, {"members", "CmdMembers"},
		{"staffing", "CmdStaffing"}, {"newshift", "CmdNewShift"}, {"volunteers", "CmdVolunteers"},
		{"shifts", "CmdShifts"}, {"myshifts", "CmdMyShifts"}, {"profile", "CmdProfile"},
		{"start", "CmdStart"}, {"help", "CmdHelp"}, {"language", "CmdLanguage"},
		{"privacy", "CmdPrivacy"}, {"mydata", "CmdMyData"}, {"forget", "CmdForget"}, {"cancel", "CmdCancel"},
	},
}

// authorize reports whether r's sender may use rt, answering them if not.
func (a *App) authorize(r *req, rt route) bool {
	if rt.open {
		return true
	}
	if r.member == nil {
		r.say(r.L.T("NeedStart", nil))
		return false
	}
	if r.member.Role.Rank() < rt.role.Rank() {
		if rt.role == domain.RoleVolunteer {
			r.deny(r.L.T("VolunteersOnly", nil))
		} else {
			r.deny(r.L.T("CoordinatorsOnly", nil))
		}
		return false
	}
	return true
}
