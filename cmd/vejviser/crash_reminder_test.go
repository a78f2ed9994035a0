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
// an activity of 60 followers, kills it with SIGKILL once it is up and
// before anything is due, makes the reminder due at once (the test chooses
// the due time: the reminder offset grows past now while no program runs),
// kills it again while the reminders are going out, restarts it each time,
// and checks that every follower got the reminder, that the scheduler
// decided each reminder exactly once (one outbox row per follower whatever
// the restarts, and nothing more to decide afterwards), and that the only
// repeats are the sender's documented ones: messages whose calls were in
// flight at the kill (the rows it left "sending").
func TestRemindersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the real program several times")
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
	// The meeting starts at a minute boundary 30 to 31 minutes from now. Its
	// reminder is at first an hour before, so never due while run 1 runs;
	// then, with run 1 dead, two hours before: due at once. Only followers who
	// followed by the due time are reminded, so they follow (on paper) before it.
	now := time.Now()
	start := now.Truncate(time.Minute).Add(31 * time.Minute).In(cph)
	due := start.Add(-2 * time.Hour)
	joined := due.Add(-time.Minute)
	act := domain.Activity{Key: "kill-cafe", Name: "Kill Café", Place: "Biblioteket",
		Schedule: fmt.Sprintf("%d %d * * *", start.Minute(), start.Hour()), DurationMin: 60, RemindBeforeMin: 0}
	id, err := store.CreateActivity(ctx, act, joined)
	if err != nil {
		t.Fatal(err)
	}
	for m := int64(1); m <= followers; m++ {
		fake.AddChat(m)
		if _, err := store.Register(ctx, domain.Registration{ID: m, ChatID: m, Language: "da"}, joined); err != nil {
			t.Fatal(err)
		}
		if err := store.Follow(ctx, []int64{domain.DefaultBranchID}, id, m, joined); err != nil {
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

	// Run 1: killed once its scheduler has decided (recorded how far it
	// looked), with no reminder to send.
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	c := startChild(t, fake, db)
	if !fake.WaitFor(30*time.Second, func() bool {
		var n int
		return raw.QueryRow(`SELECT count(*) FROM scheduler_state`).Scan(&n) == nil && n > 0
	}) {
		t.Fatal("run 1's scheduler never ran")
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	if !c.wait(10*time.Second) || !c.killed() {
		t.Fatalf("run 1 was not killed: %v\n%s", c.err, &c.out)
	}
	if n := reached(); n != 0 {
		t.Fatalf("run 1 sent %d reminders before any was due", n)
	}
	// The reminder is now due: two hours before the meeting, which is 30 minutes away.
	store, err = storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a, err := store.Activity(ctx, []int64{domain.DefaultBranchID}, id)
	if err != nil {
		t.Fatal(err)
	}
	a.RemindBeforeMin = 120
	if err := store.UpdateActivity(ctx, []int64{domain.DefaultBranchID}, a, joined); err != nil {
		t.Fatal(err)
	}
	store.Close()
	// Run 2: killed with the 20th reminder delivered and unanswered.
	c = startChild(t, fake, db)
	mu.Lock()
	armed, killAt = c, 20
	mu.Unlock()
	if !c.wait(30 * time.Second) {
		t.Fatalf("run 2 was not killed at the 20th reminder\n%s", &c.out)
	}
	if !c.killed() {
		t.Fatalf("run 2 ended by itself: %v\n%s", c.err, &c.out)
	}
	// The rows it left "sending" are the calls it had in flight: the only
	// reminders the restart may send twice (the sender's documented bound).
	var bound int
	if err := raw.QueryRow(`SELECT count(*) FROM outbox WHERE state = 'sending'`).Scan(&bound); err != nil {
		t.Fatal(err)
	}
	// Run 3: finishes, then SIGTERM.
	c = startChild(t, fake, db)
	if !fake.WaitFor(30*time.Second, func() bool { return reached() == followers }) {
		t.Fatalf("only %d of %d followers reached\n%s", reached(), followers, &c.out)
	}
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
	// Deciding again now, after all the restarts, finds nothing left to decide.
	res, err := store.ClaimActivityReminders(ctx, cph, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.Queued != 0 || res.Skipped != 0 {
		t.Errorf("a later run decided %+v: the reminder was not decided once and for all", res)
	}
}
