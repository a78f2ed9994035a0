package storage

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// active is referral 1 matched with volunteer 8, household 20 linked.
func active(t *testing.T, s *Store) int64 {
	t.Helper()
	id := proposed(t, s, true)
	for _, a := range []ProposalAnswer{{Match: id, Side: domain.SideVolunteer, By: 8, Yes: true}, {Match: id, Side: domain.SideHousehold, By: 20, Yes: true}} {
		if _, err := s.AnswerProposal(context.Background(), a, t0); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func TestEndMatch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := active(t, s)
	register(t, s, 9, "da", domain.RoleVolunteer)
	for _, r := range []EndRequest{{Match: id, By: 9, Reason: "goal"}, {Match: id, By: 3, Branches: []int64{2}, Reason: "goal"}} {
		if _, err := s.EndMatch(ctx, r, t0); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("%+v: %v", r, err)
		}
	}
	if _, err := s.EndMatch(ctx, EndRequest{Match: id, By: 8, Reason: "because"}, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("an unknown reason: %v", err)
	}
	if side, err := s.EndMatch(ctx, EndRequest{Match: id, By: 8, Reason: "moved"}, t0); err != nil || side != domain.SideVolunteer {
		t.Fatal(side, err)
	}
	if _, err := s.EndMatch(ctx, EndRequest{Match: id, By: 20, Reason: "goal"}, t0); !errors.Is(err, domain.ErrMatchEnded) {
		t.Fatalf("ended twice: %v", err)
	}
	kinds, v := networkNotices(t, s, 20)
	if kinds[len(kinds)-1] != domain.NoticeNetworkEnded || v.Side != domain.SideHousehold || v.By != domain.SideVolunteer || v.Reason != "moved" {
		t.Fatalf("the household thanked: %v %+v", kinds, v)
	}
	if kinds, _ := networkNotices(t, s, 8); kinds[len(kinds)-1] == domain.NoticeNetworkEnded {
		t.Fatalf("the volunteer who ended it is answered in the chat, not by a notice: %v", kinds)
	}
	if kinds, _ := networkNotices(t, s, 3); kinds[len(kinds)-1] != domain.NoticeNetworkEnded {
		t.Fatalf("the coordinator told: %v", kinds)
	}
	var n int
	if err := s.r.Get(&n, `SELECT n FROM network_tally WHERE what = 'ended' AND reason = 'moved'`); err != nil || n != 1 {
		t.Fatal(n, err)
	}
	if err := s.AskNewMatch(ctx, id, 8, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the volunteer asks for the household: %v", err)
	}
	later := t0.AddDate(0, 0, 3)
	if err := s.AskNewMatch(ctx, id, 20, later); err != nil {
		t.Fatal(err)
	}
	if err := s.AskNewMatch(ctx, id, 20, later); !errors.Is(err, domain.ErrProposalClosed) {
		t.Fatalf("asked twice: %v", err)
	}
	var waiting int
	if err := s.r.Get(&waiting, `SELECT count(*) FROM referrals WHERE id = 1 AND closed_at IS NULL AND waiting_since = ?`, later); err != nil || waiting != 1 {
		t.Fatal(waiting, err)
	}
	if _, err := s.ProposeMatch(ctx, 1, 1, 8, 3, later); !errors.Is(err, domain.ErrProposalClosed) {
		t.Fatalf("the pair proposed again: %v", err)
	}
}

func TestForgetEndsTheMatch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := active(t, s)
	if err := s.Forget(ctx, 20, t0); err != nil {
		t.Fatal(err)
	}
	var state, reason string
	if err := s.r.QueryRow(`SELECT state, end_reason FROM network_matches WHERE id = ?`, id).Scan(&state, &reason); err != nil || state != "ended" || reason != domain.EndForgotten {
		t.Fatal(state, reason, err)
	}
	kinds, v := networkNotices(t, s, 8)
	if kinds[len(kinds)-1] != domain.NoticeNetworkEnded || v.Reason != domain.EndForgotten {
		t.Fatalf("the volunteer told it ended: %v %+v", kinds, v)
	}
}

func TestWithdrawnConsentEndsTheProposal(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := proposed(t, s, false)
	if err := s.tx(ctx, func(tx *sqlx.Tx) error { _, err := endReferralMatches(ctx, tx, 1, t0); return err }); err != nil {
		t.Fatal(err)
	}
	var state, reason string
	if err := s.r.QueryRow(`SELECT state, end_reason FROM network_matches WHERE id = ?`, id).Scan(&state, &reason); err != nil || state != "ended" || reason != domain.EndConsent {
		t.Fatal(state, reason, err)
	}
}

func TestEndedMatchDetailsGoAfterTheKeepingTime(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := active(t, s)
	if _, err := s.ClaimNetworkNotices(ctx, t0.AddDate(0, 0, 14), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EndMatch(ctx, EndRequest{Match: id, By: 3, Branches: []int64{1}, Reason: "goal"}, t0.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	count := func() string {
		var checkins, contacts int
		if err := s.r.Get(&checkins, `SELECT count(*) FROM network_checkins`); err != nil {
			t.Fatal(err)
		}
		if err := s.r.Get(&contacts, `SELECT count(*) FROM referrals WHERE contact_name != '' OR contact_phone != ''`); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(checkins, contacts)
	}
	if _, err := s.ClaimNetworkNotices(ctx, t0.AddDate(0, 12, 0), 12); err != nil || count() != "2 1" {
		t.Fatalf("kept for a year: %s %v", count(), err)
	}
	if _, err := s.ClaimNetworkNotices(ctx, t0.AddDate(0, 13, 1), 12); err != nil || count() != "0 0" {
		t.Fatalf("gone after: %s %v", count(), err)
	}
	var n int
	if err := s.r.Get(&n, `SELECT count(*) FROM network_matches WHERE referral_id = 1 AND volunteer_id = 8`); err != nil || n != 1 {
		t.Fatalf("the pair stays: %d %v", n, err)
	}
}
