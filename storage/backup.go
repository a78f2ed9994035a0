package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"
)

// Backup names: the kind, then the time in UTC, so that names sort by age.
const (
	BackupScheduled  = "vejviser-"                  // a daily or by-hand copy
	BackupPreMigrate = "vejviser-before-migration-" // taken before a new migration is applied
	backupTimeLayout = "20060102T150405Z"
)

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// Backup writes a consistent copy of the database into dir (which must
// exist) while writers go on: VACUUM INTO reads one snapshot in a read
// transaction, so it neither blocks the bot's writes nor sees half of one.
// The copy is checked (integrity_check and a read of every table we count)
// before it gets its final name; on any failure nothing is left in dir.
func (s *Store) Backup(ctx context.Context, dir, prefix string) (string, error) {
	return backupFrom(ctx, s.r, dir, prefix, time.Now())
}

// BackupFile is Backup of the database at path from another process: it
// opens the file read-only and leaves a running bot undisturbed.
func BackupFile(ctx context.Context, path, dir string) (string, error) {
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("database %s: %w", path, errors.Unwrap(err))
	}
	db, err := sqlx.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return "", fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	return backupFrom(ctx, db, dir, BackupScheduled, time.Now())
}

func backupFrom(ctx context.Context, db *sqlx.DB, dir, prefix string, now time.Time) (string, error) {
	if st, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("backup directory %s: %w", dir, errors.Unwrap(err))
	} else if !st.IsDir() {
		return "", fmt.Errorf("backup directory %s: not a directory", dir)
	}
	tmp, err := os.CreateTemp(dir, ".vejviser-backup-*.partial")
	if err != nil {
		return "", fmt.Errorf("backup directory %s: cannot write there: %w", dir, errors.Unwrap(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO wants to create the file itself
	keep := false
	defer func() {
		if !keep {
			os.Remove(tmpName)
		}
	}()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return "", writeError(dir, err)
	}
	if err := syncFile(tmpName); err != nil {
		return "", writeError(dir, err)
	}
	if sum, err := Inspect(ctx, tmpName); err != nil {
		return "", fmt.Errorf("backup: the copy does not read back: %w", err)
	} else if !sum.OK() {
		return "", fmt.Errorf("backup: the copy fails the integrity check: %s", sum.Integrity)
	}
	final, err := claimName(tmpName, dir, prefix, now)
	if err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	keep = true
	os.Remove(tmpName)
	syncDir(dir)
	return final, nil
}

// writeError says why writing the copy into dir failed; a full disk (or a
// quota reached) is named as such, with what to do.
func writeError(dir string, err error) error {
	var se sqlite3.Error
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || (errors.As(err, &se) && se.Code == sqlite3.ErrFull) {
		return fmt.Errorf("backup: no room left in %s (the disk is full): free space there or back up elsewhere; nothing was written", dir)
	}
	return fmt.Errorf("backup: %w", err)
}

// claimName links tmp to a name of its own in dir (never replacing a file
// already there: two copies in one second get -2, -3).
func claimName(tmp, dir, prefix string, now time.Time) (string, error) {
	base := prefix + now.UTC().Format(backupTimeLayout)
	for i := 1; i < 100; i++ {
		name := base
		if i > 1 {
			name += "-" + strconv.Itoa(i)
		}
		final := filepath.Join(dir, name+".db")
		err := os.Link(tmp, final)
		if err == nil {
			return final, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free name for %s in %s", base, dir)
}

// PruneBackups removes the oldest backups of each kind in dir beyond the
// newest keep, and returns how many it removed.
func PruneBackups(dir string, keep int) (int, error) {
	removed := 0
	for _, prefix := range []string{BackupPreMigrate, BackupScheduled} {
		names, err := ListBackups(dir, prefix)
		if err != nil {
			return removed, err
		}
		for len(names) > keep {
			if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
				return removed, err
			}
			names = names[1:]
			removed++
		}
	}
	return removed, nil
}

// ListBackups lists the backups of one kind in dir, oldest first.
func ListBackups(dir, prefix string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		rest, ok := strings.CutPrefix(n, prefix)
		// The scheduled prefix is a prefix of the pre-migration one: a
		// scheduled name goes on with the year's digit.
		if !ok || !strings.HasSuffix(n, ".db") || rest == "" || rest[0] < '0' || rest[0] > '9' || e.IsDir() {
			continue
		}
		names = append(names, n)
	}
	// By time, then by the -2, -3 of copies taken in the same second.
	sort.Slice(names, func(i, j int) bool { return backupOrder(names[i]) < backupOrder(names[j]) })
	return names, nil
}

func backupOrder(name string) string {
	base := strings.TrimSuffix(name, ".db")
	n := 1
	if i := strings.LastIndex(base, "Z-"); i >= 0 {
		if v, err := strconv.Atoi(base[i+2:]); err == nil {
			base, n = base[:i+1], v
		}
	}
	return fmt.Sprintf("%s-%03d", base, n)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// checkHeader refuses a file that is not an SQLite database before SQLite
// opens it (SQLite would treat an empty file as a new, empty database).
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteHeader {
		return fmt.Errorf("%s is not an SQLite database", path)
	}
	return nil
}
