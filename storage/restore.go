package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
)

// Summary is what a backup holds, as `vejviser restore --check` prints it.
type Summary struct {
	SchemaVersion int
	Counts        []Count // in the order printed
	Integrity     string  // "ok", or SQLite's first complaints
}

// Count is the number of rows of one kind.
type Count struct {
	What string
	N    int
}

// OK says whether the copy passed the integrity check.
func (s Summary) OK() bool { return s.Integrity == "ok" }

// counted are the rows a summary counts: the name printed and the query.
// Tables a newer schema adds are counted only where they exist.
var counted = []struct{ what, table, where string }{
	{"members", "members", ""},
	{"events", "events", ""},
	{"activities", "activities", ""},
	{"shifts", "shifts", ""},
	{"matches", "matches", ""},
	{"queued messages", "outbox", "WHERE state IN ('pending','sending')"},
}

// Inspect opens a database file read-only, checks its integrity and counts
// what it holds. It never changes the file.
func Inspect(ctx context.Context, path string) (Summary, error) {
	var sum Summary
	if err := checkHeader(path); err != nil {
		return sum, err
	}
	db, err := sqlx.Open("sqlite3", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return sum, err
	}
	defer db.Close()
	var problems []string
	if err := db.SelectContext(ctx, &problems, `PRAGMA integrity_check(5)`); err != nil {
		return sum, fmt.Errorf("%s: %w", path, err)
	}
	sum.Integrity = strings.Join(problems, "; ")
	if !sum.OK() {
		return sum, nil
	}
	if err := db.GetContext(ctx, &sum.SchemaVersion, `SELECT coalesce(max(version), 0) FROM schema_migrations`); err != nil {
		return sum, fmt.Errorf("%s is not a Vejviser database: %w", path, err)
	}
	for _, c := range counted {
		var exists int
		if err := db.GetContext(ctx, &exists, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, c.table); err != nil {
			return sum, err
		}
		if exists == 0 {
			continue
		}
		n := 0
		if err := db.GetContext(ctx, &n, `SELECT count(*) FROM `+c.table+` `+c.where); err != nil {
			return sum, fmt.Errorf("%s: read %s: %w", path, c.table, err)
		}
		sum.Counts = append(sum.Counts, Count{c.what, n})
	}
	return sum, nil
}

// ErrInUse is a database a running bot holds.
var ErrInUse = errors.New("a running vejviser holds it")

// Lock marks the database at path as in use by this process until release
// is called or the process ends (however it ends: the kernel drops an
// flock with the process). It takes an exclusive flock on path+".lock";
// serve holds it for its whole run, restore takes it while it swaps files.
func Lock(path string) (release func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock %s.lock: %w", path, errors.Unwrap(err))
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w (it holds %s.lock)", path, ErrInUse, path)
		}
		return nil, fmt.Errorf("lock %s.lock: %w", path, err)
	}
	return func() { f.Close() }, nil
}

// Restore puts the backup at file in place of the database at path: it
// refuses a backup that fails the integrity check and a database a bot is
// running on, and keeps the old database (with its WAL) beside it, named
// path+".replaced-<time>". It returns that name ("" when there was none).
func Restore(ctx context.Context, file, path string) (string, error) {
	sum, err := Inspect(ctx, file)
	if err != nil {
		return "", err
	}
	if !sum.OK() {
		return "", fmt.Errorf("%s fails the integrity check: %s", file, sum.Integrity)
	}
	release, err := Lock(path)
	if err != nil {
		return "", err
	}
	defer release()
	tmp := path + ".restoring"
	if err := copyFile(file, tmp); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("copy %s: %w", file, err)
	}
	old := ""
	if _, err := os.Stat(path); err == nil {
		old = path + ".replaced-" + time.Now().UTC().Format(backupTimeLayout)
		// The WAL and its index belong to the old file: left beside the new
		// one, SQLite would replay them into it.
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Rename(path+suffix, old+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				os.Remove(tmp)
				return "", fmt.Errorf("keep the old database: %w", err)
			}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return old, fmt.Errorf("put the backup in place: %w", err)
	}
	syncDir(filepath.Dir(path))
	return old, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
