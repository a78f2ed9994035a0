package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The admin commands refuse a file that is not Vejviser's database (another
// program's SQLite file, a text file) and leave it as it was; an empty file
// becomes a database only with --init.
func TestAdminCommandsRefuseForeignDatabases(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "recipes.db")
	db, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte(strings.Repeat("shopping list\n", 20)), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"import", "testdata/plan.toml"},
		{"report", "--from", "2027-01-01", "--to", "2027-01-31"},
		{"broadcast", "--audience=all", "--text=Hej"},
	}
	for _, file := range []string{other, text} {
		before, _ := os.ReadFile(file)
		for _, cmd := range commands {
			for _, init := range []bool{false, true} {
				args := append(append([]string{}, cmd...), "-db", file)
				if init {
					args = append(args, "--init")
				}
				var out, errOut bytes.Buffer
				err := run(context.Background(), args, envOf(), &out, &errOut)
				var ce *configError
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), "is not Vejviser's database") {
					t.Errorf("%s on %s: %v", args, filepath.Base(file), err)
				}
			}
		}
		if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(file))
		}
	}
	empty := filepath.Join(dir, "new.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"report", "-db", empty, "--from", "2027-01-01", "--to", "2027-01-31"}, envOf(), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "--init") {
		t.Errorf("an empty file without --init: %v", err)
	}
	if err := run(context.Background(), []string{"import", "--init", "-db", empty, "testdata/plan.toml"}, envOf(), &out, &errOut); err != nil {
		t.Fatalf("import --init into an empty file: %v\n%s", err, &errOut)
	}
	if err := run(context.Background(), []string{"report", "-db", empty, "--from", "2027-01-01", "--to", "2027-01-31"}, envOf(), &out, &errOut); err != nil {
		t.Errorf("the new database is Vejviser's: %v", err)
	}
}
