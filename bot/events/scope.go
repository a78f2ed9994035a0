package events

import (
	"errors"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Every event a button or command names is read through the branches the
// sender may act in for it: a coordinator's desk through the branches they
// coordinate, a household's answer through the branches they belong to.
// Another branch's event is not found, and answered as a stale button.

// withBranch puts the event's branch under its first line, for a person
// who belongs to several branches (chat.Request.BranchLabel).
func withBranch(r *chat.Request, e domain.Event, lines []string) []string {
	label := r.BranchLabel(e.BranchID)
	if label == "" || len(lines) == 0 {
		return lines
	}
	return append([]string{lines[0], "🏠 " + r.L.Isolate(label)}, lines[1:]...)
}

// coordinated are the branches where the sender coordinates: the events a
// coordinator's buttons may name.
func coordinated(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleCoordinator) }

// belonging are the branches the sender belongs to: the events whose
// invitations their own buttons may name.
func belonging(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleParticipant) }

// event loads an event of a branch the sender coordinates by its payload
// id; a deleted one, or one of another branch, is an expired button.
func (f *Feature) event(r *chat.Request, arg string) (domain.Event, bool) {
	return f.eventIn(r, coordinated(r), arg)
}

func (f *Feature) eventIn(r *chat.Request, branches []int64, arg string) (domain.Event, bool) {
	e, err := f.Store.Event(r.Ctx, branches, eventIDArg(arg))
	if r.Failed(err, "ButtonExpired") {
		return e, false
	}
	return e, true
}

// myEvent loads an event the member may answer, answering them clearly if not.
func (f *Feature) myEvent(r *chat.Request, arg string) (domain.Event, domain.Invitation, bool) {
	e, ok := f.eventIn(r, belonging(r), arg)
	if !ok {
		return e, domain.Invitation{}, false
	}
	if e.Cancelled() {
		r.Fail(domain.ErrEventGone)
		return e, domain.Invitation{}, false
	}
	inv, err := f.Store.MyInvitation(r.Ctx, belonging(r), e.ID, r.Member.ID)
	if errors.Is(err, domain.ErrNotFound) {
		err = domain.ErrNotInvited
	}
	if err != nil {
		r.Fail(err)
		return e, inv, false
	}
	return e, inv, true
}
