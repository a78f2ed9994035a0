package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"vejviser/bot/plan"
	"vejviser/storage"
)

const importUsage = `Usage: vejviser import [--branch KEY] [-db FILE] [--dry-run] [--replace] plan.toml

Creates or updates the activities, events and shifts of a season plan file in the database of
a running bot (its scheduler sees them within seconds) or for its next
start. Entries
are matched by their key: importing the same file again changes nothing and
notifies nobody twice. A file with any problem is refused whole: every
problem is printed with its line, entry and field, nothing is imported, and
the exit status is 2. The import prints, entry by entry, what it created,
updated (each changed field, old → new), left unchanged or left archived,
and what members are told.

An entry says all there is about it: a field left out is its default (no
place, no note, invite = "participants"). So that a short entry cannot wipe
what the database holds, an update that would remove a translation, a note
or a place, or change an event's audience because invite is left out, is a
problem; write the field in the plan, or pass --replace. Dates in the past
are problems too, unless the entry is already in the database unchanged.

Flags:
  -db FILE   the bot's SQLite database (VEJVISER_DB, default ./vejviser.db).
             It must exist and be Vejviser's: import never creates a database
             and never touches another program's file.
  --init     take an empty file as a new Vejviser database
  --dry-run  check the plan against the database and print what the import
             would change and whom it would tell; change nothing
  --replace  let entries remove texts and set audiences that they leave out
  --branch KEY
             the branch the plan is for (see vejviser branch list): its keys
             name that branch's activities, events and shifts, so two branches
             may both have "tal-dansk". Needed when the bot serves several
             branches; with one it may be left out.

The plan file:
  [[activity]]
  key = "tal-dansk"                  # stays the same from season to season
  title = { da = "Tal Dansk Café", ar = "…", ti = "…", en = "Speak Danish Café" }
  place = "Ballerup Bibliotek, Banegårdspladsen 1"   # optional
  weekly = "thursday 15:00-17:00"    # or "monday,tuesday 16:00-18:00";
                                     # or cron = "0 15 * * THU" and duration = "2h"
  remind_before = "3h"               # optional, default 3h; "0": no reminder
  from = 2026-09-03                  # optional: its first day; the § 18 report counts meetings
                                     # from it (default: the day the activity was created)

  [[event]]
  key = "fastelavn-2027"
  title = { da = "Fastelavnsfest", ar = "…", ti = "…", en = "Carnival party" }
  start = 2027-02-07T13:00:00        # local time in VEJVISER_TZ
  end = 2027-02-07T16:00:00
  place = "Ballerup Sprogskole"      # optional
  capacity = 60                      # people; omit for no limit
  rsvp_by = 2027-02-03T20:00:00      # optional, default the start
  note = { da = "Pris 20 kr. pr. familie", en = "20 kr. per family" }  # optional
  invite = "participants"            # participants | volunteers | everyone | activity:<key>
  offer_hours = 24                   # optional: how long a waitlist offer stands
  ask_days = 2                       # optional: "still coming?" days before; 0: never

  [[shift]]
  key = "tal-dansk-host"
  activity = "tal-dansk"             # at every meeting of the activity; or a standalone shift:
                                     # start = 2027-01-12T10:00:00, end = 2027-01-12T12:00:00, place = "…"
  role = { da = "Vært", en = "Host" }
  needed = 2
  requires = ["child_certificate"]   # optional: only volunteers with a valid børneattest
  language = "ti"                    # optional language wish: its speakers hear first
`

// importCmd is `vejviser import plan.toml`: the season plan into the
// database of a running bot, all of it or (with any problem) nothing, and
// what it changes entry by entry (--dry-run: only that).
func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	args, init := takeInit(args)
	args, dry := takeFlag(args, "dry-run")
	args, replace := takeFlag(args, "replace")
	args, branchKey, _, err := takeValue(args, "branch")
	if err != nil {
		return err
	}
	flags, files := splitArgs(args)
	for _, a := range flags {
		if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); name == "h" || name == "help" {
			fmt.Fprint(stdout, importUsage)
			return nil
		}
	}
	cfg, rest, err := loadConfig(getenv, flags, "import", false, stderr)
	if err != nil {
		return err
	}
	files = append(files, rest...)
	switch {
	case len(files) == 0:
		return &configError{name: "import", msg: "which plan file? vejviser import [-db FILE] [--dry-run] plan.toml (see vejviser import --help)"}
	case len(files) > 1:
		return &configError{name: "import", msg: fmt.Sprintf("one plan file at a time, got %q", files)}
	}
	name := files[0]
	data, err := os.ReadFile(name)
	if err != nil {
		return &configError{name: "import", msg: fmt.Sprintf("cannot read the plan: %v", err)}
	}
	f, err := plan.Read(name, data, cfg.Location)
	if err != nil {
		return planProblems(name, err, stderr)
	}
	store, err := openAdmin(ctx, cfg.DB, init)
	if err != nil {
		return err
	}
	defer store.Close()
	branch, err := pickBranch(ctx, store, branchKey)
	if err != nil {
		return err
	}
	opt := storage.ImportOptions{DryRun: dry, Replace: replace, Loc: cfg.Location, Branch: branch.ID}
	rep, err := store.ImportPlanWith(ctx, f.Plan, time.Now(), opt)
	var pe *storage.PlanError
	if errors.As(err, &pe) {
		return planProblems(name, f.Problems(pe.Problems), stderr)
	}
	if err != nil {
		return err
	}
	showImport(stdout, f, rep, dry)
	return nil
}

// planProblems prints a plan's problems, one a line, and is the error
// that ends the command with exit status 2.
func planProblems(name string, err error, stderr io.Writer) error {
	var pe *plan.Error
	if !errors.As(err, &pe) {
		return err
	}
	for _, line := range pe.Lines() {
		fmt.Fprintln(stderr, line)
	}
	problems := "problems"
	if len(pe.Problems) == 1 {
		problems = "problem"
	}
	return &configError{name: name, msg: fmt.Sprintf("%d %s, nothing imported", len(pe.Problems), problems)}
}

// demoPlan is the demo's season plan (Tal Dansk Café and Lektiehjælp),
// seeded by seedDemo through importPlan like any plan file.
//
//go:embed demo_plan.toml
var demoPlan []byte

// importPlan checks a plan file and applies it in one transaction; a file
// with problems returns a *plan.Error and imports nothing.
func importPlan(ctx context.Context, store *storage.Store, name string, data []byte, now time.Time) (storage.ImportReport, error) {
	p, err := plan.Parse(name, data)
	if err != nil {
		return storage.ImportReport{}, err
	}
	return store.ImportPlan(ctx, p, now)
}

// splitArgs separates the flags (with their values: every flag of
// loadConfig takes one) from the other arguments, so that the plan file
// may come before or after the flags.
func splitArgs(args []string) (flags, others []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(others, args[i+1:]...)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && name != "h" && name != "help" && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			others = append(others, a)
		}
	}
	return flags, others
}
