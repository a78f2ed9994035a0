// The rules of answering an event invitation, as plain
// functions without I/O: who fits in the seats left, who on the waitlist is
// offered seats when some free up, when an offer lapses, and what the RSVP
// deadline and the event's start forbid. Storage calls them inside the
// transaction that changes the answers, so the rule and the write are atomic
// and two households tapping for the last seats cannot both get them.

package domain

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Answer is a household's state for one event.
type Answer string

// The answers. Waiting and Offered are the waitlist: Offered holds seats
// until the household confirms or the offer lapses.
const (
	AnswerInvited Answer = "invited"
	AnswerYes     Answer = "yes"
	AnswerNo      Answer = "no"
	AnswerMaybe   Answer = "maybe"
	AnswerWaiting Answer = "waiting"
	AnswerOffered Answer = "offered"
)

// Valid reports whether a is one of the answers.
func (a Answer) Valid() bool {
	switch a {
	case AnswerInvited, AnswerYes, AnswerNo, AnswerMaybe, AnswerWaiting, AnswerOffered:
		return true
	}
	return false
}

// Household is one household's answer as the rules see it.
type Household struct {
	ID           int64
	Answer       Answer
	Heads        int       // adults + children
	WaitingSince time.Time // zero unless Waiting or Offered
	OfferUntil   time.Time // zero unless Offered
}

// HoldsSeats reports whether the household's heads count against capacity:
// those coming, and those offered seats until they answer.
func (h Household) HoldsSeats() bool { return h.Answer == AnswerYes || h.Answer == AnswerOffered }

// SeatsTaken is the number of seats held, leaving out household except.
func SeatsTaken(hs []Household, except int64) int {
	n := 0
	for _, h := range hs {
		if h.ID != except && h.HoldsSeats() {
			n += h.Heads
		}
	}
	return n
}

// SeatsFree is the number of seats left (capacity 0: no limit, never full).
func SeatsFree(capacity int, hs []Household) int {
	if capacity <= 0 {
		return int(^uint(0) >> 1)
	}
	if f := capacity - SeatsTaken(hs, 0); f > 0 {
		return f
	}
	return 0
}

// YesOutcome is what a yes becomes.
type YesOutcome int

// The outcomes of a yes.
const (
	Seated   YesOutcome = iota // coming: the seats are theirs
	Waitlist                   // does not fit: on the waitlist with its size
	Kept                       // already coming with fewer heads, and the extra do not fit: the old answer stands
)

// DecideYes decides a yes with heads from household id (which may already
// have an answer among hs). A household already coming keeps its own seats
// while it changes its size. A household on the waitlist whose turn has not
// come stays there with its new size, unless the seats are free now and
// nobody waits ahead of it who fits them too.
func DecideYes(capacity int, hs []Household, id int64, heads int) YesOutcome {
	if capacity <= 0 {
		return Seated
	}
	free := capacity - SeatsTaken(hs, id)
	var self Household
	for _, h := range hs {
		if h.ID == id {
			self = h
		}
	}
	if heads <= free {
		if self.Answer == AnswerYes || self.Answer == AnswerOffered {
			return Seated
		}
		// Fairness: the free seats go first to households already waiting.
		for _, w := range Waitlisted(hs) {
			if w.ID != id && w.Heads <= free && (self.Answer != AnswerWaiting || w.WaitingSince.Before(self.WaitingSince)) {
				return Waitlist
			}
		}
		return Seated
	}
	if self.Answer == AnswerYes {
		return Kept
	}
	return Waitlist
}

// Waitlisted lists the households waiting (not yet offered), earliest first.
func Waitlisted(hs []Household) []Household {
	var w []Household
	for _, h := range hs {
		if h.Answer == AnswerWaiting {
			w = append(w, h)
		}
	}
	sort.SliceStable(w, func(i, j int) bool {
		if !w[i].WaitingSince.Equal(w[j].WaitingSince) {
			return w[i].WaitingSince.Before(w[j].WaitingSince)
		}
		return w[i].ID < w[j].ID
	})
	return w
}

// WaitlistPosition is household id's place on the waitlist (1 = next), counting the
// households waiting or offered ahead of it; 0 when it is not waiting.
func WaitlistPosition(hs []Household, id int64) int {
	var self Household
	for _, h := range hs {
		if h.ID == id {
			self = h
		}
	}
	if self.Answer != AnswerWaiting {
		return 0
	}
	n := 1
	for _, h := range Waitlisted(hs) {
		if h.ID == id {
			break
		}
		n++
	}
	return n
}

// PromoteWaiting picks the households to offer the free seats to: the earliest
// waiting households that fit, in order, each taking its seats from what is
// left. A household too big for what is left is passed over for now, so a
// household of five never blocks a household of two behind it when two
// seats are free; it keeps its place for the next seats.
func PromoteWaiting(capacity int, hs []Household) []int64 {
	if capacity <= 0 {
		var all []int64
		for _, h := range Waitlisted(hs) {
			all = append(all, h.ID)
		}
		return all
	}
	free := capacity - SeatsTaken(hs, 0)
	var out []int64
	for _, h := range Waitlisted(hs) {
		if free <= 0 {
			break
		}
		if h.Heads <= free {
			out = append(out, h.ID)
			free -= h.Heads
		}
	}
	return out
}

// OfferUntil is when an offer made at now lapses: after the coordinator's
// time, but never after the event starts.
func OfferUntil(now time.Time, window time.Duration, start time.Time) time.Time {
	until := now.Add(window)
	if until.After(start) {
		return start
	}
	return until
}

// OfferLapsed reports whether an offer has run out at now.
func OfferLapsed(h Household, now time.Time) bool {
	return h.Answer == AnswerOffered && !now.Before(h.OfferUntil)
}

// Change is the kind of answer a household gives, for the deadline rules.
type AnswerChange int

// The kinds of change.
const (
	Answering  AnswerChange = iota // yes, maybe, or a new number of heads
	Declining                      // no: frees seats
	Confirming                     // confirming offered seats
)

// AnswerAllowed decides whether a change may be made at now. Before the RSVP
// deadline anything goes. After it, a household may still say no (that
// frees seats for the waitlist, and "still coming?" asks exactly that) and
// may confirm seats offered to it until the offer lapses; nothing else.
// Once the event has begun, nothing.
func AnswerAllowed(c AnswerChange, h Household, now, deadline, start time.Time) error {
	if !now.Before(start) {
		return ErrEventStarted
	}
	switch c {
	case Declining:
		return nil
	case Confirming:
		if h.Answer != AnswerOffered {
			return ErrNoOffer
		}
		if OfferLapsed(h, now) {
			return ErrOfferLapsed
		}
		return nil
	}
	if now.After(deadline) {
		return ErrAnswerDeadline
	}
	return nil
}

// NoticeDue decides a timed notice to a household coming ("still coming?",
// the reminder the day before): due once its time has come and until the
// event starts (after downtime it is still useful until then), and only to
// households whose answer predates it: one who said yes after the notice's
// time has just answered and needs no question.
func NoticeDue(due, start, now, answeredAt time.Time) bool {
	return !now.Before(due) && now.Before(start) && !answeredAt.After(due)
}

// JoinAt is when a household joining the waitlist at now is recorded as
// joining: now, or just after the latest household already on the list, so
// that the order of the list is the order of joining even when two answers
// carry the same clock reading.
func JoinAt(hs []Household, now time.Time) time.Time {
	at := now
	for _, h := range hs {
		if (h.Answer == AnswerWaiting || h.Answer == AnswerOffered) && !h.WaitingSince.Before(at) {
			at = h.WaitingSince.Add(time.Microsecond)
		}
	}
	return at
}

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
	ID          int64      `db:"id"`
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

// TitleIn is the event's title in lang, or the Danish one.
func (e Event) TitleIn(lang string) string {
	if t := strings.TrimSpace(e.Titles[lang]); t != "" && lang != DefaultLanguage {
		return e.Titles[lang]
	}
	return e.Title
}

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
}
