package tgfake

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
)

// A private chat takes a short burst, then about one call a second; edits
// count in their chat but not against the 30 new messages a second.
func TestLimitsBurstAndEdits(t *testing.T) {
	var (
		mu  sync.Mutex
		now = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	s := newServer(t, WithClock(clock), WithLimits(Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: 3, GroupPerMinute: 20}))
	b := newBot(t, s)
	ctx := context.Background()
	var tm *bot.TooManyRequestsError
	send := func(chatID int64) error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: chatID, Text: "x"})
		return err
	}

	s.AddChat(alice.ID)
	for i := range 3 {
		if err := send(alice.ID); err != nil {
			t.Fatalf("call %d of a burst of 3: %v", i+1, err)
		}
	}
	if err := send(alice.ID); !errors.As(err, &tm) || tm.RetryAfter != 1 {
		t.Fatalf("a 4th at once: err = %v, want 429 retry after 1", err)
	}
	advance(time.Second)
	if err := send(alice.ID); err != nil {
		t.Fatalf("a second later: %v", err)
	}
	if err := send(alice.ID); !errors.As(err, &tm) {
		t.Fatalf("then one a second: err = %v", err)
	}

	// 30 new messages fill the second; edits in 30 other chats still go.
	advance(time.Minute)
	for id := int64(1); id <= 30; id++ {
		s.AddChat(id)
		if err := send(id); err != nil {
			t.Fatalf("chat %d: %v", id, err)
		}
	}
	if err := send(alice.ID); !errors.As(err, &tm) {
		t.Fatalf("a 31st new message: err = %v", err)
	}
	for id := int64(1); id <= 30; id++ {
		if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: id, MessageID: 1, Text: "edited"}); err != nil {
			t.Fatalf("edit in chat %d after 30 new messages: %v", id, err)
		}
	}
	// Answering a button is never limited.
	for i := range 100 {
		q := s.PressButton(alice, 1, "x")
		if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q}); err != nil {
			t.Fatalf("callback answer %d: %v", i, err)
		}
	}
}
