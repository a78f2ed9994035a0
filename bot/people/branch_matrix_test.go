package people

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestBranchMatrixJoinMove walks the routes of joining and moving
// (branchRoutes) and tries each, as every role of Ballerup that may use
// it, against Herlev: forged payloads naming Herlev's branch, its pending
// move, or a hidden branch. After each try nothing of Herlev has changed
// (its members' branches and roles, the move waiting there, the messages
// queued to its people), and no reply named Herlev's people. A route
// neither tried nor listed as touching no branch's data fails the test.
func TestBranchMatrixJoinMove(t *testing.T) {
	f := testFeature(t)
	ctx := context.Background()
	now := f.Now()
	add := func(key, name string, hidden bool, coord int64) domain.Branch {
		b, err := f.Store.AddBranch(ctx, domain.NewBranch{Key: key, Names: domain.Texts{"da": name}, Hidden: hidden, Coordinators: []int64{coord}}, now)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	herlev := add("herlev", "Røde Kors Herlev", false, 900)
	glostrup := add("glostrup", "Røde Kors Glostrup", false, 950)
	hidden := add("skjult", "Røde Kors Skjult", true, 960)
	reg := func(id int64, name string, branch int64, role domain.Role) domain.Member {
		m, err := f.Store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: "da", Role: role, BranchID: branch}, now)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	ballerup := map[domain.Role]domain.Member{
		domain.RoleCoordinator: reg(100, "Mette", domain.DefaultBranchID, domain.RoleCoordinator),
		domain.RoleVolunteer:   reg(200, "Lars", domain.DefaultBranchID, domain.RoleVolunteer),
		domain.RoleParticipant: reg(300, "Amal", domain.DefaultBranchID, domain.RoleParticipant),
	}
	herlevPeople := []domain.Member{reg(900, "Hanne", herlev.ID, ""), reg(400, "Tesfay", herlev.ID, domain.RoleVolunteer)}
	reg(950, "Gorm", glostrup.ID, "")
	reg(960, "Sif", hidden.ID, "")
	gina := reg(500, "Gina", glostrup.ID, domain.RoleParticipant)
	toHerlev, err := f.Store.AskMove(ctx, gina.ID, glostrup.ID, herlev.ID, false, now) // waiting for Herlev's answer
	if err != nil {
		t.Fatal(err)
	}
	fromHerlev, err := f.Store.AskMove(ctx, herlevPeople[1].ID, herlev.ID, glostrup.ID, true, now)
	if err != nil {
		t.Fatal(err)
	}
	herlevNames := []string{"Hanne", "Tesfay", "Gina"}

	// state is everything of Herlev a try might change.
	state := func() string {
		var b strings.Builder
		for _, m := range append(herlevPeople, gina) {
			sc, err := f.Store.Scope(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%d:%v/%d ", m.ID, sc.Roles, sc.Working)
		}
		for _, mv := range []domain.Move{toHerlev, fromHerlev} {
			got, err := f.Store.MoveOf(ctx, mv.ID, map[int64]int64{toHerlev.ID: 900, fromHerlev.ID: 950}[mv.ID])
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "move %d %s ", mv.ID, got.State)
		}
		due, err := f.Store.DueMessages(ctx, now.Add(1000*time.Hour), 10000)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "outbox %d", len(due))
		return b.String()
	}

	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	roles := []domain.Role{domain.RoleParticipant, domain.RoleVolunteer, domain.RoleCoordinator}
	type try struct {
		name  string
		roles []domain.Role
		run   func(m domain.Member) *chat.Request
		// refused: answered as a stale button is.
		refused bool
	}
	press := func(h func(*chat.Request), args ...string) func(domain.Member) *chat.Request {
		return func(m domain.Member) *chat.Request { r := chattest.Press(f.Env, m, args...); h(r); return r }
	}
	tries := map[string][]try{
		"/branch": {{"own branches only", roles, func(m domain.Member) *chat.Request {
			r := chattest.Typed(f.Env, m, "/branch")
			f.cmdBranch(r)
			return r
		}, false}},
		string(actBranchWork): {
			{"act in Herlev", roles, press(f.onBranchWork, id(herlev.ID)), true},
			{"act in a hidden branch", roles, press(f.onBranchWork, id(hidden.ID)), true},
		},
		string(actBranchMove): {
			{"move (the branch list is public)", roles, press(f.onBranchMove, "move"), false},
			{"join too", roles, press(f.onBranchMove, "join"), false},
		},
		string(actBranchPick): {
			{"pick a hidden branch in the chat", roles, func(m domain.Member) *chat.Request {
				press(f.onBranchMove, "move")(m)
				return press(f.onBranchPick, id(hidden.ID))(m)
			}, true},
			{"pick the branch one is moving from, forged", roles, func(m domain.Member) *chat.Request {
				press(f.onBranchMove, "move")(m)
				return press(f.onBranchPick, id(domain.DefaultBranchID))(m)
			}, true},
		},
		string(ActMoveDecide): {
			{"welcome into Herlev", []domain.Role{domain.RoleCoordinator}, press(f.onMoveDecide, id(toHerlev.ID), "yes"), true},
			{"decline for Herlev", []domain.Role{domain.RoleCoordinator}, press(f.onMoveDecide, id(toHerlev.ID), "no"), true},
			{"answer for Glostrup about Herlev's volunteer", []domain.Role{domain.RoleCoordinator}, press(f.onMoveDecide, id(fromHerlev.ID), "yes"), true},
		},
	}
	// Routes that touch no branch's data.
	none := map[string]string{
		"text in branchmove": "typed text while picking: answered 'use the buttons'",
	}

	before := state()
	n := 0
	rt := f.branchRoutes()
	var keys []string
	for c := range rt.Commands {
		keys = append(keys, "/"+c)
	}
	for a := range rt.Buttons {
		keys = append(keys, string(a))
	}
	for fl := range rt.Flows {
		keys = append(keys, "text in "+fl)
	}
	for _, key := range keys {
		if _, ok := none[key]; ok {
			continue
		}
		ts, ok := tries[key]
		if !ok {
			t.Errorf("route %s is neither tried across branches nor listed as touching no branch's data", key)
			continue
		}
		for _, tr := range ts {
			for _, role := range tr.roles {
				m := ballerup[role]
				r := tr.run(m)
				n++
				for _, text := range r.Reply.Texts() {
					for _, name := range herlevNames {
						if strings.Contains(text, name) {
							t.Errorf("%s %s as %s showed %q: %q", key, tr.name, role, name, text)
						}
					}
				}
				if tr.refused && !answeredExpired(f, r) {
					t.Errorf("%s %s as %s was not refused as a stale button: %+v", key, tr.name, role, r.Reply.Effects)
				}
				if got := state(); got != before {
					t.Fatalf("%s %s as %s changed Herlev:\n%s\nwas\n%s", key, tr.name, role, got, before)
				}
				_, _ = f.Store.EndConversation(ctx, m.ID)
			}
		}
	}
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}

// answeredExpired reports whether the press was answered "this button no
// longer works".
func answeredExpired(f *Feature, r *chat.Request) bool {
	for _, e := range r.Reply.Effects {
		if e.Kind == chat.Answer && e.Text == r.L.T("ButtonExpired", nil) {
			return true
		}
	}
	return false
}
