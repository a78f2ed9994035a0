package outbox_test

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/outbox"
)

// A private chat takes its burst at once and then one call a second, as
// Telegram's "short bursts" and the fake's bucket do, not a burst and then
// nothing for the burst's whole window: after three edits at once the
// fourth goes a second later, the fifth a second after that.
func TestChatBurstRefillsOneASecond(t *testing.T) {
	r := newRig(t, false)
	start := time.Date(2027, 1, 14, 15, 0, 0, 0, time.UTC)
	clock := newFakeClock(start)
	s := outbox.New(r.store, r.api, outbox.Config{Guard: time.Nanosecond}, nil, clock)
	ctx := context.Background()
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second}
	for i, w := range want {
		done, err := s.Edit(ctx, 7)
		if err != nil {
			t.Fatal(err)
		}
		done()
		if got := clock.Now().Sub(start); got < w || got > w+time.Millisecond {
			t.Errorf("edit %d went after %v, want %v", i+1, got, w)
		}
	}
}

// EditTurn waits for the chat's turn without taking it: the edit that
// then goes takes the turn, and the next waits for a later one.
func TestEditTurnDoesNotCount(t *testing.T) {
	r := newRig(t, false)
	start := time.Date(2027, 1, 14, 15, 0, 0, 0, time.UTC)
	clock := newFakeClock(start)
	s := outbox.New(r.store, r.api, outbox.Config{PerChatBurst: 1, Guard: time.Nanosecond}, nil, clock)
	ctx := context.Background()
	for range 3 {
		if err := s.EditTurn(ctx, 7); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Now(); !got.Equal(start) {
		t.Fatalf("turns waited %v with nothing sent", got.Sub(start))
	}
	done, _ := s.Edit(ctx, 7)
	done()
	if err := s.EditTurn(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if got := clock.Now().Sub(start); got < time.Second {
		t.Errorf("the turn after an edit came after %v, want a second", got)
	}
}
