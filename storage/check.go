package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/jmoiron/sqlx"
)

// What a database file holds, as Inspect finds it.
const (
	FileVejviser = "vejviser" // Vejviser's database: it has Vejviser's first migration recorded
	FileEmpty    = "empty"    // an empty file, or an SQLite database without any table
	FileForeign  = "foreign"  // anything else: another program's database, or not a database at all
)

// ErrNoDatabase is a path where no file exists.
var ErrNoDatabase = errors.New("no such file")

// Kind says, without changing it, what the file at path holds: the
// admin commands refuse to migrate (and so take over) a file that is not
// Vejviser's database. The marker is schema_migrations with the first
// migration, 0001_init.sql, recorded.
func Kind(ctx context.Context, path string) (string, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", ErrNoDatabase
	}
	if err != nil {
		return "", err
	}
	if !info.Mode().IsRegular() {
		return FileForeign, nil
	}
	if info.Size() == 0 {
		return FileEmpty, nil
	}
	if !hasSQLiteHeader(path) { // SQLite reads a short file of any bytes as an empty database
		return FileForeign, nil
	}
	if path == "" || strings.ContainsAny(path, "?#") {
		return "", fmt.Errorf("open database: invalid path %q", path)
	}
	db, err := sqlx.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var tables int
	if err := db.GetContext(ctx, &tables, `SELECT count(*) FROM sqlite_master WHERE type = 'table'`); err != nil {
		return FileForeign, nil // not an SQLite database
	}
	if tables == 0 {
		return FileEmpty, nil
	}
	var marked int
	err = db.GetContext(ctx, &marked, `SELECT count(*) FROM schema_migrations WHERE version = 1 AND name = '0001_init.sql'`)
	if err != nil || marked == 0 {
		return FileForeign, nil
	}
	return FileVejviser, nil
}

// hasSQLiteHeader reports whether the file begins as every SQLite database does.
func hasSQLiteHeader(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "SQLite format 3\x00"
}
