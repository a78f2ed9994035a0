package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// twoBranches is the fixture of the scoped queries: Carla (5) coordinates
// the first branch, where Amal (6) takes part; Lars (77) coordinates Herlev,
// where Hana (8) takes part.
func twoBranches(t *testing.T, s *Store) (herlev int64) {
	t.Helper()
	ctx := context.Background()
	register(t, s, 5, "da", domain.RoleCoordinator)
	register(t, s, 6, "ar", domain.RoleParticipant)
	b, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}, Coordinators: []int64{77}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []domain.Registration{
		{ID: 77, ChatID: 77, DisplayName: "Lars", Language: "da", Role: domain.RoleParticipant, BranchID: b.ID},
		{ID: 8, ChatID: 8, DisplayName: "Hana", Language: "ti", Role: domain.RoleParticipant, BranchID: b.ID},
	} {
		if _, err := s.Register(ctx, r, t0); err != nil {
			t.Fatal(err)
		}
	}
	return b.ID
}

// TestAskUsPerBranch: a question goes to the coordinators of the branch the
// member acts in (or that branch's group), and a coordinator of another
// branch can neither read, answer, close nor mute it.
func TestAskUsPerBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev := twoBranches(t, s)
	first := []int64{domain.DefaultBranchID}
	relays := func(chat int64) int {
		n := 0
		for _, r := range askRows(t, s, chat) {
			if r.AskItem.Valid {
				n++
			}
		}
		return n
	}
	hana, _, targets, err := s.Ask(ctx, 8, domain.AskMessage{Kind: domain.AskText, Text: "hej"}, 10, 0, t0)
	if err != nil || targets != 1 || hana.BranchID != herlev {
		t.Fatalf("Hana asks: %+v, %d, %v", hana, targets, err)
	}
	if relays(77) != 1 || relays(5) != 0 {
		t.Fatalf("Hana's question reached Lars %d, Carla %d times", relays(77), relays(5))
	}
	amal, _, _, err := s.Ask(ctx, 6, domain.AskMessage{Kind: domain.AskText, Text: "hallo"}, 10, 0, t0)
	if err != nil || amal.BranchID != domain.DefaultBranchID || relays(5) != 1 || relays(77) != 1 {
		t.Fatalf("Amal asks: %+v, Carla %d, Lars %d, %v", amal, relays(5), relays(77), err)
	}

	carla, _ := s.Member(ctx, 5)
	if _, err := s.AskItem(ctx, hana.ID, first); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Carla reads Hana's question: %v", err)
	}
	if _, _, err := s.AskReply(ctx, hana.ID, first, carla, domain.AskMessage{Kind: domain.AskText, Text: "svar"}, nil, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Carla answers Hana: %v", err)
	}
	if _, err := s.AskDone(ctx, hana.ID, first, carla, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Carla closes Hana's question: %v", err)
	}
	if err := s.SetMuted(ctx, 8, first, 5, true, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Carla mutes Hana: %v", err)
	}
	if h, err := s.AskHistory(ctx, 8, first, 10); err != nil || len(h) != 0 {
		t.Errorf("Carla sees Hana's history: %d, %v", len(h), err)
	}
	it, err := s.AskItem(ctx, hana.ID, []int64{herlev})
	if err != nil || it.AnsweredAt != nil || it.DoneAt != nil || len(askRows(t, s, 8)) != 0 {
		t.Fatalf("Hana's question after Carla's tries: %+v, %v, %d to Hana", it, err, len(askRows(t, s, 8)))
	}
	if muted, _ := s.Muted(ctx, 8); muted {
		t.Fatal("Hana muted by Carla")
	}
	// Lars, Herlev's coordinator, answers; Amal's question stays open.
	lars, _ := s.Member(ctx, 77)
	if _, _, err := s.AskReply(ctx, hana.ID, []int64{herlev}, lars, domain.AskMessage{Kind: domain.AskText, Text: "svar"}, nil, t0); err != nil {
		t.Fatal(err)
	}
	if it, _ := s.AskItem(ctx, amal.ID, first); it.AnsweredAt != nil {
		t.Fatal("Lars's answer marked Amal's question")
	}
	if h, _ := s.AskHistory(ctx, 8, []int64{herlev}, 10); len(h) != 2 || h[1].BranchID != herlev {
		t.Fatalf("Herlev's history of Hana: %+v", h)
	}
}

// TestInboxPerBranch: each branch has its own coordinators' group, set by
// its own coordinator, and only its coordinators are told.
func TestInboxPerBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev := twoBranches(t, s)
	register(t, s, 9, "da", domain.RoleCoordinator) // a second coordinator of the first branch, to be told
	lars, _ := s.Member(ctx, 77)
	if err := s.SetInbox(ctx, herlev, -70, "Herlev", "da", lars, t0); err != nil {
		t.Fatal(err)
	}
	if chat, _, ok, _ := s.Inbox(ctx, herlev); !ok || chat != -70 {
		t.Fatalf("Herlev's inbox %d %v", chat, ok)
	}
	if _, _, ok, _ := s.Inbox(ctx, domain.DefaultBranchID); ok {
		t.Fatal("Herlev's group became the first branch's inbox")
	}
	for _, c := range []int64{5, 9} {
		if rows := askRows(t, s, c); len(rows) != 0 {
			t.Errorf("coordinator %d of the first branch told of Herlev's group: %+v", c, rows)
		}
	}
	if _, _, targets, err := s.Ask(ctx, 8, domain.AskMessage{Kind: domain.AskText, Text: "hej"}, 10, 0, t0); err != nil || targets != 1 || len(askRows(t, s, -70)) != 1 {
		t.Fatalf("Hana's question: %d targets, %d in Herlev's group, %v", targets, len(askRows(t, s, -70)), err)
	}
	if _, _, targets, _ := s.Ask(ctx, 6, domain.AskMessage{Kind: domain.AskText, Text: "hej"}, 10, 0, t0); targets != 2 || len(askRows(t, s, -70)) != 1 {
		t.Fatalf("Amal's question: %d targets, %d in Herlev's group", targets, len(askRows(t, s, -70)))
	}
	carla, _ := s.Member(ctx, 5)
	if undone, err := s.UndoInbox(ctx, []int64{domain.DefaultBranchID}, -70, carla, t0); err != nil || undone {
		t.Fatalf("Carla undoes Herlev's group: %v %v", undone, err)
	}
	if n, _ := s.CountCoordinators(ctx, herlev); n != 1 {
		t.Fatalf("Herlev's coordinators: %d", n)
	}
	// The group moves with a supergroup, and is dropped when the bot leaves.
	if moved, err := s.MoveInbox(ctx, -70, -700); err != nil || !moved {
		t.Fatal(moved, err)
	}
	if dropped, err := s.DropInbox(ctx, -700); err != nil || !dropped {
		t.Fatal(dropped, err)
	}
	if _, _, ok, _ := s.Inbox(ctx, herlev); ok {
		t.Fatal("Herlev's group kept after the bot left")
	}
}

// TestMembersAndInvitesPerBranch: the member list, a member's card and the
// invite links are the coordinator's branch's only.
func TestMembersAndInvitesPerBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev := twoBranches(t, s)
	p, err := s.ListMembers(ctx, domain.DefaultBranchID, 0, 10)
	if err != nil || p.Total != 2 || len(p.Members) != 2 {
		t.Fatalf("the first branch's list: %+v, %v", p, err)
	}
	for _, m := range p.Members {
		if m.ID != 5 && m.ID != 6 {
			t.Errorf("%d in the first branch's list", m.ID)
		}
	}
	if _, err := s.MemberIn(ctx, 8, []int64{domain.DefaultBranchID}); !errors.Is(err, domain.ErrOtherBranch) {
		t.Fatalf("Hana looked up from the first branch: %v", err)
	}
	// Lars volunteers in the first branch too: there he is a volunteer.
	if err := s.JoinBranch(ctx, 77, domain.DefaultBranchID, domain.RoleVolunteer, t0); err != nil {
		t.Fatal(err)
	}
	if m, err := s.MemberIn(ctx, 77, []int64{domain.DefaultBranchID}); err != nil || m.Role != domain.RoleVolunteer {
		t.Fatalf("Lars in the first branch: %+v, %v", m, err)
	}
	carla, lars := int64(5), int64(77)
	for _, inv := range []domain.Invite{
		{Code: "first", Role: domain.RoleVolunteer, CreatedBy: &carla, ExpiresAt: t0.Add(time.Hour)},
		{Code: "herlev", Role: domain.RoleVolunteer, CreatedBy: &lars, ExpiresAt: t0.Add(time.Hour), BranchID: herlev},
	} {
		if err := s.CreateInvite(ctx, inv, t0); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := s.WorkingInvites(ctx, domain.DefaultBranchID, t0)
	if err != nil || len(ws) != 1 || ws[0].Code != "first" {
		t.Fatalf("the first branch's links: %+v, %v", ws, err)
	}
	if err := s.RevokeInvite(ctx, domain.DefaultBranchID, "herlev", t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("Herlev's link revoked from the first branch: %v", err)
	}
	if ws, _ := s.WorkingInvites(ctx, herlev, t0); len(ws) != 1 || ws[0].Code != "herlev" {
		t.Fatalf("Herlev's links: %+v", ws)
	}
	// Lars's link to Herlev works; if Carla lost her role, hers would not.
	if m, _, err := s.RedeemInvite(ctx, 6, "herlev", t0); err != nil || m.BranchID != herlev {
		t.Fatalf("Amal through Herlev's link: %+v, %v", m, err)
	}
}

// TestBroadcastAudiencePerBranch: a coordinator's audiences are their
// branch's members (by their role there), its activities' followers and
// its events' invitees; the broadcast records its branch. A national one
// (branch 0) reaches everyone once.
func TestBroadcastAudiencePerBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	herlev := twoBranches(t, s)
	// Lars volunteers in the first branch too.
	if err := s.JoinBranch(ctx, 77, domain.DefaultBranchID, domain.RoleVolunteer, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO activities (id, branch_id, key, name, schedule, created_at, updated_at)
		VALUES (40, ?, 'cafe', 'Café', '0 15 * * 4', ?, ?)`, herlev, utc(t0), utc(t0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (40, 8, ?)`, utc(t0)); err != nil {
		t.Fatal(err)
	}
	first := domain.DefaultBranchID
	for _, tc := range []struct {
		aud  domain.Audience
		want int
	}{
		{domain.Audience{Kind: domain.AudienceAll, Branch: first}, 3},                  // Carla, Amal, Lars
		{domain.Audience{Kind: domain.AudienceVolunteers, Branch: first}, 1},           // Lars
		{domain.Audience{Kind: domain.AudienceCoordinators, Branch: first}, 1},         // Carla
		{domain.Audience{Kind: domain.AudienceParticipants, Branch: herlev}, 1},        // Hana
		{domain.Audience{Kind: domain.AudienceCoordinators, Branch: herlev}, 1},        // Lars
		{domain.Audience{Kind: domain.AudienceLanguage, Lang: "ti", Branch: first}, 0}, // Hana is Herlev's
		{domain.Audience{Kind: domain.AudienceActivity, Ref: 40, Branch: first}, 0},    // Herlev's café
		{domain.Audience{Kind: domain.AudienceActivity, Ref: 40, Branch: herlev}, 1},   // Hana
		{domain.Audience{Kind: domain.AudienceAll}, 4},                                 // national: each once
		{domain.Audience{Kind: domain.AudienceCoordinators}, 2},                        // national, highest role
	} {
		c, err := s.CountAudience(ctx, tc.aud)
		if err != nil || c.Reachable != tc.want {
			t.Errorf("CountAudience(%s in %d) = %d, %v; want %d", tc.aud, tc.aud.Branch, c.Reachable, err, tc.want)
		}
		readers, err := s.CountReaders(ctx, tc.aud)
		n := 0
		for _, k := range readers {
			n += k
		}
		if err != nil || n != tc.want {
			t.Errorf("CountReaders(%s in %d) = %d, %v; want %d", tc.aud, tc.aud.Branch, n, err, tc.want)
		}
	}
	if err := s.CheckAudience(ctx, domain.Audience{Kind: domain.AudienceActivity, Ref: 40, Branch: first}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("Herlev's café checked from the first branch: %v", err)
	}
	if choices, err := s.BroadcastActivities(ctx, first); err != nil || len(choices) != 0 {
		t.Errorf("the first branch's activities to broadcast to: %+v, %v", choices, err)
	}
	if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceActivity, Ref: 40, Branch: first},
		Texts: map[string]string{"da": "Hej"}}, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a broadcast to Herlev's café from the first branch: %v", err)
	}
	id, n, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll, Branch: herlev},
		Texts: map[string]string{"da": "Hej"}, CreatedBy: 77}, t0)
	if err != nil || n != 2 {
		t.Fatalf("Herlev's broadcast: %d queued, %v", n, err)
	}
	var branch int64
	if err := s.r.GetContext(ctx, &branch, `SELECT branch_id FROM broadcasts WHERE id = ?`, id); err != nil || branch != herlev {
		t.Fatalf("broadcast's branch %d, %v", branch, err)
	}
	if len(askRows(t, s, 5)) != 0 || len(askRows(t, s, 6)) != 0 {
		t.Fatal("Herlev's broadcast reached the first branch's members")
	}
}

// TestHeldQuestionWaitsForItsBranch: a question asked in a branch with no
// coordinator who can read it is held, never relayed to another branch's
// coordinators, and goes to its own branch's first coordinator.
func TestHeldQuestionWaitsForItsBranch(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 5, "da", domain.RoleCoordinator)
	b, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Register(ctx, domain.Registration{ID: 8, ChatID: 8, DisplayName: "Hana", Language: "ti", Role: domain.RoleParticipant, BranchID: b.ID}, t0); err != nil {
		t.Fatal(err)
	}
	if _, _, targets, err := s.Ask(ctx, 8, domain.AskMessage{Kind: domain.AskText, Text: "hej"}, 10, 0, t0); err != nil || targets != 0 {
		t.Fatalf("Hana's question with no coordinator in Herlev: %d targets, %v", targets, err)
	}
	if res, err := s.ClaimHeldAsks(ctx, t0); err != nil || res.Queued != 0 || len(askRows(t, s, 5)) != 0 {
		t.Fatalf("held question relayed to the first branch: %+v, %d rows, %v", res, len(askRows(t, s, 5)), err)
	}
	if err := s.SetBranchCoordinators(ctx, "herlev", []int64{77}, nil, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Register(ctx, domain.Registration{ID: 77, ChatID: 77, DisplayName: "Lars", Language: "da", Role: domain.RoleParticipant, BranchID: b.ID}, t0); err != nil {
		t.Fatal(err)
	}
	if res, err := s.ClaimHeldAsks(ctx, t0); err != nil || res.Queued != 1 || len(askRows(t, s, 77)) != 1 || len(askRows(t, s, 5)) != 0 {
		t.Fatalf("held question after Lars joined: %+v, Lars %d, Carla %d, %v", res, len(askRows(t, s, 77)), len(askRows(t, s, 5)), err)
	}
}
