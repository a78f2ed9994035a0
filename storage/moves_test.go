package storage

import (
	"context"
	"errors"
	"testing"

	"vejviser/storage/domain"
)

// TestMoveBetweenBranches: a participant of Ballerup asks to move to
// Herlev; Ballerup's coordinator cannot answer for Herlev; Herlev's first
// answer decides, the second meets ErrMoveDecided; on welcome the member
// is in Herlev only. A volunteer joining a second branch keeps the first;
// a declined request changes no branch.
func TestMoveBetweenBranches(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 1, "da", domain.RoleCoordinator) // Ballerup (the first branch)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}, Coordinators: []int64{2, 3}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{2, 3} {
		if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "Coord", Language: "da", BranchID: herlev.ID}, t0); err != nil {
			t.Fatal(err)
		}
	}
	amal := register(t, s, 10, "ar", domain.RoleParticipant)
	lars := register(t, s, 11, "da", domain.RoleVolunteer)

	if _, err := s.AskMove(ctx, amal.ID, herlev.ID, domain.DefaultBranchID, false, t0); !errors.Is(err, domain.ErrOtherBranch) {
		t.Errorf("moving from a branch she is not in: %v", err)
	}
	if _, err := s.AskMove(ctx, amal.ID, domain.DefaultBranchID, herlev.ID, true, t0); !errors.Is(err, domain.ErrOtherBranch) {
		t.Errorf("a participant joining a second branch: %v", err)
	}
	mv, err := s.AskMove(ctx, amal.ID, domain.DefaultBranchID, herlev.ID, false, t0)
	if err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, s, `SELECT count(*) FROM outbox WHERE notice = ? AND member_id IN (2, 3)`, domain.NoticeMoveAsked); n != 2 {
		t.Errorf("%d cards to Herlev's coordinators, want 2", n)
	}
	if _, err := s.DecideMove(ctx, mv.ID, 1, true, t0); !errors.Is(err, domain.ErrOtherBranch) {
		t.Errorf("Ballerup's coordinator welcomed into Herlev: %v", err)
	}
	if sc, _ := s.Scope(ctx, amal.ID); sc.Has(herlev.ID, domain.RoleParticipant) {
		t.Fatal("a forged welcome moved her")
	}
	if _, err := s.DecideMove(ctx, mv.ID, 2, true, t0); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DecideMove(ctx, mv.ID, 3, false, t0); !errors.Is(err, domain.ErrMoveDecided) || got.State != domain.MoveWelcomed {
		t.Errorf("a second answer: %v, %+v", err, got)
	}
	sc, _ := s.Scope(ctx, amal.ID)
	if len(sc.Roles) != 1 || sc.Roles[herlev.ID] != domain.RoleParticipant || sc.Working != herlev.ID {
		t.Errorf("after the welcome: %+v", sc)
	}
	if n := countRows(t, s, `SELECT count(*) FROM outbox WHERE notice = ? AND member_id = ?`, domain.NoticeMoveWelcomed, amal.ID); n != 1 {
		t.Errorf("%d welcome notices", n)
	}

	join, err := s.AskMove(ctx, lars.ID, domain.DefaultBranchID, herlev.ID, true, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideMove(ctx, join.ID, 3, false, t0); err != nil {
		t.Fatal(err)
	}
	if sc, _ := s.Scope(ctx, lars.ID); len(sc.Roles) != 1 {
		t.Errorf("declined, yet %+v", sc)
	}
	join, _ = s.AskMove(ctx, lars.ID, domain.DefaultBranchID, herlev.ID, true, t0)
	if _, err := s.DecideMove(ctx, join.ID, 3, true, t0); err != nil {
		t.Fatal(err)
	}
	if sc, _ := s.Scope(ctx, lars.ID); sc.Roles[domain.DefaultBranchID] != domain.RoleVolunteer || sc.Roles[herlev.ID] != domain.RoleVolunteer {
		t.Errorf("a volunteer joining keeps both: %+v", sc)
	}
}

func countRows(t *testing.T, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.r.GetContext(context.Background(), &n, q, args...); err != nil {
		t.Fatal(err)
	}
	return n
}
