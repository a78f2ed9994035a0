package domain

import (
	"fmt"
	"testing"
	"time"
)

// Thursdays 15:00 in December 2026 (CET): 3, 10, 17, 24, 31 at 14:00 UTC.
var (
	dec3  = utcTime(2026, 12, 3, 14, 0)
	dec10 = utcTime(2026, 12, 10, 14, 0)
	dec17 = utcTime(2026, 12, 17, 14, 0)
	dec24 = utcTime(2026, 12, 24, 14, 0)
	dec31 = utcTime(2026, 12, 31, 14, 0)
)

func describe(os []Occurrence) string {
	s := ""
	for _, o := range os {
		s += fmt.Sprintf("[slot %s start %s", o.Slot.UTC().Format("01-02 15:04"), o.Start.UTC().Format("01-02 15:04"))
		if o.Cancelled {
			s += " cancelled"
		}
		if o.Moved {
			s += " moved"
		}
		if len(o.Reason) > 0 {
			s += " " + o.Reason["da"]
		}
		s += "]"
	}
	return s
}

func TestOccurrences(t *testing.T) {
	loc := copenhagen(t)
	thu := mustSpec(t, "0 15 * * THU")
	changed := utcTime(2026, 12, 1, 9, 0)
	from, to := utcTime(2026, 12, 1, 0, 0), utcTime(2026, 12, 21, 0, 0) // slots 3, 10, 17
	plain := func(s time.Time) Occurrence { return Occurrence{Slot: s, Start: s} }
	moved := func(slot, start time.Time) Occurrence {
		return Occurrence{Slot: slot, Start: start, Moved: true, Reason: Texts{"da": "moved"}, ChangedAt: changed}
	}
	for _, tc := range []struct {
		name    string
		changes []DateChange
		want    []Occurrence
	}{
		{"no changes", nil, []Occurrence{plain(dec3), plain(dec10), plain(dec17)}},
		{"cancelled listed at its slot", []DateChange{{Slot: dec10, Cancelled: true, Reason: Texts{"da": "library closed"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), {Slot: dec10, Start: dec10, Cancelled: true, Reason: Texts{"da": "library closed"}, ChangedAt: changed}, plain(dec17)}},
		{"moved within the window, sorted by new start", []DateChange{{Slot: dec3, MovedTo: dec10.Add(time.Hour), Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec10), moved(dec3, dec10.Add(time.Hour)), plain(dec17)}},
		{"moved out of the window", []DateChange{{Slot: dec17, MovedTo: utcTime(2026, 12, 22, 14, 0), Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), plain(dec10)}},
		{"moved before the window", []DateChange{{Slot: dec3, MovedTo: utcTime(2026, 11, 30, 14, 0), Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec10), plain(dec17)}},
		{"moved into the window", []DateChange{{Slot: dec24, MovedTo: utcTime(2026, 12, 18, 14, 0), Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), plain(dec10), plain(dec17), moved(dec24, utcTime(2026, 12, 18, 14, 0))}},
		{"moved onto another slot's start: both, by slot", []DateChange{{Slot: dec10, MovedTo: dec17, Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), moved(dec10, dec17), plain(dec17)}},
		{"moved to exactly the window's end is out", []DateChange{{Slot: dec10, MovedTo: to, Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), plain(dec17)}},
		{"moved to exactly the window's start is in", []DateChange{{Slot: dec10, MovedTo: from, Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{moved(dec10, from), plain(dec3), plain(dec17)}},
		{"cancel of a slot that no longer exists is ignored", []DateChange{{Slot: dec10.Add(time.Hour), Cancelled: true, ChangedAt: changed}},
			[]Occurrence{plain(dec3), plain(dec10), plain(dec17)}},
		{"move from a slot that no longer exists is ignored", []DateChange{{Slot: utcTime(2026, 12, 9, 14, 0), MovedTo: utcTime(2026, 12, 12, 14, 0), Reason: Texts{"da": "moved"}, ChangedAt: changed}},
			[]Occurrence{plain(dec3), plain(dec10), plain(dec17)}},
		{"cancel and move together", []DateChange{
			{Slot: dec3, Cancelled: true, ChangedAt: changed},
			{Slot: dec17, MovedTo: dec17.Add(24 * time.Hour), Reason: Texts{"da": "moved"}, ChangedAt: changed},
			{Slot: dec31, Cancelled: true, ChangedAt: changed}, // outside: not listed
		}, []Occurrence{{Slot: dec3, Start: dec3, Cancelled: true, ChangedAt: changed}, plain(dec10), moved(dec17, dec17.Add(24*time.Hour))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Occurrences(thu, loc, tc.changes, from, to)
			if len(got) != len(tc.want) {
				t.Fatalf("got %s\nwant %s", describe(got), describe(tc.want))
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if !g.Slot.Equal(w.Slot) || !g.Start.Equal(w.Start) || g.Cancelled != w.Cancelled || g.Moved != w.Moved ||
					!g.Reason.Equal(w.Reason) || !g.ChangedAt.Equal(w.ChangedAt) {
					t.Fatalf("got %s\nwant %s", describe(got), describe(tc.want))
				}
			}
		})
	}
}

func TestIsSlot(t *testing.T) {
	loc := copenhagen(t)
	thu := mustSpec(t, "0 15 * * THU")
	for _, tc := range []struct {
		name string
		t    time.Time
		want bool
	}{
		{"a slot", dec10, true},
		{"a second later", dec10.Add(time.Second), false},
		{"a second earlier", dec10.Add(-time.Second), false},
		{"15:00 UTC is 16:00 local", dec10.Add(time.Hour), false},
		{"a Wednesday", dec10.Add(-24 * time.Hour), false},
		{"summer slot", utcTime(2026, 7, 2, 13, 0), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsSlot(thu, loc, tc.t); got != tc.want {
				t.Fatalf("IsSlot(%v) = %v", tc.t, got)
			}
		})
	}
}

func TestReminderAction(t *testing.T) {
	const rb = 3 * time.Hour
	start := dec10
	due := start.Add(-rb) // 11:00 UTC
	o := Occurrence{Slot: start, Start: start}
	for _, tc := range []struct {
		name           string
		o              Occurrence
		rb             time.Duration
		now, watermark time.Time
		want           ReminderStep
	}{
		{"none without offset", o, 0, due, due.Add(-time.Minute), StepNone},
		{"none with a negative offset", o, -time.Hour, due, due.Add(-time.Minute), StepNone},
		{"cancelled", Occurrence{Slot: start, Start: start, Cancelled: true}, rb, due, due.Add(-time.Minute), StepNone},
		{"cancelled, bot was down", Occurrence{Slot: start, Start: start, Cancelled: true}, rb, start.Add(time.Hour), due.Add(-time.Hour), StepNone},
		{"moved with due before the change", Occurrence{Slot: start, Start: start.Add(30 * time.Minute), Moved: true, ChangedAt: start.Add(-time.Hour)}, rb,
			start.Add(-time.Hour + time.Minute), start.Add(-time.Hour), StepNone},
		{"moved with due exactly at the change", Occurrence{Slot: start, Start: start.Add(time.Hour), Moved: true, ChangedAt: due.Add(time.Hour)}, rb,
			due.Add(time.Hour), due, StepNone},
		{"moved with due after the change: wait", Occurrence{Slot: start, Start: start.Add(24 * time.Hour), Moved: true, ChangedAt: due}, rb,
			due.Add(time.Minute), due, StepWait},
		{"moved with due after the change: send", Occurrence{Slot: start, Start: start.Add(24 * time.Hour), Moved: true, ChangedAt: due}, rb,
			due.Add(24 * time.Hour), due.Add(24*time.Hour - time.Minute), StepSend},
		{"wait a second before due", o, rb, due.Add(-time.Second), due.Add(-time.Minute), StepWait},
		{"wait long before", o, rb, due.Add(-48 * time.Hour), due.Add(-49 * time.Hour), StepWait},
		{"send at due", o, rb, due, due.Add(-time.Minute), StepSend},
		{"send a minute after due", o, rb, due.Add(time.Minute), due, StepSend},
		{"send late after downtime", o, rb, start.Add(-time.Minute), due.Add(-48 * time.Hour), StepSend},
		{"send when watermark is already past due (decided by key, not watermark)", o, rb, due.Add(time.Hour), due.Add(30 * time.Minute), StepSend},
		{"skip after watermark: meeting begins now", o, rb, start, due.Add(-time.Minute), StepSkip},
		{"skip after watermark: meeting long begun", o, rb, start.Add(5 * time.Hour), due.Add(-time.Hour), StepSkip},
		{"none before watermark: due at watermark", o, rb, start.Add(time.Minute), due, StepNone},
		{"none before watermark: decided long ago", o, rb, start.Add(2 * time.Hour), start.Add(time.Hour), StepNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideReminder(tc.o, tc.rb, tc.now, tc.watermark); got != tc.want {
				t.Fatalf("ReminderAction = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("action names", func(t *testing.T) {
		for a, want := range map[ReminderStep]string{StepNone: "none", StepWait: "wait", StepSend: "send", StepSkip: "skip"} {
			if a.String() != want {
				t.Errorf("%d.String() = %q", a, a.String())
			}
		}
	})
}

func TestEligible(t *testing.T) {
	due := dec10.Add(-3 * time.Hour)
	for _, tc := range []struct {
		name     string
		followed time.Time
		want     bool
	}{
		{"followed long before", due.Add(-7 * 24 * time.Hour), true},
		{"followed a minute before", due.Add(-time.Minute), true},
		{"followed at due", due, true},
		{"followed a second after", due.Add(time.Second), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ReminderEligible(tc.followed, due); got != tc.want {
				t.Fatalf("Eligible = %v", got)
			}
		})
	}
}

func TestDecisionWindow(t *testing.T) {
	const rb = 3 * time.Hour
	const lookback = 7 * 24 * time.Hour
	now := utcTime(2026, 12, 10, 11, 0)
	for _, tc := range []struct {
		name             string
		rb               time.Duration
		watermark        time.Time
		wantFrom, wantTo time.Time
	}{
		{"fresh watermark", rb, now.Add(-time.Minute), now, now.Add(rb + time.Second)},
		{"first run (watermark now)", rb, now, now, now.Add(rb + time.Second)},
		{"five hours down", rb, now.Add(-5 * time.Hour), now.Add(-2 * time.Hour), now.Add(rb + time.Second)},
		{"stale watermark capped by lookback", rb, now.Add(-30 * 24 * time.Hour), now.Add(-lookback + rb), now.Add(rb + time.Second)},
		{"watermark in the future (other clock)", rb, now.Add(time.Hour), now, now.Add(rb + time.Second)},
		{"day-long offset, two days down", 24 * time.Hour, now.Add(-48 * time.Hour), now.Add(-24 * time.Hour), now.Add(24*time.Hour + time.Second)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to := DecisionWindow(tc.rb, now, tc.watermark, lookback)
			if !from.Equal(tc.wantFrom) || !to.Equal(tc.wantTo) {
				t.Fatalf("DecisionWindow = [%v, %v), want [%v, %v)", from, to, tc.wantFrom, tc.wantTo)
			}
		})
	}
	// Every meeting the rule would send or skip (with the watermark capped
	// as the window caps it) lies in the window; nothing needing a decision
	// is left outside.
	for _, wmAgo := range []time.Duration{0, time.Minute, 2 * time.Hour, 3 * time.Hour, 5 * time.Hour, 3 * 24 * time.Hour, 30 * 24 * time.Hour} {
		t.Run(fmt.Sprintf("covers every send and skip, watermark %v ago", wmAgo), func(t *testing.T) {
			wm := now.Add(-wmAgo)
			from, to := DecisionWindow(rb, now, wm, lookback)
			capped := wm
			if capped.Before(now.Add(-lookback)) {
				capped = now.Add(-lookback)
			}
			for s := now.Add(-10 * 24 * time.Hour); s.Before(now.Add(24 * time.Hour)); s = s.Add(5 * time.Minute) {
				act := DecideReminder(Occurrence{Slot: s, Start: s}, rb, now, capped)
				in := !s.Before(from) && s.Before(to)
				if (act == StepSend || act == StepSkip) && !in {
					t.Fatalf("meeting at %v needs %v but window is [%v, %v)", s, act, from, to)
				}
			}
		})
	}
}

func TestNextDueAndNextMeeting(t *testing.T) {
	loc := copenhagen(t)
	thu := mustSpec(t, "0 15 * * THU")
	const rb = 3 * time.Hour
	changed := utcTime(2026, 12, 4, 9, 0)
	cancel := func(slots ...time.Time) []DateChange {
		var cs []DateChange
		for _, s := range slots {
			cs = append(cs, DateChange{Slot: s, Cancelled: true, ChangedAt: changed})
		}
		return cs
	}
	jan7 := utcTime(2027, 1, 7, 14, 0)
	for _, tc := range []struct {
		name        string
		changes     []DateChange
		rb          time.Duration
		now         time.Time
		wantDue     time.Time
		wantMeeting time.Time // start of the next meeting
	}{
		{"before the day's reminder", nil, rb, dec3.Add(-5 * time.Hour), dec3.Add(-rb), dec3},
		{"exactly at due: the next one", nil, rb, dec3.Add(-rb), dec10.Add(-rb), dec3},
		{"meeting under way", nil, rb, dec3.Add(time.Minute), dec10.Add(-rb), dec10},
		{"at the meeting's start it has begun", nil, rb, dec3, dec10.Add(-rb), dec10},
		{"cancelled date skipped", cancel(dec10), rb, changed, dec17.Add(-rb), dec17},
		// NextDue looks 15 days ahead (zero beyond: the runner polls anyway);
		// NextMeeting looks on.
		{"four cancelled dates skipped", cancel(dec10, dec17, dec24, dec31), rb, changed, time.Time{}, jan7},
		{"cancelled date after a meeting under way", cancel(dec17), rb, dec10.Add(time.Hour), dec24.Add(-rb), dec24},
		{"moved later", []DateChange{{Slot: dec10, MovedTo: dec10.Add(24 * time.Hour), ChangedAt: changed}}, rb, changed,
			dec10.Add(24*time.Hour - rb), dec10.Add(24 * time.Hour)},
		{"moved earlier", []DateChange{{Slot: dec10, MovedTo: dec10.Add(-48 * time.Hour), ChangedAt: changed}}, rb, changed,
			dec10.Add(-48*time.Hour - rb), dec10.Add(-48 * time.Hour)},
		{"moved so close that its reminder time had passed: next due is the week after", []DateChange{{Slot: dec10, MovedTo: dec10.Add(-time.Hour), ChangedAt: dec10.Add(-3 * time.Hour)}},
			rb, dec10.Add(-3*time.Hour + time.Second), dec17.Add(-rb), dec10.Add(-time.Hour)},
		{"no reminder offset", nil, 0, changed, time.Time{}, dec10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NextReminderDue(thu, loc, tc.changes, tc.rb, tc.now); !got.Equal(tc.wantDue) {
				t.Errorf("NextDue = %v, want %v", got, tc.wantDue)
			}
			o, ok := NextMeeting(thu, loc, tc.changes, tc.now)
			if !ok || !o.Start.Equal(tc.wantMeeting) || o.Cancelled {
				t.Errorf("NextMeeting = %s %v, want start %v", describe([]Occurrence{o}), ok, tc.wantMeeting)
			}
		})
	}
}
