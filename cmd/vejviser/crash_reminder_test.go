package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
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

// TestRemindersSurviveSIGKILL runs the real program on the wall clock with
// an activity whose reminder falls due within a minute, kills it with
// SIGKILL before the reminder is due and again while the reminders are
// going out, restarts it each time, and checks that every follower got the
// reminder, that the scheduler decided each reminder exactly once (one
// outbox row and one ledger row per follower, whatever the restarts), and
// that the only repeats are the sender's documented ones: messages whose
// calls were in flight at the kill (the rows it left "sending").
func TestRemindersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a minute boundary and starts the real program several times")
	}
	t.Parallel()
	const followers = 60
	fake := tgfake.New()
	t.Cleanup(fake.Close)
	db := filepath.Join(t.TempDir(), "vejviser.db")
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// Due at the next minute boundary at least 5 s away; the meeting an hour later.
	now := time.Now()
	due := now.Truncate(time.Minute).Add(time.Minute)
	if due.Sub(now) < 5*time.Second {
		due = due.Add(time.Minute)
	}
	start := due.Add(time.Hour).In(cph)
	act := domain.Activity{Key: "kill-cafe", Name: "Kill Café", Place: "Biblioteket",
		Schedule: fmt.Sprintf("%d %d * * *", start.Minute(), start.Hour()), DurationMin: 60, RemindBeforeMin: 60}
	id, err := store.CreateActivity(ctx, act, now)
	if err != nil {
		t.Fatal(err)
	}
	for m := int64(1); m <= followers; m++ {
		fake.AddChat(m)
		if _, err := store.Register(ctx, domain.Registration{ID: m, ChatID: m, Language: "da"}, now); err != nil {
			t.Fatal(err)
		}
		if err := store.Follow(ctx, id, m, now); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	var (
		mu        sync.Mutex
		delivered = map[int64]int{}
		total     int
		armed     *child
		killAt    int
	)
	fake.OnCall(func(c tgfake.Call) {
		if c.Method != "sendMessage" || c.Status != 200 || !strings.Contains(c.Params["text"], "Kill Café") {
			return
		}
		chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		mu.Lock()
		delivered[chat]++
		total++
		var kill *child
		if armed != nil && total >= killAt {
			kill, armed = armed, nil
		}
		mu.Unlock()
		if kill != nil { // delivered, answer not yet sent: the row is "sending"
			_ = kill.cmd.Process.Signal(syscall.SIGKILL)
			kill.wait(10 * time.Second)
		}
	})
	reached := func() int { mu.Lock(); defer mu.Unlock(); return len(delivered) }

	// Run 1: killed before anything is due.
	c := startChild(t, fake, db)
	time.Sleep(time.Until(due) / 2)
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	if !c.wait(10*time.Second) || !c.killed() {
		t.Fatalf("run 1 was not killed: %v\n%s", c.err, &c.out)
	}
	// Run 2: killed with the 20th reminder delivered and unanswered.
	c = startChild(t, fake, db)
	mu.Lock()
	armed, killAt = c, 20
	mu.Unlock()
	if !c.wait(time.Until(due) + 30*time.Second) {
		t.Fatalf("run 2 was not killed at the 20th reminder\n%s", &c.out)
	}
	if !c.killed() {
		t.Fatalf("run 2 ended by itself: %v\n%s", c.err, &c.out)
	}
	// The rows it left "sending" are the calls it had in flight: the only
	// reminders the restart may send twice (the sender's documented bound).
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	var bound int
	if err := raw.QueryRow(`SELECT count(*) FROM outbox WHERE state = 'sending'`).Scan(&bound); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	// Run 3: finishes, then SIGTERM.
	c = startChild(t, fake, db)
	if !fake.WaitFor(30*time.Second, func() bool { return reached() == followers }) {
		t.Fatalf("only %d of %d followers reached\n%s", reached(), followers, &c.out)
	}
	time.Sleep(300 * time.Millisecond) // a second reminder, if any, would be queued by now
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	if !c.wait(15*time.Second) || c.err != nil {
		t.Fatalf("run 3 did not stop cleanly: %v\n%s", c.err, &c.out)
	}

	mu.Lock()
	dups := total - len(delivered)
	mu.Unlock()
	t.Logf("%d reminders delivered to %d followers: %d repeats; the kill left %d calls in flight", total, followers, dups, bound)
	if dups > bound {
		t.Errorf("%d repeated reminders, more than the %d calls in flight at the kill", dups, bound)
	}
	store, err = storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	counts, err := store.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[storage.StateSent] != followers || len(counts) != 1 {
		t.Errorf("outbox = %v, want exactly %d reminders, all sent", counts, followers)
	}
}
