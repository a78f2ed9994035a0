// Package storagetest helps other packages' tests set up what the bot's own
// paths reach only slowly: messages queued straight into the outbox. It
// writes through a connection of its own to the database file the test
// opened, so the Store keeps no method that only tests call.
package storagetest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3" // the driver, as storage uses it

	"vejviser/storage/domain"
)

// Enqueue queues msgs in the outbox of the database at path, as the
// storage's own transactions do (pending, due at now unless NotBefore says
// otherwise), and fails the test if it cannot.
func Enqueue(t testing.TB, path string, now time.Time, msgs ...domain.Outgoing) {
	t.Helper()
	if err := Queue(path, now, msgs...); err != nil {
		t.Fatal(err)
	}
}

// Queue is Enqueue for a goroutine that is not the test's: it returns the error.
func Queue(path string, now time.Time, msgs ...domain.Outgoing) error {
	db, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_busy_timeout=10000&_txlock=immediate")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	for _, m := range msgs {
		b, err := buttons(m.Buttons)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO outbox (member_id, chat_id, kind, priority, text, buttons, state, not_before, expires_at,
			created_at, entities, copy_chat, copy_message, ask_item, notice, notice_values, language)
			VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			orNull(m.MemberID), m.ChatID, kindOf(m), m.Priority, m.Text, b, due(m.NotBefore, now), timeOrNull(m.ExpiresAt),
			now.UTC(), m.Entities, orNull(m.CopyChat), orNull(int64(m.CopyMessage)), orNull(m.AskItem), m.Notice, string(m.Values), m.Language); err != nil {
			return fmt.Errorf("enqueue for chat %d: %w", m.ChatID, err)
		}
	}
	return tx.Commit()
}

func kindOf(m domain.Outgoing) string {
	if m.Kind == "" {
		return domain.KindNotice
	}
	return m.Kind
}

func buttons(b [][]domain.Button) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	out, err := json.Marshal(b)
	return string(out), err
}

func due(notBefore, now time.Time) time.Time {
	if notBefore.IsZero() {
		return now.UTC()
	}
	return notBefore.UTC()
}

func orNull(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}
