package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The coordinators' group that receives "Ask us" (the inbox), kept in
// settings with the coordinator who set it: it holds only while they are a
// coordinator (inbox reads it so), and the setting before it, for ↩️.
const (
	settingInboxChat = "inbox_chat"
	settingInboxLang = "inbox_language"
	settingInboxBy   = "inbox_by"
	settingPrevChat  = "inbox_prev_chat"
	settingPrevLang  = "inbox_prev_language"
	settingPrevBy    = "inbox_prev_by"
)

var inboxSettings = []any{settingInboxChat, settingInboxLang, settingInboxBy}

// SetInbox makes chatID (a group titled title) the coordinators' group,
// written in lang and tied to the coordinator by; chatID 0 goes back to
// private chats. Every other reachable coordinator is told (NoticeInboxSet,
// with ↩️ to undo) in the same transaction.
func (s *Store) SetInbox(ctx context.Context, chatID int64, title, lang string, by domain.Member, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		prev, prevLang, prevBy, err := inboxRow(ctx, tx)
		if err != nil {
			return err
		}
		if prev == chatID && prevBy == by.ID {
			return nil // the same again: no one to tell
		}
		if err := putSettings(ctx, tx, map[string]string{settingPrevChat: strconv.FormatInt(prev, 10), settingPrevLang: prevLang,
			settingPrevBy: strconv.FormatInt(prevBy, 10)}); err != nil {
			return err
		}
		if err := putInbox(ctx, tx, chatID, lang, by.ID); err != nil {
			return err
		}
		return tellCoordinators(ctx, tx, by.ID, now, domain.NoticeInboxSet,
			domain.InboxValues{Chat: chatID, Title: title, By: domain.FirstName(by.DisplayName)})
	})
}

// UndoInbox puts back the setting before chatID was made the inbox, if
// chatID still is (a ↩️ pressed late changes nothing); the setting before
// holds only if its coordinator still is one.
func (s *Store) UndoInbox(ctx context.Context, chatID int64, by domain.Member, now time.Time) (bool, error) {
	var undone bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		cur, _, _, err := inboxRow(ctx, tx)
		if err != nil || cur != chatID {
			return err
		}
		prev := map[string]string{}
		if err := selectSettings(ctx, tx, prev, settingPrevChat, settingPrevLang, settingPrevBy); err != nil {
			return err
		}
		chat, _ := strconv.ParseInt(prev[settingPrevChat], 10, 64)
		owner, _ := strconv.ParseInt(prev[settingPrevBy], 10, 64)
		if err := putInbox(ctx, tx, chat, prev[settingPrevLang], owner); err != nil {
			return err
		}
		undone = true
		return tellCoordinators(ctx, tx, by.ID, now, domain.NoticeInboxUndone, domain.InboxValues{By: domain.FirstName(by.DisplayName)})
	})
	return undone, err
}

// inboxLost ends the inbox tied to member (who stops being a coordinator
// or is forgotten): questions go to the coordinators privately again, and
// they are told so (without the member's name).
func inboxLost(ctx context.Context, tx *sqlx.Tx, member int64, now time.Time) error {
	// The setting before, for ↩️, does not outlive its coordinator either.
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)
		AND EXISTS (SELECT 1 FROM settings WHERE name = ? AND value = ?)`, settingPrevChat, settingPrevLang, settingPrevBy,
		settingPrevBy, strconv.FormatInt(member, 10)); err != nil {
		return err
	}
	chat, _, by, err := inboxRow(ctx, tx)
	if err != nil || chat == 0 || by != member {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?, ?, ?, ?)`, append(inboxSettings,
		settingPrevChat, settingPrevLang, settingPrevBy)...); err != nil {
		return err
	}
	return tellCoordinators(ctx, tx, member, now, domain.NoticeInboxLost, domain.InboxValues{Chat: chat})
}

// tellCoordinators queues the notice to every reachable coordinator but except.
func tellCoordinators(ctx context.Context, tx *sqlx.Tx, except int64, now time.Time, kind string, v domain.InboxValues) error {
	var cs []domain.Member
	if err := tx.SelectContext(ctx, &cs, `SELECT `+memberCols+` FROM members WHERE role = 'coordinator' AND reachable = 1 AND id != ? ORDER BY id`, except); err != nil {
		return err
	}
	for _, c := range cs {
		n, err := domain.NewNotice(kind, c, v)
		if err != nil {
			return err
		}
		if v.By != "" { // it names except: it goes when they are forgotten
			n.AboutID = except
		}
		if err := enqueue(ctx, tx, now, n); err != nil {
			return err
		}
	}
	return nil
}

func putInbox(ctx context.Context, tx *sqlx.Tx, chatID int64, lang string, by int64) error {
	if chatID == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)`, inboxSettings...)
		return err
	}
	return putSettings(ctx, tx, map[string]string{settingInboxChat: strconv.FormatInt(chatID, 10), settingInboxLang: lang,
		settingInboxBy: strconv.FormatInt(by, 10)})
}

func putSettings(ctx context.Context, tx *sqlx.Tx, kv map[string]string) error {
	for k, v := range kv {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	return nil
}

func selectSettings(ctx context.Context, tx *sqlx.Tx, into map[string]string, names ...any) error {
	var rows []struct {
		Name  string `db:"name"`
		Value string `db:"value"`
	}
	q, args, err := sqlx.In(`SELECT name, value FROM settings WHERE name IN (?)`, names)
	if err != nil {
		return err
	}
	if err := tx.SelectContext(ctx, &rows, q, args...); err != nil {
		return fmt.Errorf("read settings: %w", err)
	}
	for _, r := range rows {
		into[r.Name] = r.Value
	}
	return nil
}

// DropInbox forgets the coordinators' group if it is chatID (the bot left it).
func (s *Store) DropInbox(ctx context.Context, chatID int64) (bool, error) {
	var dropped bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		chat, _, _, err := inboxRow(ctx, tx)
		if err != nil || chat == 0 || chat != chatID {
			return err
		}
		dropped = true
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)`, inboxSettings...)
		return err
	})
	return dropped, err
}

// MoveInbox follows the coordinators' group when Telegram turns it into a
// supergroup with a new id; it reports whether from was the inbox.
func (s *Store) MoveInbox(ctx context.Context, from, to int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE settings SET value = ? WHERE name IN (?, ?) AND value = ?`,
		strconv.FormatInt(to, 10), settingInboxChat, settingPrevChat, strconv.FormatInt(from, 10))
	if err != nil {
		return false, fmt.Errorf("move inbox: %w", err)
	}
	n, _ := res.RowsAffected()
	return n >= 1, nil
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

// inbox is the coordinators' group if one is set by someone who is still a
// coordinator: a group outlives no one's role.
func inbox(ctx context.Context, tx *sqlx.Tx) (int64, string, bool, error) {
	chat, lang, by, err := inboxRow(ctx, tx)
	if err != nil || chat == 0 {
		return 0, lang, false, err
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM members WHERE id = ? AND role = 'coordinator'`, by); err != nil {
		return 0, lang, false, err
	}
	return chat, lang, n == 1, nil
}

// inboxRow is the setting as stored, whoever set it.
func inboxRow(ctx context.Context, tx *sqlx.Tx) (chat int64, lang string, by int64, err error) {
	kv := map[string]string{}
	if err := selectSettings(ctx, tx, kv, inboxSettings...); err != nil {
		return 0, "", 0, fmt.Errorf("read inbox setting: %w", err)
	}
	chat, _ = strconv.ParseInt(kv[settingInboxChat], 10, 64)
	by, _ = strconv.ParseInt(kv[settingInboxBy], 10, 64)
	lang = kv[settingInboxLang]
	if lang == "" {
		lang = "da"
	}
	return chat, lang, by, nil
}

// CountCoordinators is how many coordinators there are.
func (s *Store) CountCoordinators(ctx context.Context) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM members WHERE role = 'coordinator'`)
	return n, err
}
