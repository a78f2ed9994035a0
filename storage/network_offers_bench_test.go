package storage

import (
	"context"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// BenchmarkNetworkOffers reads the offers of a branch with 1,000 network
// families (each with a profile, a certificate, and 500 proposals or
// matches among them): what the suggestions for one referral start from.
func BenchmarkNetworkOffers(b *testing.B) {
	s := open(b)
	ctx := context.Background()
	tx := s.w.MustBegin()
	day := time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	for i := int64(1); i <= 1000; i++ {
		tx.MustExec(`INSERT INTO members (id, chat_id, display_name, language, role, consented_at, created_at, last_seen_at, ref)
			VALUES (?, ?, 'V', 'da', 'volunteer', ?3, ?3, ?3, ?1)`, i, i, t0)
		tx.MustExec(`INSERT INTO member_branches (member_id, branch_id, role, joined_at) VALUES (?, 1, 'volunteer', ?)`, i, t0)
		tx.MustExec(`INSERT INTO volunteer_profiles (member_id, cert_valid_until, updated_at) VALUES (?, ?, ?)`, i, day, t0)
		tx.MustExec(`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, free, help, capacity, hello, created_at, updated_at)
			VALUES (?, 1, 'family', '["da","ar"]', 2750, '["weekend"]', '["danish"]', 2, 'Hej', ?, ?)`, i, t0, t0)
	}
	for i := int64(1); i <= 500; i++ {
		tx.MustExec(`INSERT INTO referrals (id, branch_id, adults, languages, postcode, consent_date, consent_how, waiting_since, created_at, updated_at)
			VALUES (?1, 1, 2, '["ti"]', 2750, ?2, 'form', ?2, ?2, ?2)`, i, t0)
		tx.MustExec(`INSERT INTO network_matches (branch_id, referral_id, volunteer_id, state, proposed_at) VALUES (1, ?, ?, 'active', ?)`, i, i*2, t0)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		offers, err := s.NetworkOffers(ctx, domain.DefaultBranchID, t0)
		if err != nil || len(offers) != 1000 || offers[1].Active != 1 || !offers[0].CertValid {
			b.Fatalf("%d offers, %v", len(offers), err)
		}
	}
}
