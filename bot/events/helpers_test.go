package events

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// desk is the events feature on a real store and catalogue, at a fixed
// time, without Telegram: handlers are called directly and their replies read.
type desk struct {
	t   *testing.T
	f   *Feature
	ctx context.Context
}

func newDesk(t *testing.T, now time.Time) *desk {
	t.Helper()
	return &desk{t: t, ctx: context.Background(), f: New(chattest.Env(t, chattest.At(now)))}
}

// member registers a member.
func (d *desk) member(id int64, lang string, role domain.Role) domain.Member {
	d.t.Helper()
	return chattest.RegisterNamed(d.t, d.f.Env, id, "M"+strconv.FormatInt(id, 10), lang, role)
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
