package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `vejviser import` creates the shifts of a plan and, imported again,
// changes nothing; a shift naming an activity that does not exist is
// refused with its line, and nothing imported.
func TestImportShifts(t *testing.T) {
	db := newBotDB(t)
	plan := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(plan, []byte(shiftPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := importShell(t, "-db", db, plan)
	if err != nil || !strings.Contains(out, "shifts: 3 created, 0 updated, 0 unchanged") {
		t.Fatalf("first import: %q %q %v", out, errOut, err)
	}
	out, _, err = importShell(t, "-db", db, plan)
	if err != nil || !strings.Contains(out, "shifts: 0 created, 0 updated, 3 unchanged") {
		t.Fatalf("second import: %q %v", out, err)
	}
	edited := strings.Replace(shiftPlan, "needed = 2", "needed = 3", 1)
	if err := os.WriteFile(plan, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = importShell(t, "-db", db, plan)
	if err != nil || !strings.Contains(out, "shifts: 0 created, 1 updated, 2 unchanged") {
		t.Fatalf("import after an edit: %q %v", out, err)
	}
	orphan := "[[shift]]\nkey = \"x\"\nactivity = \"no-such\"\nrole.da = \"Vært\"\nneeded = 1\n"
	if err := os.WriteFile(plan, []byte(orphan), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, err = importShell(t, "-db", db, plan)
	if want := plan + `:3 shift x: activity: no activity has the key "no-such", in the database or in this file` + "\n"; err == nil || errOut != want {
		t.Errorf("a shift of an unknown activity: %v, stderr %q, want %q", err, errOut, want)
	}
}
