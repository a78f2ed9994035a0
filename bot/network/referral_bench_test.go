package network

import (
	"context"
	"fmt"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// seedNetwork puts families network families and referrals waiting
// households into Ballerup, in one transaction (the handlers read them as
// they would in a large branch).
func seedNetwork(b *testing.B, e *refEnv, families, referrals int) {
	b.Helper()
	ctx := context.Background()
	tx, err := e.b.DB.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	now := e.now.UTC()
	langs := []string{`["da"]`, `["da","ti"]`, `["da","ar"]`, `["da","en"]`}
	for i := 0; i < families; i++ {
		id := 1000 + i
		for _, q := range []string{
			`INSERT INTO members (id, chat_id, display_name, language, role, consented_at, created_at, last_seen_at, branch_id) VALUES (?1, ?1, 'V', 'da', 'volunteer', ?2, ?2, ?2, 1)`,
			`INSERT INTO member_branches (member_id, branch_id, role, joined_at) VALUES (?1, 1, 'volunteer', ?2)`,
		} {
			if _, err := tx.Exec(q, id, now); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := tx.Exec(`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, free, help, capacity, hello, created_at, updated_at)
			VALUES (?, 1, ?, ?, ?, '["weekend"]', '["school","town"]', 2, 'Hej', ?, ?)`, id, domain.FamilyKinds[i%4], langs[i%4], 2600+i%300, now, now); err != nil {
			b.Fatal(err)
		}
		if i%3 == 0 {
			if _, err := tx.Exec(`INSERT INTO volunteer_profiles (member_id, cert_valid_until, updated_at) VALUES (?, ?, ?)`, id, now.AddDate(1, 0, 0), now); err != nil {
				b.Fatal(err)
			}
		}
	}
	for i := 0; i < referrals; i++ {
		since := now.Add(-time.Duration(i) * time.Hour)
		if _, err := tx.Exec(`INSERT INTO referrals (branch_id, adults, child_ages, languages, postcode, help, free, consent_date, consent_how, join_code, waiting_since, created_at, updated_at)
			VALUES (1, 2, ?, '["ti","en"]', ?, '["school"]', '["weekend"]', ?, 'form', ?, ?, ?, ?)`,
			[]string{"[]", "[4,9]"}[i%2], 2600+i%300, since, fmt.Sprintf("r%012d", i), since, since, since); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkMatches is /matches over 500 waiting households in a branch of
// 1,000 network families: the waiting list, the matches needing
// attention, and the best suggestion of each household shown.
func BenchmarkMatches(b *testing.B) {
	e := newRefEnv(b)
	seedNetwork(b, e, 1000, 500)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := e.press(e.mette, e.f.onMatches, "0")
		if text, _ := shown(r); !contains(text, "500") {
			b.Fatalf("shown %q", text)
		}
	}
}

// BenchmarkReferralCard is one referral's card among 1,000 network
// families: reading the referral and the families, the matching rule,
// and the screen.
func BenchmarkReferralCard(b *testing.B) {
	e := newRefEnv(b)
	seedNetwork(b, e, 1000, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := e.press(e.mette, e.f.onRefCard, "1")
		if text, _ := shown(r); !contains(text, "1. ") {
			b.Fatalf("shown %q", text)
		}
	}
}
