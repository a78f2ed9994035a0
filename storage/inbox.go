package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The coordinators' group that receives "Ask us" (the inbox), one per
// branch, kept in settings with the coordinator who set it: it holds only
// while they are a coordinator of the branch (inbox reads it so), and the
// setting before it, for ↩️. The first branch's settings keep their old
// names (a single-branch installation's inbox stays where it was); another
// branch's carry its id ("inbox_chat:2").
const (
	settingInboxChat = "inbox_chat"
	settingInboxLang = "inbox_language"
	settingInboxBy   = "inbox_by"
	settingPrevChat  = "inbox_prev_chat"
	settingPrevLang  = "inbox_prev_language"
	settingPrevBy    = "inbox_prev_by"
)

// inboxName is the setting name of base for branch.
func inboxName(base string, branch int64) string {
	if branch == domain.DefaultBranchID || branch == 0 {
		return base
	}
	return base + ":" + strconv.FormatInt(branch, 10)
}

// inboxSettings are the names of branch's inbox setting.
func inboxSettings(branch int64) []any {
	return []any{inboxName(settingInboxChat, branch), inboxName(settingInboxLang, branch), inboxName(settingInboxBy, branch)}
}

// prevSettings are the names of the setting before branch's inbox, for ↩️.
func prevSettings(branch int64) []any {
	return []any{inboxName(settingPrevChat, branch), inboxName(settingPrevLang, branch), inboxName(settingPrevBy, branch)}
}

// SetInbox makes chatID (a group titled title) branch's coordinators' group,
// written in lang and tied to the coordinator by; chatID 0 goes back to
// private chats. Every other reachable coordinator of the branch is told
// (NoticeInboxSet, with ↩️ to undo) in the same transaction.
func (s *Store) SetInbox(ctx context.Context, branch, chatID int64, title, lang string, by domain.Member, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		prev, prevLang, prevBy, err := inboxRow(ctx, tx, branch)
		if err != nil {
			return err
		}
		if prev == chatID && prevBy == by.ID {
			return nil // the same again: no one to tell
		}
		names := prevSettings(branch)
		if err := putSettings(ctx, tx, map[string]string{names[0].(string): strconv.FormatInt(prev, 10), names[1].(string): prevLang,
			names[2].(string): strconv.FormatInt(prevBy, 10)}); err != nil {
			return err
		}
		if err := putInbox(ctx, tx, branch, chatID, lang, by.ID); err != nil {
			return err
		}
		return tellCoordinators(ctx, tx, branch, by.ID, now, domain.NoticeInboxSet,
			domain.InboxValues{Chat: chatID, Title: title, By: domain.FirstName(by.DisplayName)})
	})
}

// UndoInbox puts back the setting before chatID was made the inbox of one
// of branches (those the coordinator coordinates), if chatID still is (a ↩️
// pressed late changes nothing); the setting before holds only if its
// coordinator still is one.
func (s *Store) UndoInbox(ctx context.Context, branches []int64, chatID int64, by domain.Member, now time.Time) (bool, error) {
	var undone bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, branch := range branches {
			cur, _, _, err := inboxRow(ctx, tx, branch)
			if err != nil {
				return err
			}
			if cur != chatID {
				continue
			}
			prev := map[string]string{}
			names := prevSettings(branch)
			if err := selectSettings(ctx, tx, prev, names...); err != nil {
				return err
			}
			chat, _ := strconv.ParseInt(prev[names[0].(string)], 10, 64)
			owner, _ := strconv.ParseInt(prev[names[2].(string)], 10, 64)
			if err := putInbox(ctx, tx, branch, chat, prev[names[1].(string)], owner); err != nil {
				return err
			}
			undone = true
			return tellCoordinators(ctx, tx, branch, by.ID, now, domain.NoticeInboxUndone, domain.InboxValues{By: domain.FirstName(by.DisplayName)})
		}
		return nil
	})
	return undone, err
}

// inboxLost ends the inbox of branch (0: of every branch) tied to member
// (who stops being a coordinator there or is forgotten): questions go to
// the coordinators privately again, and they are told so (without the
// member's name).
func inboxLost(ctx context.Context, tx *sqlx.Tx, member, branch int64, now time.Time) error {
	branches := []int64{branch}
	if branch == 0 {
		branches = nil
		if err := tx.SelectContext(ctx, &branches, `SELECT id FROM branches ORDER BY id`); err != nil {
			return err
		}
	}
	for _, b := range branches {
		if err := branchInboxLost(ctx, tx, member, b, now); err != nil {
			return err
		}
	}
	return nil
}

func branchInboxLost(ctx context.Context, tx *sqlx.Tx, member, branch int64, now time.Time) error {
	// The setting before, for ↩️, does not outlive its coordinator either.
	prev := prevSettings(branch)
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)
		AND EXISTS (SELECT 1 FROM settings WHERE name = ? AND value = ?)`, append(prev,
		prev[2], strconv.FormatInt(member, 10))...); err != nil {
		return err
	}
	chat, _, by, err := inboxRow(ctx, tx, branch)
	if err != nil || chat == 0 || by != member {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?, ?, ?, ?)`, append(inboxSettings(branch), prev...)...); err != nil {
		return err
	}
	return tellCoordinators(ctx, tx, branch, member, now, domain.NoticeInboxLost, domain.InboxValues{Chat: chat})
}

// tellCoordinators queues the notice to every reachable coordinator of
// branch but except.
func tellCoordinators(ctx context.Context, tx *sqlx.Tx, branch, except int64, now time.Time, kind string, v domain.InboxValues) error {
	var cs []domain.Member
	if err := tx.SelectContext(ctx, &cs, `SELECT `+prefixed("m", memberCols)+` FROM members m
		JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id = ? AND mb.role = 'coordinator'
		WHERE m.reachable = 1 AND m.id != ? ORDER BY m.id`, branch, except); err != nil {
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

func putInbox(ctx context.Context, tx *sqlx.Tx, branch, chatID int64, lang string, by int64) error {
	names := inboxSettings(branch)
	if chatID == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)`, names...)
		return err
	}
	return putSettings(ctx, tx, map[string]string{names[0].(string): strconv.FormatInt(chatID, 10), names[1].(string): lang,
		names[2].(string): strconv.FormatInt(by, 10)})
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

// inboxChatLike matches the names of every branch's inbox chat setting.
const inboxChatLike = `(name = 'inbox_chat' OR name LIKE 'inbox_chat:%')`

// DropInbox forgets chatID as the coordinators' group of every branch it
// is the inbox of (the bot left it).
func (s *Store) DropInbox(ctx context.Context, chatID int64) (bool, error) {
	var dropped bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var names []string
		if err := tx.SelectContext(ctx, &names, `SELECT name FROM settings WHERE `+inboxChatLike+` AND value = ?`,
			strconv.FormatInt(chatID, 10)); err != nil {
			return err
		}
		for _, name := range names {
			branch := domain.DefaultBranchID
			if _, id, ok := strings.Cut(name, ":"); ok {
				branch, _ = strconv.ParseInt(id, 10, 64)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE name IN (?, ?, ?)`, inboxSettings(branch)...); err != nil {
				return err
			}
			dropped = true
		}
		return nil
	})
	return dropped, err
}

// MoveInbox follows the coordinators' group when Telegram turns it into a
// supergroup with a new id, for every branch; it reports whether from was
// an inbox.
func (s *Store) MoveInbox(ctx context.Context, from, to int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE settings SET value = ? WHERE (`+inboxChatLike+`
		OR name = 'inbox_prev_chat' OR name LIKE 'inbox_prev_chat:%') AND value = ?`,
		strconv.FormatInt(to, 10), strconv.FormatInt(from, 10))
	if err != nil {
		return false, fmt.Errorf("move inbox: %w", err)
	}
	n, _ := res.RowsAffected()
	return n >= 1, nil
}

// Inbox returns branch's coordinators' group and its language, if one is set.
func (s *Store) Inbox(ctx context.Context, branch int64) (chatID int64, lang string, ok bool, err error) {
	tx, err := s.r.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, "", false, err
	}
	defer tx.Rollback()
	return inbox(ctx, tx, branch)
}

// inbox is branch's coordinators' group if one is set by someone who is
// still a coordinator there: a group outlives no one's role.
func inbox(ctx context.Context, tx *sqlx.Tx, branch int64) (int64, string, bool, error) {
	chat, lang, by, err := inboxRow(ctx, tx, branch)
	if err != nil || chat == 0 {
		return 0, lang, false, err
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM member_branches WHERE member_id = ? AND branch_id = ? AND role = 'coordinator'`,
		by, branch); err != nil {
		return 0, lang, false, err
	}
	return chat, lang, n == 1, nil
}

// inboxRow is branch's setting as stored, whoever set it.
func inboxRow(ctx context.Context, tx *sqlx.Tx, branch int64) (chat int64, lang string, by int64, err error) {
	kv := map[string]string{}
	names := inboxSettings(branch)
	if err := selectSettings(ctx, tx, kv, names...); err != nil {
		return 0, "", 0, fmt.Errorf("read inbox setting: %w", err)
	}
	chat, _ = strconv.ParseInt(kv[names[0].(string)], 10, 64)
	by, _ = strconv.ParseInt(kv[names[2].(string)], 10, 64)
	lang = kv[names[1].(string)]
	if lang == "" {
		lang = "da"
	}
	return chat, lang, by, nil
}

// CountCoordinators is how many coordinators branch has.
func (s *Store) CountCoordinators(ctx context.Context, branch int64) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM member_branches WHERE branch_id = ? AND role = 'coordinator'`, branch)
	return n, err
}
