package broadcast

import (
	"context"
	"fmt"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// TestBranchMatrix tries every route of /broadcast as the first branch's
// coordinator, and as one who takes part in Herlev too, with drafts naming
// Herlev's café, its event and a draft key of Herlev's: nothing is queued to
// Herlev's members, no broadcast of Herlev's or national one appears,
// nothing of Herlev is shown. A route neither tried nor listed fails it.
func TestBranchMatrix(t *testing.T) {
	env, herlev := chattest.TwoBranches(t)
	ctx := context.Background()
	f := New(env.Env)
	rt := f.Routes()
	first := domain.DefaultBranchID
	env.Join(t, 101, "Amal", first, domain.RoleParticipant)
	actors := []domain.Member{env.Join(t, 103, "Carla", first, domain.RoleCoordinator)}
	both := env.Join(t, 104, "Mette", first, domain.RoleCoordinator)
	lars := env.Join(t, 7001, "Lars Herlevsen", herlev, domain.RoleCoordinator)
	hana := env.Join(t, 7002, "Hana Herlevsen", herlev, domain.RoleParticipant)
	if err := env.Store.JoinBranch(ctx, both.ID, herlev, domain.RoleParticipant, env.Now()); err != nil {
		t.Fatal(err)
	}
	both, _ = env.Store.Member(ctx, both.ID)
	actors = append(actors, both)
	now := env.Now()
	env.Exec(t, `INSERT INTO activities (id, branch_id, key, name, schedule, created_at, updated_at) VALUES (40, ?, 'cafe', 'Herlev Café', '0 15 * * 4', ?, ?)`, herlev, now, now)
	env.Exec(t, `INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (40, ?, ?)`, hana.ID, now)
	env.Exec(t, `INSERT INTO events (id, branch_id, key, title, starts_at, ends_at, rsvp_by, created_at, updated_at)
		VALUES (50, ?, 'fest', 'Herlev Fest', ?, ?, ?, ?, ?)`, herlev, now.AddDate(0, 0, 7), now.AddDate(0, 0, 7).Add(3e12), now, now, now)
	env.Exec(t, `INSERT INTO event_invitations (event_id, member_id, updated_at) VALUES (50, ?, ?)`, hana.ID, now)
	if _, _, err := env.Store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll, Branch: herlev},
		Texts: map[string]string{"da": "Herlev's own"}, CreatedBy: lars.ID, DraftKey: "herlevkey"}, now); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		var ours, national int
		if err := env.DB.QueryRow(`SELECT (SELECT count(*) FROM broadcasts WHERE branch_id = ?), (SELECT count(*) FROM broadcasts WHERE branch_id IS NULL)`,
			herlev).Scan(&ours, &national); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d %d %d", ours, national, env.Queued(t, lars.ChatID, hana.ChatID))
	}
	withDraft := func(d draft) func(r *chat.Request) {
		return func(r *chat.Request) {
			d.Key = "k1"
			if d.Texts == nil {
				d.Texts = map[string]string{}
			}
			draftFlow.Save(r, d)
		}
	}
	cafe, fest := "activity:40", "event:50"
	written := map[string]string{"da": "Hej alle"}
	with := func(tr chattest.Try, d draft) chattest.Try { tr.Setup = withDraft(d); return tr }
	tries := []chattest.Try{
		chattest.Cmd("broadcast"),
		with(chattest.Button(ActAudience, domain.AudienceAll), draft{}),
		with(chattest.Button(ActAudience, domain.AudienceActivity), draft{}),
		with(chattest.Button(ActAudience, domain.AudienceEvent), draft{}),
		with(chattest.Button(actPick, domain.AudienceActivity, "40"), draft{}),
		with(chattest.Button(actPick, domain.AudienceEvent, "50"), draft{}),
		with(chattest.Button(actLanguage, "k1", "ar"), draft{Audience: cafe, Texts: written}),
		with(chattest.Button(actPreview, "k1"), draft{Audience: cafe, Texts: written}),
		with(chattest.Button(actPreview, "k1"), draft{Audience: fest, Texts: written}),
		with(chattest.Button(actSend, "k1"), draft{Audience: cafe, Texts: written}),
		with(chattest.Button(actSend, "k1"), draft{Audience: fest, Texts: written}),
		with(chattest.Button(actSend, "k1"), draft{Audience: domain.AudienceAll, Texts: written}),
		with(chattest.Button(actSend, "k1"), draft{Audience: domain.AudienceParticipants, Texts: written}),
		with(chattest.Button(actEditTexts, "k1"), draft{Audience: cafe, Texts: written}),
		chattest.Button(actCancel, "herlevkey"),
		chattest.Button(actSend, "herlevkey"),
		chattest.Text(draftFlow.Name, "Hej café", withDraft(draft{Audience: cafe, Writing: "da"})),
	}
	n := chattest.Matrix(t, env.Env, rt, actors, tries, nil, state, []string{"Herlev", "Hana"},
		func(r *chat.Request) { _ = draftFlow.End(r) })
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
	// The first branch's own broadcast went to its members only.
	var queued int
	if err := env.DB.QueryRow(`SELECT count(*) FROM outbox WHERE broadcast_id IS NOT NULL AND chat_id IN (101, 103, 104)`).Scan(&queued); err != nil || queued == 0 {
		t.Fatalf("the first branch's broadcasts reached %d of its members (%v)", queued, err)
	}
}
