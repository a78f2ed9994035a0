// Package storage owns Vejviser's data: it is the only package that imports
// sqlx and go-sqlite3. It opens the SQLite database with the pragmas in the
// DSN (WAL, synchronous=FULL, foreign keys, busy timeout, secure_delete,
// immediate transactions), applies the embedded numbered migrations, and offers one
// method per use case, each running in its own transaction. Messages the bot
// starts are written to the outbox inside the same transaction as the change
// that causes them. Times are stored in UTC.
package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Store is the database. A single writer connection serialises writes (SQLite
// allows one writer anyway, and this avoids SQLITE_BUSY between our own
// connections); a small read pool serves queries concurrently under WAL.
type Store struct {
	w    *sqlx.DB
	r    *sqlx.DB
	opts Options
	// unflushed: a deletion's checkpoint found the log busy, so the
	// database file may still hold the deleted bytes (FlushForgotten).
	unflushed atomic.Bool
}

// Options are Open's choices beyond the path.
type Options struct {
	// BackupDir, when set, receives a backup of a database that holds data
	// before a new migration is applied (made if missing).
	BackupDir string
	// OnBackup hears of that backup: its path and the migrations to apply.
	OnBackup func(path string, pending []string)
}

// Open opens (creating if needed) the database at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open database: invalid path %q", path)
	}
	// secure_delete: deleted rows are overwritten with zeros, so a forgotten
	// member's name and id do not linger in free pages.
	const pragmas = "_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=10000&_secure_delete=on"
	w, err := sqlx.Open("sqlite3", "file:"+path+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{w: w, opts: opts}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sqlx.Open("sqlite3", "file:"+path+"?mode=ro&"+pragmas+"&_txlock=deferred")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open read pool: %w", err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	return s, nil
}

// Close closes both connection pools.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// tx runs fn in one immediate (write-locking) transaction. It rolls back
// when fn returns an error or panics (the panic goes on), so the single
// writer connection is never left inside a transaction.
func (s *Store) tx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.w.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// utc normalises a time for storage: UTC, so text comparisons in SQL order correctly.
func utc(t time.Time) time.Time { return t.UTC() }

// nullID maps the id 0 to NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullTime maps the zero time to NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func notFound(err error, what string) error {
	if errors.Is(err, errNoRows) {
		return fmt.Errorf("%s: %w", what, domain.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}
