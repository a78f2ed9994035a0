package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// relayTo queues the relay of item to everyone who can read it now (see
// askTargets) and reports to how many chats.
func relayTo(ctx context.Context, tx *sqlx.Tx, item domain.AskItem, asker domain.Member, now time.Time) (int, error) {
	ts, err := askTargets(ctx, tx, item.BranchID, asker.ID)
	if err != nil {
		return 0, err
	}
	for _, t := range ts {
		out, err := relayOut(item, asker, t)
		if err != nil {
			return 0, err
		}
		if err := enqueue(ctx, tx, now, out...); err != nil {
			return 0, err
		}
	}
	return len(ts), nil
}

// ClaimHeldAsks relays the questions held while no coordinator could read
// them, oldest first, once one can (a coordinator is reachable again, a new
// one joined, or a coordinators' group was set). It is a scheduler job.
func (s *Store) ClaimHeldAsks(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var held []domain.AskItem
		if err := tx.SelectContext(ctx, &held, `SELECT `+askCols+` FROM ask_messages WHERE held = 1 ORDER BY id`); err != nil {
			return err
		}
		for _, item := range held {
			var asker domain.Member
			if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, item.MemberID); err != nil {
				return err
			}
			n, err := relayTo(ctx, tx, item, asker, now)
			if err != nil {
				return err
			}
			if n == 0 { // no one but the asker (a coordinator) yet
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE ask_messages SET held = 0 WHERE id = ?`, item.ID); err != nil {
				return err
			}
			res.Queued += n
		}
		return nil
	})
	if err != nil {
		return domain.ClaimResult{}, fmt.Errorf("relay held questions: %w", err)
	}
	return res, nil
}
