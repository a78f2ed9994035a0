package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// askLast is the member's latest message as domain.JoinsBurst sees it.
func askLast(ctx context.Context, tx *sqlx.Tx, memberID int64) (domain.AskLast, error) {
	var row struct {
		Head  int64     `db:"head"`
		At    time.Time `db:"created_at"`
		Parts int       `db:"parts"`
		Open  bool      `db:"open"`
	}
	err := tx.GetContext(ctx, &row, `SELECT h.id AS head, l.created_at,
		(SELECT count(*) FROM ask_messages p WHERE p.id = h.id OR p.burst = h.id) AS parts,
		(l.answered_at IS NULL AND l.done_at IS NULL AND h.held = 0) AS open
		FROM ask_messages l JOIN ask_messages h ON h.id = coalesce(l.burst, l.id)
		WHERE l.member_id = ? AND l.direction = 'in' ORDER BY l.id DESC LIMIT 1`, memberID)
	if err == sql.ErrNoRows {
		return domain.AskLast{}, nil
	}
	if err != nil {
		return domain.AskLast{}, fmt.Errorf("latest ask message: %w", err)
	}
	return domain.AskLast{Head: row.Head, Parts: row.Parts, At: row.At, Open: row.Open}, nil
}

// joinBurst records msg as part of the burst whose card is head's relay,
// and queues a copy of any media to every chat that card went to; targets
// is how many.
func joinBurst(ctx context.Context, tx *sqlx.Tx, memberID, head int64, msg domain.AskMessage, now time.Time) (domain.AskItem, int, error) {
	var item domain.AskItem
	var branch int64
	if err := tx.GetContext(ctx, &branch, `SELECT branch_id FROM ask_messages WHERE id = ?`, head); err != nil {
		return item, 0, err
	}
	id, err := insertAsk(ctx, tx, memberID, branch, "in", msg, nil, now)
	if err != nil {
		return item, 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ask_messages SET burst = ? WHERE id = ?`, head, id); err != nil {
		return item, 0, err
	}
	if err := tx.GetContext(ctx, &item, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, id); err != nil {
		return item, 0, err
	}
	var ts []struct {
		ChatID   int64         `db:"chat_id"`
		MemberID sql.NullInt64 `db:"member_id"`
	}
	if err := tx.SelectContext(ctx, &ts, `SELECT chat_id, member_id FROM outbox
		WHERE ask_item = ? AND copy_chat IS NULL ORDER BY id`, head); err != nil {
		return item, 0, err
	}
	for _, t := range ts {
		if !item.SrcChat.Valid || !item.SrcMessage.Valid {
			break
		}
		if err := enqueue(ctx, tx, now, domain.Outgoing{MemberID: t.MemberID.Int64, ChatID: t.ChatID, Kind: domain.KindNotice,
			Priority: domain.PriorityNotice, CopyChat: item.SrcChat.Int64, CopyMessage: int(item.SrcMessage.Int64), AskItem: item.ID}); err != nil {
			return item, 0, err
		}
	}
	return item, len(ts), nil
}

// AskBurst returns the messages of the burst whose first message is head,
// in the order the member wrote them (head alone when nothing joined it;
// none once it is gone).
func (s *Store) AskBurst(ctx context.Context, head int64) ([]domain.AskItem, error) {
	var items []domain.AskItem
	if err := s.r.SelectContext(ctx, &items, `SELECT `+askCols+` FROM ask_messages WHERE id = ? OR burst = ? ORDER BY coalesce(tg_message, 0), id`, head, head); err != nil {
		return nil, fmt.Errorf("burst of ask %d: %w", head, err)
	}
	return items, nil
}

// relayCols are an AskRelay's columns (outbox o, members m).
const relayCols = `o.id, o.state, o.chat_id, coalesce(o.telegram_id, 0) AS telegram_id, o.text, o.buttons, o.notice, o.notice_values,
	coalesce(m.language, nullif(o.language, ''), ?) AS language`

// AskCards lists the cards of the burst whose first message is head: its
// relay to each chat, in any state.
func (s *Store) AskCards(ctx context.Context, head int64) ([]AskRelay, error) {
	var branch int64
	if err := s.r.GetContext(ctx, &branch, `SELECT branch_id FROM ask_messages WHERE id = ?`, head); err != nil {
		return nil, notFound(err, "ask message")
	}
	_, lang, _, err := s.Inbox(ctx, branch)
	if err != nil {
		return nil, err
	}
	var cs []AskRelay
	err = s.r.SelectContext(ctx, &cs, `SELECT `+relayCols+` FROM outbox o LEFT JOIN members m ON m.id = o.member_id
		WHERE o.ask_item = ? AND o.copy_chat IS NULL ORDER BY o.id`, lang, head)
	if err != nil {
		return nil, fmt.Errorf("cards of ask %d: %w", head, err)
	}
	return cs, nil
}

// AskCard is one card (a relay's outbox row) as it is now.
func (s *Store) AskCard(ctx context.Context, outboxID int64) (AskRelay, error) {
	var branch int64
	if err := s.r.GetContext(ctx, &branch, `SELECT coalesce((SELECT a.branch_id FROM outbox o JOIN ask_messages a ON a.id = o.ask_item
		WHERE o.id = ?), ?)`, outboxID, domain.DefaultBranchID); err != nil {
		return AskRelay{}, err
	}
	_, lang, _, err := s.Inbox(ctx, branch)
	if err != nil {
		return AskRelay{}, err
	}
	var c AskRelay
	if err := s.r.GetContext(ctx, &c, `SELECT `+relayCols+` FROM outbox o LEFT JOIN members m ON m.id = o.member_id
		WHERE o.id = ?`, lang, outboxID); err != nil {
		return c, notFound(err, "card")
	}
	return c, nil
}
