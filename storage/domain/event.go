// Events, invitations and household answers: the data the waitlist rules
// (waitlist.go) decide on.

package domain

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Tally is an event's answers counted: households and heads per answer.
type Tally struct {
	Households map[string]int
	Heads      map[string]int
	Adults     map[string]int
	Children   map[string]int
}

// TallyAnswers counts invitations by answer.
func TallyAnswers(is []Invitation) Tally {
	t := Tally{Households: map[string]int{}, Heads: map[string]int{}, Adults: map[string]int{}, Children: map[string]int{}}
	for _, i := range is {
		t.Households[i.Answer]++
		t.Heads[i.Answer] += i.Heads()
		t.Adults[i.Answer] += i.Adults
		t.Children[i.Answer] += i.Children
	}
	return t
}

// Event is a one-off social event (Christmas party, Fastelavn) to which
// members are invited, answering for their household.
type Event struct {
	ID int64 `db:"id"`
	// BranchID is the branch the event belongs to: only its members are
	// invited, only its coordinators see and change it.
	BranchID    int64      `db:"branch_id"`
	Key         string     `db:"key"`    // stable name in season plans ("fastelavn-2027")
	Title       string     `db:"title"`  // the Danish title
	Titles      Texts      `db:"titles"` // titles in other languages, where given
	Notes       Texts      `db:"notes"`  // an optional note per language ("20 kr. per family")
	Place       string     `db:"place"`
	StartsAt    time.Time  `db:"starts_at"`
	EndsAt      time.Time  `db:"ends_at"`
	Capacity    *int       `db:"capacity"` // heads; nil: no limit
	RSVPBy      time.Time  `db:"rsvp_by"`
	Invite      string     `db:"invite"`      // who is invited: see ValidInvite
	OfferHours  int        `db:"offer_hours"` // how long a waitlist offer stands
	AskDays     int        `db:"ask_days"`    // "still coming?" this many days before; 0: never
	Version     int        `db:"version"`
	CancelledAt *time.Time `db:"cancelled_at"`
	InvitedAt   *time.Time `db:"invited_at"`
}

// TitleIn is the event's title in lang, or the Danish one (the reader rule
// without a second language).
func (e Event) TitleIn(lang string) string { return e.TitleTexts().In(lang) }

// NoteIn is the note in lang, or the Danish one, or "".
func (e Event) NoteIn(lang string) string { return e.Notes.In(lang) }

// Cap is the capacity in heads, 0 for no limit.
func (e Event) Cap() int {
	if e.Capacity == nil {
		return 0
	}
	return *e.Capacity
}

// OfferWindow is how long a waitlist offer stands.
func (e Event) OfferWindow() time.Duration { return time.Duration(e.OfferHours) * time.Hour }

// Cancelled reports whether the event is called off.
func (e Event) Cancelled() bool { return e.CancelledAt != nil }

// Invitees of an event.
const (
	InviteParticipants = "participants"
	InviteVolunteers   = "volunteers"
	InviteEveryone     = "everyone"
	InviteFollowPrefix = "activity:" // followers of the activity with that key
)

// ValidInvite reports whether s names invitees: participants, volunteers,
// everyone, or activity:<key> (the activity's followers).
func ValidInvite(s string) bool {
	switch s {
	case InviteParticipants, InviteVolunteers, InviteEveryone:
		return true
	}
	k, ok := strings.CutPrefix(s, InviteFollowPrefix)
	return ok && ValidKey(k)
}

// DefaultOfferHours and DefaultAskDays are the event defaults.
const (
	DefaultOfferHours = 24
	DefaultAskDays    = 2
)

// Validate checks what the database's CHECKs would refuse, with reasons.
func (e *Event) Validate() error {
	e.Title = strings.TrimSpace(e.Title)
	e.Place = strings.TrimSpace(e.Place)
	if e.Titles == nil {
		e.Titles = Texts{}
	}
	if e.Notes == nil {
		e.Notes = Texts{}
	}
	delete(e.Titles, DefaultLanguage)
	if e.OfferHours == 0 {
		e.OfferHours = DefaultOfferHours
	}
	if e.Invite == "" {
		e.Invite = InviteParticipants
	}
	switch {
	case e.Title == "" || len([]rune(e.Title)) > 200:
		return fmt.Errorf("%w: title must have 1 to 200 characters", ErrInvalidEvent)
	case e.Key != "" && !ValidKey(e.Key):
		return fmt.Errorf("%w: key %q", ErrInvalidEvent, e.Key)
	case !e.EndsAt.After(e.StartsAt):
		return fmt.Errorf("%w: the end must come after the start", ErrInvalidEvent)
	case e.RSVPBy.After(e.StartsAt):
		return fmt.Errorf("%w: the answer deadline must not be after the start", ErrInvalidEvent)
	case e.Capacity != nil && (*e.Capacity < 1 || *e.Capacity > 10000):
		return fmt.Errorf("%w: capacity %d", ErrInvalidEvent, *e.Capacity)
	case !ValidInvite(e.Invite):
		return fmt.Errorf("%w: invite %q", ErrInvalidEvent, e.Invite)
	case e.OfferHours < 1 || e.OfferHours > 336:
		return fmt.Errorf("%w: offer time %d hours", ErrInvalidEvent, e.OfferHours)
	case e.AskDays < 0 || e.AskDays > 14:
		return fmt.Errorf("%w: still-coming question %d days before", ErrInvalidEvent, e.AskDays)
	}
	return nil
}

// MemberEvent is an event with one member's own answer.
type MemberEvent struct {
	Event
	Answer   string `db:"answer"`
	Adults   int    `db:"adults"`
	Children int    `db:"children"`
}

// Invitation is one household's answer to an event: a member's, or one a
// coordinator recorded for a household without Telegram (MemberID invalid,
// Name set).
type Invitation struct {
	ID           int64         `db:"id"`
	EventID      int64         `db:"event_id"`
	MemberID     sql.NullInt64 `db:"member_id"`
	Name         string        `db:"name"` // recorded households only
	Answer       string        `db:"answer"`
	Adults       int           `db:"adults"`
	Children     int           `db:"children"`
	WaitingSince *time.Time    `db:"waiting_since"`
	OfferUntil   *time.Time    `db:"offer_until"`
	Present      sql.NullBool  `db:"present"`
	SeenVersion  int           `db:"seen_version"` // the event's version the household last saw
	UpdatedAt    time.Time     `db:"updated_at"`
	// DisplayName is the member's name (coordinators' lists), or Name.
	DisplayName string `db:"display_name"`
}

// Heads is adults and children.
func (i Invitation) Heads() int { return i.Adults + i.Children }

// Recorded reports whether a coordinator recorded this household (no Telegram).
func (i Invitation) Recorded() bool { return !i.MemberID.Valid }

// Household is the invitation as the rsvp rules see it.
func (i Invitation) Household() Household {
	h := Household{ID: i.ID, Answer: Answer(i.Answer), Heads: i.Heads()}
	if i.WaitingSince != nil {
		h.WaitingSince = *i.WaitingSince
	}
	if i.OfferUntil != nil {
		h.OfferUntil = *i.OfferUntil
	}
	return h
}

// RSVP is a household's answer: yes with heads, no, maybe, or confirming
// offered seats ("keep": also the ✅ of "still coming?").
type RSVP struct {
	EventID, MemberID int64
	Answer            Answer // Yes, No, Maybe; Offered means "confirm what I have"
	Adults, Children  int
}

// RSVPResult is what an answer became.
type RSVPResult struct {
	Event      Event
	Invitation Invitation
	Outcome    YesOutcome // for yes: seated, waitlisted, or kept (more did not fit)
	Place      int        // place on the waitlist, when waiting
	Promoted   int        // households offered seats because of this answer
	Free       int        // seats left afterwards (0 as well when there is no limit)
}
