package storage

import (
	"context"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// /forget deletes the bot's copies of what the member wrote in the
// coordinators' chats while Telegram allows (48 hours after sending), and
// queues nothing for older copies, for copies never sent, or for the
// member's own chat.
func TestForgetDeletesRelaysWhileTelegramAllows(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		after time.Duration
		want  int
	}{
		{"an hour later", time.Hour, 2},
		{"a minute before 48 hours", domain.DeleteWindow - time.Minute, 2},
		{"48 hours later", domain.DeleteWindow, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			register(t, s, 1, "da", domain.RoleCoordinator)
			register(t, s, 2, "ar", domain.RoleParticipant)
			register(t, s, 3, "da", domain.RoleCoordinator)
			if _, _, _, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskVoice, SrcChat: 2, SrcMessage: 77}, 10, domain.AskBurstWindow, t0); err != nil {
				t.Fatal(err)
			}
			var ids []int64 // coordinator 1's copy and header sent; coordinator 3's still queued
			if err := s.r.SelectContext(ctx, &ids, `SELECT id FROM outbox WHERE chat_id = 1 AND ask_item IS NOT NULL ORDER BY id`); err != nil || len(ids) != 2 {
				t.Fatal(err, ids)
			}
			for i, id := range ids {
				if err := s.MarkSent(ctx, id, 500+i, t0); err != nil {
					t.Fatal(err)
				}
			}
			at := t0.Add(tc.after)
			if err := s.Forget(ctx, 2, at); err != nil {
				t.Fatal(err)
			}
			var rows []struct {
				MemberID  *int64    `db:"member_id"`
				ChatID    int64     `db:"chat_id"`
				Delete    int       `db:"delete_message"`
				ExpiresAt time.Time `db:"expires_at"`
				Text      string    `db:"text"`
			}
			if err := s.r.SelectContext(ctx, &rows, `SELECT member_id, chat_id, delete_message, expires_at, text FROM outbox
				WHERE kind = ? ORDER BY id`, domain.KindDelete); err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.want {
				t.Fatalf("%d delete rows, want %d: %+v", len(rows), tc.want, rows)
			}
			for i, r := range rows {
				if r.MemberID != nil || r.ChatID != 1 || r.Delete != 500+i || !r.ExpiresAt.Equal(t0.Add(domain.DeleteWindow)) || r.Text != "" {
					t.Errorf("delete row %d: %+v", i, r)
				}
			}
			due, err := s.DueMessages(ctx, at, 10)
			if err != nil || len(due) != tc.want {
				t.Fatalf("due %d, want %d: %v", len(due), tc.want, err)
			}
			for i, m := range due {
				if m.Kind != domain.KindDelete || m.DeleteMessage.Int64 != int64(500+i) {
					t.Errorf("due %+v", m)
				}
			}
		})
	}
}
