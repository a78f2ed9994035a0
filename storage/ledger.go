package storage

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The notices ledger records, once per key, what was decided to tell whom
// (queued, with the outbox row that says it) or decided not to (skipped), so
// each reminder, offer or alert is sent exactly once whatever the scheduler
// or a restart does. Its key names the decision and the member; its subject
// names what it concerns (a meeting, an event, a shift), so a change to that
// subject can withdraw what is still queued. record is the one writer.

// entry is one decision for the ledger.
type entry struct {
	Key, Subject string
	MemberID     int64
	// Due is the notice's date (the meeting, the event, the certificate's
	// last day, or later): Prune forgets the decision a while after it,
	// when nothing decides it again.
	Due time.Time
	// Out makes the message to queue, called only when the key is new; nil
	// records the decision as skipped, or as told when Told is set.
	Out func() (domain.Outgoing, error)
	// Told: the member was told by another message (no row of its own).
	Told bool
	// About is the member the decision names, when not MemberID: it is
	// deleted when they are forgotten.
	About int64
	// Always queues Out even when the key was decided before; the ledger
	// then keeps its first entry (a cover offer stands in for an alert
	// that has not been sent, and is sent even when one was).
	Always bool
}

// message is Out for a message made already.
func message(o domain.Outgoing) func() (domain.Outgoing, error) {
	return func() (domain.Outgoing, error) { return o, nil }
}

// record writes e unless its key was decided before (then it reports false
// and writes nothing), queueing e.Out in the same transaction.
func record(ctx context.Context, tx *sqlx.Tx, now time.Time, e entry) (bool, error) {
	state := "queued"
	if e.Out == nil && !e.Told {
		state = "skipped"
	}
	if e.Always {
		out, err := e.Out()
		if err != nil {
			return false, err
		}
		id, err := enqueueOne(ctx, tx, now, out)
		if err != nil {
			return false, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO notices (key, subject, member_id, about, due_at, state, outbox_id, created_at)
			VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (key) DO NOTHING`, e.Key, e.Subject, e.MemberID, nullID(e.About), utc(e.Due), id, utc(now))
		if err != nil {
			return false, err
		}
		n, _ := res.RowsAffected()
		return n > 0, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO notices (key, subject, member_id, about, due_at, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, e.Key, e.Subject, e.MemberID, nullID(e.About), utc(e.Due), state, utc(now))
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if e.Out == nil {
		return true, nil
	}
	out, err := e.Out()
	if err != nil {
		return false, err
	}
	id, err := enqueueOne(ctx, tx, now, out)
	if err != nil {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE notices SET outbox_id = ? WHERE key = ?`, id, e.Key)
	return err == nil, err
}
