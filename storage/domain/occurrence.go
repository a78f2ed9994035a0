package domain

import (
	"sort"
	"time"
)

// DateChange is a coordinator's change to one date of an activity: cancelled,
// or moved to another start. Slot is the start the schedule gives.
type DateChange struct {
	Slot      time.Time
	Cancelled bool
	MovedTo   time.Time // zero unless moved
	Reason    Texts     // the coordinator's message to followers, per language
	ChangedAt time.Time
}

// Occurrence is one meeting of an activity. Slot names it (the start the
// schedule gives, stable when the meeting is moved); Start is when it
// really begins.
type Occurrence struct {
	Slot, Start time.Time
	Cancelled   bool
	Moved       bool
	Reason      Texts // the coordinator's message to followers, per language
	ChangedAt   time.Time
}

// Occurrences lists the meetings that begin in [from, to): the schedule's
// slots with the changes applied. A moved meeting counts where it now
// begins, whatever its slot; cancelled meetings are listed, flagged, at
// their slot, so that lists can say "no café on 24 December".
func Occurrences(spec Spec, loc *time.Location, changes []DateChange, from, to time.Time) []Occurrence {
	bySlot := make(map[int64]DateChange, len(changes))
	for _, c := range changes {
		bySlot[c.Slot.Unix()] = c
	}
	var out []Occurrence
	for _, slot := range spec.Between(loc, from, to) {
		c, changed := bySlot[slot.Unix()]
		switch {
		case !changed:
			out = append(out, Occurrence{Slot: slot, Start: slot})
		case c.Cancelled:
			out = append(out, Occurrence{Slot: slot, Start: slot, Cancelled: true, Reason: c.Reason, ChangedAt: c.ChangedAt})
		}
	}
	for _, c := range changes {
		if c.Cancelled || c.MovedTo.IsZero() || c.MovedTo.Before(from) || !c.MovedTo.Before(to) {
			continue
		}
		if !IsSlot(spec, loc, c.Slot) {
			continue // the schedule changed since: the slot no longer exists
		}
		out = append(out, Occurrence{Slot: c.Slot, Start: c.MovedTo, Moved: true, Reason: c.Reason, ChangedAt: c.ChangedAt})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Slot.Before(out[j].Slot)
	})
	return out
}

// IsSlot reports whether the schedule has a meeting starting at t.
func IsSlot(spec Spec, loc *time.Location, t time.Time) bool {
	ts := spec.Between(loc, t, t.Add(time.Second))
	return len(ts) == 1 && ts[0].Equal(t)
}

// NextMeeting is the first meeting, not cancelled, that has not begun at now.
func NextMeeting(spec Spec, loc *time.Location, changes []DateChange, now time.Time) (Occurrence, bool) {
	for _, span := range []time.Duration{15 * 24 * time.Hour, 400 * 24 * time.Hour} {
		for _, o := range Occurrences(spec, loc, changes, now, now.Add(span)) {
			if !o.Cancelled && o.Start.After(now) {
				return o, true
			}
		}
	}
	return Occurrence{}, false
}

// ReminderStep is what the scheduler does with one reminder.
type ReminderStep int

// The actions.
const (
	StepNone ReminderStep = iota // nothing, now or ever
	StepWait                     // not due yet
	StepSend                     // due and still useful: queue it
	StepSkip                     // became due while the scheduler was not running, and the meeting has begun: record it as skipped
)

func (a ReminderStep) String() string {
	return [...]string{"none", "wait", "send", "skip"}[a]
}

// DecideReminder decides the reminder of meeting o, sent remindBefore ahead
// of its start, at now. watermark is when the scheduler last decided: a
// reminder that became due after it and whose meeting has already begun was
// missed (the bot was down) and is recorded as skipped rather than sent late.
//
//   - no reminder offset, or a cancelled meeting: none;
//   - a moved meeting whose new reminder time had already passed when it was
//     moved: none, because the followers were told of the move at once;
//   - due in the future: wait;
//   - due, and the meeting has not begun: send (late if the bot was down:
//     a reminder is useful until the meeting starts);
//   - due after the watermark and the meeting has begun: skip;
//   - otherwise it was decided before: none.
func DecideReminder(o Occurrence, remindBefore time.Duration, now, watermark time.Time) ReminderStep {
	if remindBefore <= 0 || o.Cancelled {
		return StepNone
	}
	due := o.Start.Add(-remindBefore)
	switch {
	case o.Moved && !due.After(o.ChangedAt):
		return StepNone
	case due.After(now):
		return StepWait
	case o.Start.After(now):
		return StepSend
	case due.After(watermark):
		return StepSkip
	}
	return StepNone
}

// ReminderEligible reports whether a follower gets a reminder due at due: those who
// followed by then. Someone who follows after the reminder time has just
// seen the date on their screen.
func ReminderEligible(followedAt, due time.Time) bool { return !followedAt.After(due) }

// DecisionWindow is the range of meeting starts that can need a decision at
// now: meetings whose reminder is due but not yet begun, and meetings that
// began since the watermark (to record their missed reminders). lookback
// bounds how far back a stale watermark reaches.
func DecisionWindow(remindBefore time.Duration, now, watermark time.Time, lookback time.Duration) (from, to time.Time) {
	if watermark.Before(now.Add(-lookback)) {
		watermark = now.Add(-lookback)
	}
	from = watermark.Add(remindBefore)
	if now.Before(from) {
		from = now
	}
	// An instant later than now: meetings that begin after now and whose
	// reminder is due. One second more so a meeting starting exactly at
	// now+remindBefore is included.
	return from, now.Add(remindBefore + time.Second)
}

// NextReminderDue is when the next reminder of this activity falls due after now,
// or zero if none within the horizon.
func NextReminderDue(spec Spec, loc *time.Location, changes []DateChange, remindBefore time.Duration, now time.Time) time.Time {
	if remindBefore <= 0 {
		return time.Time{}
	}
	for _, o := range Occurrences(spec, loc, changes, now, now.Add(remindBefore+15*24*time.Hour)) {
		if DecideReminder(o, remindBefore, now, now) == StepWait {
			return o.Start.Add(-remindBefore)
		}
	}
	return time.Time{}
}

// ClaimResult is what one run of a scheduler claim decided (bot/schedule
// runs the claims; storage makes them).
type ClaimResult struct {
	Queued, Skipped int
	// Next is when the next notice falls due (zero: none known). The runner
	// sleeps until then, or until woken by a change, or until its poll.
	Next time.Time
}
