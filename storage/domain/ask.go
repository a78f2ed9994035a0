package domain

import (
	"database/sql"
	"time"
)

// Kinds of an ask message.
const (
	AskText     = "text"
	AskVoice    = "voice"
	AskPhoto    = "photo"
	AskDocument = "document"
	AskLocation = "location"
	AskOther    = "other"
)

// AskItem is one message of a member's conversation with the coordinators.
type AskItem struct {
	ID              int64         `db:"id"`
	MemberID        int64         `db:"member_id"`
	Direction       string        `db:"direction"` // "in" from the member, "out" to them
	Kind            string        `db:"kind"`
	Text            string        `db:"text"`
	SrcChat         sql.NullInt64 `db:"src_chat"`
	SrcMessage      sql.NullInt64 `db:"src_message"`
	CoordinatorID   sql.NullInt64 `db:"coordinator_id"`
	CoordinatorName string        `db:"coordinator_name"`
	AnsweredAt      *time.Time    `db:"answered_at"`
	DoneAt          *time.Time    `db:"done_at"`
	DoneByName      string        `db:"done_by_name"`
	CreatedAt       time.Time     `db:"created_at"`
	// BranchID is the branch the question was asked in (the one the
	// member acted in): only its coordinators see and answer it.
	BranchID int64 `db:"branch_id"`
	// Burst is the first message of the burst this one joined (its card);
	// not valid on a message that began its own.
	Burst sql.NullInt64 `db:"burst"`
}

// AskMessage is what a member or a coordinator sent: a text or Telegram's
// reference to media (the chat and message it was sent in).
type AskMessage struct {
	Kind       string
	Text       string // text, caption, or "" for media without one
	SrcChat    int64
	SrcMessage int
	// MessageID is the Telegram id of the member's message, whatever it
	// carries: a burst's card shows its messages in this order.
	MessageID int
}

// AskOutcome is what happens to something a member writes.
type AskOutcome int

// The outcomes.
const (
	AskRelayed AskOutcome = iota // passed on to the coordinators
	AskLimited                   // over the hourly limit: the member is asked to wait
	AskMuted                     // a coordinator muted the member: not passed on, nothing said
)

// DecideAsk is the rule for a member's message: muted members are not
// relayed; past perHour messages in the last hour the member is asked to
// wait; otherwise it is relayed.
func DecideAsk(muted bool, lastHour, perHour int) AskOutcome {
	switch {
	case muted:
		return AskMuted
	case perHour > 0 && lastHour >= perHour:
		return AskLimited
	}
	return AskRelayed
}

// AskTarget is where a relayed message goes: a coordinator's private chat,
// or the coordinators' group (MemberID 0).
type AskTarget struct {
	ChatID   int64
	MemberID int64
	Language string
}

// FirstName is the first word of a display name: what a member is told of
// the coordinator who answers them (never their Telegram account).
func FirstName(display string) string {
	for i, r := range display {
		if r == ' ' {
			return display[:i]
		}
	}
	return display
}
