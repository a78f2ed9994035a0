package domain

import (
	"time"
)

// MeetingChange is a coordinator's change to one meeting. Zero MovedTo and
// Cancel false restores the meeting as the schedule has it.
type MeetingChange struct {
	ActivityID int64
	Slot       time.Time
	Cancel     bool
	MovedTo    time.Time
	Reason     Texts // a message to the followers per language, Danish first; may be empty
	By         int64
}

// HeadCount is who came to one meeting: adults and children counted at the
// door, and how many of them came for the first time.
type HeadCount struct {
	Adults    int `db:"adults"`
	Children  int `db:"children"`
	FirstTime int `db:"first_time"`
}

// Total is everyone counted.
func (h HeadCount) Total() int { return h.Adults + h.Children }

// Head-count taps.
const (
	TapAdult = "adult"
	TapChild = "child"
	TapFirst = "first"
)

// ApplyTap is the head-count rule: +adult and +child add a person; "first
// time here" marks one of the people counted as new, so there can be no more
// first-timers than people. It returns the new count, ErrFirstNeedsPerson,
// or ErrCount for a kind it does not know.
func ApplyTap(h HeadCount, kind string) (HeadCount, error) {
	switch kind {
	case TapAdult:
		h.Adults++
	case TapChild:
		h.Children++
	case TapFirst:
		if h.FirstTime >= h.Total() {
			return h, ErrFirstNeedsPerson
		}
		h.FirstTime++
	default:
		return h, ErrCount
	}
	return h, nil
}

// Counter is who asks to count a meeting, as the chat knows them: the
// member, whether they are a coordinator, and where the meeting stands in
// time (on its day in the local calendar; begun).
type Counter struct {
	MemberID    int64
	Coordinator bool
	OnTheDay    bool
	Begun       bool
}

// MayCount is the head-count rule. Nobody counts a cancelled meeting.
// Coordinators count on the day or any time after the meeting began (to fix
// a count). Volunteers count on the day only, and when the activity has
// shifts, only the volunteers on a shift of that meeting: its hosts. An
// activity without shifts has no hosts, so any volunteer may count it.
func MayCount(c Counter, cancelled, staffed, hosting bool) error {
	switch {
	case cancelled:
		return ErrCountCancelled
	case c.Coordinator:
		if !c.OnTheDay && !c.Begun {
			return ErrCountNotToday
		}
		return nil
	case !c.OnTheDay:
		return ErrCountNotToday
	case staffed && !hosting:
		return ErrCountNotHost
	}
	return nil
}
