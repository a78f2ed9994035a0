package storage

import (
	"context"
	"errors"
	"testing"

	"vejviser/storage/domain"
)

// insertReferralAndOffer puts a referral (id 1) and volunteer 8's offer in
// branch 1, as the referral and offer parts would.
func insertReferralAndOffer(t *testing.T, s *Store) {
	t.Helper()
	register(t, s, 8, "da", domain.RoleVolunteer)
	for _, q := range []string{
		`INSERT INTO referrals (id, branch_id, adults, languages, postcode, consent_date, consent_how, waiting_since, created_at, updated_at)
			VALUES (1, 1, 2, '["ti"]', 2750, ?1, 'form', ?1, ?1, ?1)`,
		`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, created_at, updated_at)
			VALUES (8, 1, 'family', '["da","ti"]', 2750, 1, 'Hej', ?1, ?1)`,
	} {
		if _, err := s.w.Exec(q, utc(t0)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestProposeMatch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	insertReferralAndOffer(t, s)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProposeMatch(ctx, herlev.ID, 1, 8, 0, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("proposing in another branch: %v", err)
	}
	id, err := s.ProposeMatch(ctx, 1, 1, 8, 0, t0)
	if err != nil || id == 0 {
		t.Fatal(id, err)
	}
	if _, err := s.ProposeMatch(ctx, 1, 1, 8, 0, t0); !errors.Is(err, domain.ErrProposalClosed) {
		t.Fatalf("the same pair twice: %v", err)
	}
	var kinds []string
	if err := s.r.Select(&kinds, `SELECT notice FROM outbox WHERE member_id = 8`); err != nil || len(kinds) != 1 || kinds[0] != domain.NoticeNetworkProposal {
		t.Fatalf("the volunteer's card: %v, %v", kinds, err)
	}
	var n int
	if err := s.r.Get(&n, `SELECT n FROM network_tally WHERE what = 'proposed'`); err != nil || n != 1 {
		t.Fatalf("tally %d, %v", n, err)
	}
}
