package chattest

import (
	"context"
	"database/sql"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Branches is an Env whose database file the test can also reach with
// SQL of its own (DB): to put an activity or event in a second branch, or
// to read what was queued to that branch's people.
type Branches struct {
	*chat.Env
	DB *sql.DB
}

// TwoBranches is Env on a database file the test reaches as DB too, with
// a second branch, Herlev (its id returned), beside the first.
func TwoBranches(t testing.TB, opts ...Option) (Branches, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "branches.db")
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	env := Env(t, append([]Option{func(e *chat.Env) { e.Store = st }}, opts...)...)
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	b, err := st.AddBranch(context.Background(), domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	return Branches{Env: env, DB: db}, b.ID
}

// Join registers a member of branch with role.
func (b Branches) Join(t testing.TB, id int64, name string, branch int64, role domain.Role) domain.Member {
	t.Helper()
	m, err := b.Store.Register(context.Background(), domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: "da", Role: role, BranchID: branch}, b.Now())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Exec runs SQL of the test's own on the database, failing the test on an
// error.
func (b Branches) Exec(t testing.TB, q string, args ...any) {
	t.Helper()
	if _, err := b.DB.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// Queued counts the outbox rows to chats (the other branch's people and
// group): what a try must not add to.
func (b Branches) Queued(t testing.TB, chats ...int64) int {
	t.Helper()
	var n int
	q := `SELECT count(*) FROM outbox WHERE chat_id IN (` + strings.TrimSuffix(strings.Repeat("?,", len(chats)), ",") + `)`
	args := make([]any, len(chats))
	for i, c := range chats {
		args[i] = c
	}
	if err := b.DB.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Try is one route tried across branches: a command, a button with the
// arguments of its payload, or text typed into a step-by-step chat. Setup,
// if set, prepares what the route needs as the member (a draft naming the
// other branch's thing).
type Try struct {
	Kind  string // "cmd", "button" or "text"
	Name  string // the command, the action's code or the flow's name
	Args  []string
	Setup func(r *chat.Request)
}

// Cmd, Button and Text are Tries.
func Cmd(name string) Try { return Try{Kind: "cmd", Name: name} }

// Button is a press of act with args.
func Button(act chat.Action, args ...string) Try {
	return Try{Kind: "button", Name: string(act), Args: args}
}

// Text is text typed into the flow named flow, set up by setup.
func Text(flow, text string, setup func(r *chat.Request)) Try {
	return Try{Kind: "text", Name: flow, Args: []string{text}, Setup: setup}
}

// Matrix is the authorization matrix across branches: every try, as every
// actor whose role the route allows, through the route's own authorization,
// must leave state unchanged and show none of secrets (what only the other
// branch's people may see). Every route of rt must be tried or named in
// noBranchData (with why it reads and changes no branch's data). After each
// try, reset runs as the actor (to end a draft). It returns how many
// route × role tries ran.
func Matrix(t *testing.T, env *chat.Env, rt chat.Routes, actors []domain.Member, tries []Try, noBranchData map[string]string,
	state func() string, secrets []string, reset func(r *chat.Request)) int {
	t.Helper()
	tried := map[string]bool{}
	before := state()
	n := 0
	for _, tr := range tries {
		route := routeOf(t, rt, tr.Kind, tr.Name)
		tried[tr.Kind+" "+tr.Name] = true
		for _, m := range actors {
			if !route.Open && m.Role.Rank() < route.Role.Rank() {
				continue
			}
			as := func() *chat.Request {
				return chat.NewRequest(context.Background(), env, &m, env.Cat.Reader(m.Reader()))
			}
			if tr.Setup != nil {
				tr.Setup(as())
			}
			rp := run(env, route, m, tr)
			n++
			if after := state(); after != before {
				t.Fatalf("%s %s %v as %s (%d) changed the other branch:\n%s\n%s", tr.Kind, tr.Name, tr.Args, m.Role, m.ID, before, after)
			}
			s := shown(rp)
			for _, secret := range secrets {
				if strings.Contains(s, secret) {
					t.Errorf("%s %s %v as %s (%d) showed %q:\n%s", tr.Kind, tr.Name, tr.Args, m.Role, m.ID, secret, s)
				}
			}
			if reset != nil {
				reset(as())
			}
		}
	}
	var left []string
	for _, k := range routeNames(rt) {
		if _, ok := noBranchData[k]; !ok && !tried[k] {
			left = append(left, k)
		}
	}
	sort.Strings(left)
	if len(left) > 0 {
		t.Errorf("routes neither tried across branches nor listed as touching no branch's data: %v", left)
	}
	for k := range noBranchData {
		if tried[k] {
			t.Errorf("%s is both tried and listed as touching no branch's data", k)
		}
	}
	return n
}

func routeNames(rt chat.Routes) []string {
	var out []string
	for c := range rt.Commands {
		out = append(out, "cmd "+c)
	}
	for a := range rt.Buttons {
		out = append(out, "button "+string(a))
	}
	for f := range rt.Flows {
		out = append(out, "text "+f)
	}
	return out
}

func routeOf(t *testing.T, rt chat.Routes, kind, name string) chat.Route {
	t.Helper()
	var r chat.Route
	var ok bool
	switch kind {
	case "cmd":
		r, ok = rt.Commands[name]
	case "button":
		r, ok = rt.Buttons[chat.Action(name)]
	case "text":
		r, ok = rt.Flows[name]
	}
	if !ok {
		t.Fatalf("no %s route %q", kind, name)
	}
	return r
}

// run handles the try through the route, its authorization included.
func run(env *chat.Env, route chat.Route, m domain.Member, tr Try) chat.Reply {
	r := chat.NewRequest(context.Background(), env, &m, env.Cat.Reader(m.Reader()))
	switch tr.Kind {
	case "cmd":
		r.Text = "/" + tr.Name
		r.Msg = &models.Message{Text: r.Text, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}, From: &models.User{ID: m.ID}}
	case "text":
		r.Text = strings.Join(tr.Args, " ")
		r.Msg = &models.Message{Text: r.Text, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}, From: &models.User{ID: m.ID}}
	case "button":
		r.CB = &models.CallbackQuery{ID: "cb", Data: chat.Payload(chat.Action(tr.Name), tr.Args...),
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{ID: 5, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}}}}
		r.CbMsgID, r.Args = 5, tr.Args
	}
	r.From = &models.User{ID: m.ID, FirstName: "M"}
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}

// shown is every word (and file) a reply put in front of the member.
func shown(rp chat.Reply) string {
	var b strings.Builder
	for _, e := range rp.Effects {
		b.WriteString(e.Text + "\n" + string(e.Data) + "\n")
		for _, row := range e.Keyboard {
			for _, btn := range row {
				b.WriteString(btn.Text + "\n" + btn.Data + "\n")
			}
		}
	}
	return b.String()
}
