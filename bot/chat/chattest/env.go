package chattest

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Now is the time Env's clock tells unless At says otherwise.
var Now = time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)

// GroupName is the local group Env names.
const GroupName = "Røde Kors Ballerup"

// Option changes the Env being built.
type Option func(*chat.Env)

// At makes the Env's clock tell now instead of Now.
func At(now time.Time) Option {
	return func(env *chat.Env) { env.Now = func() time.Time { return now } }
}

// Loc is the group's time zone, Europe/Copenhagen.
func Loc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Catalog is the real catalogue in Europe/Copenhagen; a message missing in
// any language fails the test.
func Catalog(t testing.TB) *locales.Catalog {
	t.Helper()
	cat, err := locales.New(Loc(t))
	if err != nil {
		t.Fatal(err)
	}
	cat.OnMissing = func(lang, id string, err error) { t.Errorf("%s.%s: %v", lang, id, err) }
	return cat
}

// Env is the shared environment on a real database in a temporary file and
// the real catalogue, at a fixed time, with the log discarded; nothing is
// sent and Wake does nothing.
func Env(t testing.TB, opts ...Option) *chat.Env {
	t.Helper()
	cat := Catalog(t)
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "vejviser.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	env := &chat.Env{Store: st, Cat: cat, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return Now },
		Wake: func() {}, GroupName: GroupName, GroupNames: chat.DefaultGroupNames}
	for _, o := range opts {
		o(env)
	}
	return env
}

// Register stores a consented member named "M".
func Register(t testing.TB, env *chat.Env, id int64, lang string, role domain.Role) domain.Member {
	t.Helper()
	return RegisterNamed(t, env, id, "M", lang, role)
}

// RegisterNamed stores a consented member called name.
func RegisterNamed(t testing.TB, env *chat.Env, id int64, name, lang string, role domain.Role) domain.Member {
	t.Helper()
	m, err := env.Store.Register(context.Background(), domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: lang, Role: role}, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	return m
}
