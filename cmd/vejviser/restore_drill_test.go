package main

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

// The restore drill: members join through the chat, a message is sent and
// one waits; a backup is taken while another member keeps tapping; the
// backup is restored into a new file and a bot started on it. Everything
// committed before the backup is there, the message marked sent is not
// sent again, and the one waiting is sent.
func TestRestoreDrill(t *testing.T) {
	amina := tgfake.User{ID: 8101, FirstName: "Amina", LanguageCode: "ar"}
	yonas := tgfake.User{ID: 8102, FirstName: "Yonas", LanguageCode: "ti"}
	late := tgfake.User{ID: 8103, FirstName: "Lars", LanguageCode: "da"}
	f := startFlow(t)
	f.join(amina, "ar")
	f.join(yonas, "ti")
	storagetest.Enqueue(t, f.db, time.Now(), domain.Outgoing{MemberID: amina.ID, ChatID: amina.ID, Kind: domain.KindBroadcast, Text: "sent before the backup"})
	f.harness.sender.Wake()
	f.waitFor("the first message", func() bool { return f.harness.sender.Stats().Sent >= 1 })
	storagetest.Enqueue(t, f.db, time.Now().Add(3*time.Second), domain.Outgoing{MemberID: yonas.ID, ChatID: yonas.ID, Kind: domain.KindBroadcast, Text: "waiting at the backup"})

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); f.join(late, "da") }() // the bot keeps taking taps
	path, err := f.harness.store.Backup(context.Background(), t.TempDir(), storage.BackupScheduled)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	f.stop()

	restored := filepath.Join(t.TempDir(), "restored.db")
	if _, err := storage.Restore(context.Background(), path, restored); err != nil {
		t.Fatal(err)
	}
	g := startFlowWith(t, func(s *tgfake.Server) { s.AddChat(amina.ID); s.AddChat(yonas.ID) }, withDB(restored))
	for _, u := range []tgfake.User{amina, yonas} {
		if m, err := g.harness.store.Member(context.Background(), u.ID); err != nil || m.Language != u.LanguageCode {
			t.Errorf("%s after the restore: %+v, %v", u.FirstName, m, err)
		}
	}
	g.waitFor("the waiting message", func() bool {
		for _, m := range g.fake.Messages(yonas.ID) {
			if m.Text == "waiting at the backup" {
				return true
			}
		}
		return false
	})
	for _, m := range g.fake.Messages(amina.ID) {
		if m.Text == "sent before the backup" {
			t.Error("a message marked sent before the backup was sent again")
		}
	}
}
