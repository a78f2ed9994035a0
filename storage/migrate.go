package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations/*.sql
var migrations embed.FS

var errNoRows = sql.ErrNoRows

// migrate applies every embedded migration not yet recorded, each in its own
// transaction together with its record, so a failed one leaves no trace.
func (s *Store) migrate(ctx context.Context) error { return s.migrateFS(ctx, migrations) }

// beforeMigrate copies a database that already holds data before the first
// of pending is applied, so that an upgrade can be undone by restoring the
// copy. It returns the copy's path ("" when nothing needed copying).
func (s *Store) beforeMigrate(ctx context.Context, pending []string) (string, error) {
	if s.opts.BackupDir == "" || len(pending) == 0 {
		return "", nil
	}
	var applied int
	if err := s.w.GetContext(ctx, &applied, `SELECT count(*) FROM schema_migrations`); err != nil || applied == 0 {
		return "", err // a new database: nothing to keep
	}
	if err := os.MkdirAll(s.opts.BackupDir, 0o700); err != nil {
		return "", fmt.Errorf("backup before migration %s: %w", pending[0], err)
	}
	path, err := backupFrom(ctx, s.w, s.opts.BackupDir, BackupPreMigrate, time.Now())
	if err != nil {
		return "", fmt.Errorf("backup before migration %s (nothing was changed): %w", pending[0], err)
	}
	if s.opts.OnBackup != nil {
		s.opts.OnBackup(path, pending)
	}
	return path, nil
}

// migrateFS applies the migrations in fsys's "migrations" directory. Two
// files with the same number are refused before anything is applied: one
// of them would be skipped silently on every database that has the other.
func (s *Store) migrateFS(ctx context.Context, fsys fs.FS) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	versions := make([]int, len(names))
	seen := make(map[int]string, len(names))
	for i, name := range names {
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		if other, dup := seen[version]; dup {
			return fmt.Errorf("migrations %s and %s have the same number %d", other, name, version)
		}
		seen[version], versions[i] = name, version
	}
	var done []int
	if err := s.w.SelectContext(ctx, &done, `SELECT version FROM schema_migrations`); err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	for _, v := range done {
		applied[v] = true
	}
	var pending []string
	for i, name := range names {
		if !applied[versions[i]] {
			pending = append(pending, name)
		}
	}
	backup, err := s.beforeMigrate(ctx, pending)
	if err != nil {
		return err
	}
	for i, name := range names {
		version := versions[i]
		if applied[version] {
			continue
		}
		body, err := fs.ReadFile(fsys, "migrations/"+name)
		if err != nil {
			return fmt.Errorf("read migration %s: %w", name, err)
		}
		err = s.applyMigration(ctx, version, name, string(body))
		if err != nil {
			if backup != "" {
				return fmt.Errorf("migration %s failed and was rolled back; the copy from before the upgrade is %s: %w", name, backup, err)
			}
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// applyMigration applies one migration in its own transaction together with
// its record, switching foreign keys off around it when it says so.
func (s *Store) applyMigration(ctx context.Context, version int, name, body string) error {
	rebuild := strings.HasPrefix(body, foreignKeysOff)
	if rebuild {
		if _, err := s.w.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, body); err != nil {
			return err
		}
		if rebuild {
			if err := foreignKeyCheck(ctx, tx); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			version, name, time.Now().UTC())
		return err
	})
	if rebuild {
		if _, fkErr := s.w.ExecContext(ctx, `PRAGMA foreign_keys = ON`); fkErr != nil && err == nil {
			err = fkErr
		}
	}
	return err
}

// foreignKeysOff starts a migration that rebuilds tables: SQLite changes a
// table's constraints only by copying it into a new one, with foreign keys
// off so that dropping the old table neither cascades nor fails. The
// runner switches them off around such a migration (the writer is one
// connection, so the pragma holds for its transaction) and checks every
// reference before it commits.
const foreignKeysOff = "-- foreign_keys: off"

// foreignKeyCheck fails when any row references a row that is not there.
func foreignKeyCheck(ctx context.Context, tx *sqlx.Tx) error {
	rows, err := tx.QueryxContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("foreign key check: a row of %s (rowid %d) names a missing row of %s", table, rowid.Int64, parent)
	}
	return rows.Err()
}
