package branches

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// branchState is what of Herlev (branch B) a route could change: its
// names, its coordinators (named and members), and how many branches
// there are.
func branchState(t *testing.T, env *chat.Env, herlev int64) string {
	t.Helper()
	ctx := context.Background()
	b, err := env.Store.Branch(ctx, herlev)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := env.Store.Branches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var coords, pending int
	for _, s := range bs {
		if s.ID == herlev {
			coords, pending = s.Coordinators, s.Pending
		}
	}
	return fmt.Sprintf("%s %v %d %d %d", b.Name, b.Names, coords, pending, len(bs))
}

// TestBranchMatrix walks every route of the feature: each is the national
// administrators' only, so every member of the first branch (participant,
// volunteer, coordinator; none an administrator) tries each against Herlev
// (a forged payload naming Herlev's id, a draft of Herlev's in their
// chat): each is refused with "not allowed", nothing of Herlev changes and
// nothing of any branch is shown. A new route of the feature that is not
// tried here fails the test.
func TestBranchMatrix(t *testing.T) {
	env, f, herlev := setup(t)
	hid := strconv.FormatInt(herlev.ID, 10)
	rs := f.Routes()
	buttons := map[chat.Action][]string{actList: {"0"}, actAdd: nil, actRename: {hid}, actCoords: {hid}, actCreate: nil,
		actNat: nil, actNatLng: {"ar"}, actNatGo: nil, actRenLng: {hid, "en"}}
	commands := map[string]string{"branches": "", "report": "01.01.2026 31.12.2026"}
	texts := map[string][]string{branchFlow.Name: {"Stjålet navn", "21", "-21", "herlev"}}
	for a := range rs.Buttons {
		if _, ok := buttons[a]; !ok {
			t.Errorf("button %q is not tried", a)
		}
	}
	for c := range rs.Commands {
		if _, ok := commands[c]; !ok {
			t.Errorf("command /%s is not tried", c)
		}
	}
	for fl := range rs.Flows {
		if _, ok := texts[fl]; !ok {
			t.Errorf("typed text in %q is not tried", fl)
		}
	}
	before := branchState(t, env, herlev.ID)
	tries := 0
	for _, id := range []int64{11, 12, coordinator} { // participant, volunteer, coordinator of the first branch
		m := member(t, env, id)
		deny := env.Cat.For(m.Language).T("AdminsOnly", nil)
		check := func(what string, r *chat.Request) {
			t.Helper()
			tries++
			got := r.Reply.Effects
			if len(got) != 1 || got[0].Text != deny {
				t.Errorf("%s by %s: %+v, want only %q", what, m.Role, got, deny)
			}
		}
		for c, text := range commands {
			check("/"+c, route(chattest.Typed(env, m, text), rs.Commands[c]))
		}
		for a, args := range buttons {
			check("button "+string(a), route(chattest.Press(env, m, args...), rs.Buttons[a]))
		}
		for fl, tt := range texts {
			for _, step := range []branchDraft{{Step: stepRename, Branch: herlev.ID}, {Step: stepRename, Branch: herlev.ID, Lang: "en"}, {Step: stepCoord, Branch: herlev.ID}, {Step: stepKey},
				{Step: stepNatSend, Texts: domain.Texts{"da": "Hej"}}, {Step: stepNatText, Lang: "da"}} {
				data, _ := json.Marshal(step)
				if err := env.Store.SaveConversation(context.Background(), m.ID, fl, data, env.Now()); err != nil {
					t.Fatal(err)
				}
				for _, text := range tt {
					check("text "+text+" in "+fl+" at "+string(step.Step), route(chattest.Typed(env, m, text), rs.Flows[fl]))
				}
			}
		}
	}
	if after := branchState(t, env, herlev.ID); after != before {
		t.Errorf("Herlev changed: %s, was %s", after, before)
	}
	if msgs, err := env.Store.DueMessages(context.Background(), env.Now().Add(time.Hour), 10); err != nil || len(msgs) > 0 {
		t.Errorf("%d messages queued (%v), want none", len(msgs), err)
	}
	t.Logf("%d routes × roles tried, 0 changes across branches", tries)
}
