package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/storage"
	"vejviser/storage/domain"
)

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, envOf(), &stdout, &stderr)
	if err != nil && strings.Contains(err.Error(), "\n") {
		t.Errorf("%v: error of more than one line: %q", args, err)
	}
	return stdout.String(), stderr.String(), err
}

func seedMembers(t *testing.T, path string, n int) {
	t.Helper()
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 1; i <= n; i++ {
		if _, err := s.Register(context.Background(), domain.Registration{ID: int64(i), ChatID: int64(i), DisplayName: "M", Language: "da", Role: domain.RoleParticipant}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// backup, restore --check and restore, the way an operator types them.
func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vejviser.db")
	seedMembers(t, db, 3)

	out, _, err := runCmd(t, "backup", "-db", db) // the default folder beside the database
	if err != nil {
		t.Fatal(err)
	}
	backup := strings.TrimSpace(out)
	if filepath.Dir(backup) != filepath.Join(dir, "backups") {
		t.Fatalf("backup at %q", backup)
	}
	out, _, err = runCmd(t, "restore", "--check", backup)
	if err != nil || !strings.Contains(out, "integrity check: ok") || !strings.Contains(out, "members:         3") {
		t.Fatalf("restore --check = %v:\n%s", err, out)
	}

	// A bot running on the database: restore says so and changes nothing.
	release, err := storage.Lock(db)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "restore", backup, "-db", db)
	if err == nil || !strings.Contains(err.Error(), db+".lock") || exit(err) == 0 {
		t.Fatalf("restore onto a running bot's database = %v", err)
	}
	release()
	out, _, err = runCmd(t, "restore", backup, "-db", db)
	if err != nil || !strings.Contains(out, "kept as "+db+".replaced-") {
		t.Fatalf("restore = %v:\n%s", err, out)
	}
}

// Bad places and bad files: one line, a non-zero exit, nothing written.
func TestBackupCommandFaults(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vejviser.db")
	seedMembers(t, db, 1)
	notDB := filepath.Join(dir, "notes.db")
	os.WriteFile(notDB, []byte("shopping list"), 0o600)
	body, _ := os.ReadFile(db)
	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, body[:len(body)/3], 0o600)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"backup", "-db", db, "--to", filepath.Join(dir, "missing")}, "missing"},
		{[]string{"backup", "-db", db, "--to", notDB}, "not a directory"},
		{[]string{"backup", "-db", filepath.Join(dir, "nope.db"), "--to", dir}, "nope.db"},
		{[]string{"restore", "--check", notDB}, "not an SQLite database"},
		{[]string{"restore", "--check", truncated}, "truncated.db"},
		{[]string{"restore", notDB, "-db", db}, "not an SQLite database"},
		{[]string{"restore", "-db", db}, "exactly one backup file"},
		{[]string{"restore", filepath.Join(dir, "gone.db"), "-db", db}, "does not exist"},
	}
	for _, tc := range cases {
		_, _, err := runCmd(t, tc.args...)
		if err == nil || exit(err) == 0 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v = %v, want an error naming %q", tc.args, err, tc.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "partial") || strings.Contains(e.Name(), "replaced") || strings.HasPrefix(e.Name(), "vejviser-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if sum, err := storage.Inspect(context.Background(), db); err != nil || !sum.OK() {
		t.Errorf("the database after the refusals: %+v, %v", sum, err)
	}
}
