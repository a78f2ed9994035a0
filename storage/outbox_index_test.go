package storage

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jmoiron/sqlx"
)

// The sender's queries for due messages search the outbox by (state,
// not_before) instead of scanning every row kept for thirty days. (The
// older partial index outbox_due, WHERE state IN ('pending','sending'), is
// not one SQLite can prove a query for state = 'pending' may use.)
func TestOutboxDueQueriesUseTheIndex(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	q, args, err := dueQuery(t0, 256, []int64{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		query string
		args  []any
	}{
		{"claim query (due messages)", q, args},
		{"claim query without chats held", mustDue(t, nil), []any{t0, 256}},
		{"next due", nextDueQuery, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var plan []struct {
				ID     int    `db:"id"`
				Parent int    `db:"parent"`
				NotUse int    `db:"notused"`
				Detail string `db:"detail"`
			}
			if err := s.r.SelectContext(ctx, &plan, "EXPLAIN QUERY PLAN "+tc.query, tc.args...); err != nil {
				t.Fatal(err)
			}
			var details []string
			for _, p := range plan {
				details = append(details, p.Detail)
			}
			if got := strings.Join(details, "; "); !strings.Contains(got, "INDEX outbox_state_due") {
				t.Errorf("plan %q does not use outbox_state_due", got)
			}
		})
	}
}

func mustDue(t *testing.T, skip []int64) string {
	t.Helper()
	q, _, err := dueQuery(t0, 256, skip)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// Migrations 0007 (the due index) and 0008 (notices as data) apply to a
// database made by the migrations before them, keeping its rows: a message
// queued before the upgrade, its text rendered then, is due after it as the
// same text, not as a notice; and they apply to a fresh one.
func TestOutboxIndexMigration(t *testing.T) {
	ctx := context.Background()
	hasIndex := func(t *testing.T, s *Store) {
		t.Helper()
		var n int
		if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'outbox_state_due'`); err != nil || n != 1 {
			t.Fatalf("outbox_state_due: %d, err %v", n, err)
		}
	}
	t.Run("fresh database", func(t *testing.T) {
		hasIndex(t, open(t))
	})
	t.Run("existing database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "old.db")
		w, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_txlock=immediate")
		if err != nil {
			t.Fatal(err)
		}
		w.SetMaxOpenConns(1)
		// The database as the release before 0007 left it, with messages queued.
		old := fstest.MapFS{}
		entries, err := fs.ReadDir(migrations, "migrations")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() < "0007" {
				body, _ := fs.ReadFile(migrations, "migrations/"+e.Name())
				old["migrations/"+e.Name()] = &fstest.MapFile{Data: body}
			}
		}
		s := &Store{w: w}
		if err := s.migrateFS(ctx, old); err != nil {
			t.Fatal(err)
		}
		// As that release registered a member (its columns only).
		if _, err := w.ExecContext(ctx, `INSERT INTO members (id, chat_id, display_name, language, role, consented_at, created_at, last_seen_at)
			VALUES (1, 1, 'M', 'da', 'participant', ?, ?, ?)`, utc(t0), utc(t0), utc(t0)); err != nil {
			t.Fatal(err)
		}
		// As the release before the upgrade queued them (its columns only).
		for _, text := range []string{"a", "b"} {
			if _, err := w.ExecContext(ctx, `INSERT INTO outbox (member_id, chat_id, kind, priority, text, buttons, state, not_before, created_at)
				VALUES (1, 1, 'notice', 0, ?, '[[{"text":"ok","data":"1:m:help"}]]', 'pending', ?, ?)`, text, utc(t0), utc(t0)); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := w.GetContext(ctx, &n, `SELECT count(*) FROM sqlite_master WHERE name = 'outbox_state_due'`); err != nil || n != 0 {
			t.Fatalf("the old database has the index already (%d, %v)", n, err)
		}
		w.Close()

		s, err = Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		hasIndex(t, s)
		due, err := s.DueMessages(ctx, t0, 10)
		if err != nil || len(due) != 2 {
			t.Fatalf("due after migrating: %d, err %v", len(due), err)
		}
		for i, m := range due {
			b, err := m.Buttons()
			if m.Text != []string{"a", "b"}[i] || m.Notice != "" || err != nil || len(b) != 1 || b[0][0].Data != "1:m:help" {
				t.Errorf("row queued before the upgrade reads %+v (buttons %v, %v)", m, b, err)
			}
		}
		if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM schema_migrations WHERE version = 7 AND name = '0007_outbox_index.sql'`); err != nil || n != 1 {
			t.Fatalf("migration 7 recorded %d times, err %v", n, err)
		}
	})
}
