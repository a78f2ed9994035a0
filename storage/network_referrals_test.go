package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func testReferral(langs ...string) domain.Referral {
	return domain.Referral{Adults: 2, ChildAges: []int{4, 9}, Languages: langs, Postcode: 2750, Town: "Ballerup",
		Help: []string{"school"}, Free: []string{"weekend"}, Consent: domain.Consent{FirstName: true, Date: t0, How: "form"}}
}

// TestReferralsKeepOnlyConsentedDetailsAndStayInTheirBranch: a detail the
// household did not agree to pass on is not stored; another branch's
// coordinator neither reads nor changes the referral; the waiting list is
// oldest first and leaves out a referral with an open proposal.
func TestReferralsKeepOnlyConsentedDetailsAndStayInTheirBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateReferral(ctx, 1, testReferral("ti"), ReferralContact{Name: "Selam", Phone: "12345678"}, 0, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateReferral(ctx, 1, testReferral("ar"), ReferralContact{}, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateReferral(ctx, 1, domain.Referral{Adults: 1, Postcode: 99}, ReferralContact{}, 0, t0); !errors.Is(err, domain.ErrInvalidReferral) {
		t.Fatalf("a bad referral: %v", err)
	}
	c, err := s.Referral(ctx, []int64{1}, a)
	if err != nil || c.Contact.Name != "Selam" || c.Contact.Phone != "" || c.JoinCode == "" || len(c.ChildAges) != 2 || c.Languages[0] != "ti" {
		t.Fatalf("read back %+v, %v", c, err)
	}
	if _, err := s.Referral(ctx, []int64{herlev.ID}, a); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("read from Herlev: %v", err)
	}
	c.Adults = 3
	if err := s.UpdateReferral(ctx, []int64{herlev.ID}, c.Referral, c.Contact, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("changed from Herlev: %v", err)
	}
	if err := s.UpdateReferral(ctx, []int64{1}, c.Referral, c.Contact, t0); err != nil {
		t.Fatal(err)
	}
	w, err := s.WaitingReferrals(ctx, []int64{1})
	if err != nil || len(w) != 2 || w[0].ID != b || w[1].ID != a || w[1].Adults != 3 {
		t.Fatalf("waiting %+v, %v", w, err)
	}
	if w, _ := s.WaitingReferrals(ctx, []int64{herlev.ID}); len(w) != 0 {
		t.Fatalf("Herlev sees %d", len(w))
	}
	register(t, s, 8, "da", domain.RoleVolunteer)
	if _, err := s.w.Exec(`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, created_at, updated_at)
		VALUES (8, 1, 'family', '["da","ti"]', 2750, 2, 'Hej', ?1, ?1)`, utc(t0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProposeMatch(ctx, 1, b, 8, 0, t0); err != nil {
		t.Fatal(err)
	}
	w, _ = s.WaitingReferrals(ctx, []int64{1})
	if len(w) != 1 || w[0].ID != a {
		t.Fatalf("waiting after a proposal %+v", w)
	}
	offers, names, err := s.SuggestOffers(ctx, 1, t0)
	if err != nil || len(offers) != 1 || offers[0].Active != 1 || offers[0].CertValid || names[8] != "M" {
		t.Fatalf("offers %+v %v, %v", offers, names, err)
	}
	if _, err := s.w.Exec(`INSERT INTO volunteer_profiles (member_id, cert_valid_until, updated_at) VALUES (8, ?, ?)`, domain.DayOf(t0, time.UTC), utc(t0)); err != nil {
		t.Fatal(err)
	}
	if offers, _, _ := s.SuggestOffers(ctx, 1, t0); !offers[0].CertValid {
		t.Fatal("a certificate valid today is not valid")
	}
	if offers, _, _ := s.SuggestOffers(ctx, 1, t0.Add(48*time.Hour)); offers[0].CertValid {
		t.Fatal("a lapsed certificate is valid")
	}
	card, _ := s.Referral(ctx, []int64{1}, b)
	if len(card.Open) != 1 || card.Open[0].State != "proposed" || len(card.Before) != 1 {
		t.Fatalf("the card's open proposals %+v", card)
	}
}

// TestNeedAttention: two check-ins a side left unanswered flag a match; an
// answer after them, "we met" within four weeks and a valid certificate
// leave it out; another branch's coordinator sees none.
func TestNeedAttention(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	insertReferralAndOffer(t, s)
	now := t0.Add(60 * 24 * time.Hour)
	if _, err := s.w.Exec(`INSERT INTO network_matches (id, branch_id, referral_id, volunteer_id, state, proposed_at, started_at) VALUES (9, 1, 1, 8, 'active', ?1, ?1)`, utc(t0)); err != nil {
		t.Fatal(err)
	}
	checkin := func(side string, daysAgo int, answer string) {
		t.Helper()
		at := now.Add(-time.Duration(daysAgo) * 24 * time.Hour)
		var answered any
		if answer != "" {
			answered = utc(at)
		}
		if _, err := s.w.Exec(`INSERT INTO network_checkins (match_id, side, asked_at, answer, answered_at) VALUES (9, ?, ?, ?, ?)`, side, utc(at), answer, answered); err != nil {
			t.Fatal(err)
		}
	}
	checkin("volunteer", 20, "met")
	checkin("household", 20, "")
	checkin("household", 6, "")
	got, err := s.NeedAttention(ctx, []int64{1}, time.UTC, now)
	if err != nil || len(got) != 1 || !got[0].Unanswered || got[0].Help || got[0].NoMeeting || got[0].CertLapsed {
		t.Fatalf("two unanswered: %+v, %v", got, err)
	}
	if got, _ := s.NeedAttention(ctx, []int64{2}, time.UTC, now); len(got) != 0 {
		t.Fatalf("another branch sees %+v", got)
	}
	checkin("household", 1, "not_yet")
	if got, _ := s.NeedAttention(ctx, []int64{1}, time.UTC, now); len(got) != 0 {
		t.Fatalf("answered since: %+v", got)
	}
}
