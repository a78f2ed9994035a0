package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// reportModel is what a randomized plan stored, kept by the test on its
// own: every meeting that took place (where it began, with its count) and
// every event (its start, the yes answers and the walk-ins).
type reportModel struct {
	meetings []modelRow
	events   []modelRow
	earliest time.Time // nothing existed before it
}

type modelRow struct {
	start                                 time.Time
	yesAdults, yesChildren, yesHouseholds int
	adults, children, first               int
}

// sum is the model's totals for [from, to) with meetings begun by now.
func (m reportModel) sum(from, to, now time.Time) domain.ReportRow {
	var t domain.ReportRow
	add := func(r modelRow) {
		t.Meetings++
		t.YesHouseholds += r.yesHouseholds
		t.YesAdults += r.yesAdults
		t.YesChildren += r.yesChildren
		t.CameAdults += r.adults
		t.CameChildren += r.children
		t.FirstTime += r.first
	}
	for _, r := range m.meetings {
		if !r.start.Before(from) && r.start.Before(to) && r.start.Before(now) {
			add(r)
		}
	}
	for _, r := range m.events {
		if !r.start.Before(from) && r.start.Before(to) {
			add(r)
		}
	}
	return t
}

// TestReportTotalsProperty stores randomized plans (weekly activities
// created on random days, some with a plan's first day, some archived, with
// cancelled and moved dates and head counts; events with answers and
// walk-ins) and checks, for random periods, that the report's totals equal
// what the plan stored, and that a period before anything existed has no
// rows.
func TestReportTotalsProperty(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	now := time.Date(2027, 6, 1, 12, 0, 0, 0, cph)
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 16))
			s := open(t)
			m := randomPlan(t, s, rng, cph, now)
			check := func(from, to time.Time) {
				t.Helper()
				rows, err := s.ReportRows(context.Background(), cph, from, to, now)
				if err != nil {
					t.Fatal(err)
				}
				all := domain.MonthTotals(rows, cph)
				got, want := all[len(all)-1], m.sum(from, to, now)
				got.Kind, got.Start = "", time.Time{}
				if got != want {
					t.Errorf("%s – %s: totals\n got %+v\nwant %+v", from.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
				}
			}
			for i := 0; i < 12; i++ {
				from := time.Date(2025, 1, 1, 0, 0, 0, 0, cph).AddDate(0, 0, rng.IntN(3*365))
				check(from, from.AddDate(0, 0, 1+rng.IntN(2*365)))
			}
			check(time.Date(2025, 1, 1, 0, 0, 0, 0, cph), time.Date(2027, 1, 1, 0, 0, 0, 0, cph))
			before := m.earliest.AddDate(0, 0, -1)
			rows, err := s.ReportRows(context.Background(), cph, before.AddDate(-1, 0, 0), before, now)
			if err != nil || len(rows) != 0 {
				t.Errorf("the year before anything existed: %d rows, %v", len(rows), err)
			}
		})
	}
}

// randomPlan stores a random plan and returns the model of it.
func randomPlan(t *testing.T, s *Store, rng *rand.Rand, loc *time.Location, now time.Time) reportModel {
	ctx := context.Background()
	m := reportModel{earliest: now}
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 1+rng.IntN(3); i++ {
		dow, hour := rng.IntN(7), 9+rng.IntN(10)
		created := start.Add(time.Duration(rng.Int64N(int64(600 * 24 * time.Hour))))
		a := domain.Activity{Key: fmt.Sprint("a", i), Name: "Café", Schedule: fmt.Sprintf("0 %d * * %d", hour, dow), DurationMin: 60}
		first := created
		if rng.IntN(3) == 0 { // a plan's first day, before or after the day it was created
			day := created.AddDate(0, 0, rng.IntN(60)-30)
			y, mo, d := day.Date()
			fd := time.Date(y, mo, d, 0, 0, 0, 0, loc)
			a.FirstDay, first = &fd, fd
		}
		id, err := s.CreateActivity(ctx, a, created)
		if err != nil {
			t.Fatal(err)
		}
		var archived time.Time
		if rng.IntN(3) == 0 {
			archived = created.Add(time.Duration(rng.Int64N(int64(300 * 24 * time.Hour))))
		}
		y, mo, d := first.Date()
		for day := time.Date(y, mo, d, hour, 0, 0, 0, loc); day.Before(now.AddDate(0, 1, 0)); day = day.AddDate(0, 0, 1) {
			slot := day
			if int(slot.Weekday()) != dow || (!archived.IsZero() && !slot.Before(archived)) {
				continue
			}
			m.earliest = minTime(m.earliest, slot)
			row := modelRow{start: slot}
			switch rng.IntN(10) {
			case 0:
				change(t, s, domain.MeetingChange{ActivityID: id, Slot: slot, Cancel: true}, loc)
				continue
			case 1:
				row.start = slot.Add(26 * time.Hour)
				change(t, s, domain.MeetingChange{ActivityID: id, Slot: slot, MovedTo: row.start}, loc)
			}
			if row.start.Before(now) {
				row.adults, row.children = rng.IntN(4), rng.IntN(3)
				row.first = rng.IntN(row.adults + row.children + 1)
				tap(t, s, id, slot, domain.TapAdult, row.adults)
				tap(t, s, id, slot, domain.TapChild, row.children)
				tap(t, s, id, slot, domain.TapFirst, row.first)
			}
			m.meetings = append(m.meetings, row)
		}
		if !archived.IsZero() {
			if err := s.ArchiveActivity(ctx, []int64{domain.DefaultBranchID}, id, archived); err != nil {
				t.Fatal(err)
			}
		}
	}
	m.events = randomEvents(t, s, rng, start, now)
	for _, e := range m.events {
		m.earliest = minTime(m.earliest, e.start)
	}
	return m
}

// randomEvents creates up to three events, each answered yes by up to three
// households and with walk-ins at the door.
func randomEvents(t *testing.T, s *Store, rng *rand.Rand, start, now time.Time) []modelRow {
	ctx := context.Background()
	var out []modelRow
	for id := int64(1); id <= 3; id++ {
		if _, err := s.Member(ctx, id); err != nil {
			register(t, s, id, "da", domain.RoleParticipant)
		}
	}
	for i := 0; i < rng.IntN(4); i++ {
		at := start.Add(time.Duration(rng.Int64N(int64(700 * 24 * time.Hour)))).Truncate(time.Hour)
		e := domain.Event{Key: fmt.Sprint("e", i), Title: "Fest", StartsAt: at, EndsAt: at.Add(3 * time.Hour), RSVPBy: at.Add(-24 * time.Hour)}
		created := at.AddDate(0, 0, -10)
		eid, err := s.CreateEvent(ctx, e, nil, created)
		if err != nil {
			t.Fatal(err)
		}
		claim(t, s, created)
		e, _ = s.Event(ctx, []int64{domain.DefaultBranchID}, eid)
		row := modelRow{start: at}
		for member := int64(1); member <= 3; member++ {
			if rng.IntN(2) == 0 {
				continue
			}
			adults, children := 1+rng.IntN(3), rng.IntN(3)
			answer(t, s, e, member, domain.AnswerYes, adults, children, created.Add(time.Hour))
			row.yesHouseholds++
			row.yesAdults += adults
			row.yesChildren += children
		}
		for _, k := range []string{domain.TapAdult, domain.TapChild} {
			n := rng.IntN(3)
			for j := 0; j < n; j++ {
				if _, err := s.TapWalkIn(ctx, []int64{domain.DefaultBranchID}, eid, k, at); err != nil {
					t.Fatal(err)
				}
			}
			if k == domain.TapAdult {
				row.adults = n
			} else {
				row.children = n
			}
		}
		out = append(out, row)
	}
	_ = now
	return out
}

func change(t *testing.T, s *Store, c domain.MeetingChange, loc *time.Location) {
	t.Helper()
	if _, err := s.ChangeMeeting(context.Background(), []int64{domain.DefaultBranchID}, c, loc, c.Slot.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func tap(t *testing.T, s *Store, activityID int64, slot time.Time, kind string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		if _, err := s.TapHeadCount(context.Background(), []int64{domain.DefaultBranchID}, asCoordinator, activityID, slot, kind, slot); err != nil {
			t.Fatal(err)
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
