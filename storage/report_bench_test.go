package storage

import (
	"context"
	"fmt"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// BenchmarkReportRowsTwoYears is the longest report: 60 weekly activities
// (one branch's worth, a meeting a week each, with head counts) over two
// years, read in a fixed number of queries rather than one per meeting.
func BenchmarkReportRowsTwoYears(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, cph)
	to := from.AddDate(2, 0, 0)
	for i := 0; i < 60; i++ {
		id, err := s.CreateActivity(ctx, domain.Activity{Key: fmt.Sprint("a", i), Name: "Café", Schedule: fmt.Sprintf("0 %d * * %d", 9+i%10, i%7), DurationMin: 60}, from)
		if err != nil {
			b.Fatal(err)
		}
		a, _ := s.Activity(ctx, []int64{domain.DefaultBranchID}, id)
		ms, _ := s.Meetings(ctx, a, cph, from, to)
		for _, m := range ms[:20] {
			if _, err := s.TapHeadCount(ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, m.Slot, domain.TapAdult, m.Start); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := s.ReportRows(ctx, cph, from, to, to)
		if err != nil || len(rows) < 60*104 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}
