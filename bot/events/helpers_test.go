package events

import (
	"context"
	"flag"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// testCatalog is the real catalogue; a message missing in any language fails the test.
func testCatalog(t *testing.T) *locales.Catalog {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.New(loc)
	if err != nil {
		t.Fatal(err)
	}
	cat.OnMissing = func(lang, id string, err error) { t.Errorf("%s.%s: %v", lang, id, err) }
	return cat
}

// screen is a message and its keyboard as the golden files show them.
func screen(text string, k chat.Keyboard) string {
	var b strings.Builder
	b.WriteString(text)
	for _, r := range k {
		b.WriteString("\n")
		var cells []string
		for _, btn := range r {
			cells = append(cells, "["+btn.Text+"]")
		}
		b.WriteString(strings.Join(cells, " "))
	}
	return b.String()
}

// desk is the events feature on a real store and catalogue, at a fixed
// time, without Telegram: handlers are called directly and their replies read.
type desk struct {
	t   *testing.T
	f   *Feature
	ctx context.Context
}

func newDesk(t *testing.T, now time.Time) *desk {
	t.Helper()
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), "vejviser.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d := &desk{t: t, ctx: ctx}
	env := &chat.Env{Store: st, Cat: testCatalog(t), Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return now }, Wake: func() {}}
	d.f = New(env)
	return d
}

// member registers a member.
func (d *desk) member(id int64, lang string, role domain.Role) domain.Member {
	d.t.Helper()
	m, err := d.f.Store.Register(d.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "M" + strconv.FormatInt(id, 10), Language: lang, Role: role}, d.f.Now())
	if err != nil {
		d.t.Fatal(err)
	}
	return m
}

func (d *desk) request(m domain.Member) *chat.Request {
	return chat.NewRequest(d.ctx, d.f.Env, &m, d.f.Cat.For(m.Language))
}

// press is m pressing a button with callback data built like the bot's,
// authorized through the index like every press.
func (d *desk) press(m domain.Member, act chat.Action, args ...string) chat.Reply {
	d.t.Helper()
	a, decoded, err := chat.DecodePayload(chat.Payload(act, args...))
	if err != nil {
		d.t.Fatal(err)
	}
	r := d.request(m)
	r.CB = &models.CallbackQuery{ID: "cb", From: models.User{ID: m.ID}}
	r.Args = decoded
	route, ok := d.f.Routes().Buttons[a]
	if !ok {
		d.t.Fatalf("action %q not routed", a)
	}
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}

// command is m typing /cmd rest.
func (d *desk) command(m domain.Member, cmd, rest string) chat.Reply {
	d.t.Helper()
	r := d.request(m)
	r.Text = rest
	route := d.f.Routes().Commands[cmd]
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}

// typed is m typing text inside the step-by-step chat flow.
func (d *desk) typed(m domain.Member, flow, text string) chat.Reply {
	d.t.Helper()
	r := d.request(m)
	r.Text = text
	route := d.f.Routes().Flows[flow]
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}
