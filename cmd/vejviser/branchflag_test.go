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
	"time"

	"vejviser/storage"
	"vejviser/storage/domain"
)

const branchPlan = `
[[activity]]
key = "tal-dansk"
title = { da = "%s" }
weekly = "thursday 15:00-17:00"

[[event]]
key = "sommerfest"
title = { da = "Sommerfest %s" }
start = 2030-06-20T15:00:00
end = 2030-06-20T18:00:00

[[shift]]
key = "tal-dansk-host"
activity = "tal-dansk"
role = { da = "Vært" }
needed = 2
`

// shellIn runs `vejviser args...` as the shell would, without environment.
func shellIn(args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, envOf(), &out, &errOut)
	return out.String(), errOut.String(), err
}

// twoBranches is a bot's database with the first branch and Herlev, each
// with a participant (ids 11 and 21) and a volunteer (12 and 22); 30 is a
// participant of both.
func twoBranches(t *testing.T) (string, *storage.Store) {
	t.Helper()
	db := newBotDB(t)
	if _, _, err := shellIn("branch", "add", "herlev", "--name", "Røde Kors Herlev", "-db", db); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	herlev, err := store.BranchByKey(ctx, "herlev")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, m := range []struct {
		id     int64
		branch int64
		role   domain.Role
	}{{11, 1, domain.RoleParticipant}, {12, 1, domain.RoleVolunteer}, {21, herlev.ID, domain.RoleParticipant},
		{22, herlev.ID, domain.RoleVolunteer}, {30, 1, domain.RoleParticipant}} {
		if _, err := store.Register(ctx, domain.Registration{ID: m.id, ChatID: m.id, DisplayName: "M", Language: "da", Role: m.role, BranchID: m.branch}, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.JoinBranch(ctx, 30, herlev.ID, domain.RoleParticipant, now); err != nil {
		t.Fatal(err)
	}
	return db, store
}

func writeBranchPlan(t *testing.T, title string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(name, []byte(strings.ReplaceAll(branchPlan, "%s", title)), 0o600); err != nil {
		t.Fatal(err)
	}
	return name
}

// exit2 checks that err ends the command with exit status 2 and names
// every branch.
func exit2(t *testing.T, what string, err error) {
	t.Helper()
	var ce *configError
	if !errors.As(err, &ce) || exit(err) != 2 || !strings.Contains(err.Error(), "default, herlev") {
		t.Fatalf("%s without --branch on two branches: %v (exit %d), want exit 2 naming the branches", what, err, exit(err))
	}
}

// With several branches, import, report and broadcast need --branch and
// refuse without it (exit 2, naming the branches); with it they see and
// touch that branch only, and two branches may both have tal-dansk.
func TestBranchFlagOnCommands(t *testing.T) {
	db, _ := twoBranches(t)
	plan := writeBranchPlan(t, "Tal Dansk Café")

	_, _, err := shellIn("import", "-db", db, plan)
	exit2(t, "import", err)
	_, _, err = shellIn("report", "-db", db, "--from", "01.01.2030", "--to", "31.12.2030")
	exit2(t, "report", err)
	_, _, err = shellIn("broadcast", "-db", db, "--audience=all", "--text=Hej")
	exit2(t, "broadcast", err)
	if _, _, err := shellIn("import", "-db", db, "--branch", "gladsaxe", plan); exit(err) != 2 || !strings.Contains(err.Error(), "gladsaxe") {
		t.Fatalf("an unknown branch: %v", err)
	}

	for _, key := range []string{"herlev", "default"} {
		if out, stderr, err := shellIn("import", "-db", db, "--branch", key, plan); err != nil || !strings.Contains(out, "created") {
			t.Fatalf("import --branch %s: %v\n%s%s", key, err, out, stderr)
		}
	}
	// Herlev's café renamed: the first branch's is untouched.
	if out, stderr, err := shellIn("import", "-db", db, "--branch=herlev", writeBranchPlan(t, "Sprogcafé Herlev")); err != nil || !strings.Contains(out, "updated") {
		t.Fatalf("import again: %v\n%s%s", err, out, stderr)
	}
	if got := sqlText(t, db, `SELECT group_concat(branch_id || ':' || name, ', ') FROM (SELECT * FROM activities WHERE key = 'tal-dansk' ORDER BY branch_id)`); got != "1:Tal Dansk Café, 2:Sprogcafé Herlev" {
		t.Fatalf("activities tal-dansk: %s, want one per branch, only Herlev's renamed", got)
	}
	for _, table := range []string{"events", "shifts"} {
		if n := sqlText(t, db, `SELECT count(DISTINCT branch_id) FROM `+table); n != "2" {
			t.Fatalf("%s in %s branches, want the plan's in each", table, n)
		}
	}
	if n := sqlText(t, db, `SELECT count(*) FROM shifts s JOIN activities a ON a.id = s.activity_id WHERE a.branch_id != s.branch_id`); n != "0" {
		t.Fatalf("%s shifts at another branch's activity", n)
	}

	out, _, err := shellIn("report", "-db", db, "--branch", "herlev", "--from", "01.01.2030", "--to", "31.12.2030", "--format", "text")
	if err != nil || !strings.Contains(out, "Sprogcafé Herlev") || strings.Contains(out, "Tal Dansk Café") {
		t.Fatalf("report --branch herlev (%v):\n%s", err, out)
	}

	out, _, err = shellIn("broadcast", "-db", db, "--branch", "herlev", "--audience=all", "--text=Hej Herlev")
	if err != nil || !strings.Contains(out, "queued 3 messages") {
		t.Fatalf("broadcast --branch herlev: %v %q, want Herlev's 3 members (21, 22 and 30)", err, out)
	}
	out, _, err = shellIn("broadcast", "-db", db, "--branch", "default", "--audience=participants", "--text=Hej")
	if err != nil || !strings.Contains(out, "queued 2 messages") {
		t.Fatalf("broadcast --branch default to participants: %v %q, want 11 and 30", err, out)
	}
	out, _, err = shellIn("broadcast", "-db", db, "--branch", "herlev", "--audience", "activity:tal-dansk", "--text=Hej")
	if err != nil || !strings.Contains(out, "queued 0 messages") {
		t.Fatalf("broadcast to Herlev's café: %v %q", err, out)
	}
	if n := sqlText(t, db, `SELECT count(*) FROM outbox WHERE text LIKE '%Hej Herlev%' AND chat_id IN (11, 12)`); n != "0" {
		t.Fatalf("%s of Herlev's messages went to the first branch's members", n)
	}
	if n := sqlText(t, db, `SELECT count(*) FROM outbox WHERE text LIKE 'Røde Kors Herlev%Hej Herlev%'`); n != "3" {
		t.Fatalf("%s of Herlev's messages under Herlev's name, want 3", n)
	}
}

// sqlText is the one value a query gives, as text.
func sqlText(t *testing.T, db, query string) string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var v sql.NullString
	if err := conn.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v.String
}

// With one branch, --branch may be left out, as before branches.
func TestBranchFlagLeftOutWithOneBranch(t *testing.T) {
	db := newBotDB(t)
	if out, stderr, err := shellIn("import", "-db", db, writeBranchPlan(t, "Tal Dansk Café")); err != nil || !strings.Contains(out, "created") {
		t.Fatalf("import: %v\n%s%s", err, out, stderr)
	}
	if _, _, err := shellIn("report", "-db", db, "--from", "01.01.2030", "--to", "31.12.2030"); err != nil {
		t.Fatalf("report: %v", err)
	}
	if _, _, err := shellIn("broadcast", "-db", db, "--audience=all", "--text=Hej"); err != nil {
		t.Fatalf("broadcast: %v", err)
	}
}

// sqlExec writes to the database as the bot would have, for what the
// command line cannot make (events in the past, check-ins).
func sqlExec(t *testing.T, db string, stmts ...string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range stmts {
		if _, err := conn.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// The national report counts per branch and in total, and shows every
// count from 1 to 4 as "<5": Herlev's one household is not visible.
func TestNationalReport(t *testing.T) {
	db, store := twoBranches(t)
	ctx := context.Background()
	now := time.Now()
	for id := int64(100); id < 110; id++ {
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "P", Language: "ar"}, now); err != nil {
			t.Fatal(err)
		}
	}
	stmts := []string{
		`INSERT INTO events (id, branch_id, key, title, starts_at, ends_at, rsvp_by, created_at, updated_at)
			VALUES (900, 1, 'fest', 'Fest', '2026-11-10 15:00:00', '2026-11-10 18:00:00', '2026-11-10 15:00:00', '2026-10-01 10:00:00', '2026-10-01 10:00:00'),
			(901, 2, 'fest', 'Fest', '2026-11-12 15:00:00', '2026-11-12 18:00:00', '2026-11-12 15:00:00', '2026-10-01 10:00:00', '2026-10-01 10:00:00')`,
		`INSERT INTO event_invitations (event_id, member_id, answer, adults, children, present, updated_at)
			SELECT 900, id, 'yes', 1, 1, 1, '2026-11-10 15:00:00' FROM members WHERE id BETWEEN 100 AND 109`,
		`INSERT INTO event_invitations (event_id, member_id, answer, adults, children, present, updated_at)
			VALUES (901, 21, 'yes', 2, 1, 1, '2026-11-12 15:00:00')`,
	}
	sqlExec(t, db, stmts...)
	out, stderr, err := shellIn("report", "-db", db, "--national", "--from", "01.11.2026", "--to", "30.11.2026")
	if err != nil {
		t.Fatalf("report --national: %v\n%s", err, stderr)
	}
	for _, want := range []string{
		"Afdeling;Deltagere nået;Første gang;Antal møder;Mødt i alt;Forskellige frivillige;Timer",
		"default;10;20;<5;20;0;0",
		"Røde Kors Herlev;<5;<5;<5;<5;0;0",
		"I alt;11;23;<5;23;0;0",
	} {
		if !strings.Contains(out, want+"\r\n") {
			t.Errorf("the national report has no line %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, ";1;") || strings.Contains(out, ";3;") {
		t.Errorf("a count under 5 is shown:\n%s", out)
	}
	if _, _, err := shellIn("report", "-db", db, "--national", "--branch", "herlev", "--from", "01.11.2026", "--to", "30.11.2026"); exit(err) != 2 {
		t.Errorf("--national with --branch: %v, want exit 2", err)
	}
	for _, format := range []string{"text", "xlsx"} {
		file := filepath.Join(t.TempDir(), "national."+format)
		if _, _, err := shellIn("report", "-db", db, "--national", "--from", "01.11.2026", "--to", "30.11.2026", "--format", format, "--out", file, "--lang", "en"); err != nil {
			t.Fatalf("--format %s: %v", format, err)
		}
		data, err := os.ReadFile(file)
		if err != nil || len(data) == 0 {
			t.Fatalf("--format %s wrote %d bytes (%v)", format, len(data), err)
		}
		if format == "text" && !strings.Contains(string(data), "Participants reached") {
			t.Errorf("the English text report:\n%s", data)
		}
	}
}
