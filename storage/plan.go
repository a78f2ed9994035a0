package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Activity is a recurring activity such as a weekly café.
type Activity struct {
	ID          int64  `db:"id"`
	Name        string `db:"name"`
	Place       string `db:"place"`
	Schedule    string `db:"schedule"`
	DurationMin int    `db:"duration_min"`
}

// Event is a one-off social event with invitations.
type Event struct {
	ID       int64      `db:"id"`
	Title    string     `db:"title"`
	Place    string     `db:"place"`
	StartsAt time.Time  `db:"starts_at"`
	EndsAt   *time.Time `db:"ends_at"`
}

// CreateActivity stores an activity and returns its id.
func (s *Store) CreateActivity(ctx context.Context, a Activity, now time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, `INSERT INTO activities (name, place, schedule, duration_min, created_at) VALUES (?, ?, ?, ?, ?)`,
		a.Name, a.Place, a.Schedule, max(a.DurationMin, 1), utc(now))
	if err != nil {
		return 0, fmt.Errorf("create activity: %w", err)
	}
	return res.LastInsertId()
}

// Activities lists all activities by name.
func (s *Store) Activities(ctx context.Context) ([]Activity, error) {
	var as []Activity
	if err := s.r.SelectContext(ctx, &as, `SELECT id, name, place, schedule, duration_min FROM activities ORDER BY name, id`); err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return as, nil
}

// Activity returns one activity or ErrNotFound.
func (s *Store) Activity(ctx context.Context, id int64) (Activity, error) {
	var a Activity
	if err := s.r.GetContext(ctx, &a, `SELECT id, name, place, schedule, duration_min FROM activities WHERE id = ?`, id); err != nil {
		return a, notFound(err, fmt.Sprintf("activity %d", id))
	}
	return a, nil
}

// Follow makes the member follow the activity (idempotent).
func (s *Store) Follow(ctx context.Context, activityID, memberID int64, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, activityID, memberID, utc(now))
	if err != nil {
		return fmt.Errorf("follow activity %d: %w", activityID, err)
	}
	return nil
}

// CreateEvent stores an event and returns its id.
func (s *Store) CreateEvent(ctx context.Context, e Event, createdBy *int64, now time.Time) (int64, error) {
	var ends any
	if e.EndsAt != nil {
		ends = utc(*e.EndsAt)
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO events (title, place, starts_at, ends_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		e.Title, e.Place, utc(e.StartsAt), ends, createdBy, utc(now))
	if err != nil {
		return 0, fmt.Errorf("create event: %w", err)
	}
	return res.LastInsertId()
}

// Events lists events that start at or after from, soonest first.
func (s *Store) Events(ctx context.Context, from time.Time) ([]Event, error) {
	var es []Event
	if err := s.r.SelectContext(ctx, &es, `SELECT id, title, place, starts_at, ends_at FROM events WHERE starts_at >= ? ORDER BY starts_at, id`, utc(from)); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return es, nil
}

// Event returns one event or ErrNotFound.
func (s *Store) Event(ctx context.Context, id int64) (Event, error) {
	var e Event
	if err := s.r.GetContext(ctx, &e, `SELECT id, title, place, starts_at, ends_at FROM events WHERE id = ?`, id); err != nil {
		return e, notFound(err, fmt.Sprintf("event %d", id))
	}
	return e, nil
}

// InviteToEvent records invitations for the members (idempotent).
func (s *Store) InviteToEvent(ctx context.Context, eventID int64, memberIDs []int64, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, id := range memberIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_invitations (event_id, member_id, updated_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, eventID, id, utc(now)); err != nil {
				return fmt.Errorf("invite member %d to event %d: %w", id, eventID, err)
			}
		}
		return nil
	})
}
