package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"vejviser/bot/plan"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// importShell runs `vejviser import args...` as the shell would, without
// environment.
func importShell(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"import"}, args...), envOf(), &out, &errOut)
	return out.String(), errOut.String(), err
}

// newBotDB makes the database a bot would have made on its first start.
func newBotDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "vejviser.db")
	store, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	return db
}

// activityRows is every column of every activity, as text, in id order.
func activityRows(t *testing.T, db string) []string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT id, key, name, titles, place, schedule, duration_min, remind_before_min,
		coalesce(archived_at, ''), created_at, updated_at FROM activities ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		cols := make([]any, 11)
		for i := range cols {
			cols[i] = new(sql.RawBytes)
		}
		if err := rows.Scan(cols...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, c := range cols {
			parts = append(parts, string(*c.(*sql.RawBytes)))
		}
		out = append(out, strings.Join(parts, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Importing a plan creates its activities; importing it again changes
// nothing, not even a timestamp; a changed entry is updated in place.
func TestImportPlanTwice(t *testing.T) {
	db := newBotDB(t)
	out, errOut, err := importShell(t, "-db", db, "testdata/plan.toml")
	if err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	if want := "testdata/plan.toml:3 activity tal-dansk: created\n" +
		"testdata/plan.toml:9 activity lektiehjaelp: created\n" +
		"testdata/plan.toml:16 activity strik: created\n" +
		"activities: 3 created, 0 updated, 0 unchanged\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	store, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cafe, err := store.ActivityByKey(context.Background(), domain.DefaultBranchID, "tal-dansk")
	if err != nil {
		t.Fatal(err)
	}
	cafe.ID = 0
	want := domain.Activity{BranchID: domain.DefaultBranchID, Key: "tal-dansk", Name: "Tal Dansk Café", Titles: domain.Texts{"en": "Speak Danish Café"},
		Place: "Ballerup Bibliotek, Banegårdspladsen 1", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}
	if !reflect.DeepEqual(cafe, want) {
		t.Errorf("tal-dansk = %+v, want %+v", cafe, want)
	}
	homework, err := store.ActivityByKey(context.Background(), domain.DefaultBranchID, "lektiehjaelp")
	if err != nil {
		t.Fatal(err)
	}
	if homework.Schedule != "0 16 * * MON,TUE" || homework.RemindBeforeMin != 90 || homework.Title("ti") != "ሓገዝ ዕዮ ገዛ" {
		t.Errorf("lektiehjaelp = %+v", homework)
	}
	before := activityRows(t, db)
	if len(before) != 3 {
		t.Fatalf("%d activities, want 3", len(before))
	}

	time.Sleep(10 * time.Millisecond) // a second import that wrote would leave a later updated_at
	out, errOut, err = importShell(t, "testdata/plan.toml", "-db", db)
	if err != nil {
		t.Fatalf("second import: %v\n%s", err, errOut)
	}
	if want := "testdata/plan.toml:3 activity tal-dansk: unchanged\n" +
		"testdata/plan.toml:9 activity lektiehjaelp: unchanged\n" +
		"testdata/plan.toml:16 activity strik: unchanged\n" +
		"activities: 0 created, 0 updated, 3 unchanged\n"; out != want {
		t.Errorf("second import: stdout %q, want %q", out, want)
	}
	if after := activityRows(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("the second import changed rows:\nbefore %q\nafter  %q", before, after)
	}

	data, err := os.ReadFile("testdata/plan.toml")
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(t.TempDir(), "plan.toml")
	moved := strings.Replace(string(data), `place = "Ballerup Bibliotek"`, `place = "Ballerup Sprogskole"`, 1)
	if err := os.WriteFile(changed, []byte(moved), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err = importShell(t, "-db="+db, changed)
	if err != nil {
		t.Fatalf("changed import: %v\n%s", err, errOut)
	}
	if want := changed + ":3 activity tal-dansk: unchanged\n" +
		changed + ":9 activity lektiehjaelp: updated\n" +
		"  place: \"Ballerup Bibliotek\" → \"Ballerup Sprogskole\"\n" +
		changed + ":16 activity strik: unchanged\n" +
		"activities: 0 created, 1 updated, 2 unchanged\n"; out != want {
		t.Errorf("changed import: stdout %q, want %q", out, want)
	}
	if a, err := store.ActivityByKey(context.Background(), domain.DefaultBranchID, "lektiehjaelp"); err != nil || a.Place != "Ballerup Sprogskole" || a.ID != homework.ID {
		t.Errorf("after the change lektiehjaelp = %+v, %v; want the same row with the new place", a, err)
	}
}

// A file with any problem is refused whole with every problem on stderr
// (file as given, line, entry, field) and exit status 2 (a configError):
// neither its new activity nor its valid change is imported.
func TestImportBrokenPlanRefusedWhole(t *testing.T) {
	db := newBotDB(t)
	if _, errOut, err := importShell(t, "-db", db, "testdata/plan.toml"); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	before := activityRows(t, db)

	out, errOut, err := importShell(t, "-db", db, "testdata/broken.toml")
	var ce *configError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v (%T), want a configError (exit status 2)", err, err)
	}
	if want := "testdata/broken.toml: 3 problems, nothing imported"; err.Error() != want {
		t.Errorf("err = %q, want %q", err.Error(), want)
	}
	wantLines := []string{
		`testdata/broken.toml:19 activity tal-dansk: weekly: unknown weekday "thurday"`,
		`testdata/broken.toml:21 activity #4: key: is required: a short name such as "tal-dansk" that stays the same from season to season`,
		`testdata/broken.toml:22 activity #4: title.fr: unknown language; use da, ar, ti, en`,
	}
	if got := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); !reflect.DeepEqual(got, wantLines) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(wantLines, "\n"))
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	if after := activityRows(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused file changed the activities:\nbefore %q\nafter  %q", before, after)
	}

	// Not TOML at all: one problem, its line.
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("[[activity]]\nkey = \"a\"\ntitle = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, err = importShell(t, "-db", db, bad)
	if !errors.As(err, &ce) || !strings.HasPrefix(errOut, bad+":3: not valid TOML: ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("not TOML: err %v, stderr %q", err, errOut)
	}
	if after := activityRows(t, db); !reflect.DeepEqual(after, before) {
		t.Errorf("a file that is not TOML changed the activities")
	}
}

// Import works only on the database of a bot: a missing file is refused
// and not created.
func TestImportRefusesMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	for _, db := range []string{filepath.Join(dir, "vejviser.db"), filepath.Join(dir, "nodir", "v.db")} {
		_, _, err := importShell(t, "-db", db, "testdata/plan.toml")
		var ce *configError
		if !errors.As(err, &ce) || ce.name != "VEJVISER_DB" || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("-db %s: err = %v (%T), want a configError naming VEJVISER_DB", db, err, err)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("import created %s (stat: %v)", db, err)
		}
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"import", "testdata/plan.toml"}, envOf("VEJVISER_DB", filepath.Join(dir, "env.db")), &out, &errOut)
	var ce *configError
	if !errors.As(err, &ce) || ce.name != "VEJVISER_DB" {
		t.Errorf("VEJVISER_DB missing: err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("import left files in %s: %v", dir, entries)
	}

	// An empty file or a directory is no bot's database either.
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for db, msg := range map[string]string{empty: "is empty; add --init", dir: "is not Vejviser's database"} {
		_, _, err := importShell(t, "-db", db, "testdata/plan.toml")
		if !errors.As(err, &ce) || ce.name != "VEJVISER_DB" || !strings.Contains(err.Error(), msg) {
			t.Errorf("-db %s: err = %v, want a configError naming VEJVISER_DB", db, err)
		}
	}
	if info, err := os.Stat(empty); err != nil || info.Size() != 0 {
		t.Errorf("the empty file was written to (%v)", err)
	}
}

// `vejviser import --help` succeeds and describes the flags; wrong
// arguments are one clear line and exit status 2.
func TestImportArguments(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"testdata/plan.toml", "-help"}} {
		out, _, err := importShell(t, args...)
		if err != nil || !strings.Contains(out, "Usage: vejviser import") || !strings.Contains(out, "-db FILE") || !strings.Contains(out, "[[activity]]") {
			t.Errorf("import %q: err %v, stdout %q", args, err, out)
		}
	}
	db := newBotDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-db", db}, "import: which plan file?"},
		{[]string{"-db", db, "a.toml", "b.toml"}, "import: one plan file at a time"},
		{[]string{"-db", db, "testdata/none.toml"}, "import: cannot read the plan: open testdata/none.toml: no such file or directory"},
		{[]string{"-nosuchflag", "testdata/plan.toml"}, "-nosuchflag: flag provided but not defined: -nosuchflag"},
	} {
		_, _, err := importShell(t, tc.args...)
		var ce *configError
		if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("import %q: err = %v (%T), want one configError line starting %q", tc.args, err, err, tc.want)
		}
	}
	if rows := activityRows(t, db); len(rows) != 0 {
		t.Errorf("refused commands imported %d activities", len(rows))
	}
}

// The demo seeds its plan through the importer: both activities with all
// their titles, and the followers seedDemo gives them.
func TestImportDemoPlan(t *testing.T) {
	p, err := plan.Parse("demo_plan.toml", demoPlan)
	if err != nil {
		t.Fatalf("the demo plan: %v", err)
	}
	if len(p.Activities) != 2 {
		t.Fatalf("the demo plan has %d activities, want 2", len(p.Activities))
	}
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	fake := tgfake.New()
	defer fake.Close()
	if err := seedDemo(ctx, store, fake, time.Now()); err != nil {
		t.Fatalf("seedDemo: %v", err)
	}
	for _, tc := range []struct {
		key, schedule string
		titles        map[string]string
	}{
		{"tal-dansk", "0 15 * * THU", map[string]string{"da": "Tal Dansk Café", "ar": "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", "ti": "Tal Dansk Café", "en": "Speak Danish Café"}},
		{"lektiehjaelp", "0 16 * * MON,TUE", map[string]string{"da": "Lektiehjælp", "ar": "مساعدة في الواجبات المدرسية", "ti": "ሓገዝ ዕዮ ገዛ", "en": "Homework help"}},
	} {
		a, err := store.ActivityByKey(ctx, domain.DefaultBranchID, tc.key)
		if err != nil {
			t.Fatalf("%s: %v", tc.key, err)
		}
		if a.Schedule != tc.schedule || a.DurationMin != 120 || a.RemindBeforeMin != 180 || a.Place != "Ballerup Bibliotek, Banegårdspladsen 1" {
			t.Errorf("%s = %+v", tc.key, a)
		}
		for lang, want := range tc.titles {
			if got := a.Title(lang); got != want {
				t.Errorf("%s title in %s = %q, want %q", tc.key, lang, got, want)
			}
		}
		if all, _, err := store.FollowerCount(ctx, []int64{domain.DefaultBranchID}, a.ID); err != nil || all != 15 {
			t.Errorf("%s has %d followers (%v), want 15", tc.key, all, err)
		}
	}
	rep, err := importPlan(ctx, store, "demo_plan.toml", demoPlan, time.Now())
	if err != nil || rep.Created+rep.Updated+rep.Events.Created+rep.Events.Updated+rep.Shifts.Created+rep.Shifts.Updated != 0 ||
		rep.Unchanged != 2 || rep.Events.Unchanged != 2 || rep.Shifts.Unchanged != 3 {
		t.Errorf("importing the demo plan again: %+v, %v; want 2 activities, 2 events and 3 shifts unchanged", rep, err)
	}
}
