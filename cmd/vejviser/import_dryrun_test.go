package main

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// fullPlan is an event as a coordinator first imports it: translated,
// with a note, a place and the café's followers as its audience.
const fullPlan = `[[activity]]
key = "tal-dansk"
title = { da = "Tal Dansk Café" }
weekly = "thursday 15:00-17:00"

[[event]]
key = "julefest"
title = { da = "Julefest", ar = "حفلة عيد الميلاد", en = "Christmas party" }
start = 2099-12-12T14:00:00
end = 2099-12-12T17:00:00
place = "Ballerup Sprogskole"
capacity = 40
note = { da = "Tag en ret med", en = "Bring a dish" }
invite = "activity:tal-dansk"
`

// shortPlan is the same event re-imported from a short entry.
const shortPlan = `[[activity]]
key = "tal-dansk"
title = { da = "Tal Dansk Café" }
weekly = "thursday 15:00-17:00"

[[event]]
key = "julefest"
title = { da = "Julefest" }
start = 2099-12-12T14:00:00
end = 2099-12-12T17:00:00
`

func writePlan(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// A short entry re-imported for an existing event would wipe its
// translations, note and place and change its audience: each is a problem
// with its line, nothing changes, exit status 2; --replace does it.
func TestImportRefusesSilentWipe(t *testing.T) {
	db := newBotDB(t)
	if _, errOut, err := importShell(t, "-db", db, writePlan(t, fullPlan)); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	before := eventRow(t, db)
	short := writePlan(t, shortPlan)
	out, errOut, err := importShell(t, "-db", db, short)
	var ce *configError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a configError (exit status 2)", err)
	}
	wantLines := []string{
		short + `:6 event julefest: invite: the plan leaves out invite, which would change the audience from activity:tal-dansk to participants; write invite = "activity:tal-dansk" in the plan, or pass --replace`,
		short + `:6 event julefest: note.da: the plan leaves out "Tag en ret med", which the update would remove; write it in the plan, or pass --replace to remove it`,
		short + `:6 event julefest: note.en: the plan leaves out "Bring a dish", which the update would remove; write it in the plan, or pass --replace to remove it`,
		short + `:6 event julefest: place: the plan leaves out "Ballerup Sprogskole", which the update would remove; write it in the plan, or pass --replace to remove it`,
		short + `:8 event julefest: title.ar: the plan leaves out "حفلة عيد الميلاد", which the update would remove; write it in the plan, or pass --replace to remove it`,
		short + `:8 event julefest: title.en: the plan leaves out "Christmas party", which the update would remove; write it in the plan, or pass --replace to remove it`,
	}
	got := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	if !sameSet(got, wantLines) || out != "" {
		t.Errorf("stdout %q\nstderr:\n%s\nwant:\n%s", out, errOut, strings.Join(wantLines, "\n"))
	}
	if after := eventRow(t, db); after != before {
		t.Errorf("a refused import changed the event:\n%s\n%s", before, after)
	}
	out, errOut, err = importShell(t, "-db", db, "--replace", short)
	if err != nil || !strings.Contains(out, "events: 0 created, 1 updated, 0 unchanged") || !strings.Contains(out, "  place: \"Ballerup Sprogskole\" → (none)\n") {
		t.Fatalf("--replace: %v\n%s\n%s", err, out, errOut)
	}
}

// sameSet compares lines regardless of the order of those on one line.
func sameSet(a, b []string) bool {
	x := append([]string(nil), a...)
	y := append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return reflect.DeepEqual(x, y)
}

// --dry-run prints each changed field old → new and whom the import
// would tell, and changes nothing; the real import prints the same.
func TestImportDryRun(t *testing.T) {
	db := newBotDB(t)
	full := writePlan(t, fullPlan)
	out, errOut, err := importShell(t, "-db", db, "--dry-run", full)
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, errOut)
	}
	want := full + ":1 activity tal-dansk: created\n" +
		full + ":6 event julefest: created\n" +
		"  told: 0 members (activity:tal-dansk) get the invitation from the running bot\n" +
		"activities: 1 created, 0 updated, 0 unchanged\n" +
		"events: 1 created, 0 updated, 0 unchanged (the running bot sends the invitations)\n"
	if out != want+"dry run: nothing was imported\n" {
		t.Errorf("dry run stdout:\n%s\nwant:\n%s", out, want)
	}
	if n := len(activityRows(t, db)); n != 0 {
		t.Fatalf("a dry run created %d activities", n)
	}
	if out, _, err = importShell(t, "-db", db, full); err != nil || out != want {
		t.Fatalf("import: %v\n%s\nwant:\n%s", err, out, want)
	}
	before := eventRow(t, db)
	moved := writePlan(t, strings.Replace(strings.Replace(fullPlan, "capacity = 40", "capacity = 60", 1), `"Ballerup Sprogskole"`, `"Ballerup Bibliotek"`, 1))
	out, _, err = importShell(t, "-db", db, moved, "--dry-run")
	want = moved + ":1 activity tal-dansk: unchanged\n" +
		moved + ":6 event julefest: updated\n" +
		"  place: \"Ballerup Sprogskole\" → \"Ballerup Bibliotek\"\n" +
		"  capacity: \"40\" → \"60\"\n" +
		"  told: nobody is told\n"
	if err != nil || !strings.HasPrefix(out, want) || !strings.HasSuffix(out, "dry run: nothing was imported\n") {
		t.Errorf("dry run of a change: %v\n%s\nwant first:\n%s", err, out, want)
	}
	if after := eventRow(t, db); after != before {
		t.Errorf("a dry run changed the event")
	}
}

// Dates in the past and keys naming nothing — in invite and in shifts —
// are all found in one pass, each with its line, key and field.
func TestImportPastDatesAndUnknownKeysInOnePass(t *testing.T) {
	db := newBotDB(t)
	bad := writePlan(t, `[[event]]
key = "old-party"
title = { da = "Fest" }
start = 2020-01-10T14:00:00
end = 2020-01-10T17:00:00

[[event]]
key = "typo-party"
title = { da = "Fest" }
start = 2099-01-10T14:00:00
end = 2099-01-10T17:00:00
invite = "activity:tal-dnsk"

[[shift]]
key = "host"
activity = "tal-dnsk"
role = { da = "Vært" }
needed = 1

[[shift]]
key = "old-shift"
start = 2020-01-12T10:00:00
end = 2020-01-12T12:00:00
role = { da = "Vært" }
needed = 1
`)
	_, errOut, err := importShell(t, "-db", db, bad)
	var ce *configError
	if !errors.As(err, &ce) || err.Error() != bad+": 4 problems, nothing imported" {
		t.Fatalf("err = %v, want 4 problems and exit status 2", err)
	}
	want := []string{
		bad + ":4 event old-party: start: 10.01.2020 14:00 is in the past",
		bad + `:12 event typo-party: invite: no activity has the key "tal-dnsk", in the database or in this file`,
		bad + `:16 shift host: activity: no activity has the key "tal-dnsk", in the database or in this file`,
		bad + ":22 shift old-shift: start: 12.01.2020 10:00 is in the past",
	}
	if got := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(want, "\n"))
	}
}

// eventRow is every column of the one event, as text.
func eventRow(t *testing.T, db string) string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var row string
	err = conn.QueryRow(`SELECT key || '|' || title || '|' || titles || '|' || notes || '|' || place || '|' || starts_at || '|' ||
		coalesce(capacity, '') || '|' || invite || '|' || version || '|' || updated_at FROM events`).Scan(&row)
	if err != nil {
		t.Fatal(err)
	}
	return row
}
