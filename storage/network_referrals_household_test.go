package storage

import (
	"context"
	"errors"
	"testing"

	"vejviser/storage/domain"
)

// TestHouseholdLinkAndWithdraw: the personal link links one contact person
// (and makes them a participant of the referral's branch), never a second;
// the household corrects its languages (never to none); withdrawing blanks
// the contact details, ends the open proposal with reason consent, tells
// the network family and counts it; the link then links nobody.
func TestHouseholdLinkAndWithdraw(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	register(t, s, 8, "da", domain.RoleVolunteer)
	if _, err := s.w.Exec(`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, created_at, updated_at)
		VALUES (8, ?, 'family', '["da","ti"]', 2750, 1, 'Hej', ?, ?)`, herlev.ID, utc(t0), utc(t0)); err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateReferral(ctx, herlev.ID, testReferral("ti"), ReferralContact{Name: "Selam"}, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Referral(ctx, []int64{herlev.ID}, id)
	amina := register(t, s, 20, "ti", domain.RoleParticipant)
	register(t, s, 21, "ti", domain.RoleParticipant)
	if _, err := s.LinkReferral(ctx, c.JoinCode, amina.ID, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkReferral(ctx, c.JoinCode, 21, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a second person linked: %v", err)
	}
	if sc, _ := s.Scope(ctx, amina.ID); !sc.Has(herlev.ID, domain.RoleParticipant) {
		t.Fatalf("not in the referral's branch: %+v", sc)
	}
	if err := s.SetHouseholdChoices(ctx, amina.ID, nil, nil, t0); !errors.Is(err, domain.ErrInvalidReferral) {
		t.Fatalf("no language: %v", err)
	}
	if err := s.SetHouseholdChoices(ctx, 21, []string{"ti"}, nil, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("someone else's referral: %v", err)
	}
	if err := s.SetHouseholdChoices(ctx, amina.ID, []string{"ti", "en"}, []string{"weekend"}, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProposeMatch(ctx, herlev.ID, id, 8, 0, t0); err != nil {
		t.Fatal(err)
	}
	if n, err := s.WithdrawConsent(ctx, amina.ID, t0); err != nil || n != 1 {
		t.Fatalf("withdraw: %d, %v", n, err)
	}
	var name, reason string
	var consent bool
	if err := s.r.QueryRow(`SELECT contact_name, consent_name FROM referrals WHERE id = ?`, id).Scan(&name, &consent); err != nil || name != "" || consent {
		t.Fatalf("details kept: %q %v %v", name, consent, err)
	}
	if err := s.r.QueryRow(`SELECT end_reason FROM network_matches WHERE referral_id = ?`, id).Scan(&reason); err != nil || reason != "consent" {
		t.Fatalf("the proposal: %q %v", reason, err)
	}
	var kinds []string
	if err := s.r.Select(&kinds, `SELECT notice FROM outbox WHERE member_id = 8 ORDER BY id`); err != nil || len(kinds) != 2 || kinds[1] != domain.NoticeNetworkConsentEnded {
		t.Fatalf("told: %v %v", kinds, err)
	}
	var ended int
	if err := s.r.Get(&ended, `SELECT n FROM network_tally WHERE what = 'ended' AND reason = 'consent'`); err != nil || ended != 1 {
		t.Fatalf("tally %d %v", ended, err)
	}
	if _, err := s.HouseholdReferral(ctx, amina.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("after withdrawing: %v", err)
	}
	if _, err := s.LinkReferral(ctx, c.JoinCode, amina.ID, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("the link after withdrawing: %v", err)
	}
	if w, _ := s.WaitingReferrals(ctx, []int64{herlev.ID}); len(w) != 0 {
		t.Fatalf("a withdrawn referral waits: %+v", w)
	}
}
