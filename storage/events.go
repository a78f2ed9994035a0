package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Event is a one-off social event with invitations.
type Event struct {
	ID       int64      `db:"id"`
	Title    string     `db:"title"`
	Place    string     `db:"place"`
	StartsAt time.Time  `db:"starts_at"`
	EndsAt   *time.Time `db:"ends_at"`
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
