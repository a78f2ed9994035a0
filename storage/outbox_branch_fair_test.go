package storage

import (
	"context"
	"testing"

	"vejviser/storage/domain"
)

// TestBranchesTakeTurnsInBulk: with a big branch's three announcements and
// a national broadcast queued first, a small branch's broadcast still goes in
// the first round: branches (and the national broadcast, as one more) take
// turns before a branch's own broadcasts do.
func TestBranchesTakeTurnsInBulk(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for id := int64(1); id <= 40; id++ {
		register(t, s, id, "da", domain.RoleParticipant)
	}
	for id := int64(100); id < 102; id++ {
		if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "H", Language: "da", Role: domain.RoleParticipant, BranchID: herlev.ID}, t0); err != nil {
			t.Fatal(err)
		}
	}
	// The big branch's three announcements, a national one, then the small branch's.
	for _, b := range []int64{domain.DefaultBranchID, domain.DefaultBranchID, domain.DefaultBranchID, 0, herlev.ID} {
		if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll, Branch: b},
			Texts: map[string]string{"da": "x"}}, t0); err != nil {
			t.Fatal(err)
		}
	}
	due, err := s.DueMessages(ctx, t0, 6)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int64]int{} // broadcast id → messages among the first six
	small := 0
	for _, m := range due {
		groups[m.BroadcastID.Int64]++
		if m.ChatID >= 100 {
			small++
		}
	}
	if small != 2 || len(groups) < 4 {
		t.Fatalf("the first six due: %d of the small branch's two, from %d broadcasts (%v)", small, len(groups), groups)
	}
}
