package network

import (
	"context"
	"fmt"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestOfferBranchMatrix tries every route of the offer part as the first
// branch's participant, volunteer and coordinator, and as a volunteer of
// the first branch who takes part in Herlev, against the offer of a
// Herlev volunteer: it never changes (not paused, stopped, resumed or
// rewritten) and its hello and contact are never shown. The buttons name
// no offer, so each acts on the presser's own.
func TestOfferBranchMatrix(t *testing.T) {
	env, herlev := chattest.TwoBranches(t)
	ctx := context.Background()
	rt := New(env.Env).offerRoutes()
	first := domain.DefaultBranchID
	actors := []domain.Member{
		env.Join(t, 101, "Amal", first, domain.RoleParticipant),
		env.Join(t, 102, "Sara", first, domain.RoleVolunteer),
		env.Join(t, 103, "Carla", first, domain.RoleCoordinator),
	}
	both := env.Join(t, 104, "Mette", first, domain.RoleVolunteer)
	if err := env.Store.JoinBranch(ctx, both.ID, herlev, domain.RoleParticipant, env.Now()); err != nil {
		t.Fatal(err)
	}
	both, _ = env.Store.Member(ctx, both.ID)
	actors = append(actors, both)
	hanne := env.Join(t, 7001, "Hanne Herlevsen", herlev, domain.RoleVolunteer)
	secret := domain.OfferCard{Offer: domain.Offer{MemberID: hanne.ID, Kind: "woman", Languages: []string{"da"}, Postcode: 2730, Capacity: 1},
		Hello: "Hanne fra Herlev", Contact: "hanne@herlev.example"}
	if err := env.Store.UpsertOffer(ctx, herlev, secret, env.Now()); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		var row string
		if err := env.DB.QueryRow(`SELECT printf('%s %s %s %s %s %s %s', branch_id, kind, hello, contact, coalesce(paused_until, '-'),
			coalesce(stopped_at, '-'), updated_at) FROM network_offers WHERE member_id = ?`, hanne.ID).Scan(&row); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%s %d", row, env.Queued(t, hanne.ChatID))
	}
	preview := func(r *chat.Request) {
		offerFlow.Save(r, offerDraft{Step: offerStepPreview, Kind: "couple", Languages: []string{"da"}, Postcode: 2750, Capacity: 1,
			Hello: "Hej", Contact: "x@example.dk"})
	}
	pausing := func(r *chat.Request) { pauseFlow.Save(r, pauseDraft{Step: stepUntil}) }
	tries := []chattest.Try{chattest.Cmd("networkfamily"), chattest.Text("networkfamily", "2730", nil),
		chattest.Text("networkpause", "01.03.2027", pausing),
		{Kind: "button", Name: string(actOfferFlow), Args: []string{"save", "ok"}, Setup: preview},
		{Kind: "button", Name: string(actOfferFlow), Args: []string{"edit", "contact"}, Setup: preview}}
	for _, op := range []string{"show", "change", "pause", "stop", "stopyes", "resume"} {
		tries = append(tries, chattest.Button(actOfferManage, op, "ok"))
	}
	tries = append(tries, chattest.Button(actOfferManage, "until", "3"))
	reset := func(r *chat.Request) { _, _ = env.Store.EndConversation(r.Ctx, r.Member.ID) }
	n := chattest.Matrix(t, env.Env, rt, actors, tries, nil, state, []string{"Hanne", "hanne@herlev.example"}, reset)
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}
