package shifts

import (
	"context"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is the volunteer shifts of the chat.
type Feature struct {
	*chat.Env
	// set are the times of shifts: when reminders go out, when a
	// withdrawal is late, how early staffing alerts start.
	set domain.ShiftSettings
	// withdrawFlow asks before a late withdrawal (withdraw.go).
	withdrawFlow *chat.Flow[withdrawDraft]
}

// New builds the shifts feature; zero settings are
// domain.DefaultShiftSettings.
func New(env *chat.Env, set domain.ShiftSettings) *Feature {
	if set == (domain.ShiftSettings{}) {
		set = domain.DefaultShiftSettings
	}
	f := &Feature{Env: env, set: set}
	f.withdrawFlow = f.newWithdrawFlow()
	return f
}

// Routes are the shift commands, buttons and step-by-step chats.
func (f *Feature) Routes() chat.Routes {
	own := chat.Routes{
		Commands: map[string]chat.Route{
			"shifts":     chat.Volunteer(f.cmdShifts),
			"myshifts":   chat.Volunteer(f.cmdMyShifts),
			"profile":    chat.Volunteer(f.cmdProfile),
			"staffing":   chat.Coordinator(f.cmdStaffing),
			"volunteers": chat.Coordinator(f.cmdVolunteers),
			"newshift":   chat.Coordinator(cmdNewShift),
		},
		Buttons: map[chat.Action]chat.Route{
			actShiftList:        chat.Volunteer(f.onShiftList),
			actShiftSignUp:      chat.Volunteer(f.onShiftSignUp),
			actShiftCover:       chat.Volunteer(f.onShiftCover),
			actShiftMine:        chat.Volunteer(f.onMyShifts),
			actShiftWithdraw:    chat.Volunteer(f.onShiftWithdraw),
			actShiftWithdrawYes: chat.Volunteer(f.onShiftWithdrawYes),
			actShiftCalendar:    chat.Volunteer(f.onShiftCalendar),
			actProfileLang:      chat.Volunteer(f.onProfileLang),
			actStaffing:         chat.Coordinator(f.onStaffing),
			actStaffSlot:        chat.Coordinator(f.onStaffSlot),
			actStaffPick:        chat.Coordinator(f.onStaffPick),
			actStaffAdd:         chat.Coordinator(f.onStaffAdd),
			actStaffRemove:      chat.Coordinator(f.onStaffRemove),
			actVolList:          chat.Coordinator(f.onVolunteers),
			actVolCard:          chat.Coordinator(f.onVolCard),
			actVolCert:          chat.Coordinator(f.onVolCert),
			actShiftFlow:        chat.Coordinator(f.onShiftFlow),
			actShiftEdit:        chat.Coordinator(f.onShiftEdit),
		},
	}
	return chat.Merge(own, shiftFlow.Routes(domain.RoleCoordinator), certFlow.Routes(domain.RoleCoordinator), f.withdrawFlow.Routes(domain.RoleVolunteer))
}

// ClaimNotices is the scheduler's job for shifts: reminders the day
// before, staffing alerts and certificates about to run out, decided by
// storage in one transaction.
func (f *Feature) ClaimNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return f.Store.ClaimShiftNotices(ctx, f.Loc(), now, f.set)
}
