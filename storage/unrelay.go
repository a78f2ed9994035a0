package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// unrelay queues, inside Forget's transaction, the deletion of the bot's
// copies of what the member wrote to the coordinators (the copied voice note
// or photo and the header naming them) in every chat they went to, as far as
// Telegram still allows: a bot may delete its own messages for
// domain.DeleteWindow after sending them. Older copies stay in those chats;
// /privacy says so. The delete rows name neither the member nor the text,
// and expire when Telegram would refuse them.
func unrelay(ctx context.Context, tx *sqlx.Tx, memberID int64, now time.Time) error {
	var sent []struct {
		ChatID     int64     `db:"chat_id"`
		TelegramID int       `db:"telegram_id"`
		DoneAt     time.Time `db:"done_at"`
	}
	err := tx.SelectContext(ctx, &sent, `SELECT o.chat_id, o.telegram_id, o.done_at FROM outbox o
		JOIN ask_messages a ON a.id = o.ask_item
		JOIN members m ON m.id = a.member_id
		WHERE a.member_id = ? AND a.direction = 'in' AND o.chat_id != m.chat_id
		AND o.state = 'sent' AND o.telegram_id IS NOT NULL AND o.done_at > ?
		ORDER BY o.id`, memberID, utc(now.Add(-domain.DeleteWindow)))
	if err != nil {
		return fmt.Errorf("relays to delete: %w", err)
	}
	for _, r := range sent {
		if err := enqueue(ctx, tx, now, domain.Outgoing{ChatID: r.ChatID, Kind: domain.KindDelete, Priority: domain.PriorityNotice,
			DeleteMessage: r.TelegramID, ExpiresAt: r.DoneAt.Add(domain.DeleteWindow)}); err != nil {
			return err
		}
	}
	return nil
}
