package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func lars(id int64) domain.OfferCard {
	return domain.OfferCard{
		Offer: domain.Offer{MemberID: id, Kind: "family", Languages: []string{"da", "en"}, Postcode: 2750,
			Free: []string{"weekend"}, Help: []string{"danish", "bike"}, Capacity: 2},
		Hello: "Hej, vi er Lars og Sanne", Hellos: domain.Texts{"ar": "مرحبا"}, Contact: "lars@example.dk",
	}
}

// TestUpsertOfferAndRead: an offer is saved in the volunteer's branch, read
// back whole, changed in place, and refused in a branch where the member
// is not a volunteer, or to a participant.
func TestUpsertOfferAndRead(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	v := register(t, s, 8, "da", domain.RoleVolunteer)
	p := register(t, s, 9, "ar", domain.RoleParticipant)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Offer(ctx, v.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("no offer yet: %v", err)
	}
	if err := s.UpsertOffer(ctx, herlev.ID, lars(v.ID), t0); !errors.Is(err, domain.ErrOtherBranch) {
		t.Fatalf("in a branch they are not in: %v", err)
	}
	if err := s.UpsertOffer(ctx, 1, lars(p.ID), t0); !errors.Is(err, domain.ErrOtherBranch) {
		t.Fatalf("a participant's offer: %v", err)
	}
	bad := lars(v.ID)
	bad.Hello = ""
	if err := s.UpsertOffer(ctx, 1, bad, t0); !errors.Is(err, domain.ErrInvalidOffer) {
		t.Fatalf("no hello: %v", err)
	}
	if err := s.UpsertOffer(ctx, 1, lars(v.ID), t0); err != nil {
		t.Fatal(err)
	}
	got, err := s.Offer(ctx, v.ID)
	if err != nil || got.BranchID != 1 || got.Kind != "family" || len(got.Languages) != 2 || got.Postcode != 2750 ||
		got.Capacity != 2 || got.Hellos["ar"] != "مرحبا" || got.Contact != "lars@example.dk" || len(got.Help) != 2 {
		t.Fatalf("read back %+v, %v", got, err)
	}
	c := lars(v.ID)
	c.Capacity, c.Hellos, c.Free = 1, nil, nil
	if err := s.UpsertOffer(ctx, 1, c, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Offer(ctx, v.ID); got.Capacity != 1 || len(got.Hellos) != 0 || len(got.Free) != 0 {
		t.Fatalf("changed %+v", got)
	}
}

// TestNetworkOffers: the branch's offers as the matching rule reads them —
// households proposed or matched now, the certificate on now, pause and
// stop — and none of another branch's.
func TestNetworkOffers(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	insertReferralAndOffer(t, s) // volunteer 8's offer in branch 1, referral 1
	v2 := register(t, s, 20, "da", domain.RoleVolunteer)
	v3 := register(t, s, 21, "da", domain.RoleVolunteer)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`INSERT INTO member_branches (member_id, branch_id, role, joined_at) VALUES (?, ?, 'volunteer', ?)`, v3.ID, herlev.ID, t0); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{v2.ID} {
		if err := s.UpsertOffer(ctx, 1, lars(id), t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.UpsertOffer(ctx, herlev.ID, lars(v3.ID), t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProposeMatch(ctx, 1, 1, 8, 0, t0); err != nil {
		t.Fatal(err)
	}
	// Volunteer 8's certificate runs to the day of now; v2's ran out the day before.
	day := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	if err := s.SetCertificate(ctx, []int64{1}, 8, 8, day, t0, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCertificate(ctx, []int64{1}, v2.ID, 8, day.AddDate(0, 0, -1), t0, false); err != nil {
		t.Fatal(err)
	}
	if err := s.PauseOffer(ctx, v2.ID, t0.AddDate(0, 1, 0), t0); err != nil {
		t.Fatal(err)
	}
	got, err := s.NetworkOffers(ctx, 1, t0)
	if err != nil || len(got) != 2 {
		t.Fatalf("offers %+v, %v", got, err)
	}
	a, b := got[0], got[1]
	if a.MemberID != 8 || a.Active != 1 || !a.CertValid || a.Paused(t0) || a.Stopped {
		t.Fatalf("volunteer 8: %+v", a)
	}
	if b.MemberID != v2.ID || b.Active != 0 || b.CertValid || !b.Paused(t0) || b.Paused(t0.AddDate(0, 2, 0)) {
		t.Fatalf("volunteer 20: %+v", b)
	}
	if err := s.StopOffer(ctx, v2.ID, t0); err != nil {
		t.Fatal(err)
	}
	got, _ = s.NetworkOffers(ctx, 1, t0)
	if !got[1].Stopped || got[1].PausedUntil != nil {
		t.Fatalf("stopped: %+v", got[1])
	}
	if err := s.ResumeOffer(ctx, v2.ID, t0); err != nil {
		t.Fatal(err)
	}
	got, _ = s.NetworkOffers(ctx, 1, t0)
	if got[1].Stopped || got[1].PausedUntil != nil {
		t.Fatalf("resumed: %+v", got[1])
	}
	// The next day 8's certificate has run out; the proposal declined no longer counts.
	if _, err := s.w.Exec(`UPDATE network_matches SET state = 'declined'`); err != nil {
		t.Fatal(err)
	}
	got, _ = s.NetworkOffers(ctx, 1, t0.Add(24*time.Hour))
	if got[0].CertValid || got[0].Active != 0 {
		t.Fatalf("a day later: %+v", got[0])
	}
	if h, _ := s.NetworkOffers(ctx, herlev.ID, t0); len(h) != 1 || h[0].MemberID != v3.ID {
		t.Fatalf("Herlev's offers: %+v", h)
	}
	// A volunteer made a participant is no longer suggested.
	if _, err := s.w.Exec(`UPDATE member_branches SET role = 'participant' WHERE member_id = ? AND branch_id = 1`, v2.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NetworkOffers(ctx, 1, t0); !got[1].Stopped || got[0].Stopped {
		t.Fatalf("a participant now: %+v", got)
	}
	if err := s.PauseOffer(ctx, 999, t0, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("pausing no offer: %v", err)
	}
}
