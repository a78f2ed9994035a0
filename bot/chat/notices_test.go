package chat_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

var noticeGreeting = domain.DeclareNotice("chattest.greeting", domain.ClassNotice)

// A notice is rendered with the language its recipient has when it leaves,
// not the one they had when it was decided; an unknown kind is an error.
func TestNoticesRenderInTheLanguageOfTheMomentItLeaves(t *testing.T) {
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	cat, err := locales.New(loc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "db")
	store, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	m, err := store.Register(ctx, domain.Registration{ID: 7, ChatID: 7, DisplayName: "Amina", Language: "ar"}, now)
	if err != nil {
		t.Fatal(err)
	}
	n := chat.NewNotices(&chat.Env{Store: store, Cat: cat})
	chat.Render(n, noticeGreeting, func(L *locales.Localizer, to domain.Member, name string) outbox.Rendered {
		return chat.Text(L.T("Welcome", locales.Data{"Name": name}), nil)
	})
	if !slices.Contains(domain.NoticeKinds(), noticeGreeting) || slices.Contains(n.Missing(), noticeGreeting) {
		t.Fatalf("kinds %v, missing %v", domain.NoticeKinds(), n.Missing())
	}
	out, err := domain.NewNotice(noticeGreeting, m, "Amina")
	if err != nil {
		t.Fatal(err)
	}
	storagetest.Enqueue(t, path, now, out)
	due, err := store.DueMessages(ctx, now, 10)
	if err != nil || len(due) != 1 || due[0].Text != "" || due[0].Notice != noticeGreeting {
		t.Fatalf("due %+v, %v", due, err)
	}
	for _, lang := range []string{"ar", "ti"} {
		if _, err := store.SetLanguage(ctx, m.ID, lang); err != nil {
			t.Fatal(err)
		}
		got, err := n.Render(ctx, due[0])
		want := cat.For(lang).T("Welcome", locales.Data{"Name": "Amina"})
		if err != nil || got.Text != want {
			t.Errorf("%s: %q, %v; want %q", lang, got.Text, err, want)
		}
	}
	due[0].Notice = "chattest.nobody"
	if _, err := n.Render(ctx, due[0]); err == nil {
		t.Error("an unknown kind rendered")
	}
}
