package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// shiftBench is a large group: 300 volunteers (some with certificates and
// languages), 20 weekly activities with two shifts each, and 40 standalone
// shifts in the coming four weeks.
func shiftBench(b *testing.B) (*Store, time.Time) {
	b.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	for id := int64(1); id <= 300; id++ {
		role := domain.RoleVolunteer
		if id <= 5 {
			role = domain.RoleCoordinator
		}
		if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("V", id), Language: "da", Role: role}, t0); err != nil {
			b.Fatal(err)
		}
		if id%3 == 0 {
			if err := s.SetCertificate(ctx, []int64{domain.DefaultBranchID}, id, 1, t0.AddDate(1, 0, 0), t0, false); err != nil {
				b.Fatal(err)
			}
		}
		if id%4 == 0 {
			if err := s.SetLanguages(ctx, id, []string{"da", "ti"}, t0); err != nil {
				b.Fatal(err)
			}
		}
	}
	var p Plan
	days := []string{"MON", "TUE", "WED", "THU", "FRI"}
	for a := 0; a < 20; a++ {
		key := fmt.Sprint("akt-", a)
		p.Activities = append(p.Activities, domain.Activity{Key: key, Name: key, Schedule: fmt.Sprintf("0 %d * * %s", 10+a%8, days[a%5]), DurationMin: 120})
		p.Shifts = append(p.Shifts,
			PlanShift{Shift: domain.Shift{Key: key + "-vaert", Role: "Vært", Needed: 3}, Activity: key},
			PlanShift{Shift: domain.Shift{Key: key + "-born", Role: "Lektiehjælper", Needed: 2, RequiresCert: true}, Activity: key})
	}
	for i := 0; i < 40; i++ {
		start := t0.Add(time.Duration(24+i*14) * time.Hour)
		end := start.Add(2 * time.Hour)
		p.Shifts = append(p.Shifts, PlanShift{Shift: domain.Shift{Key: fmt.Sprint("walk-", i), Role: "Rundvisning", Needed: 1, Language: "ti", StartsAt: &start, EndsAt: &end}})
	}
	if _, err := s.ImportPlan(ctx, p, t0); err != nil {
		b.Fatal(err)
	}
	return s, t0
}

// BenchmarkClaimShiftNotices measures one scheduler run over the group of
// shiftBench once its due notices are decided (what every poll costs), and
// reports how many alerts the first run queued.
//
//	go test -run '^$' -bench ClaimShiftNotices -benchtime 20x ./storage
func BenchmarkClaimShiftNotices(b *testing.B) {
	s, t0 := shiftBench(b)
	ctx := context.Background()
	first, err := s.ClaimShiftNotices(ctx, cphLoc, t0, domain.DefaultShiftSettings)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ClaimShiftNotices(ctx, cphLoc, t0.Add(time.Duration(i)*time.Second), domain.DefaultShiftSettings); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(first.Queued), "queued-first-run")
}

// BenchmarkSignUp measures taking a place (the rule and the write in one
// immediate transaction) on the group of shiftBench.
func BenchmarkSignUp(b *testing.B) {
	s, t0 := shiftBench(b)
	ctx := context.Background()
	slots, err := s.ShiftSlots(ctx, []int64{domain.DefaultBranchID}, cphLoc, t0, t0.AddDate(0, 0, 28))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sl := slots[i%len(slots)]
		_, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, sl.Shift.ID, sl.Slot, int64(6+i%295), t0)
		if err != nil && !isShiftRefusal(err) {
			b.Fatal(err)
		}
	}
}

func isShiftRefusal(err error) bool {
	for _, e := range []error{domain.ErrShiftFull, domain.ErrNeedsCertificate, domain.ErrAlreadySignedUp} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// BenchmarkShiftSlot measures finding one shift on one meeting (what every
// sign-up, withdrawal and shift card does first, the first three inside the
// writer's transaction) on the group of shiftBench.
//
//	go test -run '^$' -bench 'domain.ShiftSlot$' ./storage
func BenchmarkShiftSlot(b *testing.B) {
	s, t0 := shiftBench(b)
	ctx := context.Background()
	slots, err := s.ShiftSlots(ctx, []int64{domain.DefaultBranchID}, cphLoc, t0, t0.AddDate(0, 0, 28))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sl := slots[i%len(slots)]
		if _, err := s.ShiftSlot(ctx, []int64{domain.DefaultBranchID}, cphLoc, sl.Shift.ID, sl.Slot); err != nil {
			b.Fatal(err)
		}
	}
}
