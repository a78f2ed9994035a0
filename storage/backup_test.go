package storage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"vejviser/storage/domain"
)

func count(sum Summary, what string) int {
	for _, c := range sum.Counts {
		if c.What == what {
			return c.N
		}
	}
	return -1
}

func noPartials(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".partial") {
			t.Errorf("half-written file left behind: %s", e.Name())
		}
	}
}

// A backup taken while writers go on holds every row committed before it
// began, reads back clean, and its name sorts by time.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	for i := int64(1); i <= 50; i++ {
		register(t, s, i, "da", domain.RoleParticipant)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // writes go on during the backup
		defer wg.Done()
		for i := int64(1000); !stop.Load(); i++ {
			if _, err := s.Register(ctx, domain.Registration{ID: i, ChatID: i, DisplayName: "W", Language: "da", Role: domain.RoleParticipant}, t0); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	dir := t.TempDir()
	path, err := s.Backup(ctx, dir, BackupScheduled)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(path), "vejviser-2") || filepath.Dir(path) != dir {
		t.Errorf("backup named %s", path)
	}
	sum, err := Inspect(ctx, path)
	if err != nil || !sum.OK() {
		t.Fatalf("inspect = %+v, %v", sum, err)
	}
	if n := count(sum, "members"); n < 50 {
		t.Errorf("backup holds %d members, want at least the 50 committed before it", n)
	}
	if sum.SchemaVersion < 8 {
		t.Errorf("schema version %d", sum.SchemaVersion)
	}
	noPartials(t, dir)
	// A second copy in the same second gets a name of its own.
	again, err := s.Backup(ctx, dir, BackupScheduled)
	if err != nil || again == path {
		t.Fatalf("second backup %s, %v", again, err)
	}
}

// A directory that is missing or is a file, or a database that is not
// there: one line, and nothing half-written anywhere.
func TestBackupBadPlaces(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, to := range []string{filepath.Join(dir, "missing"), file} {
		if _, err := s.Backup(ctx, to, BackupScheduled); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("backup to %s = %v, want a one-line error", to, err)
		}
	}
	if _, err := BackupFile(ctx, filepath.Join(dir, "nope.db"), dir); err == nil || !strings.Contains(err.Error(), "nope.db") {
		t.Errorf("backup of a missing database = %v", err)
	}
	noPartials(t, dir)
}

func TestInspectRefusesWhatIsNotABackup(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 1, "da", domain.RoleParticipant)
	dir := t.TempDir()
	good, err := s.Backup(ctx, dir, BackupScheduled)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := os.ReadFile(good)
	cases := map[string][]byte{
		"text.db":      []byte("hello, this is not a database"),
		"empty.db":     nil,
		"truncated.db": body[:len(body)/2],
	}
	for name, data := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		sum, err := Inspect(ctx, p)
		if err == nil && sum.OK() {
			t.Errorf("%s passed inspection: %+v", name, sum)
		}
		if _, err := Restore(ctx, p, filepath.Join(dir, "target.db")); err == nil {
			t.Errorf("%s was restored", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "target.db")); !os.IsNotExist(err) {
		t.Errorf("a refused restore left a target behind: %v", err)
	}
}

// Restore refuses a database a running bot holds, and otherwise keeps the
// old file (and its WAL) beside the restored one.
func TestRestoreRefusesInUseAndKeepsTheOld(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "live.db")
	s, err := Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	register(t, s, 1, "da", domain.RoleParticipant)
	backup, err := s.Backup(ctx, dir, BackupScheduled)
	if err != nil {
		t.Fatal(err)
	}
	register(t, s, 2, "da", domain.RoleParticipant) // after the backup
	release, err := Lock(target)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, backup, target); err == nil || !strings.Contains(err.Error(), "running vejviser") {
		t.Fatalf("restore onto a held database = %v", err)
	}
	release()
	s.Close()
	old, err := Restore(ctx, backup, target)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := Inspect(ctx, old); err != nil || count(sum, "members") != 2 {
		t.Errorf("old database kept as %s: %+v, %v", old, sum, err)
	}
	s2, err := Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Member(ctx, 2); err == nil {
		t.Error("the restored database holds a member registered after the backup")
	}
	if _, err := s2.Member(ctx, 1); err != nil {
		t.Errorf("member 1: %v", err)
	}
}

// A migration that fails half-way rolls back and its error names the copy
// taken before it, which holds the data as it was.
func TestFailedMigrationNamesTheBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := OpenWith(ctx, filepath.Join(dir, "x.db"), Options{BackupDir: filepath.Join(dir, "backups")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	register(t, s, 1, "da", domain.RoleParticipant)
	fsys := fstest.MapFS{}
	entries, _ := migrations.ReadDir("migrations")
	for _, e := range entries {
		body, _ := migrations.ReadFile("migrations/" + e.Name())
		fsys["migrations/"+e.Name()] = &fstest.MapFile{Data: body}
	}
	fsys["migrations/0900_bad.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);")}
	err = s.migrateFS(ctx, fsys)
	if err == nil || !strings.Contains(err.Error(), BackupPreMigrate) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("failed migration = %v, want one line naming the backup", err)
	}
	var n int
	if err := s.w.Get(&n, `SELECT count(*) FROM sqlite_master WHERE name = 'half'`); err != nil || n != 0 {
		t.Errorf("half of the migration stayed: %d, %v", n, err)
	}
	names, _ := ListBackups(filepath.Join(dir, "backups"), BackupPreMigrate)
	if len(names) != 1 {
		t.Fatalf("pre-migration backups: %v", names)
	}
	if sum, err := Inspect(ctx, filepath.Join(dir, "backups", names[0])); err != nil || count(sum, "members") != 1 {
		t.Errorf("pre-migration backup: %+v, %v", sum, err)
	}
	// Opening an up-to-date database takes no copy.
	s.Close()
	s2, err := OpenWith(ctx, filepath.Join(dir, "x.db"), Options{BackupDir: filepath.Join(dir, "backups")})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if names, _ := ListBackups(filepath.Join(dir, "backups"), BackupPreMigrate); len(names) != 1 {
		t.Errorf("an open without a new migration took a copy: %v", names)
	}
}

func TestPruneBackupsKeepsTheNewestOfEachKind(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{
		"vejviser-20250101T033000Z.db", "vejviser-20250102T033000Z.db", "vejviser-20250103T033000Z.db",
		"vejviser-20250102T033000Z-2.db", "vejviser-20250102T033000Z-10.db",
		"vejviser-before-migration-20240101T000000Z.db", "vejviser.db", "other.db",
	} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o600)
	}
	removed, err := PruneBackups(dir, 2)
	if err != nil || removed != 3 {
		t.Fatalf("prune = %d, %v", removed, err)
	}
	left, _ := os.ReadDir(dir)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	// Copies of one second sort by their number: -10 is the newest of them.
	want := "other.db vejviser-20250102T033000Z-10.db vejviser-20250103T033000Z.db vejviser-before-migration-20240101T000000Z.db vejviser.db"
	if strings.Join(names, " ") != want {
		t.Errorf("left %v", names)
	}
}
