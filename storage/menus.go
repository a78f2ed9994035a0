package storage

import (
	"context"
	"fmt"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// MenuChat is a chat whose command menu may not match its member's role:
// a coordinator, or someone Telegram last showed a menu of their own.
type MenuChat struct {
	MemberID int64       `db:"id"`
	ChatID   int64       `db:"chat_id"`
	Language string      `db:"language"`
	Role     domain.Role `db:"role"`
	MenuRole *string     `db:"menu_role"` // the menu Telegram last confirmed; nil: none of its own
}

// MenusToCheck lists every coordinator and volunteer (their roles have menus
// of their own) and every member whose chat had a
// menu of its own: start-up puts each in line with their role.
func (s *Store) MenusToCheck(ctx context.Context) ([]MenuChat, error) {
	var out []MenuChat
	err := s.r.SelectContext(ctx, &out, `SELECT id, chat_id, language, role, menu_role FROM members
		WHERE role IN ('coordinator','volunteer') OR menu_role IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("menus to check: %w", err)
	}
	return out, nil
}

// SetMenuRole records the menu Telegram confirmed for the member's chat
// (empty: the chat's own menu was removed).
func (s *Store) SetMenuRole(ctx context.Context, memberID int64, role domain.Role) error {
	var v any
	if role != "" {
		v = role
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE members SET menu_role = ? WHERE id = ?`, v, memberID); err != nil {
		return fmt.Errorf("set menu role of member %d: %w", memberID, err)
	}
	return nil
}

// MenuCleanups lists chats of forgotten members whose menu is still to be removed.
func (s *Store) MenuCleanups(ctx context.Context) ([]int64, error) {
	var out []int64
	if err := s.r.SelectContext(ctx, &out, `SELECT chat_id FROM menu_cleanup ORDER BY chat_id`); err != nil {
		return nil, fmt.Errorf("menu cleanups: %w", err)
	}
	return out, nil
}

// MenuCleaned forgets the chat once Telegram confirmed its menu removed, and
// checkpoints the log so the chat id leaves no copy behind.
func (s *Store) MenuCleaned(ctx context.Context, chatID int64) error {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM menu_cleanup WHERE chat_id = ?`, chatID)
		return err
	})
	if err != nil {
		return fmt.Errorf("menu cleaned: %w", err)
	}
	_ = s.checkpoint(ctx) // as in Forget: only delays the log's truncation
	return nil
}
