package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// BenchmarkClaimDayOfReminders measures how fast the scheduler decides one
// day's reminders: 10,000 followers across 50 activities, all due at once
// (the worst case: every activity of the day meets at 15:00), claimed in
// one transaction that writes a ledger row and an outbox message each.
// Reported as reminders/s; the goal is at least 5,000/s.
//
//	go test -run '^$' -bench ClaimDayOfReminders -benchtime 3x ./storage
func BenchmarkClaimDayOfReminders(b *testing.B) {
	const activities, followers = 50, 10_000
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	ctx := context.Background()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Date(2027, 1, 13, 10, 0, 0, 0, loc) // Wednesday
		var ids []int64
		for a := 0; a < activities; a++ {
			id, err := s.CreateActivity(ctx, domain.Activity{Name: fmt.Sprintf("Aktivitet %d", a), Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}, t0)
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, id)
		}
		for m := int64(1); m <= followers; m++ {
			if _, err := s.Register(ctx, domain.Registration{ID: m, ChatID: m, Language: []string{"da", "ar", "ti", "en"}[m%4]}, t0); err != nil {
				b.Fatal(err)
			}
			if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, ids[m%activities], m, t0); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := s.ClaimActivityReminders(ctx, loc, t0); err != nil { // sets the watermark
			b.Fatal(err)
		}
		due := time.Date(2027, 1, 14, 12, 0, 0, 0, loc)
		b.StartTimer()
		start := time.Now()
		res, err := s.ClaimActivityReminders(ctx, loc, due)
		total += time.Since(start)
		b.StopTimer()
		if err != nil || res.Queued != followers {
			b.Fatalf("queued %d, err %v", res.Queued, err)
		}
		s.Close()
	}
	b.ReportMetric(float64(followers*b.N)/total.Seconds(), "reminders/s")
}
