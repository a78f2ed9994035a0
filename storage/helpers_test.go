package storage

import (
	"context"
	"errors"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Store methods only this package's tests call: shorthands for what the
// sender, the chat and the importer do through the store's real methods.

// Enqueue writes messages to the outbox in a transaction of their own (for
// causes that change nothing else, such as a scheduled reminder).
func (s *Store) Enqueue(ctx context.Context, now time.Time, msgs ...domain.Outgoing) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error { return enqueue(ctx, tx, now, msgs...) })
}

// MarkSending claims a pending message right before the API call, so that
// after a crash the messages whose fate is uncertain are known. It reports
// false when the message is no longer pending (deleted, or claimed already).
func (s *Store) MarkSending(ctx context.Context, id int64, now time.Time) (bool, error) {
	got, err := s.MarkSendingMany(ctx, []int64{id}, now)
	return len(got) == 1, err
}

// MarkSent records a delivered message.
func (s *Store) MarkSent(ctx context.Context, id int64, telegramID int, now time.Time) error {
	_, err := s.ClaimAndRecord(ctx, nil, []Delivery{{ID: id, TelegramID: telegramID}}, now)
	return err
}

// MarkBlocked fails the message because its recipient blocked the bot and
// marks the member unreachable, in one transaction.
func (s *Store) MarkBlocked(ctx context.Context, msg OutboxMessage, now time.Time) error {
	return s.MarkUnreachable(ctx, msg, "blocked", now)
}

// Counter reads an anonymous counter (0 when never bumped).
func (s *Store) Counter(ctx context.Context, name string) (int, error) {
	var v int
	err := s.r.GetContext(ctx, &v, `SELECT value FROM counters WHERE name = ?`, name)
	if errors.Is(err, errNoRows) {
		return 0, nil
	}
	return v, err
}

// EventByKey returns the event with a plan key, or ErrNotFound.
func (s *Store) EventByKey(ctx context.Context, key string) (domain.Event, error) {
	var e domain.Event
	if err := s.r.GetContext(ctx, &e, `SELECT `+eventCols+` FROM events WHERE key = ?`, key); err != nil {
		return e, notFound(err, "event "+key)
	}
	return e, nil
}
