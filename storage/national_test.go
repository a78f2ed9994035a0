package storage

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// A national broadcast is recorded without a branch and queues one message
// per member, however many branches they belong to; a branch's broadcast
// reaches its members only, by their role there.
func TestBroadcastsPerBranchAndNational(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		id, branch int64
		role       domain.Role
	}{{1, 1, domain.RoleVolunteer}, {2, 1, domain.RoleParticipant}, {3, herlev.ID, domain.RoleParticipant}} {
		if _, err := s.Register(ctx, domain.Registration{ID: m.id, ChatID: m.id, DisplayName: "M", Language: "da", Role: m.role, BranchID: m.branch}, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.JoinBranch(ctx, 1, herlev.ID, domain.RoleParticipant, now); err != nil { // volunteer in the first, participant in Herlev
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		b      NewBroadcast
		queued int
		branch string
	}{
		{"national", NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}}, 3, "NULL"},
		{"Herlev's participants", NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceParticipants, Branch: herlev.ID}}, 2, "2"},
		{"the first branch's participants", NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceParticipants, Branch: 1}}, 1, "1"},
	} {
		c.b.Texts, c.b.ExpiresAt = map[string]string{"da": "Hej"}, now.Add(time.Hour)
		id, n, err := s.CreateBroadcast(ctx, c.b, now)
		if err != nil || n != c.queued {
			t.Errorf("%s: queued %d (%v), want %d", c.name, n, err, c.queued)
		}
		var branch string
		if err := s.r.GetContext(ctx, &branch, `SELECT coalesce(branch_id, 'NULL') FROM broadcasts WHERE id = ?`, id); err != nil || branch != c.branch {
			t.Errorf("%s: branch_id %s (%v), want %s", c.name, branch, err, c.branch)
		}
	}
	// An activity of the first branch is not an audience for Herlev.
	act, err := s.CreateActivity(ctx, domain.Activity{Name: "Café", Schedule: "0 15 * * THU", DurationMin: 60}, now)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceActivity, Ref: act, Branch: herlev.ID},
		Texts: map[string]string{"da": "Hej"}, ExpiresAt: now.Add(time.Hour)}, now)
	if err == nil {
		t.Error("Herlev's broadcast to the first branch's activity was queued")
	}
}

// The § 18 report's rows of a coordinator's branches hold none of another
// branch's events or meetings; no branches reads nothing.
func TestReportRowsInBranches(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO events (branch_id, key, title, starts_at, ends_at, rsvp_by, created_at, updated_at)
			VALUES (1, 'fest', 'Ballerups fest', '2026-11-10 15:00:00', '2026-11-10 18:00:00', '2026-11-10 15:00:00', '2026-10-01 10:00:00', '2026-10-01 10:00:00'),
			(?, 'fest', 'Herlevs fest', '2026-11-12 15:00:00', '2026-11-12 18:00:00', '2026-11-12 15:00:00', '2026-10-01 10:00:00', '2026-10-01 10:00:00')`,
	} {
		if _, err := s.w.ExecContext(ctx, q, herlev.ID); err != nil {
			t.Fatal(err)
		}
	}
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, cph), time.Date(2026, 12, 1, 0, 0, 0, 0, cph)
	for _, c := range []struct {
		branches []int64
		want     string
	}{{[]int64{herlev.ID}, "Herlevs fest"}, {[]int64{1}, "Ballerups fest"}, {nil, ""}, {[]int64{1, herlev.ID}, "Ballerups fest,Herlevs fest"}} {
		rows, err := s.ReportRowsIn(ctx, c.branches, cph, from, to, now)
		var got []string
		for _, r := range rows {
			got = append(got, r.Title)
		}
		if err != nil || strings.Join(got, ",") != c.want {
			t.Errorf("branches %v: %q (%v), want %q", c.branches, got, err, c.want)
		}
	}
}
