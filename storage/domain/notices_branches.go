package domain

import (
	"errors"
	"time"
)

// The notices of moving between branches.
var (
	// NoticeMoveAsked asks each coordinator of the branch a member wants to
	// move to (or join) whether to welcome them (MoveValues).
	NoticeMoveAsked = DeclareNotice("branches.move", ClassNotice)
	// NoticeMoveWelcomed tells the member the new branch took them in
	// (MoveValues).
	NoticeMoveWelcomed = DeclareNotice("branches.welcomed", ClassNotice)
	// NoticeMoveDeclined tells the member, kindly, that the branch did not
	// take them in and they stay where they are (MoveValues).
	NoticeMoveDeclined = DeclareNotice("branches.declined", ClassNotice)
)

// Moving errors.
var (
	// ErrMoveDecided: another coordinator (or a second tap) decided first,
	// or the member asked again meanwhile.
	ErrMoveDecided = errors.New("the move was decided already")
	// ErrMoveNoCoordinator: the branch has nobody who could welcome them.
	ErrMoveNoCoordinator = errors.New("the branch has no coordinator yet")
)

// Move is a member's request to move to another branch, or with Keep to
// join it while staying in their own.
type Move struct {
	ID        int64      `db:"id"`
	MemberID  int64      `db:"member_id"`
	From      int64      `db:"from_branch"`
	To        int64      `db:"to_branch"`
	Keep      bool       `db:"keep"`
	Role      Role       `db:"role"`
	State     string     `db:"state"`
	CreatedAt time.Time  `db:"created_at"`
	DecidedAt *time.Time `db:"decided_at"`
	// Name is the member's display name (read with the move, for the card).
	Name string `db:"name"`
}

// Move states.
const (
	MovePending  = "pending"
	MoveWelcomed = "welcomed"
	MoveDeclined = "declined"
)

// MoveRole is the role a member with role in their branch gets in the
// branch they move to, and whether they may ask at all: participants and
// volunteers move with their role; only volunteers join a second branch;
// a coordinator's branches are set by the national administrators.
func MoveRole(role Role, keep bool) (Role, bool) {
	switch {
	case role == RoleVolunteer:
		return RoleVolunteer, true
	case role == RoleParticipant && !keep:
		return RoleParticipant, true
	}
	return "", false
}

// MoveValues is what the move's notices show: the member's name (on the
// coordinators' card), their role in the new branch, both branches' names
// in every language, and whether they keep their old branch.
type MoveValues struct {
	Move int64
	Name string
	Role Role
	Keep bool
	From Texts
	To   Texts
}
