package branches

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

const admin, coordinator = 900, 901

// setup is an environment with two branches: the first, with a
// coordinator (901, not an administrator), a participant and a volunteer,
// and Herlev with a participant; 900 is a national administrator who
// belongs to the first branch as a participant.
func setup(t *testing.T) (*chat.Env, *Feature, domain.Branch) {
	t.Helper()
	env := chattest.Env(t)
	env.Admins = map[int64]bool{admin: true}
	ctx := context.Background()
	if _, err := env.Store.EnsureDefaultBranch(ctx, "ballerup", domain.Texts{"da": "Røde Kors Ballerup", "ar": "الصليب الأحمر في Ballerup"}); err != nil {
		t.Fatal(err)
	}
	herlev, err := env.Store.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في Herlev"}}, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	chattest.Register(t, env, admin, "da", domain.RoleParticipant)
	chattest.RegisterNamed(t, env, coordinator, "Karin", "da", domain.RoleCoordinator)
	chattest.RegisterNamed(t, env, 11, "Amina", "ar", domain.RoleParticipant)
	chattest.RegisterNamed(t, env, 12, "Lars", "da", domain.RoleVolunteer)
	if _, err := env.Store.Register(ctx, domain.Registration{ID: 21, ChatID: 21, DisplayName: "Yonas", Language: "ti", BranchID: herlev.ID}, env.Now()); err != nil {
		t.Fatal(err)
	}
	return env, New(env), herlev
}

func member(t *testing.T, env *chat.Env, id int64) domain.Member {
	t.Helper()
	m, err := env.Store.Member(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// route runs what the router would: the route's authorization, then its
// handler.
func route(r *chat.Request, rt chat.Route) *chat.Request {
	if chat.Authorize(r, rt) {
		rt.Handle(r)
	}
	return r
}

// command is m typing /name with text after it.
func command(env *chat.Env, f *Feature, m domain.Member, name, text string) *chat.Request {
	return route(chattest.Typed(env, m, text), f.Routes().Commands[name])
}

// typed is m typing text in their step-by-step chat.
func typed(env *chat.Env, f *Feature, m domain.Member, text string) *chat.Request {
	return route(chattest.Typed(env, m, text), f.Routes().Flows[branchFlow.Name])
}

// press is m pressing a button of act with args.
func press(env *chat.Env, f *Feature, m domain.Member, act chat.Action, args ...string) *chat.Request {
	return route(chattest.Press(env, m, args...), f.Routes().Buttons[act])
}

func said(r *chat.Request) string { return strings.Join(r.Reply.Texts(), "\n") }

// A coordinator who is not a national administrator gets "not allowed"
// for /branches and /report of this feature; the administrator gets the
// list with counts and join links, and no member's name.
func TestBranchesOnlyForAdmins(t *testing.T) {
	env, f, _ := setup(t)
	for _, id := range []int64{coordinator, 11, 12} {
		for _, cmd := range []string{"branches", "report"} {
			r := command(env, f, member(t, env, id), cmd, "")
			m := member(t, env, id)
			if said(r) != env.Cat.For(m.Language).T("AdminsOnly", nil) || len(r.Reply.Effects) != 1 {
				t.Errorf("/%s by %d: %+v, want only 'not allowed'", cmd, id, r.Reply.Effects)
			}
		}
	}
	r := command(env, f, member(t, env, admin), "branches", "")
	got := said(r)
	for _, want := range []string{"🏛 2 afdelinger", "🏠 Røde Kors Herlev (herlev)", "Deltagere: 1 · frivillige: 0 · koordinatorer: 0",
		"Deltagere: 2 · frivillige: 1 · koordinatorer: 1", "https://t.me/?start=b"} {
		if !strings.Contains(got, want) {
			t.Errorf("the list has no %q:\n%s", want, got)
		}
	}
	for _, name := range []string{"Karin", "Amina", "Lars", "Yonas"} {
		if strings.Contains(got, name) {
			t.Errorf("the administrators' list names the member %s:\n%s", name, got)
		}
	}
}

// Adding a branch step by step: a bad key and a taken one are answered and
// asked again, the name is asked, ✅ creates the branch and shows its join
// link; a second ✅ is a stale button.
func TestAddBranchFlow(t *testing.T) {
	env, f, _ := setup(t)
	a := member(t, env, admin)
	steps := []struct {
		r    func() *chat.Request
		want string
	}{
		{func() *chat.Request { return press(env, f, a, actAdd) }, "Skriv den nye afdelings nøgle"},
		{func() *chat.Request { return typed(env, f, a, "Gladsaxe!") }, "En nøgle er 2-32 tegn"},
		{func() *chat.Request { return typed(env, f, a, "herlev") }, "Der er allerede en afdeling med nøglen herlev"},
		{func() *chat.Request { return typed(env, f, a, "Gladsaxe") }, "Skriv afdelingens danske navn"},
		{func() *chat.Request { return typed(env, f, a, "   ") }, "Navnet må ikke være tomt"},
		{func() *chat.Request { return typed(env, f, a, "Røde Kors Gladsaxe") }, "Ny afdeling: Røde Kors Gladsaxe (nøgle gladsaxe). Tryk ✅ Opret"},
		{func() *chat.Request { return press(env, f, a, actCreate) }, "✅ Røde Kors Gladsaxe er oprettet.\n🔗 Tilmeldingslink: https://t.me/?start=b"},
	}
	for i, s := range steps {
		if got := said(s.r()); !strings.Contains(got, s.want) {
			t.Fatalf("step %d said %q, want %q", i, got, s.want)
		}
	}
	b, err := env.Store.BranchByKey(context.Background(), "gladsaxe")
	if err != nil || b.Name != "Røde Kors Gladsaxe" {
		t.Fatalf("the branch: %+v %v", b, err)
	}
	r := press(env, f, a, actCreate)
	chattest.Check(t, "second ✅", r, nil, "Denne knap virker ikke længere.", "")
}

// Renaming and naming coordinators: the branch changes, and a branch that
// is gone is answered as a stale button.
func TestRenameAndCoordinators(t *testing.T) {
	env, f, herlev := setup(t)
	ctx := context.Background()
	a := member(t, env, admin)
	hid := strconv.FormatInt(herlev.ID, 10)
	if got := said(press(env, f, a, actRename, hid)); !strings.Contains(got, "Skriv det nye danske navn for Røde Kors Herlev (herlev)") {
		t.Fatalf("rename asks %q", got)
	}
	if got := said(typed(env, f, a, "Røde Kors Herlev-Gladsaxe")); got != "✅ herlev hedder nu Røde Kors Herlev-Gladsaxe." {
		t.Fatalf("renamed: %q", got)
	}
	if b, _ := env.Store.Branch(ctx, herlev.ID); b.Name != "Røde Kors Herlev-Gladsaxe" || b.Names["ar"] == "" {
		t.Fatalf("after rename: %+v (the Arabic name is kept)", b)
	}
	if got := said(press(env, f, a, actRenLng, hid, "en")); !strings.Contains(got, "Skriv navnet på engelsk for Røde Kors Herlev-Gladsaxe") {
		t.Fatalf("rename in English asks %q", got)
	}
	if got := said(typed(env, f, a, "Red Cross Herlev")); got != "✅ På engelsk hedder herlev nu Red Cross Herlev." {
		t.Fatalf("renamed in English: %q", got)
	}
	if b, _ := env.Store.Branch(ctx, herlev.ID); b.Name != "Røde Kors Herlev-Gladsaxe" || b.NameFor("en") != "Red Cross Herlev" || b.Names["ar"] == "" {
		t.Fatalf("after the English name: %+v", b)
	}
	chattest.Check(t, "rename in Danish by the language button", press(env, f, a, actRenLng, hid, "da"), nil, "Denne knap virker ikke længere.", "")
	press(env, f, a, actCoords, hid)
	if got := said(typed(env, f, a, "abc")); !strings.Contains(got, "Det er ikke et Telegram-id") {
		t.Fatalf("not an id: %q", got)
	}
	if got := said(typed(env, f, a, "21")); !strings.Contains(got, "✅ 21 er koordinator i Røde Kors Herlev-Gladsaxe") {
		t.Fatalf("coordinator: %q", got)
	}
	sc, err := env.Store.Scope(ctx, 21)
	if err != nil || !sc.Has(herlev.ID, domain.RoleCoordinator) {
		t.Fatalf("21's scope %+v %v, want coordinator of Herlev", sc, err)
	}
	press(env, f, a, actCoords, hid)
	if got := said(typed(env, f, a, "-21")); !strings.Contains(got, "Det er afdelingens sidste koordinator") {
		t.Fatalf("the last coordinator removed: %q", got)
	}
	chattest.Check(t, "a branch that is not there", press(env, f, a, actRename, "999"), nil, "Denne knap virker ikke længere.", "")
}

// The national /report is an Excel file of counts per branch and in
// total, every count from 1 to 4 shown as "<5".
func TestNationalReportInChat(t *testing.T) {
	env, f, _ := setup(t)
	r := command(env, f, member(t, env, admin), "report", "")
	var doc *chat.Effect
	for i, e := range r.Reply.Effects {
		if e.Kind == chat.Document {
			doc = &r.Reply.Effects[i]
		}
	}
	if doc == nil || !strings.HasPrefix(doc.Text, "Landstal torsdag den 1. januar 2026 – torsdag den 31. december 2026 (afdelinger: 2)") {
		t.Fatalf("no national report: %d effects, said %q", len(r.Reply.Effects), said(r))
	}
	x, err := excelize.OpenReader(strings.NewReader(string(doc.Data)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Afdelinger")
	if err != nil || len(rows) != 4 || rows[0][0] != "Afdeling" || rows[3][0] != "I alt" {
		t.Fatalf("rows %q (%v)", rows, err)
	}
	if got := command(env, f, member(t, env, admin), "report", "nonsense"); !strings.Contains(said(got), "/report") {
		t.Fatalf("a bad period: %q", said(got))
	}
}

// Golden screens of the list and the new branch's preview, in each language.
func TestGoldenBranchScreens(t *testing.T) {
	for _, lang := range []string{"da", "ar", "ti", "en"} {
		env, f, _ := setup(t)
		if _, err := env.Store.SetLanguage(context.Background(), admin, lang); err != nil {
			t.Fatal(err)
		}
		a := member(t, env, admin)
		var screens []string
		for _, r := range []*chat.Request{
			command(env, f, a, "branches", ""),
			press(env, f, a, actRename, "1"),
			press(env, f, a, actAdd),
			typed(env, f, a, "gladsaxe"),
			typed(env, f, a, "Røde Kors Gladsaxe"),
			press(env, f, a, actCreate),
			press(env, f, a, actNat),
			typed(env, f, a, "Generalforsamling den 3. maj."),
			command(env, f, member(t, env, coordinator), "branches", ""),
		} {
			for _, e := range r.Reply.Effects {
				if e.Kind == chat.Send || e.Kind == chat.Edit || (e.Kind == chat.Answer && e.Text != "") {
					screens = append(screens, chattest.Screen(e.Text, e.Keyboard))
				}
			}
		}
		got := strings.Join(screens, "\n---\n")
		got = reJoin.ReplaceAllString(got, "?start=<code>")
		chattest.Golden(t, "testdata/golden/branches."+lang+".txt", got+"\n")
	}
}

// reJoin is a join link's code, random per branch.
var reJoin = regexp.MustCompile(`\?start=b[0-9a-f]+`)
