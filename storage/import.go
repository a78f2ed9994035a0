package storage

import (
	"context"
	"errors"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Plan is a season plan: what `vejviser import plan.toml` creates or
// updates, matched by key.
type Plan struct {
	Activities []domain.Activity
	Shifts     []PlanShift
	// Events are invited by the scheduler once each is created. An event
	// whose Invite is "" left it out of the plan: participants for a new
	// event, and for an existing one the import refuses to change its
	// audience unless ImportOptions.Replace.
	Events []domain.Event
}

// ImportOptions say how ImportPlanWith applies a plan.
type ImportOptions struct {
	DryRun bool // check everything and report what would change, then change nothing
	// Replace lets an entry that leaves out a translation, a note or a
	// place remove it, and one without invite set the audience back to
	// participants; without it such an update is a problem.
	Replace bool
	Loc     *time.Location // the zone times are shown in; nil: UTC
	// Branch is the branch the plan is for (0: the first): its keys name
	// that branch's activities, events and shifts and no other's.
	Branch int64
}

// Entry actions in an ImportReport.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
	Archived  = "archived" // cancelled (an event): left as it is
)

// EntryChange is what an import does to one entry of the plan.
type EntryChange struct {
	Kind, Key string // "activity", "event", "shift"; the entry's key
	Action    string // Created, Updated, Unchanged or Archived
	Changes   []domain.FieldChange
	Told      []string // what members are told, in the coordinator's words
}

// ImportReport counts what an import did (or, dry, would do), entry by entry.
type ImportReport struct {
	Created, Updated, Unchanged int
	Shifts                      ShiftImport
	Events                      struct{ Created, Updated, Unchanged int }
	Entries                     []EntryChange // in the order applied: events, activities, shifts
}

// PlanProblem is something in a plan that the database refuses: a past
// date, a key naming nothing, a text the update would silently remove.
type PlanProblem struct{ Kind, Key, Field, Msg string }

// PlanError lists every problem of a plan; nothing was imported.
type PlanError struct{ Problems []PlanProblem }

func (e *PlanError) Error() string {
	s := fmt.Sprintf("%d problems in the plan", len(e.Problems))
	for _, p := range e.Problems {
		s += fmt.Sprintf("\n%s %s: %s: %s", p.Kind, p.Key, p.Field, p.Msg)
	}
	return s
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// ImportPlan applies a plan with the safe defaults; see ImportPlanWith.
func (s *Store) ImportPlan(ctx context.Context, p Plan, now time.Time) (ImportReport, error) {
	return s.ImportPlanWith(ctx, p, now, ImportOptions{})
}

// ImportPlanWith applies a validated plan in one transaction: an entry
// whose key is new is created, one that differs is updated, one that is
// the same is left alone, so importing the same file twice changes
// nothing. An archived activity or shift named again is brought back.
// Every entry is checked against the database in the same pass; with any
// problem nothing is imported and the error is a *PlanError.
func (s *Store) ImportPlanWith(ctx context.Context, p Plan, now time.Time, opt ImportOptions) (ImportReport, error) {
	if opt.Loc == nil {
		opt.Loc = time.UTC
	}
	opt.Branch = branchOr(opt.Branch)
	p.Events = append([]domain.Event(nil), p.Events...) // the caller's plan is left as it was
	for i := range p.Events {
		if p.Events[i].BranchID == 0 { // an entry of a plan file: the plan's branch
			p.Events[i].BranchID = opt.Branch
		}
	}
	omitted := map[string]bool{}
	for i := range p.Activities {
		a := &p.Activities[i]
		if a.Key == "" {
			return ImportReport{}, fmt.Errorf("%w: an activity without key", domain.ErrInvalidActivity)
		}
		if err := a.Validate(); err != nil {
			return ImportReport{}, fmt.Errorf("activity %s: %w", a.Key, err)
		}
	}
	for i := range p.Events {
		e := &p.Events[i]
		if e.Key == "" {
			return ImportReport{}, fmt.Errorf("%w: an event without key", domain.ErrInvalidEvent)
		}
		omitted[e.Key] = e.Invite == ""
		if err := e.Validate(); err != nil {
			return ImportReport{}, fmt.Errorf("event %s: %w", e.Key, err)
		}
	}
	var rep ImportReport
	var problems []PlanProblem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		im := &importer{ctx: ctx, tx: tx, now: now, opt: opt, omittedInvite: omitted}
		if err := im.loadKeys(p); err != nil {
			return err
		}
		if err := im.events(p.Events); err != nil {
			return err
		}
		if err := im.activities(p.Activities); err != nil {
			return err
		}
		if err := im.shifts(p.Shifts); err != nil {
			return err
		}
		rep, problems = im.rep, im.problems
		if len(problems) > 0 {
			return &PlanError{Problems: problems}
		}
		if opt.DryRun {
			return errDryRun
		}
		return nil
	})
	switch {
	case errors.Is(err, errDryRun):
		return rep, nil
	case err != nil:
		var pe *PlanError
		if errors.As(err, &pe) {
			return ImportReport{}, pe
		}
		return ImportReport{}, fmt.Errorf("import plan: %w", err)
	}
	return rep, nil
}

// importer is one import's transaction and what it has found so far.
type importer struct {
	ctx           context.Context
	tx            *sqlx.Tx
	now           time.Time
	opt           ImportOptions
	omittedInvite map[string]bool // event keys whose entry has no invite
	activityKeys  map[string]bool // in the database or the plan
	rep           ImportReport
	problems      []PlanProblem
}

func (im *importer) problem(kind, key, field, msg string) {
	im.problems = append(im.problems, PlanProblem{Kind: kind, Key: key, Field: field, Msg: msg})
}

// loadKeys collects the activity keys an entry may name: those of the
// database and those of the plan.
func (im *importer) loadKeys(p Plan) error {
	var keys []string
	if err := im.tx.SelectContext(im.ctx, &keys, `SELECT key FROM activities WHERE key IS NOT NULL AND branch_id = ?`, im.opt.Branch); err != nil {
		return err
	}
	im.activityKeys = map[string]bool{}
	for _, k := range keys {
		im.activityKeys[k] = true
	}
	for _, a := range p.Activities {
		im.activityKeys[a.Key] = true
	}
	return nil
}

// activityKey checks a key an entry names as an activity's.
func (im *importer) activityKey(kind, key, field, named string) bool {
	if im.activityKeys[named] {
		return true
	}
	im.problem(kind, key, field, fmt.Sprintf("no activity has the key %q, in the database or in this file", named))
	return false
}

// wipes records a problem for each text an update would remove, unless
// the plan asks to replace.
func (im *importer) wipes(kind, key string, cs []domain.FieldChange) bool {
	ok := true
	for _, c := range cs {
		if c.Removes() && !im.opt.Replace {
			im.problem(kind, key, c.Field, fmt.Sprintf("the plan leaves out %q, which the update would remove; write it in the plan, or pass --replace to remove it", c.Old))
			ok = false
		}
	}
	return ok
}

func (im *importer) activities(as []domain.Activity) error {
	for _, a := range as {
		var old []domain.Activity
		if err := im.tx.SelectContext(im.ctx, &old, `SELECT `+activityCols+` FROM activities WHERE key = ? AND branch_id = ?`, a.Key, im.opt.Branch); err != nil {
			return err
		}
		ch := EntryChange{Kind: "activity", Key: a.Key, Action: Created}
		a.BranchID = im.opt.Branch
		if len(old) == 0 {
			if _, err := insertActivity(im.ctx, im.tx, a, im.now); err != nil {
				return fmt.Errorf("activity %s: %w", a.Key, err)
			}
			im.rep.Created++
			im.rep.Entries = append(im.rep.Entries, ch)
			continue
		}
		o := old[0]
		ch.Changes = domain.ActivityChanges(o, a, im.opt.Loc)
		if len(ch.Changes) == 0 {
			ch.Action = Unchanged
			im.rep.Unchanged++
			im.rep.Entries = append(im.rep.Entries, ch)
			continue
		}
		ch.Action = Updated
		im.rep.Entries = append(im.rep.Entries, ch)
		if !im.wipes("activity", a.Key, ch.Changes) {
			continue
		}
		_, err := im.tx.ExecContext(im.ctx, `UPDATE activities SET name = ?, titles = ?, place = ?, schedule = ?, duration_min = ?,
			remind_before_min = ?, first_day = coalesce(?, first_day), archived_at = NULL, updated_at = ? WHERE id = ?`,
			a.Name, a.Titles, a.Place, a.Schedule, a.DurationMin, a.RemindBeforeMin, firstDay(a), utc(im.now), o.ID)
		if err != nil {
			return fmt.Errorf("activity %s: %w", a.Key, err)
		}
		im.rep.Updated++
	}
	return nil
}
