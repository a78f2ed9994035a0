package chattest

import (
	"context"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Press is a request for m pressing a button with args.
func Press(env *chat.Env, m domain.Member, args ...string) *chat.Request {
	r := chat.NewRequest(context.Background(), env, &m, env.Cat.Reader(m.Reader()))
	r.CB, r.Args = &models.CallbackQuery{ID: "1"}, args
	return r
}

// Typed is a request for m typing text in their private chat.
func Typed(env *chat.Env, m domain.Member, text string) *chat.Request {
	r := chat.NewRequest(context.Background(), env, &m, env.Cat.Reader(m.Reader()))
	r.Text, r.Msg = text, &models.Message{Text: text, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}}
	return r
}

// Check compares a reply with the texts it should send or edit, and the
// alert or toast that should answer the pressed button.
func Check(t testing.TB, name string, r *chat.Request, texts []string, alert, toast string) {
	t.Helper()
	if got := r.Reply.Texts(); strings.Join(got, "|") != strings.Join(texts, "|") {
		t.Errorf("%s: said %q, want %q", name, got, texts)
	}
	var gotAlert, gotToast string
	for _, e := range r.Reply.Effects {
		if e.Kind == chat.Answer && e.Alert {
			gotAlert = e.Text
		} else if e.Kind == chat.Answer {
			gotToast = e.Text
		}
	}
	if gotAlert != alert || gotToast != toast {
		t.Errorf("%s: alert %q and toast %q, want %q and %q", name, gotAlert, gotToast, alert, toast)
	}
}

// PayloadRoundTrip checks that act's payload with args fits Telegram's 64
// bytes and decodes to what was built.
func PayloadRoundTrip(t testing.TB, act chat.Action, args ...string) {
	t.Helper()
	data := chat.Payload(act, args...)
	if len(data) > 64 {
		t.Errorf("%q is %d bytes", data, len(data))
	}
	got, decoded, err := chat.DecodePayload(data)
	if err != nil || got != act || strings.Join(decoded, ",") != strings.Join(args, ",") {
		t.Errorf("round trip of %q: %q %v %v", data, got, decoded, err)
	}
}

// PressLater is a test step: when run, m presses a button handled by handle,
// with args read only then (an id an earlier step made), and the request is
// returned for its reply.
func PressLater(env *chat.Env, m domain.Member, handle func(*chat.Request), args ...func() string) func() *chat.Request {
	return func() *chat.Request {
		var vs []string
		for _, a := range args {
			vs = append(vs, a())
		}
		r := Press(env, m, vs...)
		handle(r)
		return r
	}
}

// Lit is an argument of PressLater known from the start.
func Lit(s string) func() string { return func() string { return s } }
