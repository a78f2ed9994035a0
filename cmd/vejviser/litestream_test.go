package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The off-site replica, for real: the bot runs under `litestream replicate`
// to a file replica while it sends a broadcast; both are killed with
// SIGKILL half-way; `litestream restore` makes a new file that passes the
// integrity check and holds every delivery recorded more than the sync
// interval before the kill. Skipped where litestream is not installed
// (.ci/run installs the pinned version).
func TestLitestreamRoundTrip(t *testing.T) {
	bin, err := exec.LookPath("litestream")
	if err != nil {
		t.Skip("litestream is not installed (go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18)")
	}
	const members, interval = 600, time.Second
	dir := t.TempDir()
	db := filepath.Join(dir, "vejviser.db")
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	fake := tgfake.New(tgfake.WithLatency(10 * time.Millisecond))
	t.Cleanup(fake.Close)
	for id := int64(1); id <= members; id++ {
		fake.AddChat(id)
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, Language: "da"}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "replica"}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	store.Close()

	cfg := filepath.Join(dir, "litestream.yml")
	replica := filepath.Join(dir, "replica")
	os.WriteFile(cfg, []byte("dbs:\n  - path: "+db+"\n    replica:\n      type: file\n      path: "+replica+"\n      sync-interval: "+interval.String()+"\n"), 0o600)
	ls := exec.Command(bin, "replicate", "-config", cfg)
	lsOut, _ := os.Create(filepath.Join(dir, "litestream.log"))
	ls.Stdout, ls.Stderr = lsOut, lsOut
	if err := ls.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ls.Process.Kill(); _ = ls.Wait() })

	var mu sync.Mutex
	answered := map[int64]time.Time{} // chat → when its message was delivered
	fake.OnCall(func(c tgfake.Call) {
		if c.Method == "sendMessage" && c.Status == 200 {
			chat, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
			mu.Lock()
			answered[chat] = time.Now()
			mu.Unlock()
		}
	})
	bot := startChildArgs(t, fake, db, "-send-rate", "60")
	fake.WaitFor(30*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(answered) >= members/2 })
	killed := time.Now()
	_ = bot.cmd.Process.Signal(syscall.SIGKILL)
	_ = ls.Process.Signal(syscall.SIGKILL)
	bot.wait(10 * time.Second)

	restored := filepath.Join(dir, "restored.db")
	if out, err := exec.Command(bin, "restore", "-config", cfg, "-o", restored, db).CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "litestream.log"))
		t.Fatalf("litestream restore: %v\n%s\n%s", err, out, log)
	}
	sum, err := storage.Inspect(ctx, restored)
	if err != nil || !sum.OK() {
		t.Fatalf("restored copy: %+v, %v", sum, err)
	}
	rdb := sqlx.MustOpen("sqlite3", "file:"+restored+"?mode=ro")
	defer rdb.Close()
	var sent []int64
	if err := rdb.Select(&sent, `SELECT chat_id FROM outbox WHERE state = 'sent'`); err != nil {
		t.Fatal(err)
	}
	present := map[int64]bool{}
	for _, c := range sent {
		present[c] = true
	}
	mu.Lock()
	defer mu.Unlock()
	var lost time.Duration
	missing := 0
	for chat, at := range answered {
		if present[chat] {
			continue
		}
		missing++
		lost = max(lost, killed.Sub(at))
		// The sender records a delivery within a few hundred ms of the answer.
		if killed.Sub(at) > interval+500*time.Millisecond {
			t.Errorf("chat %d: delivered %v before the kill, not in the replica", chat, killed.Sub(at).Round(time.Millisecond))
		}
	}
	t.Logf("litestream %s: %d deliveries recorded before the kill, %d in the replica; lost at most the last %v of writes (sync-interval %v)",
		bin, len(answered), len(sent), lost.Round(time.Millisecond), interval)
}
