package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// BenchmarkEventsByBranch is the cost of scoping events by branch: an RSVP
// tap (Answer) and a participant's and a coordinator's event lists
// (MemberEvents, Events) at one branch of 100 members and at 60 branches of
// 100 (6,000 members), each branch with its event. It reports the p99 of
// each, in microseconds.
func BenchmarkEventsByBranch(b *testing.B) {
	for _, branches := range []int{1, 60} {
		b.Run(fmt.Sprintf("%dx100", branches), func(b *testing.B) {
			ctx := context.Background()
			s, events := branchBench(b, branches, 100)
			taps, lists := make([]time.Duration, 0, b.N), make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				br := int64(i%branches) + 1
				member := (br-1)*100 + int64(i/branches%100) + 1
				a := domain.AnswerYes
				if i/(branches*100)%2 == 1 {
					a = domain.AnswerNo
				}
				start := time.Now()
				if _, err := s.Answer(ctx, []int64{br}, domain.RSVP{EventID: events[br], MemberID: member, Answer: a, Adults: 1}, t0.Add(time.Hour)); err != nil {
					b.Fatal(err)
				}
				taps = append(taps, time.Since(start))
				start = time.Now()
				if es, err := s.MemberEvents(ctx, member, t0); err != nil || len(es) != 1 {
					b.Fatalf("member %d lists %d events: %v", member, len(es), err)
				}
				if es, err := s.Events(ctx, []int64{br}, t0); err != nil || len(es) != 1 {
					b.Fatalf("branch %d lists %d events: %v", br, len(es), err)
				}
				lists = append(lists, time.Since(start))
			}
			b.StopTimer()
			b.ReportMetric(p99(taps), "tap-p99-µs")
			b.ReportMetric(p99(lists), "lists-p99-µs")
		})
	}
}

func p99(ds []time.Duration) float64 {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return float64(ds[len(ds)*99/100].Microseconds())
}

// branchBench is a store with branches of members participants each (ids
// numbered branch by branch), every branch with an event inviting them,
// its invitations decided. It returns the event id per branch.
func branchBench(b *testing.B, branches, members int) (*Store, map[int64]int64) {
	b.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	tx := s.w.MustBegin()
	for br := 1; br <= branches; br++ {
		if br > 1 {
			tx.MustExec(`INSERT INTO branches (id, key, name, join_code, created_at) VALUES (?, ?, ?, ?, ?)`, br, fmt.Sprintf("b%02d", br), "Afdeling", fmt.Sprintf("bbench%06d", br), utc(t0))
		}
		for k := 1; k <= members; k++ {
			id := (br-1)*members + k
			tx.MustExec(`INSERT INTO members (id, ref, chat_id, display_name, language, role, consented_at, created_at, last_seen_at, branch_id)
				VALUES (?, ?, ?, 'M', 'da', 'participant', ?, ?, ?, ?)`, id, id, id, utc(t0), utc(t0), utc(t0), br)
			tx.MustExec(`INSERT INTO member_branches (member_id, branch_id, role, joined_at) VALUES (?, ?, 'participant', ?)`, id, br, utc(t0))
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	events := map[int64]int64{}
	for br := int64(1); br <= int64(branches); br++ {
		id, err := s.CreateEvent(ctx, domain.Event{BranchID: br, Key: "fest", Title: "Fest", Invite: domain.InviteParticipants,
			StartsAt: t0.Add(72 * time.Hour), EndsAt: t0.Add(75 * time.Hour), RSVPBy: t0.Add(48 * time.Hour)}, nil, t0)
		if err != nil {
			b.Fatal(err)
		}
		events[br] = id
	}
	if _, err := s.ClaimEventNotices(ctx, time.UTC, t0); err != nil {
		b.Fatal(err)
	}
	return s, events
}
