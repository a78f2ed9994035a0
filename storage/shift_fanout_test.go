package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// perMember counts the queued notices of kind by recipient.
func perMember(t *testing.T, s *Store, kind string) map[int64]int {
	t.Helper()
	n := map[int64]int{}
	for _, q := range queuedNotices(t, s, kind) {
		n[q.MemberID]++
	}
	return n
}

// Taking and leaving the same shift meeting 20 times, late: every other
// volunteer is offered the place once, each coordinator hears once an hour,
// and after MaxShiftDrops withdrawals the volunteer cannot take it again
// themselves (a coordinator still can add them).
func TestRepeatedLateWithdrawalsFanOutOnce(t *testing.T) {
	s, _, _, walk := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc) // 25 h before the walk
	refused := 0
	for range 20 {
		now = now.Add(time.Minute)
		if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, now); errors.Is(err, domain.ErrShiftDroppedOften) {
			refused++
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if late, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, "", now, domain.DefaultShiftSettings); err != nil || !late {
			t.Fatalf("withdraw: %v %v", late, err)
		}
	}
	if refused != 20-domain.MaxShiftDrops {
		t.Errorf("%d sign-ups refused, want %d", refused, 20-domain.MaxShiftDrops)
	}
	check := func(wantTold int) {
		t.Helper()
		offers := perMember(t, s, domain.NoticeShiftCover)
		for _, id := range []int64{1, 3, 4, 5} {
			if offers[id] != 1 {
				t.Errorf("member %d got %d cover offers, want 1", id, offers[id])
			}
		}
		if offers[2] != 0 {
			t.Errorf("the volunteer who left got %d offers", offers[2])
		}
		if told := perMember(t, s, domain.NoticeShiftWithdrawn); len(told) != 1 || told[1] != wantTold {
			t.Errorf("coordinators told %v, want member 1 told %d times", told, wantTold)
		}
	}
	check(1)

	// A coordinator can still put them on it; leaving again within the hour
	// tells no one again, an hour later the coordinator hears of it.
	for _, step := range []time.Duration{time.Minute, time.Hour} {
		now = now.Add(step)
		if _, err := s.AddToShift(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, 1, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, "", now, domain.DefaultShiftSettings); err != nil {
			t.Fatal(err)
		}
	}
	check(2)
}
