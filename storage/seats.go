package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Seats freed by anything other than an answer (a raised capacity, a member
// forgotten, a recorded household shrunk or removed) go through the same
// promotion rule as a no, in the transaction that frees them.

// promoteEvent offers the free seats of event id to the earliest waiting
// households that fit (see promote), reading the event and its seats in tx.
func promoteEvent(ctx context.Context, tx *sqlx.Tx, id int64, now time.Time) (int, error) {
	e, err := eventByID(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	hs, err := seatState(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	n, _, err := promote(ctx, tx, e, now, hs)
	return n, err
}

// seatedEvents lists the events whose seats member holds (coming or offered).
func seatedEvents(ctx context.Context, tx *sqlx.Tx, memberID int64) ([]int64, error) {
	var ids []int64
	err := tx.SelectContext(ctx, &ids, `SELECT DISTINCT event_id FROM event_invitations
		WHERE member_id = ? AND answer IN ('yes', 'offered') ORDER BY event_id`, memberID)
	return ids, err
}

// recordedHousehold reads a household without Telegram of event eventID,
// when the event belongs to one of branches.
func recordedHousehold(ctx context.Context, tx *sqlx.Tx, branches []int64, eventID, id int64) (domain.Event, domain.Invitation, error) {
	e, err := eventIn(ctx, tx, branches, eventID)
	if err != nil {
		return e, domain.Invitation{}, err
	}
	if e.Cancelled() {
		return e, domain.Invitation{}, domain.ErrEventGone
	}
	var inv domain.Invitation
	if err := tx.GetContext(ctx, &inv, `SELECT `+invitationCols+` FROM event_invitations i LEFT JOIN members m ON m.id = i.member_id
		WHERE i.id = ? AND i.event_id = ? AND i.member_id IS NULL`, id, eventID); err != nil {
		return e, inv, notFound(err, fmt.Sprintf("recorded household %d", id))
	}
	return e, inv, nil
}

// EditRecorded changes a household without Telegram (name, adults,
// children) at an event of one of branches. More heads must fit; fewer free seats, offered at once to
// those waiting. It returns how many households were offered seats.
func (s *Store) EditRecorded(ctx context.Context, branches []int64, eventID, id int64, name string, adults, children int, now time.Time) (int, error) {
	if name == "" || len([]rune(name)) > 100 || adults < 1 || adults > 99 || children < 0 || children > 99 {
		return 0, fmt.Errorf("edit household: %w", domain.ErrInvalidEvent)
	}
	var promoted int
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		e, inv, err := recordedHousehold(ctx, tx, branches, eventID, id)
		if err != nil {
			return err
		}
		hs, err := seatState(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if adults+children > inv.Heads() && domain.DecideYes(e.Cap(), hs, id, adults+children) != domain.Seated {
			return domain.ErrFull
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_invitations SET name = ?, adults = ?, children = ?, updated_at = ? WHERE id = ?`,
			name, adults, children, utc(now), id); err != nil {
			return err
		}
		promoted, err = promoteEvent(ctx, tx, eventID, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("edit household %d: %w", id, err)
	}
	return promoted, nil
}

// RemoveRecorded removes a household without Telegram from an event of one
// of branches; its
// seats are offered at once to those waiting. It returns how many
// households were offered seats.
func (s *Store) RemoveRecorded(ctx context.Context, branches []int64, eventID, id int64, now time.Time) (int, error) {
	var promoted int
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, _, err := recordedHousehold(ctx, tx, branches, eventID, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM event_invitations WHERE id = ?`, id); err != nil {
			return err
		}
		var err error
		promoted, err = promoteEvent(ctx, tx, eventID, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("remove household %d: %w", id, err)
	}
	return promoted, nil
}
