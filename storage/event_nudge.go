package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// A coordinator's 🔔 on an event reminds the households that have not
// answered its invitation (domain.NoticeEventNudge), at most once a day
// per event: the ledger keeps the day's press under the event and the day.

// nudgeKey names the day's press of 🔔 for an event in the ledger.
func nudgeKey(eventID int64, day string) string { return fmt.Sprintf("eventnudge:%d:%s", eventID, day) }

// unanswered lists the reachable households with Telegram invited to e and
// not answering yet, with their members by invitation id.
func unanswered(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time) ([]domain.Invitation, map[int64]domain.Member, error) {
	if e.Cancelled() || !now.Before(e.RSVPBy) {
		return nil, nil, nil
	}
	return concerned(ctx, tx, e.ID, []domain.Answer{domain.AnswerInvited}, "1 = 1")
}

// nudgedAt is when 🔔 was pressed for the event today (in loc), or zero.
func nudgedAt(ctx context.Context, tx *sqlx.Tx, eventID int64, loc *time.Location, now time.Time) (time.Time, error) {
	var at time.Time
	err := tx.GetContext(ctx, &at, `SELECT created_at FROM notices WHERE key = ?`, nudgeKey(eventID, now.In(loc).Format("2006-01-02")))
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at, err
}

// EventNudge is how many households 🔔 would remind now at an event of
// one of branches, and when it was pressed today (zero when not).
func (s *Store) EventNudge(ctx context.Context, branches []int64, eventID int64, loc *time.Location, now time.Time) (n int, today time.Time, err error) {
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		e, err := eventIn(ctx, tx, branches, eventID)
		if err != nil {
			return err
		}
		is, _, err := unanswered(ctx, tx, e, now)
		if err != nil {
			return err
		}
		n = len(is)
		today, err = nudgedAt(ctx, tx, eventID, loc, now)
		return err
	})
	return n, today, err
}

// NudgeEvent reminds, in one transaction, the households invited to the
// event (of one of branches) that have not answered, and records the press by the coordinator.
// When 🔔 was pressed today already it reminds no one and reports when.
func (s *Store) NudgeEvent(ctx context.Context, branches []int64, eventID, by int64, loc *time.Location, now time.Time) (n int, earlier time.Time, err error) {
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		n = 0
		e, err := eventIn(ctx, tx, branches, eventID)
		if err != nil {
			return err
		}
		if earlier, err = nudgedAt(ctx, tx, eventID, loc, now); err != nil || !earlier.IsZero() {
			return err
		}
		is, byInv, err := unanswered(ctx, tx, e, now)
		if err != nil || len(is) == 0 {
			return err
		}
		if _, err := record(ctx, tx, now, entry{Key: nudgeKey(eventID, now.In(loc).Format("2006-01-02")),
			Subject: eventSubject(eventID), MemberID: by, Due: e.StartsAt, Told: true}); err != nil {
			return err
		}
		for _, inv := range is {
			label, err := branchLabel(ctx, tx, byInv[inv.ID].ID, e)
			if err != nil {
				return err
			}
			out, err := domain.NewNotice(domain.NoticeEventNudge, byInv[inv.ID], domain.EventValues{Event: e, Branch: label})
			if err != nil {
				return err
			}
			if _, err := enqueueOne(ctx, tx, now, out.Expiring(e.RSVPBy)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("nudge event %d: %w", eventID, err)
	}
	return n, earlier, nil
}
