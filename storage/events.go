package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const eventCols = `id, branch_id, key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by, invite, offer_hours, ask_days, version, cancelled_at, invited_at`

// CreateEvent stores a new event in its branch (e.BranchID; 0: the first
// branch) and returns its id. Its invitations are sent by the scheduler
// (ClaimEventNotices), once, to members of that branch. Without a key it
// gets one made from its title and date.
func (s *Store) CreateEvent(ctx context.Context, e domain.Event, createdBy *int64, now time.Time) (int64, error) {
	if err := e.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = insertEvent(ctx, tx, e, createdBy, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create event: %w", err)
	}
	return id, nil
}

func insertEvent(ctx context.Context, tx *sqlx.Tx, e domain.Event, createdBy *int64, now time.Time) (int64, error) {
	if e.BranchID == 0 {
		e.BranchID = domain.DefaultBranchID
	}
	if e.Key == "" {
		base := domain.Slug(e.Title) + "-" + e.StartsAt.UTC().Format("2006-01-02")
		e.Key = base
		for i := 2; ; i++ {
			var n int
			if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM events WHERE branch_id = ? AND key = ?`, e.BranchID, e.Key); err != nil {
				return 0, err
			}
			if n == 0 {
				break
			}
			e.Key = fmt.Sprintf("%s-%d", base, i)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO events (branch_id, key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by,
		invite, offer_hours, ask_days, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.BranchID, e.Key, e.Title, e.Titles, e.Notes, e.Place, utc(e.StartsAt), utc(e.EndsAt), e.Capacity, utc(e.RSVPBy),
		e.Invite, e.OfferHours, e.AskDays, createdBy, utc(now), utc(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updateEvent changes an event in place. A new time or place bumps its
// version, and the scheduler tells those coming or waiting (once per version).
// Seats a raised capacity frees are offered at once to those waiting.
// offered is how many waiting households were offered seats.
func updateEvent(ctx context.Context, tx *sqlx.Tx, old, e domain.Event, now time.Time) (changed bool, offered int, err error) {
	version := old.Version
	if !old.StartsAt.Equal(e.StartsAt) || !old.EndsAt.Equal(e.EndsAt) || old.Place != e.Place {
		version++
	}
	if old.Title == e.Title && old.Titles.Equal(e.Titles) && old.Notes.Equal(e.Notes) && version == old.Version &&
		old.Cap() == e.Cap() && old.RSVPBy.Equal(e.RSVPBy) && old.Invite == e.Invite && old.OfferHours == e.OfferHours && old.AskDays == e.AskDays {
		return false, 0, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET title = ?, titles = ?, notes = ?, place = ?, starts_at = ?, ends_at = ?,
		capacity = ?, rsvp_by = ?, invite = ?, offer_hours = ?, ask_days = ?, version = ?, updated_at = ? WHERE id = ?`,
		e.Title, e.Titles, e.Notes, e.Place, utc(e.StartsAt), utc(e.EndsAt), e.Capacity, utc(e.RSVPBy),
		e.Invite, e.OfferHours, e.AskDays, version, utc(now), old.ID)
	if err != nil || e.Cap() == old.Cap() {
		return true, 0, err
	}
	offered, err = promoteEvent(ctx, tx, old.ID, now)
	return true, offered, err
}

// UpdateEvent saves a changed event (matched by ID) of one of branches; it
// stays in its branch. A new time or place is told to those coming or
// waiting, by the scheduler, once.
func (s *Store) UpdateEvent(ctx context.Context, branches []int64, e domain.Event, now time.Time) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		old, err := eventIn(ctx, tx, branches, e.ID)
		if err != nil {
			return err
		}
		if old.Cancelled() {
			return domain.ErrEventGone
		}
		_, _, err = updateEvent(ctx, tx, old, e, now)
		return err
	})
}

// CancelEvent calls an event of one of branches off; the scheduler tells
// those coming or waiting, in their language.
func (s *Store) CancelEvent(ctx context.Context, branches []int64, id int64, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := eventIn(ctx, tx, branches, id); err != nil {
			return fmt.Errorf("cancel event %d: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND cancelled_at IS NULL`, utc(now), utc(now), id)
		if err != nil {
			return fmt.Errorf("cancel event %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("cancel event %d: %w", id, domain.ErrEventGone)
		}
		return nil
	})
}

// Event returns one event (cancelled or not) of one of branches, or
// ErrNotFound: an event of another branch is not found.
func (s *Store) Event(ctx context.Context, branches []int64, id int64) (domain.Event, error) {
	return eventIn(ctx, s.r, branches, id)
}

// eventIn reads event id when it belongs to one of branches.
func eventIn(ctx context.Context, q sqlx.QueryerContext, branches []int64, id int64) (domain.Event, error) {
	var e domain.Event
	if err := sqlx.GetContext(ctx, q, &e, `SELECT `+eventCols+` FROM events WHERE id = ? AND branch_id IN `+branchList(branches), id); err != nil {
		return e, notFound(err, fmt.Sprintf("event %d", id))
	}
	return e, nil
}

func eventByID(ctx context.Context, q sqlx.QueryerContext, id int64) (domain.Event, error) {
	var e domain.Event
	if err := sqlx.GetContext(ctx, q, &e, `SELECT `+eventCols+` FROM events WHERE id = ?`, id); err != nil {
		return e, notFound(err, fmt.Sprintf("event %d", id))
	}
	return e, nil
}

// Events lists the events of branches not cancelled that end after from,
// soonest first.
func (s *Store) Events(ctx context.Context, branches []int64, from time.Time) ([]domain.Event, error) {
	var es []domain.Event
	if err := s.r.SelectContext(ctx, &es, `SELECT `+eventCols+` FROM events WHERE ends_at > ? AND cancelled_at IS NULL
		AND branch_id IN `+branchList(branches)+` ORDER BY starts_at, id`, utc(from)); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return es, nil
}

// MemberEvents lists the events member is invited to that have not ended,
// in the branches they belong to now.
func (s *Store) MemberEvents(ctx context.Context, memberID int64, now time.Time) ([]domain.MemberEvent, error) {
	var es []domain.MemberEvent
	err := s.r.SelectContext(ctx, &es, `SELECT `+prefixed("e", eventCols)+`, i.answer, i.adults, i.children
		FROM events e JOIN event_invitations i ON i.event_id = e.id AND i.member_id = ?
		JOIN member_branches mb ON mb.member_id = i.member_id AND mb.branch_id = e.branch_id
		WHERE e.ends_at > ? AND e.cancelled_at IS NULL ORDER BY e.starts_at, e.id`, memberID, utc(now))
	if err != nil {
		return nil, fmt.Errorf("events of member %d: %w", memberID, err)
	}
	return es, nil
}
