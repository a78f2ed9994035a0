package people

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// twoBranches is the test feature with a second branch, Herlev, whose
// coordinator is Hanne (id 900), and Lars (id 200) a volunteer in both.
func twoBranches(t *testing.T) (*Feature, domain.Branch, domain.Member) {
	t.Helper()
	f := testFeature(t)
	ctx := context.Background()
	herlev, err := f.Store.AddBranch(ctx, domain.NewBranch{Key: "herlev", Town: "Herlev", Coordinators: []int64{900},
		Names: domain.Texts{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في هيرليف", "ti": "ቀይሕ መስቀል Herlev", "en": "Red Cross Herlev"}}, f.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Store.Register(ctx, domain.Registration{ID: 900, ChatID: 900, DisplayName: "Hanne", Language: "da", BranchID: herlev.ID}, f.Now()); err != nil {
		t.Fatal(err)
	}
	lars := chattest.RegisterNamed(t, f.Env, 200, "Lars", "da", domain.RoleVolunteer)
	if err := f.Store.JoinBranch(ctx, lars.ID, herlev.ID, domain.RoleVolunteer, f.Now()); err != nil {
		t.Fatal(err)
	}
	return f, herlev, lars
}

// TestGoldenBranchScreens renders every screen of joining, /branch and
// moving per language (branches.*.txt), so wording and layout show up in
// review.
func TestGoldenBranchScreens(t *testing.T) {
	f, herlev, lars := twoBranches(t)
	ballerup := domain.Branch{ID: domain.DefaultBranchID, Name: "Røde Kors Ballerup", Names: domain.Texts(chat.DefaultGroupNames), JoinCode: "b000000000001"}
	both := []domain.Branch{ballerup, herlev}
	v := domain.MoveValues{Move: 7, Name: "Amal Hassan", Role: domain.RoleParticipant,
		From: ballerup.Names.With(ballerup.Name), To: herlev.Names.With(herlev.Name)}
	keep := v
	keep.Keep, keep.Name, keep.Role = true, "Lars", domain.RoleVolunteer
	for _, lang := range locales.Languages {
		L := f.Cat.For(lang)
		var out []string
		add := func(name, s string) { out = append(out, "== "+name+" ==\n"+s) }
		add("/start without a link: which branch", chattest.Screen(BranchPicker(L, lang, both)))
		add("joined through a branch's link", L.T("BranchJoined", locales.Data{"Branch": herlev.NameFor(lang)}))
		r := chat.NewRequest(context.Background(), f.Env, &lars, L)
		text, k, err := f.branchScreen(r)
		if err != nil {
			t.Fatal(err)
		}
		add("/branch, a volunteer in two branches", chattest.Screen(text, k))
		add("chosen (pop-up)", L.T("BranchNowActing", locales.Data{"Branch": herlev.NameFor(lang)}))
		add("moving: pick the branch", chattest.Screen(PickScreen(L, false, []domain.Branch{herlev})))
		add("joining a second branch: pick it", chattest.Screen(PickScreen(L, true, []domain.Branch{herlev})))
		add("no other branch", L.T("BranchNoOther", nil))
		add("no coordinator there (pop-up)", L.T("BranchNoCoordinator", locales.Data{"Branch": herlev.NameFor(lang)}))
		add("asked to move", L.T("BranchMoveAsked", locales.Data{"Branch": herlev.NameFor(lang)}))
		add("asked to join", L.T("BranchJoinAsked", locales.Data{"Branch": herlev.NameFor(lang)}))
		card := MoveCard(L, domain.Member{}, v)
		add("card to the new branch's coordinators: moving", chattest.Screen(card.Text, card.Buttons))
		card = MoveCard(L, domain.Member{}, keep)
		add("card: a volunteer joining too", chattest.Screen(card.Text, card.Buttons))
		for _, st := range []string{domain.MoveWelcomed, domain.MoveDeclined, "withdrawn"} {
			add("card once answered: "+st, MoveDecided(L, st, v))
		}
		add("answered already (pop-up)", L.T("BranchMoveDecidedAlready", nil))
		add("to the member: welcomed", moveWelcomed(L, domain.Member{}, v).Text)
		add("to the member: not ours", moveDeclined(L, domain.Member{}, v).Text)
		add("to the volunteer: welcomed too", moveWelcomed(L, domain.Member{}, keep).Text)
		add("to the volunteer: not ours", moveDeclined(L, domain.Member{}, keep).Text)
		add("command menu", "/branch – "+L.T("CmdBranch", nil))
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("branches.%s.txt", lang)), strings.Join(out, "\n\n")+"\n")
	}
}

// TestBranchScreenOffersWhatTheRoleMay: /branch offers moving to
// participants and volunteers, helping in a second branch to volunteers,
// neither to a coordinator; a coordinator's poster is their branch's.
func TestBranchScreenOffersWhatTheRoleMay(t *testing.T) {
	f, herlev, _ := twoBranches(t)
	D := f.Cat.For("da")
	mette := chattest.RegisterNamed(t, f.Env, 100, "Mette", "da", domain.RoleCoordinator)
	amal := chattest.RegisterNamed(t, f.Env, 300, "Amal", "da", domain.RoleParticipant)
	tove := chattest.RegisterNamed(t, f.Env, 301, "Tove", "da", domain.RoleVolunteer)
	for _, tc := range []struct {
		m          domain.Member
		move, join bool
	}{{mette, false, false}, {amal, true, false}, {tove, true, true}} {
		r := chattest.Typed(f.Env, tc.m, "/branch")
		f.cmdBranch(r)
		got := chattest.Screen(r.Reply.Effects[0].Text, r.Reply.Effects[0].Keyboard)
		if strings.Contains(got, D.T("BtnBranchMoved", nil)) != tc.move || strings.Contains(got, D.T("BtnBranchJoinToo", nil)) != tc.join {
			t.Errorf("/branch of %s:\n%s", tc.m.DisplayName, got)
		}
	}

	hanne, err := f.Store.Member(context.Background(), 900)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		m    domain.Member
		code string
		name string
	}{{hanne, herlev.JoinCode, "Røde Kors Herlev"}, {mette, posterCode, f.GroupName}} {
		r := chattest.Press(f.Env, c.m, "poster")
		f.sendPoster(r)
		var page string
		for _, e := range r.Reply.Effects {
			if e.FileName == "vejviser-poster.html" {
				page = string(e.Data)
			}
		}
		if !strings.Contains(page, "?start="+c.code) || !strings.Contains(page, c.name) {
			t.Errorf("%s's poster lacks %q or %q", c.m.DisplayName, c.code, c.name)
		}
	}
}
