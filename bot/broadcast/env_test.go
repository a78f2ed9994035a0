package broadcast

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// testEnv is the shared environment on a real database and catalogue, at a
// fixed time; nothing is sent.
func testEnv(t *testing.T) *chat.Env {
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
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "vejviser.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	now := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	return &chat.Env{Store: st, Cat: cat, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return now },
		Wake: func() {}, GroupName: "Røde Kors Ballerup"}
}

// register stores a consented member.
func register(t *testing.T, env *chat.Env, id int64, lang string, role domain.Role) domain.Member {
	t.Helper()
	m, err := env.Store.Register(context.Background(), domain.Registration{ID: id, ChatID: id, DisplayName: "M", Language: lang, Role: role}, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// press is a request for m pressing a button with args.
func press(env *chat.Env, m domain.Member, args ...string) *chat.Request {
	r := chat.NewRequest(context.Background(), env, &m, env.Cat.For(m.Language))
	r.CB, r.Args = &models.CallbackQuery{ID: "1"}, args
	return r
}

// typed is a request for m typing text.
func typed(env *chat.Env, m domain.Member, text string) *chat.Request {
	r := chat.NewRequest(context.Background(), env, &m, env.Cat.For(m.Language))
	r.Text, r.Msg = text, &models.Message{Text: text, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}}
	return r
}

// check compares a reply with the texts it should send or edit, and the
// alert or toast that should answer the pressed button.
func check(t *testing.T, name string, r *chat.Request, texts []string, alert, toast string) {
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
