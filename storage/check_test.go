package storage

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

func TestKind(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ours := filepath.Join(dir, "vejviser.db")
	s, err := Open(ctx, ours)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database, but long enough to look like one ......................................................"), 0o644)
	short := filepath.Join(dir, "x.txt")
	os.WriteFile(short, []byte("x"), 0o644)
	noTables := filepath.Join(dir, "blank.db")
	blank, err := sql.Open("sqlite3", noTables)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := blank.Exec(`CREATE TABLE t (x); DROP TABLE t`); err != nil {
		t.Fatal(err)
	}
	blank.Close()
	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for path, want := range map[string]string{ours: FileVejviser, empty: FileEmpty, noTables: FileEmpty, short: FileForeign, text: FileForeign, other: FileForeign, dir: FileForeign} {
		if got, err := Kind(ctx, path); got != want || err != nil {
			t.Errorf("%s: %q, %v; want %q", filepath.Base(path), got, err, want)
		}
	}
	if _, err := Kind(ctx, filepath.Join(dir, "missing.db")); err != ErrNoDatabase {
		t.Errorf("a missing file: %v", err)
	}
	if data, _ := os.ReadFile(empty); len(data) != 0 {
		t.Error("Inspect wrote to the file")
	}
}
