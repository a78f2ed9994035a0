package storage

import (
	"context"
	"testing"
	"time"
	"vejviser/storage/domain"
)

func TestReportRowsCountEventsAndMeetingsWithoutNames(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	for id := int64(1); id <= 3; id++ {
		register(t, s, id, "da", domain.RoleParticipant)
	}
	// An earlier event where household 1 came: at the later one it returns.
	early := domain.Event{Key: "early", Title: "Tidlig", StartsAt: t0.Add(24 * time.Hour), EndsAt: t0.Add(26 * time.Hour), RSVPBy: t0.Add(20 * time.Hour)}
	earlyID, err := s.CreateEvent(ctx, early, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	claim(t, s, t0)
	early, _ = s.Event(ctx, []int64{domain.DefaultBranchID}, earlyID)
	answer(t, s, early, 1, domain.AnswerYes, 1, 0, t0.Add(time.Hour))
	is, _ := s.Invitations(ctx, []int64{domain.DefaultBranchID}, earlyID)
	for _, i := range is {
		if i.Answer == "yes" {
			if err := s.CheckIn(ctx, []int64{domain.DefaultBranchID}, earlyID, i.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	e := party(t, s, 0) // starts t0+72h
	claim(t, s, t0.Add(2*time.Hour))
	answer(t, s, e, 1, domain.AnswerYes, 2, 1, t0.Add(3*time.Hour)) // returning, comes
	answer(t, s, e, 2, domain.AnswerYes, 1, 2, t0.Add(3*time.Hour)) // first time, comes
	answer(t, s, e, 3, domain.AnswerYes, 1, 0, t0.Add(3*time.Hour)) // does not come
	is, _ = s.Invitations(ctx, []int64{domain.DefaultBranchID}, e.ID)
	for _, i := range is {
		if err := s.CheckIn(ctx, []int64{domain.DefaultBranchID}, e.ID, i.ID, i.MemberID.Int64 != 3); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{domain.TapAdult, domain.TapChild, domain.TapFirst} {
		if _, err := s.TapWalkIn(ctx, []int64{domain.DefaultBranchID}, e.ID, k, e.StartsAt); err != nil {
			t.Fatal(err)
		}
	}
	act, err := s.CreateActivity(ctx, domain.Activity{Key: "cafe", Name: "Café", Schedule: "0 15 * * THU", DurationMin: 120}, t0)
	if err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2026, 11, 26, 15, 0, 0, 0, cph) // a Thursday
	for _, k := range []string{domain.TapAdult, domain.TapAdult, domain.TapFirst} {
		if _, err := s.TapHeadCount(ctx, []int64{domain.DefaultBranchID}, asCoordinator, act, slot, k, slot); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.ReportRows(ctx, cph, t0, t0.AddDate(0, 1, 0), t0.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	var ev, meet *domain.ReportRow
	for i := range rows {
		switch rows[i].Key {
		case "fest":
			ev = &rows[i]
		case "cafe":
			if rows[i].Start.Equal(slot) {
				meet = &rows[i]
			}
		}
	}
	if ev == nil || meet == nil {
		t.Fatalf("rows: %+v", rows)
	}
	want := domain.ReportRow{Start: e.StartsAt, Kind: domain.RowEvent, Key: "fest", Title: "Fest", Meetings: 1,
		YesHouseholds: 3, YesAdults: 4, YesChildren: 3, CameAdults: 2 + 1 + 1, CameChildren: 1 + 2 + 1, FirstTime: 3 + 1}
	if !ev.Start.Equal(want.Start) {
		t.Errorf("event start %v", ev.Start)
	}
	ev.Start = want.Start
	if *ev != want {
		t.Errorf("event row\n got %+v\nwant %+v", *ev, want)
	}
	if meet.CameAdults != 2 || meet.FirstTime != 1 || meet.Kind != domain.RowActivity {
		t.Errorf("meeting row %+v", *meet)
	}
}
