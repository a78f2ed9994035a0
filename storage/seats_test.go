package storage

import (
	"context"
	"errors"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// fullParty is an event of capacity 4 with household 1 (4 heads) coming
// and household 2 (2 heads) waiting; members 1 and 2 are participants.
func fullParty(t *testing.T, s *Store) domain.Event {
	t.Helper()
	register(t, s, 1, "da", domain.RoleParticipant)
	register(t, s, 2, "da", domain.RoleParticipant)
	e := party(t, s, 4)
	claim(t, s, t0)
	answer(t, s, e, 1, domain.AnswerYes, 2, 2, t0.Add(time.Minute))
	if r := answer(t, s, e, 2, domain.AnswerYes, 2, 0, t0.Add(2*time.Minute)); r.Outcome != domain.Waitlist {
		t.Fatalf("second household: %v", r.Outcome)
	}
	return e
}

// offered checks that member was offered seats, once.
func offered(t *testing.T, s *Store, e domain.Event, member int64) {
	t.Helper()
	mine, err := s.MyInvitation(context.Background(), []int64{domain.DefaultBranchID}, e.ID, member)
	if err != nil || mine.Answer != string(domain.AnswerOffered) {
		t.Fatalf("household %d is %q (%v), want offered", member, mine.Answer, err)
	}
	if n := outboxCount(t, s, domain.NoticeEventOffer, member); n != 1 {
		t.Fatalf("household %d told of the offer %d times, want 1", member, n)
	}
}

func TestRaisedCapacityOffersSeatsAtOnce(t *testing.T) {
	s := open(t)
	e := fullParty(t, s)
	e.Capacity = new(int)
	*e.Capacity = 40
	if err := s.UpdateEvent(context.Background(), []int64{domain.DefaultBranchID}, e, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	offered(t, s, e, 2)
}

func TestForgottenHouseholdsSeatsAreOffered(t *testing.T) {
	s := open(t)
	e := fullParty(t, s)
	if err := s.Forget(context.Background(), 1, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	offered(t, s, e, 2)
}

func TestRecordedHouseholdEditedAndRemoved(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 2, "da", domain.RoleParticipant)
	e := party(t, s, 4)
	claim(t, s, t0)
	if err := s.RecordHousehold(ctx, []int64{domain.DefaultBranchID}, e.ID, "Familien Hansen", 2, 2, t0); err != nil {
		t.Fatal(err)
	}
	answer(t, s, e, 2, domain.AnswerYes, 1, 0, t0.Add(time.Minute))
	is, _ := s.Invitations(ctx, []int64{domain.DefaultBranchID}, e.ID)
	var rec int64
	for _, i := range is {
		if i.Recorded() {
			rec = i.ID
		}
	}
	now := t0.Add(time.Hour)
	if _, err := s.EditRecorded(ctx, []int64{domain.DefaultBranchID}, e.ID, rec, "Familien Hansen", 3, 2, now); !errors.Is(err, domain.ErrFull) {
		t.Errorf("growing beyond capacity: %v", err)
	}
	// Shrinking by one frees a seat: the household of one waiting is offered it.
	if n, err := s.EditRecorded(ctx, []int64{domain.DefaultBranchID}, e.ID, rec, "Hansen (telefon)", 2, 1, now); err != nil || n != 1 {
		t.Fatalf("shrinking: %d offered (%v), want 1", n, err)
	}
	offered(t, s, e, 2)
	if n, err := s.RemoveRecorded(ctx, []int64{domain.DefaultBranchID}, e.ID, rec, now); err != nil || n != 0 {
		t.Fatalf("removing: %d offered (%v)", n, err)
	}
	is, _ = s.Invitations(ctx, []int64{domain.DefaultBranchID}, e.ID)
	if len(is) != 1 || is[0].Recorded() {
		t.Errorf("after removal: %+v", is)
	}
	// A household with Telegram is not the coordinator's to remove.
	if _, err := s.RemoveRecorded(ctx, []int64{domain.DefaultBranchID}, e.ID, is[0].ID, now); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("removing a member's answer: %v", err)
	}
}

func TestSeatsFreeAfterAFullAnswer(t *testing.T) {
	s := open(t)
	register(t, s, 3, "da", domain.RoleParticipant)
	e := fullParty(t, s)
	claim(t, s, t0.Add(time.Minute))
	answer(t, s, e, 1, domain.AnswerYes, 2, 1, t0.Add(3*time.Minute)) // frees one seat; the two waiting do not fit
	r := answer(t, s, e, 3, domain.AnswerYes, 2, 0, t0.Add(4*time.Minute))
	if r.Outcome != domain.Waitlist || r.Free != 1 {
		t.Errorf("two into one free seat: %v, %d free; want waitlisted, 1 free", r.Outcome, r.Free)
	}
}

// TestStillComingAtTheSameClockOnBothSwitchDays: "still coming?" two days
// before a party at 15:00 is asked at 15:00, across the spring switch (47
// hours before) and the autumn one (49 hours before).
func TestStillComingAtTheSameClockOnBothSwitchDays(t *testing.T) {
	for _, start := range []time.Time{
		time.Date(2027, 3, 29, 15, 0, 0, 0, cphLoc), // clocks forward on 28 March
		time.Date(2027, 11, 1, 15, 0, 0, 0, cphLoc), // clocks back on 31 October
	} {
		t.Run(start.Format("2006-01-02"), func(t *testing.T) {
			s := open(t)
			register(t, s, 1, "da", domain.RoleParticipant)
			now := start.AddDate(0, 0, -10)
			id, err := s.CreateEvent(context.Background(), domain.Event{Key: "fest", Title: "Fest", AskDays: 2, StartsAt: start,
				EndsAt: start.Add(3 * time.Hour), RSVPBy: start.AddDate(0, 0, -3), Invite: domain.InviteParticipants}, nil, now)
			if err != nil {
				t.Fatal(err)
			}
			e, _ := s.Event(context.Background(), []int64{domain.DefaultBranchID}, id)
			claim(t, s, now)
			answer(t, s, e, 1, domain.AnswerYes, 1, 0, now.Add(time.Hour))
			due := time.Date(start.Year(), start.Month(), start.Day()-2, 15, 0, 0, 0, cphLoc)
			claim(t, s, due.Add(-time.Minute))
			if n := outboxCount(t, s, domain.NoticeEventStillComing, 1); n != 0 {
				t.Fatalf("asked before 15:00 two days before (%v)", due.Add(-time.Minute))
			}
			claim(t, s, due)
			if n := outboxCount(t, s, domain.NoticeEventStillComing, 1); n != 1 {
				t.Fatalf("not asked at 15:00 two days before (%v): %d", due, n)
			}
		})
	}
}
