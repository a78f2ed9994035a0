package storage

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Migration 0016 keeps the message of a date cancelled before it: the one
// text typed then becomes the Danish text of the message per language, and
// a date changed without one keeps none.
func TestMeetingReasonsMigration(t *testing.T) {
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
		if e.Name() < "0016" {
			body, _ := fs.ReadFile(migrations, "migrations/"+e.Name())
			old["migrations/"+e.Name()] = &fstest.MapFile{Data: body}
		}
	}
	if err := (&Store{w: w}).migrateFS(ctx, old); err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	cancelled := time.Date(2027, 1, 21, 15, 0, 0, 0, loc).UTC()
	moved := time.Date(2027, 1, 28, 15, 0, 0, 0, loc).UTC()
	// As the release before 0016 left them (its columns only).
	for _, q := range []string{
		`INSERT INTO activities (id, key, name, schedule, created_at, updated_at) VALUES (1, 'tal-dansk', 'Tal Dansk Café', '0 15 * * THU', ?1, ?1)`,
		`INSERT INTO occurrence_changes (activity_id, slot, state, reason, changed_at) VALUES (1, ?2, 'cancelled', 'Biblioteket er lukket', ?1)`,
		`INSERT INTO occurrence_changes (activity_id, slot, state, moved_to, reason, changed_at) VALUES (1, ?3, 'moved', ?4, '', ?1)`,
	} {
		if _, err := w.ExecContext(ctx, q, utc(t0), utc(cancelled), utc(moved), utc(moved.Add(25*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.ActivityByKey(ctx, 1, "tal-dansk")
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.Meeting(ctx, a, loc, cancelled)
	if err != nil || !o.Cancelled || !o.Reason.Equal(domain.Texts{"da": "Biblioteket er lukket"}) {
		t.Errorf("the cancelled date after migrating: %+v (%v), want its reason as the Danish text", o, err)
	}
	if got, lang := o.Reason.For(domain.Reader{Lang: "ar"}); got != "Biblioteket er lukket" || lang != "da" {
		t.Errorf("an Arabic reader gets %q in %q, want the Danish reason", got, lang)
	}
	o, err = s.Meeting(ctx, a, loc, moved)
	if err != nil || !o.Moved || len(o.Reason) != 0 {
		t.Errorf("the moved date after migrating: %+v (%v), want no reason", o, err)
	}
	// A new reason in two languages is stored as such.
	c := domain.MeetingChange{ActivityID: a.ID, Slot: moved, Cancel: true, Reason: domain.Texts{"da": "Syg", "ar": "مرض"}}
	if _, err := s.ChangeMeeting(ctx, []int64{1}, c, loc, t0); err != nil {
		t.Fatal(err)
	}
	if o, err = s.Meeting(ctx, a, loc, moved); err != nil || !o.Reason.Equal(c.Reason) {
		t.Errorf("a reason in two languages reads back as %v (%v)", o.Reason, err)
	}
}
