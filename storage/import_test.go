package storage

import (
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// An event already in the database may stay in the plan after it took
// place: re-imported unchanged it is no problem; changed, its past start
// is. A dry run reports and writes nothing.
func TestImportPastEventOnlyUnchanged(t *testing.T) {
	f := newActFixture(t)
	ev := domain.Event{Key: "fest", Title: "Fest", StartsAt: t0.Add(48 * time.Hour), EndsAt: t0.Add(51 * time.Hour), RSVPBy: t0.Add(24 * time.Hour)}
	if _, err := f.s.ImportPlan(f.ctx, Plan{Events: []domain.Event{ev}}, t0); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(30 * 24 * time.Hour)
	rep, err := f.s.ImportPlan(f.ctx, Plan{Events: []domain.Event{ev}}, later)
	if err != nil || rep.Events.Unchanged != 1 || rep.Entries[0].Action != Unchanged {
		t.Fatalf("past event re-imported unchanged: %+v, %v", rep, err)
	}
	ev.Place = "Skolen"
	_, err = f.s.ImportPlan(f.ctx, Plan{Events: []domain.Event{ev}}, later)
	var pe *PlanError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Field != "start" {
		t.Fatalf("past event changed: %v, want one problem with start", err)
	}
	ev.Key = "ny-fest"
	ev.StartsAt, ev.EndsAt, ev.RSVPBy = later.Add(time.Hour), later.Add(2*time.Hour), later
	rep, err = f.s.ImportPlanWith(f.ctx, Plan{Events: []domain.Event{ev}}, later, ImportOptions{DryRun: true})
	if err != nil || rep.Events.Created != 1 {
		t.Fatalf("dry run: %+v, %v", rep, err)
	}
	if n := f.count(`SELECT count(*) FROM events WHERE key = 'ny-fest'`); n != 0 {
		t.Fatal("a dry run created the event")
	}
}
