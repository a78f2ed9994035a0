package storage

import (
	"context"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// A question written while no coordinator can read it is held, not lost:
// the scheduler relays it once a coordinator is reachable again, once only.
func TestAskHeldUntilACoordinatorIsBack(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	if err := s.SetReachable(ctx, 1, false, t0); err != nil {
		t.Fatal(err)
	}
	item, out, targets, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "hej?"}, 10, domain.AskBurstWindow, t0)
	if err != nil || out != domain.AskRelayed || targets != 0 || item.ID == 0 {
		t.Fatalf("ask: %v %v %d %+v", err, out, targets, item)
	}
	if res, err := s.ClaimHeldAsks(ctx, t0.Add(time.Minute)); err != nil || res.Queued != 0 || len(askRows(t, s, 1)) != 0 {
		t.Fatalf("relayed to no one: %+v %v", res, err)
	}
	if err := s.SetReachable(ctx, 1, true, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	res, err := s.ClaimHeldAsks(ctx, t0.Add(time.Hour))
	if err != nil || res.Queued != 1 {
		t.Fatalf("claim: %+v %v", res, err)
	}
	rows := askRows(t, s, 1)
	if len(rows) != 1 || rows[0].AskItem.Int64 != item.ID || rows[0].Notice != domain.NoticeAskRelay {
		t.Errorf("relay after the coordinator came back: %+v", rows)
	}
	if res, err := s.ClaimHeldAsks(ctx, t0.Add(2*time.Hour)); err != nil || res.Queued != 0 || len(askRows(t, s, 1)) != 1 {
		t.Errorf("relayed twice: %+v %v", res, err)
	}
}
