package main

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// TestSigtermDuringBroadcast stops the real program with SIGTERM (systemd's
// stop signal) in the middle of a broadcast, with calls in flight (the fake
// answers each 400 ms late): it exits 0 within 10 s, every message the fake
// delivered is recorded sent, none is left "sending", the rest wait pending,
// and a restart finishes the broadcast without sending anything twice.
func TestSigtermDuringBroadcast(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real program twice")
	}
	const members, text = 300, "sigterm test"
	fake := tgfake.New(tgfake.WithLatency(400 * time.Millisecond))
	t.Cleanup(fake.Close)
	db := t.TempDir() + "/vejviser.db"
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for id := int64(1); id <= members; id++ {
		fake.AddChat(id)
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, Language: "da"}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": text}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	store.Close()

	var (
		mu        sync.Mutex
		delivered = map[int64]int{}
		termAt    time.Time
		stop      *child
	)
	fake.OnCall(func(c tgfake.Call) {
		if c.Method != "sendMessage" || c.Status != 200 {
			return
		}
		chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		mu.Lock()
		delivered[chat]++
		var term *child
		if stop != nil && len(delivered) >= members/3 {
			term, stop, termAt = stop, nil, time.Now()
		}
		mu.Unlock()
		if term != nil { // this call and the others in flight are not answered yet
			_ = term.cmd.Process.Signal(syscall.SIGTERM)
		}
	})
	c := startChildArgs(t, fake, db, "-send-rate", "100")
	mu.Lock()
	stop = c
	mu.Unlock()
	if !c.wait(40 * time.Second) {
		t.Fatalf("no exit 40 s after the start\n%s", &c.out)
	}
	mu.Lock()
	took, before := time.Since(termAt), len(delivered)
	mu.Unlock()
	if termAt.IsZero() {
		t.Fatalf("the program ended before SIGTERM: %v\n%s", c.err, &c.out)
	}
	if c.err != nil || took > 10*time.Second {
		t.Fatalf("after SIGTERM: exit %v after %v, want 0 within 10 s\n%s", c.err, took.Round(time.Millisecond), &c.out)
	}
	if !strings.Contains(c.out.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", &c.out)
	}
	states := outboxByChat(t, db)
	mu.Lock()
	for id := int64(1); id <= members; id++ {
		want := storage.StatePending
		if delivered[id] > 0 {
			want = storage.StateSent
		}
		if states[id] != want {
			t.Errorf("chat %d: delivered %d times, outbox says %q, want %q", id, delivered[id], states[id], want)
		}
	}
	mu.Unlock()
	t.Logf("SIGTERM after %d deliveries: exit 0 in %v, %d delivered in all, every one recorded sent", members/3, took.Round(time.Millisecond), before)

	c = startChildArgs(t, fake, db, "-send-rate", "100")
	if !fake.WaitFor(40*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(delivered) == members }) {
		t.Fatalf("the restart did not finish the broadcast\n%s", &c.out)
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	if !c.wait(10*time.Second) || c.err != nil {
		t.Fatalf("the restart: exit %v\n%s", c.err, &c.out)
	}
	mu.Lock()
	defer mu.Unlock()
	for id := int64(1); id <= members; id++ {
		if delivered[id] != 1 {
			t.Errorf("chat %d got the broadcast %d times", id, delivered[id])
		}
		for _, got := range fake.DeliveredTexts(id) {
			if got != text {
				t.Errorf("chat %d got %q", id, got)
			}
		}
	}
}

// outboxByChat is each chat's outbox state, read from the file directly.
func outboxByChat(t *testing.T, db string) map[int64]string {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT chat_id, state FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	states := map[int64]string{}
	for rows.Next() {
		var chat int64
		var state string
		if err := rows.Scan(&chat, &state); err != nil {
			t.Fatal(err)
		}
		if states[chat] != "" {
			t.Fatalf("chat %d has more than one outbox row", chat)
		}
		states[chat] = state
	}
	return states
}
