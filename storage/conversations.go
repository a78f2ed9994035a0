package storage

import (
	"context"
	"fmt"
	"time"
)

// Conversation returns the member's unfinished step-by-step chat, or ErrNotFound.
func (s *Store) Conversation(ctx context.Context, memberID int64) (flow string, data []byte, err error) {
	var row struct {
		Flow string `db:"flow"`
		Data []byte `db:"data"`
	}
	if err := s.r.GetContext(ctx, &row, `SELECT flow, data FROM conversations WHERE member_id = ?`, memberID); err != nil {
		return "", nil, notFound(err, "conversation")
	}
	return row.Flow, row.Data, nil
}

// SaveConversation stores the state of a step-by-step chat.
func (s *Store) SaveConversation(ctx context.Context, memberID int64, flow string, data []byte, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO conversations (member_id, flow, data, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (member_id) DO UPDATE SET flow = excluded.flow, data = excluded.data, updated_at = excluded.updated_at`,
		memberID, flow, string(data), utc(now))
	if err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	return nil
}

// EndConversation removes the member's step-by-step chat and reports whether there was one.
func (s *Store) EndConversation(ctx context.Context, memberID int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM conversations WHERE member_id = ?`, memberID)
	if err != nil {
		return false, fmt.Errorf("end conversation: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
