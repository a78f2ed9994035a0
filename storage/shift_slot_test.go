package storage

import (
	"context"
	"errors"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// shiftSlotAt names one meeting of a shift by its slot (the start the
// schedule gives, stable when the date moves): a regular date, a moved date
// (found by its slot, beginning where it was moved to), never a cancelled
// one, nor an instant the schedule does not give, including on the days the
// clocks change.
func TestShiftSlotAt(t *testing.T) {
	s, _, host, walk := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	// A night shift on Sundays at 02:30, to meet the clock changes.
	_, err := s.ImportPlan(ctx, Plan{
		Activities: []domain.Activity{
			{Key: "tal-dansk", Name: "Tal Dansk Café", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180},
			{Key: "nat", Name: "Natcafé", Schedule: "30 2 * * SUN", DurationMin: 60},
		},
		Shifts: []PlanShift{
			{Shift: domain.Shift{Key: "host", Role: "Vært", Roles: domain.Texts{"en": "Host"}, Needed: 2}, Activity: "tal-dansk"},
			{Shift: domain.Shift{Key: "walk", Role: "Rundvisning", Needed: 1, Language: "ti", StartsAt: walk.StartsAt, EndsAt: walk.EndsAt, Place: "Ballerup Station"}},
			{Shift: domain.Shift{Key: "night", Role: "Nattevagt", Needed: 1}, Activity: "nat"},
		},
	}, now)
	if err != nil {
		t.Fatal(err)
	}
	var night domain.Shift
	if err := s.r.Get(&night, `SELECT `+shiftCols+` FROM shifts WHERE key = 'night'`); err != nil {
		t.Fatal(err)
	}
	a, err := s.ActivityByKey(ctx, domain.DefaultBranchID, "tal-dansk")
	if err != nil {
		t.Fatal(err)
	}
	thu := func(month time.Month, day, hour int) time.Time {
		return time.Date(2027, month, day, hour, 0, 0, 0, cphLoc)
	}
	change := func(slot time.Time, state string, movedTo any) {
		t.Helper()
		if _, err := s.w.Exec(`INSERT INTO occurrence_changes (activity_id, slot, state, moved_to, changed_at) VALUES (?, ?, ?, ?, ?)`,
			a.ID, slot.UTC(), state, movedTo, now.UTC()); err != nil {
			t.Fatal(err)
		}
	}
	change(thu(1, 21, 15), "cancelled", nil)
	change(thu(1, 28, 15), "moved", thu(1, 29, 16).UTC())
	change(thu(2, 4, 15), "moved", time.Date(2028, 3, 1, 15, 0, 0, 0, cphLoc).UTC()) // more than a year away
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu(1, 14, 15), 2, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu(1, 28, 15), 3, now); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name   string
		shift  domain.Shift
		slot   time.Time
		start  time.Time // zero: domain.ErrNoSuchMeeting
		people []int64
	}{
		{"regular date", host, thu(1, 14, 15), thu(1, 14, 15), []int64{2}},
		{"regular date, nobody yet", host, thu(2, 11, 15), thu(2, 11, 15), nil},
		{"cancelled date", host, thu(1, 21, 15), time.Time{}, nil},
		{"moved date, by its slot", host, thu(1, 28, 15), thu(1, 29, 16), []int64{3}},
		{"moved date, by where it went", host, thu(1, 29, 16), time.Time{}, nil},
		{"moved more than a year away", host, thu(2, 4, 15), time.Time{}, nil},
		{"not a slot: wrong hour", host, thu(1, 14, 16), time.Time{}, nil},
		{"not a slot: wrong day", host, thu(1, 13, 15), time.Time{}, nil},
		{"not a slot: a second off", host, thu(1, 14, 15).Add(time.Second), time.Time{}, nil},
		{"spring forward: 02:30 is 03:30 summer time", night, time.Date(2027, 3, 28, 1, 30, 0, 0, time.UTC), time.Date(2027, 3, 28, 1, 30, 0, 0, time.UTC), nil},
		{"spring forward: 02:30 winter time never was", night, time.Date(2027, 3, 28, 0, 30, 0, 0, time.UTC), time.Time{}, nil},
		{"fall back: the first 02:30", night, time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC), time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC), nil},
		{"fall back: the second 02:30", night, time.Date(2027, 10, 31, 1, 30, 0, 0, time.UTC), time.Time{}, nil},
		{"ordinary Sunday", night, time.Date(2027, 2, 7, 2, 30, 0, 0, cphLoc), time.Date(2027, 2, 7, 2, 30, 0, 0, cphLoc), nil},
		{"standalone shift at its start", walk, *walk.StartsAt, *walk.StartsAt, nil},
		{"standalone shift at another time", walk, walk.StartsAt.Add(time.Hour), time.Time{}, nil},
		{"no such shift", domain.Shift{ID: 999}, thu(1, 14, 15), time.Time{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sl, err := shiftSlotAt(ctx, s.r, everyBranch, cphLoc, tc.shift.ID, tc.slot)
			if tc.start.IsZero() {
				if !errors.Is(err, domain.ErrNoSuchMeeting) {
					t.Fatalf("got %+v, %v; want domain.ErrNoSuchMeeting", sl, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sl.Shift.ID != tc.shift.ID || !sl.Slot.Equal(tc.slot) || !sl.Start.Equal(tc.start) {
				t.Errorf("shift %d slot %v start %v; want shift %d slot %v start %v", sl.Shift.ID, sl.Slot, sl.Start, tc.shift.ID, tc.slot, tc.start)
			}
			wantEnd := tc.start.Add(time.Hour)
			switch {
			case tc.shift.ID == host.ID:
				wantEnd = tc.start.Add(2 * time.Hour)
			case tc.shift.ID == walk.ID:
				wantEnd = *walk.EndsAt
			}
			if !sl.End.Equal(wantEnd) {
				t.Errorf("end %v, want %v", sl.End, wantEnd)
			}
			if (sl.Activity == nil) != (tc.shift.ActivityID == nil) {
				t.Errorf("activity %+v for shift with activity id %v", sl.Activity, tc.shift.ActivityID)
			}
			var ids []int64
			for _, m := range sl.People {
				ids = append(ids, m.ID)
			}
			if len(ids) != len(tc.people) || (len(ids) > 0 && ids[0] != tc.people[0]) {
				t.Errorf("people %v, want %v", ids, tc.people)
			}
		})
	}
	t.Run("archived shift", func(t *testing.T) {
		if _, err := s.w.Exec(`UPDATE shifts SET archived_at = ? WHERE id = ?`, now.UTC(), host.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := shiftSlotAt(ctx, s.r, everyBranch, cphLoc, host.ID, thu(1, 14, 15)); !errors.Is(err, domain.ErrNoSuchMeeting) {
			t.Errorf("archived shift: %v, want domain.ErrNoSuchMeeting", err)
		}
	})
}
