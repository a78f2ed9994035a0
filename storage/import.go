package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Plan is a season plan: what `vejviser import plan.toml` creates or
// updates, matched by key. Events and shifts join it as they land.
type Plan struct {
	Activities []domain.Activity
	Shifts     []PlanShift
	Events     []domain.Event // invited by the scheduler once each is created
}

// ImportReport counts what an import did.
type ImportReport struct {
	Created, Updated, Unchanged int
	Shifts                      ShiftImport
	Events                      struct{ Created, Updated, Unchanged int }
}

// ImportPlan applies a validated plan in one transaction: an entry whose key
// is new is created, one that differs is updated, one that is the same is
// left alone, so importing the same file twice changes nothing. An archived
// activity named again in a plan is brought back.
func (s *Store) ImportPlan(ctx context.Context, p Plan, now time.Time) (ImportReport, error) {
	var rep ImportReport
	for i := range p.Activities {
		a := &p.Activities[i]
		if a.Key == "" {
			return rep, fmt.Errorf("%w: an activity without key", domain.ErrInvalidActivity)
		}
		if err := a.Validate(); err != nil {
			return rep, fmt.Errorf("activity %s: %w", a.Key, err)
		}
	}
	for i := range p.Events {
		e := &p.Events[i]
		if e.Key == "" {
			return rep, fmt.Errorf("%w: an event without key", domain.ErrInvalidEvent)
		}
		if err := e.Validate(); err != nil {
			return rep, fmt.Errorf("event %s: %w", e.Key, err)
		}
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		rep = ImportReport{}
		if err := importEvents(ctx, tx, p.Events, now, &rep); err != nil {
			return err
		}
		for _, a := range p.Activities {
			var old []domain.Activity
			if err := tx.SelectContext(ctx, &old, `SELECT `+activityCols+` FROM activities WHERE key = ?`, a.Key); err != nil {
				return err
			}
			if len(old) == 0 {
				if _, err := insertActivity(ctx, tx, a, now); err != nil {
					return fmt.Errorf("activity %s: %w", a.Key, err)
				}
				rep.Created++
				continue
			}
			o := old[0]
			if o.ArchivedAt == nil && o.Name == a.Name && o.Titles.Equal(a.Titles) && o.Place == a.Place &&
				o.Schedule == a.Schedule && o.DurationMin == a.DurationMin && o.RemindBeforeMin == a.RemindBeforeMin &&
				(a.FirstDay == nil || (o.FirstDay != nil && o.FirstDay.Equal(*a.FirstDay))) {
				rep.Unchanged++
				continue
			}
			_, err := tx.ExecContext(ctx, `UPDATE activities SET name = ?, titles = ?, place = ?, schedule = ?, duration_min = ?,
				remind_before_min = ?, first_day = coalesce(?, first_day), archived_at = NULL, updated_at = ? WHERE id = ?`,
				a.Name, a.Titles, a.Place, a.Schedule, a.DurationMin, a.RemindBeforeMin, firstDay(a), utc(now), o.ID)
			if err != nil {
				return fmt.Errorf("activity %s: %w", a.Key, err)
			}
			rep.Updated++
		}
		return importShifts(ctx, tx, p.Shifts, now, &rep.Shifts)
	})
	if err != nil {
		return ImportReport{}, fmt.Errorf("import plan: %w", err)
	}
	return rep, nil
}

// importEvents creates the plan's new events and updates changed ones; a
// new time or place is told to those coming or waiting (by the scheduler,
// once per change). A cancelled event stays cancelled.
func importEvents(ctx context.Context, tx *sqlx.Tx, es []domain.Event, now time.Time, rep *ImportReport) error {
	for _, e := range es {
		var old []domain.Event
		if err := tx.SelectContext(ctx, &old, `SELECT `+eventCols+` FROM events WHERE key = ?`, e.Key); err != nil {
			return err
		}
		if len(old) == 0 {
			if _, err := insertEvent(ctx, tx, e, nil, now); err != nil {
				return fmt.Errorf("event %s: %w", e.Key, err)
			}
			rep.Events.Created++
			continue
		}
		if old[0].Cancelled() {
			rep.Events.Unchanged++
			continue
		}
		changed, err := updateEvent(ctx, tx, old[0], e, now)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.Key, err)
		}
		if changed {
			rep.Events.Updated++
		} else {
			rep.Events.Unchanged++
		}
	}
	return nil
}
