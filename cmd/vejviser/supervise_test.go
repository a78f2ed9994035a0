package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

func TestSupervise(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	// waiter runs until told to stop and records the order of stops.
	var (
		mu      sync.Mutex
		stopped []string
	)
	waiter := func(name string) part {
		return part{name, func(ctx context.Context) error {
			<-ctx.Done()
			time.Sleep(5 * time.Millisecond) // a later part must still wait for this one
			mu.Lock()
			stopped = append(stopped, name)
			mu.Unlock()
			return nil
		}}
	}
	order := func() string { mu.Lock(); defer mu.Unlock(); return strings.Join(stopped, ",") }

	t.Run("a part that fails stops the others in order and is named", func(t *testing.T) {
		stopped = nil
		boom := errors.New("address already in use")
		parts := []part{waiter("intake"), {"progress", func(context.Context) error { return boom }}, waiter("sender")}
		alive := map[string]*atomic.Bool{"intake": {}, "progress": {}, "sender": {}}
		err := supervise(context.Background(), log, parts, alive)
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), "progress") {
			t.Fatalf("supervise = %v, want the progress part's error", err)
		}
		if got := order(); got != "intake,sender" {
			t.Errorf("stopped %q, want intake,sender", got)
		}
		for name, a := range alive {
			if a.Load() {
				t.Errorf("%s still marked alive", name)
			}
		}
	})

	t.Run("a part that returns by itself is a failure", func(t *testing.T) {
		stopped = nil
		parts := []part{waiter("intake"), {"sender", func(context.Context) error { return nil }}}
		if err := supervise(context.Background(), log, parts, nil); !errors.Is(err, errStopped) || !strings.Contains(err.Error(), "sender") {
			t.Fatalf("supervise = %v, want errStopped naming the sender", err)
		}
	})

	t.Run("a panic is a failure", func(t *testing.T) {
		stopped = nil
		parts := []part{waiter("intake"), {"scheduler", func(context.Context) error { panic("nil map") }}}
		if err := supervise(context.Background(), log, parts, nil); err == nil || !strings.Contains(err.Error(), "scheduler: panic") {
			t.Fatalf("supervise = %v", err)
		}
	})

	t.Run("shutdown stops in order and succeeds", func(t *testing.T) {
		stopped = nil
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- supervise(ctx, log, []part{waiter("a"), waiter("b"), waiter("c")}, nil) }()
		time.Sleep(20 * time.Millisecond)
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := order(); got != "a,b,c" {
			t.Errorf("stopped %q, want a,b,c", got)
		}
	})
}

// A webhook port that cannot be bound stops the real program at once with
// exit code 1 and a line saying why; it never logs "running".
func TestWebhookPortInUseExitsNonZero(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	fake := tgfake.New()
	t.Cleanup(fake.Close)
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "-db", t.TempDir()+"/v.db", "-api-url", fake.URL(),
		"-webhook-url", "https://bot.example.org/hook", "-listen", busy.Addr().String())
	cmd.Env = append(os.Environ(), "VEJVISER_TEST_RUN_MAIN=1", "TELEGRAM_BOT_TOKEN="+fake.Token(), "VEJVISER_WEBHOOK_SECRET="+hookSecret)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 20s after start with its port taken:\n%s", &out)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit = %v, want code 1\n%s", err, &out)
	}
	if s := out.String(); !strings.Contains(s, "listen on "+busy.Addr().String()) || !strings.Contains(s, "address already in use") || strings.Contains(s, "is running") {
		t.Errorf("output does not say the port is taken (or claims to run):\n%s", s)
	}
}

func TestHealthz(t *testing.T) {
	type report struct {
		OK       bool            `json:"ok"`
		Parts    map[string]bool `json:"parts"`
		Database bool            `json:"database"`
		Backlog  int             `json:"backlog"`
		// Unrendered is notices no renderer could say.
		Unrendered int `json:"unrendered_notices"`
	}
	get := func(f *flow, addr string) (int, report) {
		t.Helper()
		client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
		t.Cleanup(client.CloseIdleConnections)
		var rep report
		var code int
		f.waitFor("/healthz", func() bool {
			resp, err := client.Get("http://" + addr + "/healthz")
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			code = resp.StatusCode
			return json.Unmarshal(body, &rep) == nil
		})
		return code, rep
	}
	t.Run("webhook listener", func(t *testing.T) {
		addr := freeAddr(t)
		f := startFlow(t, func(c *config, _ *hooks) {
			c.WebhookURL, c.Listen, c.WebhookSecret = "https://bot.example.org/hook", addr, hookSecret
		})
		code, rep := get(f, addr)
		if code != http.StatusOK || !rep.OK || !rep.Database || !rep.Parts["sender"] || !rep.Parts["webhook server"] || rep.Backlog != 0 {
			t.Errorf("healthz = %d %+v", code, rep)
		}
	})
	t.Run("long polling with VEJVISER_LISTEN set", func(t *testing.T) {
		addr := freeAddr(t)
		f := startFlow(t, func(c *config, _ *hooks) { c.Listen, c.HealthListen = addr, true })
		code, rep := get(f, addr)
		if code != http.StatusOK || !rep.OK || !rep.Parts["long polling and update handlers"] || !rep.Parts["sender"] || rep.Unrendered != 0 {
			t.Errorf("healthz = %d %+v", code, rep)
		}
		// A notice of a kind nobody renders fails loudly, and /healthz shows it.
		u := tgfake.User{ID: 7_001, FirstName: "Amina", LanguageCode: "ar"}
		f.join(u, "ar")
		storagetest.Enqueue(t, f.db, time.Now(), domain.Outgoing{MemberID: u.ID, ChatID: u.ID, Kind: domain.KindNotice, Notice: "nobody.renders", Values: []byte("{}")})
		f.harness.sender.Wake()
		f.waitFor("the unrendered notice on /healthz", func() bool { _, rep = get(f, addr); return rep.Unrendered == 1 })
		if !rep.OK {
			t.Errorf("an unrendered notice stopped the bot: %+v", rep)
		}
		if !strings.Contains(f.logs.String(), "notice could not be rendered") {
			t.Error("the unrendered notice was not logged as an error")
		}
	})
}

// Updates are confirmed to Telegram (by the offset of the next getUpdates)
// only once a handler worker has taken them, and a stop sends every reply
// the handlers queued before it returns: nothing Telegram believes
// delivered is lost. (go-telegram/bot's default buffer would take and
// confirm all 40 at once.) Handlers no longer wait for the replies' pace,
// so the replies are still queued when the stop comes.
func TestUpdatesConfirmedOnlyOnceTaken(t *testing.T) {
	u := tgfake.User{ID: 7601, FirstName: "Una", LanguageCode: "en"}
	f := startFlowWith(t, func(s *tgfake.Server) {
		for i := range 40 {
			s.SendText(u, fmt.Sprint("hello ", i))
		}
	}, func(_ *config, h *hooks) {
		h.sender = outbox.Config{PerChatRate: 5} // each reply into the chat waits 200 ms
	})
	f.waitFor("the first reply", func() bool { return len(f.fake.Messages(u.ID)) > 0 })
	// No handler waits for the replies' pace: all 40 are handled (and
	// confirmed) while the replies still go out at five a second.
	f.waitFor("every update handled", func() bool { return f.fake.PendingUpdates() == 0 })
	if n := len(f.fake.Messages(u.ID)); n >= 40 {
		t.Errorf("all %d replies were out before the last update was handled: handlers waited for them", n)
	}
	f.stop()
	if handled, pending := len(f.fake.Messages(u.ID)), f.fake.PendingUpdates(); 40-pending > handled {
		t.Errorf("%d updates confirmed but only %d handled", 40-pending, handled)
	}
}
