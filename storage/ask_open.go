package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The coordinators' list of open questions: what members asked that no
// coordinator has answered or closed yet, oldest first, and the card of one
// sent again to a coordinator who wants to answer it.

// OpenAsk is one open question as the list shows it.
type OpenAsk struct {
	domain.AskItem
	Name string `db:"name"` // the member's display name
}

// openWhere is an open question: from a member, neither answered nor closed.
const openWhere = `a.direction = 'in' AND a.answered_at IS NULL AND a.done_at IS NULL`

// OpenAsks returns limit open questions of branches from offset, oldest
// first, and how many there are in all.
func (s *Store) OpenAsks(ctx context.Context, branches []int64, offset, limit int) ([]OpenAsk, int, error) {
	var total int
	q, args, err := sqlx.In(`SELECT count(*) FROM ask_messages a WHERE `+openWhere+` AND a.branch_id IN (?)`, orNone(branches))
	if err != nil {
		return nil, 0, err
	}
	if err := s.r.GetContext(ctx, &total, q, args...); err != nil {
		return nil, 0, fmt.Errorf("count open questions: %w", err)
	}
	var out []OpenAsk
	q, args, err = sqlx.In(`SELECT a.id, a.member_id, a.direction, a.kind, a.text, a.created_at, m.display_name AS name
		FROM ask_messages a JOIN members m ON m.id = a.member_id WHERE `+openWhere+` AND a.branch_id IN (?)
		ORDER BY a.created_at, a.id LIMIT ? OFFSET ?`, orNone(branches), limit, offset)
	if err != nil {
		return nil, 0, err
	}
	if err := s.r.SelectContext(ctx, &out, q, args...); err != nil {
		return nil, 0, fmt.Errorf("open questions: %w", err)
	}
	return out, total, nil
}

// ResendAsk queues the card of a member's question (with a copy of its
// voice note or photo) to coordinator to, as it was relayed: its buttons
// answer it, and it is marked with the others once answered or closed.
// A question that is gone, of a branch not in branches, or a message that
// is not a question, is domain.ErrNotFound.
func (s *Store) ResendAsk(ctx context.Context, branches []int64, itemID int64, to domain.Member, now time.Time) error {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		item, err := askItemIn(ctx, tx, itemID, branches)
		if err != nil {
			return err
		}
		if item.Direction != "in" {
			return notFound(errNoRows, "ask message")
		}
		var asker domain.Member
		if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, item.MemberID); err != nil {
			return notFound(err, "member")
		}
		out, err := relayOut(item, asker, domain.AskTarget{ChatID: to.ChatID, MemberID: to.ID, Language: to.Language})
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, out...)
	})
	if err != nil {
		return fmt.Errorf("send question %d again: %w", itemID, err)
	}
	return nil
}
