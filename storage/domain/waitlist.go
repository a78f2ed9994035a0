// The rules of answering an event invitation, as plain
// functions without I/O: who fits in the seats left, who on the waitlist is
// offered seats when some free up, when an offer lapses, and what the RSVP
// deadline and the event's start forbid. Storage calls them inside the
// transaction that changes the answers, so the rule and the write are atomic
// and two households tapping for the last seats cannot both get them.

package domain

import (
	"sort"
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

// DaysBefore is the same wall-clock time days before t in loc: "still
// coming?" two days before a party at 15:00 is asked at 15:00, also when
// the clocks change in between (then it is 47 or 49 hours before).
func DaysBefore(t time.Time, days int, loc *time.Location) time.Time {
	l := t.In(loc)
	return Wall(time.Date(l.Year(), l.Month(), l.Day()-days, l.Hour(), l.Minute(), l.Second(), 0, time.UTC), loc)
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
