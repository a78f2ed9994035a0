package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// "Ask us": what a member writes outside a step-by-step chat is relayed to
// the coordinators, who answer through the bot. Text is kept for the short
// history (and deleted after the retention time); media never, only
// Telegram's reference to it.

// Kinds of an ask message.
const (
	AskText     = "text"
	AskVoice    = "voice"
	AskPhoto    = "photo"
	AskDocument = "document"
	AskLocation = "location"
	AskOther    = "other"
)

// AskItem is one message of a member's conversation with the coordinators.
type AskItem struct {
	ID              int64         `db:"id"`
	MemberID        int64         `db:"member_id"`
	Direction       string        `db:"direction"` // "in" from the member, "out" to them
	Kind            string        `db:"kind"`
	Text            string        `db:"text"`
	SrcChat         sql.NullInt64 `db:"src_chat"`
	SrcMessage      sql.NullInt64 `db:"src_message"`
	CoordinatorID   sql.NullInt64 `db:"coordinator_id"`
	CoordinatorName string        `db:"coordinator_name"`
	AnsweredAt      *time.Time    `db:"answered_at"`
	DoneAt          *time.Time    `db:"done_at"`
	DoneByName      string        `db:"done_by_name"`
	CreatedAt       time.Time     `db:"created_at"`
}

const askCols = `id, member_id, direction, kind, text, src_chat, src_message, coordinator_id, coordinator_name,
	answered_at, done_at, done_by_name, created_at`

// AskMessage is what a member or a coordinator sent: a text or Telegram's
// reference to media (the chat and message it was sent in).
type AskMessage struct {
	Kind       string
	Text       string // text, caption, or "" for media without one
	SrcChat    int64
	SrcMessage int
}

// AskOutcome is what happens to something a member writes.
type AskOutcome int

// The outcomes.
const (
	AskRelayed AskOutcome = iota // passed on to the coordinators
	AskLimited                   // over the hourly limit: the member is asked to wait
	AskMuted                     // a coordinator muted the member: not passed on, nothing said
)

// DecideAsk is the rule for a member's message: muted members are not
// relayed; past perHour messages in the last hour the member is asked to
// wait; otherwise it is relayed.
func DecideAsk(muted bool, lastHour, perHour int) AskOutcome {
	switch {
	case muted:
		return AskMuted
	case perHour > 0 && lastHour >= perHour:
		return AskLimited
	}
	return AskRelayed
}

// AskTarget is where a relayed message goes: a coordinator's private chat,
// or the coordinators' group (MemberID 0).
type AskTarget struct {
	ChatID   int64
	MemberID int64
	Language string
}

// RelayRender renders the messages that relay item (from asker) to one target.
type RelayRender func(item AskItem, asker Member, t AskTarget) []Outgoing

// Ask records a member's message and, in the same transaction, queues its
// relay to the coordinators' group or to every reachable coordinator but the
// asker, as DecideAsk allows. Nothing is stored unless it is relayed.
func (s *Store) Ask(ctx context.Context, memberID int64, msg AskMessage, perHour int, now time.Time, render RelayRender) (AskItem, AskOutcome, error) {
	var item AskItem
	var outcome AskOutcome
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var asker Member
		if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID); err != nil {
			return notFound(err, "member")
		}
		var muted, recent int
		if err := tx.GetContext(ctx, &muted, `SELECT count(*) FROM ask_muted WHERE member_id = ?`, memberID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &recent, `SELECT count(*) FROM ask_messages WHERE member_id = ? AND direction = 'in' AND created_at > ?`,
			memberID, utc(now.Add(-time.Hour))); err != nil {
			return err
		}
		if outcome = DecideAsk(muted > 0, recent, perHour); outcome != AskRelayed {
			return nil
		}
		id, err := insertAsk(ctx, tx, memberID, "in", msg, nil, now)
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &item, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, id); err != nil {
			return err
		}
		targets, err := askTargets(ctx, tx, memberID)
		if err != nil {
			return err
		}
		for _, t := range targets {
			if err := enqueue(ctx, tx, now, render(item, asker, t)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return AskItem{}, 0, fmt.Errorf("ask from member %d: %w", memberID, err)
	}
	return item, outcome, nil
}

func insertAsk(ctx context.Context, tx *sqlx.Tx, memberID int64, dir string, msg AskMessage, by *Member, now time.Time) (int64, error) {
	var srcChat, srcMsg, byID any
	if msg.SrcChat != 0 && msg.SrcMessage != 0 {
		srcChat, srcMsg = msg.SrcChat, msg.SrcMessage
	}
	name := ""
	if by != nil {
		byID, name = by.ID, FirstName(by.DisplayName)
	}
	kind := msg.Kind
	if kind == "" {
		kind = AskOther
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO ask_messages (member_id, direction, kind, text, src_chat, src_message, coordinator_id, coordinator_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, memberID, dir, kind, msg.Text, srcChat, srcMsg, byID, name, utc(now))
	if err != nil {
		return 0, fmt.Errorf("store ask message: %w", err)
	}
	return res.LastInsertId()
}

// askTargets is the coordinators' group when one is designated, otherwise
// every reachable coordinator except the asker.
func askTargets(ctx context.Context, tx *sqlx.Tx, asker int64) ([]AskTarget, error) {
	chat, lang, ok, err := inbox(ctx, tx)
	if err != nil {
		return nil, err
	}
	if ok {
		return []AskTarget{{ChatID: chat, Language: lang}}, nil
	}
	var ts []AskTarget
	err = tx.SelectContext(ctx, &ts, `SELECT chat_id AS chatid, id AS memberid, language FROM members
		WHERE role = 'coordinator' AND reachable = 1 AND id != ? ORDER BY id`, asker)
	return ts, err
}

// FirstName is the first word of a display name: what a member is told of
// the coordinator who answers them (never their Telegram account).
func FirstName(display string) string {
	for i, r := range display {
		if r == ' ' {
			return display[:i]
		}
	}
	return display
}

// AskItem returns one message of a conversation, or ErrNotFound.
func (s *Store) AskItem(ctx context.Context, id int64) (AskItem, error) {
	var it AskItem
	if err := s.r.GetContext(ctx, &it, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, id); err != nil {
		return it, notFound(err, fmt.Sprintf("ask message %d", id))
	}
	return it, nil
}

// ReplyRender renders the answer to asker, in the asker's language.
type ReplyRender func(asker Member) []Outgoing

// AskReply records a coordinator's answer to the conversation of item
// itemID, marks the member's unanswered messages answered by them, and
// queues the answer in the same transaction. It returns the asker and the
// item as it was before (so a second coordinator learns who answered first).
func (s *Store) AskReply(ctx context.Context, itemID int64, by Member, msg AskMessage, now time.Time, render ReplyRender) (Member, AskItem, error) {
	var asker Member
	var before AskItem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &before, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, itemID); err != nil {
			return notFound(err, "ask message")
		}
		if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, before.MemberID); err != nil {
			return notFound(err, "member")
		}
		if _, err := insertAsk(ctx, tx, asker.ID, "out", msg, &by, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ask_messages SET answered_at = ?, coordinator_id = ?, coordinator_name = ?
			WHERE member_id = ? AND direction = 'in' AND answered_at IS NULL`, utc(now), by.ID, FirstName(by.DisplayName), asker.ID); err != nil {
			return err
		}
		return enqueue(ctx, tx, now, render(asker)...)
	})
	if err != nil {
		return Member{}, AskItem{}, fmt.Errorf("reply to ask %d: %w", itemID, err)
	}
	return asker, before, nil
}

// AskDone closes the conversation of item itemID: every open message of that
// member is marked done by the coordinator. It returns the item as it was
// before, so a second tap shows who closed it.
func (s *Store) AskDone(ctx context.Context, itemID int64, by Member, now time.Time) (AskItem, error) {
	var before AskItem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &before, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, itemID); err != nil {
			return notFound(err, "ask message")
		}
		_, err := tx.ExecContext(ctx, `UPDATE ask_messages SET done_at = ?, done_by = ?, done_by_name = ?
			WHERE member_id = ? AND direction = 'in' AND done_at IS NULL`, utc(now), by.ID, FirstName(by.DisplayName), before.MemberID)
		return err
	})
	if err != nil {
		return AskItem{}, fmt.Errorf("close ask %d: %w", itemID, err)
	}
	return before, nil
}

// AskHistory returns the member's last n messages both ways, oldest first.
func (s *Store) AskHistory(ctx context.Context, memberID int64, n int) ([]AskItem, error) {
	var items []AskItem
	err := s.r.SelectContext(ctx, &items, `SELECT * FROM (SELECT `+askCols+` FROM ask_messages WHERE member_id = ?
		ORDER BY id DESC LIMIT ?) ORDER BY id`, memberID, n)
	if err != nil {
		return nil, fmt.Errorf("ask history of member %d: %w", memberID, err)
	}
	return items, nil
}

// SetMuted mutes or unmutes a member for "Ask us".
func (s *Store) SetMuted(ctx context.Context, memberID, by int64, muted bool, now time.Time) error {
	var err error
	if muted {
		_, err = s.w.ExecContext(ctx, `INSERT INTO ask_muted (member_id, muted_by, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			memberID, by, utc(now))
	} else {
		_, err = s.w.ExecContext(ctx, `DELETE FROM ask_muted WHERE member_id = ?`, memberID)
	}
	if err != nil {
		if isForeignKey(err) {
			return fmt.Errorf("mute member %d: %w", memberID, ErrNotFound)
		}
		return fmt.Errorf("mute member %d: %w", memberID, err)
	}
	return nil
}

// Muted reports whether the member is muted.
func (s *Store) Muted(ctx context.Context, memberID int64) (bool, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM ask_muted WHERE member_id = ?`, memberID); err != nil {
		return false, fmt.Errorf("muted %d: %w", memberID, err)
	}
	return n > 0, nil
}

// PruneAsks deletes conversation messages created before before.
func (s *Store) PruneAsks(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM ask_messages WHERE created_at < ?`, utc(before))
	if err != nil {
		return 0, fmt.Errorf("prune ask messages: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Settings of the coordinators' group for "Ask us".
const (
	settingInboxChat = "inbox_chat"
	settingInboxLang = "inbox_language"
)

// SetInbox makes chatID the coordinators' group that receives "Ask us"
// messages, written in lang; chatID 0 goes back to private chats.
func (s *Store) SetInbox(ctx context.Context, chatID int64, lang string) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		if chatID == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?)`, settingInboxChat, settingInboxLang)
			return err
		}
		for k, v := range map[string]string{settingInboxChat: strconv.FormatInt(chatID, 10), settingInboxLang: lang} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// DropInbox forgets the coordinators' group if it is chatID (the bot left it).
func (s *Store) DropInbox(ctx context.Context, chatID int64) (bool, error) {
	var dropped bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		chat, _, ok, err := inbox(ctx, tx)
		if err != nil || !ok || chat != chatID {
			return err
		}
		dropped = true
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?)`, settingInboxChat, settingInboxLang)
		return err
	})
	return dropped, err
}

// MoveInbox follows the coordinators' group when Telegram turns it into a
// supergroup with a new id; it reports whether from was the inbox.
func (s *Store) MoveInbox(ctx context.Context, from, to int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE settings SET value = ? WHERE name = ? AND value = ?`,
		strconv.FormatInt(to, 10), settingInboxChat, strconv.FormatInt(from, 10))
	if err != nil {
		return false, fmt.Errorf("move inbox: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Inbox returns the coordinators' group and its language, if one is set.
func (s *Store) Inbox(ctx context.Context) (chatID int64, lang string, ok bool, err error) {
	tx, err := s.r.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, "", false, err
	}
	defer tx.Rollback()
	return inbox(ctx, tx)
}

func inbox(ctx context.Context, tx *sqlx.Tx) (int64, string, bool, error) {
	var rows []struct {
		Name  string `db:"name"`
		Value string `db:"value"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT name, value FROM settings WHERE name IN (?, ?)`, settingInboxChat, settingInboxLang); err != nil {
		return 0, "", false, fmt.Errorf("read inbox setting: %w", err)
	}
	var chat int64
	lang := "da"
	for _, r := range rows {
		switch r.Name {
		case settingInboxChat:
			chat, _ = strconv.ParseInt(r.Value, 10, 64)
		case settingInboxLang:
			lang = r.Value
		}
	}
	return chat, lang, chat != 0, nil
}

func isForeignKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// AskRelay is a relay of a member's message that reached a coordinator or
// the coordinators' group, as it was sent: so it can be marked answered or done.
type AskRelay struct {
	ChatID      int64  `db:"chat_id"`
	TelegramID  int    `db:"telegram_id"`
	Text        string `db:"text"`
	ButtonsJSON string `db:"buttons"`
	Language    string `db:"language"` // of the coordinator, or of the group
}

// AskRelays lists the delivered relays (their text parts, not media copies)
// of the member's messages of the last week.
func (s *Store) AskRelays(ctx context.Context, memberID int64, now time.Time) ([]AskRelay, error) {
	_, lang, _, err := s.Inbox(ctx)
	if err != nil {
		return nil, err
	}
	var rs []AskRelay
	err = s.r.SelectContext(ctx, &rs, `SELECT o.chat_id, o.telegram_id, o.text, o.buttons, coalesce(m.language, ?) AS language
		FROM outbox o JOIN ask_messages a ON a.id = o.ask_item LEFT JOIN members m ON m.id = o.member_id
		WHERE a.member_id = ? AND o.state = 'sent' AND o.telegram_id IS NOT NULL AND o.copy_chat IS NULL AND a.created_at > ?
		ORDER BY o.id`, lang, memberID, utc(now.Add(-7*24*time.Hour)))
	if err != nil {
		return nil, fmt.Errorf("relays of member %d: %w", memberID, err)
	}
	return rs, nil
}

// Buttons decodes the relay's buttons.
func (r AskRelay) Buttons() ([][]Button, error) {
	return OutboxMessage{ButtonsJSON: r.ButtonsJSON}.Buttons()
}
