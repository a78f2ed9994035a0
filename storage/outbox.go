package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Message states.
const (
	StatePending = "pending"
	StateSending = "sending"
	StateSent    = "sent"
	StateFailed  = "failed"
	StateExpired = "expired"
)

// OutboxMessage is a queued message as the sender sees it.
type OutboxMessage struct {
	ID          int64         `db:"id"`
	MemberID    sql.NullInt64 `db:"member_id"`
	ChatID      int64         `db:"chat_id"`
	Kind        string        `db:"kind"`
	Text        string        `db:"text"`
	ButtonsJSON string        `db:"buttons"`
	BroadcastID sql.NullInt64 `db:"broadcast_id"`
	Attempts    int           `db:"attempts"`
	ExpiresAt   *time.Time    `db:"expires_at"`
	Entities    string        `db:"entities"`      // JSON array of Telegram message entities, or ""
	CopyChat    sql.NullInt64 `db:"copy_chat"`     // set: copy this chat's message CopyMessage
	CopyMessage sql.NullInt64 `db:"copy_message"`  //
	Notice      string        `db:"notice"`        // set: a notice as data, rendered when it leaves
	Values      string        `db:"notice_values"` // the notice's values (JSON)
	Language    string        `db:"language"`      // a notice to a chat that is no member's: its language
	// DeleteMessage: a KindDelete row deletes this message of the bot's in ChatID.
	DeleteMessage sql.NullInt64 `db:"delete_message"`
}

// Buttons decodes the message's buttons.
func (m OutboxMessage) Buttons() ([][]domain.Button, error) {
	if m.ButtonsJSON == "" {
		return nil, nil
	}
	var b [][]domain.Button
	if err := json.Unmarshal([]byte(m.ButtonsJSON), &b); err != nil {
		return nil, fmt.Errorf("outbox %d buttons: %w", m.ID, err)
	}
	return b, nil
}

func encodeButtons(b [][]domain.Button) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	out, err := json.Marshal(b)
	return string(out), err
}

// enqueue writes messages to the outbox inside the caller's transaction.
func enqueue(ctx context.Context, tx *sqlx.Tx, now time.Time, msgs ...domain.Outgoing) error {
	for _, m := range msgs {
		if _, err := enqueueOne(ctx, tx, now, m); err != nil {
			return err
		}
	}
	return nil
}

// enqueueOne writes one message and returns its outbox id.
func enqueueOne(ctx context.Context, tx *sqlx.Tx, now time.Time, m domain.Outgoing) (int64, error) {
	buttons, err := encodeButtons(m.Buttons)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	var member any
	if m.MemberID != 0 {
		member = m.MemberID
	}
	notBefore := m.NotBefore
	if notBefore.IsZero() {
		notBefore = now
	}
	kind := m.Kind
	if kind == "" {
		kind = domain.KindNotice
	}
	var copyChat, copyMsg, askItem any
	if m.CopyChat != 0 && m.CopyMessage != 0 {
		copyChat, copyMsg = m.CopyChat, m.CopyMessage
	}
	if m.AskItem != 0 {
		askItem = m.AskItem
	}
	var deleteMsg any
	if m.DeleteMessage != 0 {
		deleteMsg = m.DeleteMessage
	}
	about := nullID(m.AboutID)
	fair := m.Fair
	if fair == "" {
		fair = domain.FairKey(m.Priority, 0, cmp.Or(m.Notice, kind))
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox (member_id, chat_id, kind, priority, text, buttons, state, not_before, expires_at, created_at, entities, copy_chat, copy_message, ask_item, notice, notice_values, language, delete_message, about, fair)
		VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		member, m.ChatID, kind, m.Priority, m.Text, buttons, utc(notBefore), nullTime(m.ExpiresAt), utc(now), m.Entities, copyChat, copyMsg, askItem,
		m.Notice, string(m.Values), m.Language, deleteMsg, about, fair)
	if err != nil {
		return 0, fmt.Errorf("enqueue %s for chat %d: %w", kind, m.ChatID, err)
	}
	return res.LastInsertId()
}

// DueMessages returns up to limit pending messages whose time has come,
// most urgent first, leaving out the chats in skip (those over their own
// rate limit, so they cannot crowd out everyone else). Within a priority the
// fairness keys take turns (see domain.FairKey): the first message of each
// key, oldest first, then the second of each, and so on; groups of keys
// (fair_group) take turns the same way before their keys do. Rows without a
// key share one, so they go oldest first.
func (s *Store) DueMessages(ctx context.Context, now time.Time, limit int, skip ...int64) ([]OutboxMessage, error) {
	q, args, err := dueQuery(now, limit, skip)
	if err != nil {
		return nil, err
	}
	var ms []OutboxMessage
	if err := s.r.SelectContext(ctx, &ms, q, args...); err != nil {
		return nil, fmt.Errorf("due messages: %w", err)
	}
	return ms, nil
}

// dueColumns are the columns an OutboxMessage reads.
const dueColumns = `id, member_id, chat_id, kind, text, buttons, broadcast_id, attempts, expires_at, entities, copy_chat, copy_message,
		notice, notice_values, language, delete_message`

// dueQuery is DueMessages' query: it searches the index outbox_state_due
// (state, not_before) rather than every row kept for thirty days, numbers
// each due row's turn within its key, then its round within its group (by
// turn, then age), and takes the rows by priority and round.
func dueQuery(now time.Time, limit int, skip []int64) (string, []any, error) {
	q := `SELECT ` + dueColumns + `, priority, fair_group,
		ROW_NUMBER() OVER (PARTITION BY priority, fair_group, fair ORDER BY id) AS fair_turn
		FROM outbox WHERE state = 'pending' AND not_before <= ?`
	args := []any{utc(now)}
	if len(skip) > 0 {
		in, inArgs, err := sqlx.In(` AND chat_id NOT IN (?)`, skip)
		if err != nil {
			return "", nil, err
		}
		q += in
		args = append(args, inArgs...)
	}
	q = `SELECT ` + dueColumns + ` FROM (SELECT ` + dueColumns + `, priority,
		ROW_NUMBER() OVER (PARTITION BY priority, fair_group ORDER BY fair_turn, id) AS fair_round
		FROM (` + q + `)) ORDER BY priority, fair_round, id LIMIT ?`
	return q, append(args, limit), nil
}

// HasDue reports whether a pending message's time has come.
func (s *Store) HasDue(ctx context.Context, now time.Time) (bool, error) {
	var n []int
	if err := s.r.SelectContext(ctx, &n, `SELECT 1 FROM outbox WHERE state = 'pending' AND not_before <= ? LIMIT 1`, utc(now)); err != nil {
		return false, fmt.Errorf("has due: %w", err)
	}
	return len(n) > 0, nil
}

// nextDueQuery is NextDue's query (outbox_state_due again).
const nextDueQuery = `SELECT not_before FROM outbox WHERE state = 'pending' ORDER BY not_before LIMIT 1`

// NextDue returns when the earliest pending message becomes due.
func (s *Store) NextDue(ctx context.Context) (time.Time, bool, error) {
	var t []time.Time
	err := s.r.SelectContext(ctx, &t, nextDueQuery)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due: %w", err)
	}
	if len(t) == 0 {
		return time.Time{}, false, nil
	}
	return t[0], true, nil
}

// MarkSendingMany claims several pending messages in one transaction (one
// disk sync) and returns the ids it claimed: those still pending.
func (s *Store) MarkSendingMany(ctx context.Context, ids []int64, now time.Time) ([]int64, error) {
	return s.ClaimAndRecord(ctx, ids, nil, now)
}

// Delivery is a message Telegram took, with the id it gave it.
type Delivery struct {
	ID         int64
	TelegramID int
	// Rendered: a notice, recorded with the text and buttons it was sent
	// with (what the member was told, for /mydata and for editing it later).
	Rendered      bool
	Text, Buttons string
}

// ClaimAndRecord is the sender's group commit: in one transaction (one disk
// sync) it claims the pending messages in claim ("sending", right before
// their calls) and records the messages in sent as delivered. It returns the
// ids it claimed: those that were still pending.
func (s *Store) ClaimAndRecord(ctx context.Context, claim []int64, sent []Delivery, now time.Time) ([]int64, error) {
	var got []int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, id := range claim {
			res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending'`, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				got = append(got, id)
			}
		}
		for _, d := range sent {
			q, args := `UPDATE outbox SET state = 'sent', done_at = ?, telegram_id = ?, error = '' WHERE id = ?`, []any{utc(now), d.TelegramID, d.ID}
			if d.Rendered {
				q, args = `UPDATE outbox SET state = 'sent', done_at = ?, telegram_id = ?, error = '', text = ?, buttons = ? WHERE id = ?`,
					[]any{utc(now), d.TelegramID, d.Text, d.Buttons, d.ID}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim %d and record %d outbox messages: %w", len(claim), len(sent), err)
	}
	return got, nil
}

// MarkFailed ends a message that cannot be delivered; class names the reason
// (never the text).
func (s *Store) MarkFailed(ctx context.Context, id int64, class string, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET state = 'failed', error = ?, done_at = ? WHERE id = ?`, class, utc(now), id)
	if err != nil {
		return fmt.Errorf("mark outbox %d failed: %w", id, err)
	}
	return nil
}

// MarkUnreachable fails the message because Telegram cannot deliver to its
// chat (blocked, or the chat no longer exists; class says which) and marks
// the member unreachable, so later broadcasts do not queue for them, in one
// transaction.
func (s *Store) MarkUnreachable(ctx context.Context, msg OutboxMessage, class string, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', error = ?, done_at = ? WHERE id = ?`, class, utc(now), msg.ID); err != nil {
			return fmt.Errorf("mark outbox %d unreachable: %w", msg.ID, err)
		}
		if !msg.MemberID.Valid {
			return nil
		}
		return setReachable(ctx, tx, msg.MemberID.Int64, false, now)
	})
}

// MarkExpired drops a message whose time has passed.
func (s *Store) MarkExpired(ctx context.Context, id int64, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET state = 'expired', done_at = ? WHERE id = ? AND state IN ('pending','sending')`, utc(now), id)
	if err != nil {
		return fmt.Errorf("mark outbox %d expired: %w", id, err)
	}
	return nil
}

// Retry puts a message back in the queue for notBefore. With countAttempt
// false (a 429, which is our pacing, not the message's fault) the attempt
// recorded by MarkSending is given back.
func (s *Store) Retry(ctx context.Context, id int64, notBefore time.Time, class string, countAttempt bool) error {
	give := 0
	if !countAttempt {
		give = 1
	}
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET state = 'pending', not_before = ?, error = ?, attempts = max(attempts - ?, 0) WHERE id = ?`,
		utc(notBefore), class, give, id)
	if err != nil {
		return fmt.Errorf("retry outbox %d: %w", id, err)
	}
	return nil
}

// MoveChat follows a group that Telegram upgraded to a supergroup: messages
// not yet delivered to chat from go to chat to instead.
func (s *Store) MoveChat(ctx context.Context, from, to int64) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND state IN ('pending','sending')`, to, from)
	if err != nil {
		return fmt.Errorf("move outbox from chat %d to %d: %w", from, to, err)
	}
	return nil
}

// RecoverSending returns messages left in "sending" by a crash to the queue.
// Each may already have reached Telegram: these are the possible duplicates
// of a crash, at most as many as the sender had calls in flight.
func (s *Store) RecoverSending(ctx context.Context) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET state = 'pending', error = 'uncertain after restart' WHERE state = 'sending'`)
	if err != nil {
		return 0, fmt.Errorf("recover sending: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Prune deletes what is no longer needed, to keep the least data that serves:
// messages finished (sent, failed, expired) before doneBefore, step-by-step
// chats untouched since idleBefore, and the ledger's decisions due before
// doneBefore (long past: nothing decides them again). It reports how many
// messages and chats.
func (s *Store) Prune(ctx context.Context, doneBefore, idleBefore time.Time) (messages, chats int, err error) {
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE state IN ('sent','failed','expired') AND done_at < ?`, utc(doneBefore))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		messages = int(n)
		// How often someone left a shift meeting matters only until it is held.
		if _, err := tx.ExecContext(ctx, `DELETE FROM shift_drops WHERE slot < ?`, utc(doneBefore)); err != nil {
			return err
		}
		if res, err = tx.ExecContext(ctx, `DELETE FROM conversations WHERE updated_at < ?`, utc(idleBefore)); err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		chats = int(n)
		_, err = tx.ExecContext(ctx, `DELETE FROM notices WHERE due_at < ?`, utc(doneBefore))
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("prune: %w", err)
	}
	return messages, chats, nil
}

// OutboxCounts counts messages by state.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int, error) {
	var rows []struct {
		State string `db:"state"`
		N     int    `db:"n"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT state, count(*) AS n FROM outbox GROUP BY state`); err != nil {
		return nil, fmt.Errorf("outbox counts: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.State] = r.N
	}
	return out, nil
}

// UnrenderedNotices counts the notices that failed because the chat could
// not render them (a bug to fix: the log names each).
func (s *Store) UnrenderedNotices(ctx context.Context) (int, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM outbox WHERE state = 'failed' AND error = 'render'`); err != nil {
		return 0, fmt.Errorf("unrendered notices: %w", err)
	}
	return n, nil
}
