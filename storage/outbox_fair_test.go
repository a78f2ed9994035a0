package storage

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Bulk is shared fairly: a broadcast to thirty does not hold one to three
// behind it, nor a bulk notice of another cause; replies and time-critical
// notices still go first, oldest first.
func TestDueMessagesShareBulkFairly(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for id := int64(1); id <= 30; id++ {
		register(t, s, id, "da", domain.RoleParticipant)
	}
	for id := int64(31); id <= 33; id++ {
		register(t, s, id, "ar", domain.RoleParticipant)
	}
	for _, lang := range []string{"da", "ar"} {
		if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceLanguage, Lang: lang},
			Texts: map[string]string{"da": "to " + lang}}, t0); err != nil {
			t.Fatal(err)
		}
	}
	queue := func(m domain.Outgoing) {
		t.Helper()
		if err := s.tx(ctx, func(tx *sqlx.Tx) error { return enqueue(ctx, tx, t0, m) }); err != nil {
			t.Fatal(err)
		}
	}
	queue(domain.Outgoing{MemberID: 1, ChatID: 1, Priority: domain.PriorityBroadcast, Text: "bulk of another cause"})
	queue(domain.Outgoing{MemberID: 2, ChatID: 2, Kind: domain.KindReminder, Priority: domain.PriorityReminder, Text: "reminder"})
	queue(domain.Outgoing{MemberID: 3, ChatID: 3, Priority: domain.PriorityNotice, Text: "reply"})

	due, err := s.DueMessages(ctx, t0, 12)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range due {
		got = append(got, fmt.Sprintf("%s@%d", m.Text, m.ChatID))
	}
	want := []string{"reply@3", "reminder@2",
		"to da@1", "to ar@31", "bulk of another cause@1",
		"to da@2", "to ar@32",
		"to da@3", "to ar@33",
		"to da@4", "to da@5", "to da@6"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("due in order\n%q\nwant\n%q", got, want)
	}
}

// Groups of keys take turns before their keys do: with two broadcasts in
// one group and one in another, the lone one gets every other turn, and the
// two share the rest. (Groups are written by nothing yet: one per branch is
// the next step, and only the enqueuers change for it.)
func TestDueMessagesGroupsTakeTurnsFirst(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for id, lang := range map[int64]string{1: "da", 2: "da", 3: "da", 4: "da", 11: "ar", 12: "ar", 21: "en", 22: "en", 23: "en", 24: "en"} {
		register(t, s, id, lang, domain.RoleParticipant)
	}
	for _, lang := range []string{"da", "ar", "en"} {
		if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceLanguage, Lang: lang},
			Texts: map[string]string{"da": lang}}, t0); err != nil {
			t.Fatal(err)
		}
	}
	// da and ar in one group, en in another.
	if _, err := s.w.ExecContext(ctx, `UPDATE outbox SET fair_group = CASE WHEN chat_id > 20 THEN 'b' ELSE 'a' END`); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueMessages(ctx, t0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, m := range due {
		got = append(got, m.ChatID)
	}
	want := []int64{1, 21, 11, 22, 2, 23, 12, 24, 3, 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("due chats %v, want %v", got, want)
	}
}

// Migration 0017 keys the bulk messages already queued: a broadcast's rows
// share its key, another bulk row is keyed by its cause, the rest keep none.
func TestFairKeyMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	w, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	old := fstest.MapFS{}
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() < "0017" {
			body, _ := fs.ReadFile(migrations, "migrations/"+e.Name())
			old["migrations/"+e.Name()] = &fstest.MapFile{Data: body}
		}
	}
	if err := (&Store{w: w}).migrateFS(ctx, old); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO broadcasts (id, audience, created_at) VALUES (4, 'all', '2026-11-21 10:00:00')`,
		`INSERT INTO outbox (chat_id, kind, priority, text, buttons, broadcast_id, state, not_before, created_at) VALUES
			(1, 'broadcast', 10, 'a', '', 4, 'pending', '2026-11-21 10:00:00', '2026-11-21 10:00:00'),
			(2, 'broadcast', 10, 'a', '', 4, 'sent', '2026-11-21 10:00:00', '2026-11-21 10:00:00'),
			(3, 'notice', 10, 'b', '', NULL, 'pending', '2026-11-21 10:00:00', '2026-11-21 10:00:00'),
			(4, 'reminder', 5, 'c', '', NULL, 'pending', '2026-11-21 10:00:00', '2026-11-21 10:00:00')`,
	} {
		if _, err := w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var keys []string
	if err := s.r.SelectContext(ctx, &keys, `SELECT fair FROM outbox ORDER BY chat_id`); err != nil {
		t.Fatal(err)
	}
	if want := []string{"broadcast:4", "", "cause:notice", ""}; fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Errorf("keys after migrating %q, want %q", keys, want)
	}
}
