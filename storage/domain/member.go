package domain

import (
	"time"
)

// Role is what a member may do. Each role includes the ones below it.
type Role string

// The roles, lowest first.
const (
	RoleParticipant Role = "participant"
	RoleVolunteer   Role = "volunteer"
	RoleCoordinator Role = "coordinator"
)

// Rank orders roles so that a check can ask for "at least volunteer".
func (r Role) Rank() int {
	switch r {
	case RoleParticipant:
		return 1
	case RoleVolunteer:
		return 2
	case RoleCoordinator:
		return 3
	}
	return 0
}

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool { return r.Rank() > 0 }

// Raise is the role a member with role r has after being given role to: a
// role is only ever raised here, never lowered (registering again or opening
// an invite link for a lower role keeps the higher one). Lowering is SetRole's
// explicit decision.
func (r Role) Raise(to Role) Role {
	if to.Rank() > r.Rank() {
		return to
	}
	return r
}

// Member is a person who has agreed to the privacy note. Nothing more is kept.
type Member struct {
	ID          int64  `db:"id" json:"telegram_user_id"`
	ChatID      int64  `db:"chat_id" json:"chat_id"`
	DisplayName string `db:"display_name" json:"display_name"`
	Language    string `db:"language" json:"language"`
	// SecondLanguage is read when a text has none in Language, before
	// Danish ("": none).
	SecondLanguage string    `db:"second_language" json:"second_language"`
	Role           Role      `db:"role" json:"role"`
	ConsentedAt    time.Time `db:"consented_at" json:"consented_at"`
	Reachable      bool      `db:"reachable" json:"reachable"`
	CreatedAt      time.Time `db:"created_at" json:"created_at"`
	LastSeenAt     time.Time `db:"last_seen_at" json:"last_seen_at"`
	// Ref is the member's number of our own, given once and never again:
	// what the notices ledger's keys name instead of the Telegram id.
	Ref int64 `db:"ref" json:"-"`
	// BranchID is the branch the member acts in now (their highest role
	// is Role; their role in each branch is in member_branches).
	BranchID int64 `db:"branch_id" json:"-"`
}

// Registration is what onboarding learns about a new member.
type Registration struct {
	ID          int64
	ChatID      int64
	DisplayName string
	Language    string
	Role        Role // the starting role (coordinator for ids from the configuration)
	// BranchID is the branch they join (0: the first branch).
	BranchID int64
}

// Invite is a deep-link code that grants a role to whoever opens it.
type Invite struct {
	Code      string     `db:"code"`
	Role      Role       `db:"role"`
	CreatedBy *int64     `db:"created_by"`
	CreatedAt time.Time  `db:"created_at"`
	ExpiresAt time.Time  `db:"expires_at"`
	MaxUses   *int       `db:"max_uses"`
	Uses      int        `db:"uses"`
	RevokedAt *time.Time `db:"revoked_at"`
	// BranchID is the branch whose role the link gives.
	BranchID int64 `db:"branch_id"`
}

// WorkingInvite is a link that still works, with its creator's name.
type WorkingInvite struct {
	Invite
	CreatorName string `db:"creator_name"`
}
