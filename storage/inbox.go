package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"
)

// The coordinators' group that receives "Ask us" (the inbox), kept in settings.

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
