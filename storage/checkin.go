package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// At the door and by hand: households without Telegram recorded by a
// coordinator, check-in, walk-ins, and the answers tallied for the card.

// RecordHousehold records the yes of a household without Telegram (a name
// or note, adults, children) at an event of one of branches, counted like
// the others; it must fit.
func (s *Store) RecordHousehold(ctx context.Context, branches []int64, eventID int64, name string, adults, children int, now time.Time) error {
	if name == "" || len([]rune(name)) > 100 || adults < 1 || adults > 99 || children < 0 || children > 99 {
		return fmt.Errorf("record household: %w", domain.ErrInvalidEvent)
	}
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		e, err := eventIn(ctx, tx, branches, eventID)
		if err != nil {
			return err
		}
		if e.Cancelled() {
			return domain.ErrEventGone
		}
		hs, err := seatState(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if domain.DecideYes(e.Cap(), hs, 0, adults+children) != domain.Seated {
			return domain.ErrFull
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO event_invitations (event_id, name, answer, adults, children, seen_version, updated_at)
			VALUES (?, ?, 'yes', ?, ?, ?, ?)`, eventID, name, adults, children, e.Version, utc(now))
		return err
	})
}

// CheckIn marks a household present or absent at an event of one of
// branches.
func (s *Store) CheckIn(ctx context.Context, branches []int64, eventID, invitationID int64, present bool) error {
	res, err := s.w.ExecContext(ctx, `UPDATE event_invitations SET present = ? WHERE id = ? AND event_id = ?
		AND event_id IN (SELECT id FROM events WHERE branch_id IN `+branchList(branches)+`)`, present, invitationID, eventID)
	if err != nil {
		return fmt.Errorf("check in %d: %w", invitationID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("check in %d: %w", invitationID, domain.ErrNotFound)
	}
	return nil
}

// TapWalkIn counts one walk-in at the door of an event of one of branches
// (the rule is ApplyTap).
func (s *Store) TapWalkIn(ctx context.Context, branches []int64, eventID int64, kind string, now time.Time) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := eventIn(ctx, tx, branches, eventID); err != nil {
			return err
		}
		var err error
		if h, err = walkIns(ctx, tx, eventID); err != nil {
			return err
		}
		if h, err = domain.ApplyTap(h, kind); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO event_walkins (event_id, kind, created_at) VALUES (?, ?, ?)`, eventID, kind, utc(now))
		return err
	})
	if err != nil {
		return h, fmt.Errorf("walk-in at event %d: %w", eventID, err)
	}
	return h, nil
}

// UndoWalkIn takes back the last walk-in tap at an event of one of branches.
func (s *Store) UndoWalkIn(ctx context.Context, branches []int64, eventID int64) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := eventIn(ctx, tx, branches, eventID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM event_walkins WHERE id = (SELECT max(id) FROM event_walkins WHERE event_id = ?)`, eventID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNothingToUndo
		}
		h, err = walkIns(ctx, tx, eventID)
		return err
	})
	if err != nil {
		return h, fmt.Errorf("undo walk-in at event %d: %w", eventID, err)
	}
	return h, nil
}

// WalkIns is the walk-in count of an event of one of branches.
func (s *Store) WalkIns(ctx context.Context, branches []int64, eventID int64) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := eventIn(ctx, tx, branches, eventID); err != nil {
			return err
		}
		var err error
		h, err = walkIns(ctx, tx, eventID)
		return err
	})
	return h, err
}

func walkIns(ctx context.Context, q sqlx.QueryerContext, eventID int64) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := sqlx.GetContext(ctx, q, &h, `SELECT
		coalesce(sum(kind = 'adult'), 0) AS adults, coalesce(sum(kind = 'child'), 0) AS children,
		coalesce(sum(kind = 'first'), 0) AS first_time
		FROM event_walkins WHERE event_id = ?`, eventID)
	return h, err
}
