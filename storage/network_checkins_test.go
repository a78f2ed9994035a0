package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func TestProposalRemindedThenLapses(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := proposed(t, s, false)
	day := 24 * time.Hour
	claim := func(at time.Time) domain.ClaimResult {
		t.Helper()
		res, err := s.ClaimNetworkNotices(ctx, at, 0)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := claim(t0.Add(2 * day)); res.Queued != 0 || !res.Next.Equal(t0.Add(3*day)) {
		t.Fatalf("two days: %+v", res)
	}
	for range 2 {
		claim(t0.Add(3 * day))
	}
	kinds, v := networkNotices(t, s, 8)
	if fmt.Sprint(kinds) != "[network.proposal network.proposal]" || !v.Reminder || v.Household == nil {
		t.Fatalf("one reminder to the volunteer: %v %+v", kinds, v)
	}
	if res := claim(t0.Add(7 * day)); res.Queued != 1 {
		t.Fatalf("seven days: %+v", res)
	}
	var state string
	if err := s.r.Get(&state, `SELECT state FROM network_matches WHERE id = ?`, id); err != nil || state != "lapsed" {
		t.Fatal(state, err)
	}
	if kinds, v := networkNotices(t, s, 3); fmt.Sprint(kinds) != "[network.lapsed]" || v.Side != domain.SideVolunteer {
		t.Fatalf("the coordinator is told: %v %+v", kinds, v)
	}
	if kinds, v := networkNotices(t, s, 8); kinds[len(kinds)-1] != domain.NoticeNetworkClosed || v.Side != domain.SideVolunteer {
		t.Fatalf("the volunteer is told it closed: %v %+v", kinds, v)
	}
	var waiting time.Time
	if err := s.r.Get(&waiting, `SELECT waiting_since FROM referrals WHERE id = 1`); err != nil || !waiting.Equal(t0) {
		t.Fatalf("the household keeps its place: %v %v", waiting, err)
	}
	if _, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideVolunteer, By: 8, Yes: true}, t0.Add(8*day)); !errors.Is(err, domain.ErrProposalClosed) {
		t.Fatalf("a lapsed proposal answered: %v", err)
	}
	if res := claim(t0.Add(30 * day)); res.Queued != 0 || !res.Next.IsZero() {
		t.Fatalf("nothing more: %+v", res)
	}
}

func TestCheckinsEveryFortnight(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := proposed(t, s, true)
	for _, a := range []ProposalAnswer{{Match: id, Side: domain.SideVolunteer, By: 8, Yes: true}, {Match: id, Side: domain.SideHousehold, By: 20, Yes: true}} {
		if _, err := s.AnswerProposal(ctx, a, t0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.w.Exec(`UPDATE branches SET settings = '{"checkin_days": 10}' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnswerCheckin(ctx, id, 8, domain.CheckinMet, t0); !errors.Is(err, domain.ErrCheckinAnswered) {
		t.Fatalf("nothing asked yet: %v", err)
	}
	at := t0.AddDate(0, 0, 10)
	for range 2 {
		if _, err := s.ClaimNetworkNotices(ctx, at, 0); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []int64{8, 20} {
		kinds, v := networkNotices(t, s, who)
		if kinds[len(kinds)-1] != domain.NoticeNetworkCheckin || !v.Since.Equal(t0) {
			t.Fatalf("%d asked: %v %+v", who, kinds, v)
		}
	}
	register(t, s, 9, "da", domain.RoleVolunteer)
	if _, err := s.AnswerCheckin(ctx, id, 9, domain.CheckinMet, at); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("someone else's check-in: %v", err)
	}
	if side, err := s.AnswerCheckin(ctx, id, 8, domain.CheckinMet, at); err != nil || side != domain.SideVolunteer {
		t.Fatal(side, err)
	}
	if _, err := s.AnswerCheckin(ctx, id, 8, domain.CheckinHelp, at); !errors.Is(err, domain.ErrCheckinAnswered) {
		t.Fatalf("answered twice: %v", err)
	}
	before, _ := networkNotices(t, s, 3)
	if side, err := s.AnswerCheckin(ctx, id, 20, domain.CheckinHelp, at); err != nil || side != domain.SideHousehold {
		t.Fatal(side, err)
	}
	if kinds, v := networkNotices(t, s, 3); len(kinds) != len(before)+1 || v.Side != domain.SideHousehold || v.Name != "M" {
		t.Fatalf("🆘 to the coordinator: %v %+v", kinds, v)
	}
	var n int
	if err := s.r.Get(&n, `SELECT count(*) FROM network_checkins WHERE match_id = ? AND answered_at IS NOT NULL`, id); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	if err := s.r.Get(&n, `SELECT sum(n) FROM network_tally WHERE what IN ('checkin_answered', 'met')`); err != nil || n != 3 {
		t.Fatal(n, err)
	}
}
