package shifts

import (
	"context"
	"strings"
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

// The branches an action may read and change, by the role it needs:
// storage limits its queries to them, so another branch's shift or
// volunteer is answered as a gone one.
func coordinating(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleCoordinator) }
func volunteering(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleVolunteer) }

// branchTagged puts the branch's name after the first line of a block, for
// someone who belongs to several branches (r.BranchLabel).
func branchTagged(r *chat.Request, block string, branch int64) string {
	b := r.BranchLabel(branch)
	if b == "" {
		return block
	}
	first, rest, _ := strings.Cut(block, "\n")
	if rest != "" {
		rest = "\n" + rest
	}
	return first + " · " + r.L.Isolate(b) + rest
}

// branchButton puts the branch's name after a button's label, for someone
// in several branches: two branches' cafés may both have a "Vært".
func branchButton(r *chat.Request, b domain.Button, branch int64) domain.Button {
	if l := r.BranchLabel(branch); l != "" {
		b.Text += " · " + r.L.Isolate(l)
	}
	return b
}
