package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"vejviser/storage/domain"
)

func TestForgetRefusesTheLastCoordinator(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "da", domain.RoleCoordinator)
	if err := s.Forget(ctx, 1, t0); err != nil {
		t.Fatalf("one of two coordinators: %v", err)
	}
	if err := s.Forget(ctx, 2, t0); !errors.Is(err, domain.ErrLastCoordinator) {
		t.Fatalf("the last coordinator: %v", err)
	}
	if _, err := s.Member(ctx, 2); err != nil {
		t.Errorf("the last coordinator was deleted: %v", err)
	}
}

func TestInvitesDieWithTheirCreatorsRole(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	carla, mette := int64(1), int64(2)
	register(t, s, carla, "da", domain.RoleCoordinator)
	register(t, s, mette, "da", domain.RoleCoordinator)
	register(t, s, 3, "da", domain.RoleParticipant)
	for code, by := range map[string]int64{"carla1": carla, "carla2": carla, "mette1": mette} {
		if err := s.CreateInvite(ctx, domain.Invite{Code: code, Role: domain.RoleCoordinator, CreatedBy: &by, ExpiresAt: t0.Add(72 * time.Hour)}, t0); err != nil {
			t.Fatal(err)
		}
	}
	working := func() []string {
		t.Helper()
		ws, err := s.WorkingInvites(ctx, domain.DefaultBranchID, t0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, w := range ws {
			out = append(out, w.Code+"/"+w.CreatorName)
		}
		return out
	}
	if got := working(); len(got) != 3 {
		t.Fatalf("working: %q", got)
	}

	t.Run("demoted creator cannot regain the role through her own link", func(t *testing.T) {
		if _, err := s.SetRole(ctx, 1, carla, domain.RoleParticipant, t0, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RedeemInvite(ctx, carla, "carla1", t0); !errors.Is(err, domain.ErrInviteRevoked) {
			t.Fatalf("own old link after demotion: %v", err)
		}
		if _, _, err := s.RedeemInvite(ctx, 3, "carla2", t0); !errors.Is(err, domain.ErrInviteRevoked) {
			t.Fatalf("another person on a demoted creator's link: %v", err)
		}
		// Promoted again, her old links stay dead.
		if _, err := s.SetRole(ctx, 1, carla, domain.RoleCoordinator, t0, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RedeemInvite(ctx, 3, "carla2", t0); !errors.Is(err, domain.ErrInviteRevoked) {
			t.Fatalf("revoked link after re-promotion: %v", err)
		}
		if got := working(); len(got) != 1 || got[0] != "mette1/M" {
			t.Errorf("working after demotion: %q", got)
		}
	})

	t.Run("revoke one", func(t *testing.T) {
		if err := s.RevokeInvite(ctx, domain.DefaultBranchID, "mette1", t0); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeInvite(ctx, domain.DefaultBranchID, "mette1", t0.Add(time.Minute)); err != nil {
			t.Errorf("a second revoke (double tap): %v", err)
		}
		if err := s.RevokeInvite(ctx, domain.DefaultBranchID, "nope", t0); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("unknown code: %v", err)
		}
		if _, _, err := s.RedeemInvite(ctx, 3, "mette1", t0); !errors.Is(err, domain.ErrInviteRevoked) {
			t.Fatalf("revoked link: %v", err)
		}
		if got := working(); len(got) != 0 {
			t.Errorf("working after revoking: %q", got)
		}
	})

	t.Run("forgotten creator's links are gone", func(t *testing.T) {
		if err := s.CreateInvite(ctx, domain.Invite{Code: "mette2", Role: domain.RoleVolunteer, CreatedBy: &mette, ExpiresAt: t0.Add(time.Hour)}, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.Forget(ctx, mette, t0); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RedeemInvite(ctx, 3, "mette2", t0); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("forgotten creator's link: %v", err)
		}
	})
}

func TestExportHoldsEverythingStored(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := int64(1)
	register(t, s, c, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	if err := s.CreateInvite(ctx, domain.Invite{Code: "link1", Role: domain.RoleVolunteer, CreatedBy: &c, ExpiresAt: t0.Add(time.Hour)}, t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "Husk festen", "ar": "تذكير"}, CreatedBy: c}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, c, "broadcast", []byte(`{"texts":{"da":"Halvt skrevet"}}`), t0); err != nil {
		t.Fatal(err)
	}
	e, err := s.ExportMember(ctx, c, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Invites) != 1 || e.Invites[0].Code != "link1" {
		t.Errorf("invites: %+v", e.Invites)
	}
	if len(e.Broadcasts) != 1 || len(e.Broadcasts[0].Texts) != 2 || e.Broadcasts[0].Audience != "all" {
		t.Errorf("broadcasts: %+v", e.Broadcasts)
	}
	if e.OpenStepByStep == nil || !bytes.Contains(e.OpenStepByStep.Data, []byte("Halvt skrevet")) {
		t.Errorf("draft: %+v", e.OpenStepByStep)
	}
	if len(e.Messages) != 1 || e.Messages[0].Text != "Husk festen" {
		t.Errorf("messages to the coordinator: %+v", e.Messages)
	}
	p, err := s.ExportMember(ctx, 2, t0)
	if err != nil || len(p.Messages) != 1 || p.Messages[0].Text != "تذكير" || len(p.Invites) != 0 || len(p.Broadcasts) != 0 {
		t.Errorf("participant export: %+v %v", p, err)
	}
}

func TestMenusToCheck(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "da", domain.RoleCoordinator)
	register(t, s, 3, "da", domain.RoleParticipant)
	if err := s.SetMenuRole(ctx, 2, domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	// A crash after the demotion, before the menu was changed: the record still says coordinator.
	// (Participants have no menu of their own; volunteers and coordinators do, so they are always checked.)
	if _, err := s.SetRole(ctx, 1, 2, domain.RoleParticipant, t0, false); err != nil {
		t.Fatal(err)
	}
	ms, err := s.MenusToCheck(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].MemberID != 1 || ms[1].MemberID != 2 || ms[1].MenuRole == nil || ms[1].Role != domain.RoleParticipant {
		t.Fatalf("menus to check: %+v", ms)
	}
	if err := s.SetMenuRole(ctx, 2, ""); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.MenusToCheck(ctx); len(ms) != 1 {
		t.Errorf("after the menu was removed: %+v", ms)
	}
	// Forgetting a member whose chat has its own menu leaves the chat to clean up, then nothing.
	if err := s.SetMenuRole(ctx, 1, domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	register(t, s, 4, "da", domain.RoleCoordinator)
	if err := s.Forget(ctx, 1, t0); err != nil {
		t.Fatal(err)
	}
	if ids, err := s.MenuCleanups(ctx); err != nil || len(ids) != 1 || ids[0] != 1 {
		t.Fatalf("cleanups: %v %v", ids, err)
	}
	if err := s.MenuCleaned(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.MenuCleanups(ctx); len(ids) != 0 {
		t.Errorf("cleanups left: %v", ids)
	}
}

// TestForgetLeavesNoBytes: after /forget neither the database file nor its
// write-ahead log holds the member's name or Telegram id, in any of the ways
// SQLite writes an integer (big-endian in records).
func TestForgetLeavesNoBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const id = int64(7_345_678_901) // six bytes in a record
	const name = "Zebulon Quixotic-Forgettable"
	register(t, s, 1, "da", domain.RoleCoordinator)
	if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: "da", Role: domain.RoleParticipant}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, id, "x", []byte(`{"who":"`+name+`"}`), t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, t0, domain.Outgoing{MemberID: id, ChatID: id, Text: "Hej " + name}); err != nil {
		t.Fatal(err)
	}
	be := make([]byte, 8)
	binary.BigEndian.PutUint64(be, uint64(id))
	needles := map[string][]byte{"name": []byte(name), "id as 6 bytes": be[2:], "id as text": []byte("7345678901")}
	found := func() []string {
		var out []string
		for _, f := range []string{path, path + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for what, n := range needles {
				if bytes.Contains(b, n) {
					out = append(out, filepath.Base(f)+": "+what)
				}
			}
		}
		return out
	}
	if got := found(); len(got) == 0 {
		t.Fatal("the test cannot see the member before forgetting: it would prove nothing")
	}
	if err := s.Forget(ctx, id, t0); err != nil {
		t.Fatal(err)
	}
	if got := found(); len(got) > 0 {
		t.Errorf("after /forget the files still hold %q", got)
	}
}
