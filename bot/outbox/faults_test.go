package outbox_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// logBuf collects a sender's log lines for a test to read.
type logBuf struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// runLogged starts a sender like rig.run whose log (info and up) goes to the returned buffer.
func (r *rig) runLogged(cfg outbox.Config) (*outbox.Sender, *logBuf) {
	var clock outbox.Clock
	if r.clock != nil {
		clock = r.clock
	}
	logs := &logBuf{}
	s := outbox.New(r.store, r.api, cfg, slog.New(slog.NewTextHandler(logs, nil)), clock)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = s.Run(ctx); close(done) }()
	r.t.Cleanup(func() { cancel(); <-done })
	return s, logs
}

func TestUndecodableAnswer(t *testing.T) {
	t.Run("200 with a body the client cannot read: delivered, not sent again", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 3)
		r.fake.FailNext("sendMessage", 1, tgfake.Fault{Status: 200, Body: `{"ok":true,"result":{"message_id":"new-format"}}`, ContentType: "application/json"})
		r.enqueue(notice(1, "a"), notice(2, "b"), notice(3, "c"))
		s, logs := r.runLogged(fast)
		c := r.waitSettled(5 * time.Second)
		if c[storage.StateSent] != 3 {
			t.Fatalf("counts = %v, want 3 sent", c)
		}
		if n := len(r.sends()); n != 3 {
			t.Errorf("%d calls, want 3: the message Telegram took must not be sent again", n)
		}
		if st := s.Stats(); st.Sent != 3 || st.Retried != 0 {
			t.Errorf("stats = %+v", st)
		}
		if !strings.Contains(logs.String(), "answer could not be read") {
			t.Errorf("the decode error is not logged:\n%s", logs)
		}
		if strings.Contains(logs.String(), "new-format") {
			t.Errorf("the response body reached the log:\n%s", logs)
		}
	})

	t.Run("200 with an HTML page", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 1)
		r.fake.FailNext("sendMessage", 1, tgfake.Fault{Status: 200, Body: "<html><body>secret page</body></html>"})
		r.enqueue(notice(1, "a"))
		_, logs := r.runLogged(fast)
		if c := r.waitSettled(5 * time.Second); c[storage.StateSent] != 1 || len(r.sends()) != 1 {
			t.Fatalf("counts = %v after %d calls, want sent after 1", c, len(r.sends()))
		}
		if strings.Contains(logs.String(), "secret page") {
			t.Errorf("the response body reached the log:\n%s", logs)
		}
	})

	t.Run("a proxy's error page is a failure, retried, and never logged", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 1)
		r.fake.FailNext("sendMessage", 2, tgfake.Fault{Status: 502, Body: "<html><body>secret proxy page</body></html>"})
		r.enqueue(notice(1, "a"))
		_, logs := r.runLogged(fast)
		r.waitSettled(5 * time.Second)
		if n := len(r.sends()); n != 3 || r.fake.Delivered(1) != 1 {
			t.Errorf("%d calls, %d delivered; want 3 calls (two 502s), 1 delivered", n, r.fake.Delivered(1))
		}
		if strings.Contains(logs.String(), "secret") || strings.Contains(logs.String(), "<html") {
			t.Errorf("the response body reached the log:\n%s", logs)
		}
		if !strings.Contains(logs.String(), "telegram unavailable") {
			t.Errorf("no warning about the failure:\n%s", logs)
		}
	})
}

// TestBookkeepingFails makes the database refuse to record outcomes (a
// trigger aborts the write, as a full or locked disk would) for a while.
func TestBookkeepingFails(t *testing.T) {
	r := newRig(t, false)
	r.members(1, 3)
	rw, err := sql.Open("sqlite3", "file:"+r.db+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if _, err := rw.Exec(`CREATE TRIGGER refuse_sent BEFORE UPDATE OF state ON outbox WHEN NEW.state = 'sent'
		BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	r.enqueue(notice(1, "a"), notice(2, "b"), notice(3, "c"))
	_, logs := r.runLogged(fast)
	r.waitFor(5*time.Second, "the first call", func() bool { return r.fake.Delivered(1) == 1 })
	r.waitFor(5*time.Second, "a failed bookkeeping write", func() bool { return strings.Contains(logs.String(), "cannot record an outcome") })
	if c := r.counts(); c[storage.StateSending] != 1 || c[storage.StateSent] != 0 {
		t.Fatalf("counts = %v while the database refuses, want the one call in flight still sending", c)
	}
	r.waitFor(5*time.Second, "several retries of the write", func() bool { return strings.Count(logs.String(), "cannot record an outcome") >= 3 })
	if _, err := rw.Exec(`DROP TRIGGER refuse_sent`); err != nil {
		t.Fatal(err)
	}
	c := r.waitSettled(10 * time.Second)
	if c[storage.StateSent] != 3 {
		t.Fatalf("counts = %v, want 3 sent", c)
	}
	r.expectDeliveredOnce(1, 3)
	if n := len(r.sends()); n != 3 {
		t.Errorf("%d calls, want 3", n)
	}
	if !strings.Contains(logs.String(), "recorded after retrying") {
		t.Errorf("no line about the recovery:\n%s", logs)
	}
}

func TestMigratedGroup(t *testing.T) {
	r := newRig(t, true)
	r.fake.AddChat(-100)
	r.fake.MigrateGroup(-100, -1001000)
	for i := range 3 {
		r.enqueue(domain.Outgoing{ChatID: -100, Text: fmt.Sprint("g", i)})
	}
	s := r.run(nil, fast)
	c := r.waitSettled(5 * time.Second)
	if c[storage.StateSent] != 3 {
		t.Fatalf("counts = %v, want 3 sent", c)
	}
	if n := r.fake.Delivered(-1001000); n != 3 {
		t.Errorf("the supergroup got %d messages, want 3", n)
	}
	old := 0
	for _, call := range r.sends() {
		if chatOf(call) == -100 {
			old++
		}
	}
	if old != 1 {
		t.Errorf("%d calls to the old group, want 1 (the others follow the move)", old)
	}
	if st := s.Stats(); st.Failed != 0 || st.Sent != 3 {
		t.Errorf("stats = %+v", st)
	}
}

func TestLongRetryAfter(t *testing.T) {
	r := newRig(t, true)
	r.members(1, 2)
	r.fake.FailNext("sendMessage", 1, tgfake.Fault{RetryAfter: 3 * 3600})
	r.enqueue(notice(1, "a"), notice(2, "b"))
	s, logs := r.runLogged(fast)
	r.waitFor(5*time.Second, "the 429", func() bool { return s.Stats().Throttled == 1 })
	// Three hours of the fake clock pass one idle poll at a time, each
	// reading the queue: seconds of real time under -race.
	r.waitSettled(30 * time.Second)
	sends := r.sends()
	if len(sends) != 3 || chatOf(sends[2]) != chatOf(sends[0]) || sends[2].At.Sub(sends[0].At) < 3*time.Hour {
		t.Fatalf("%d calls; want the chat answered 429 called again three hours later", len(sends))
	}
	if gap := sends[1].At.Sub(sends[0].At); gap >= time.Second {
		t.Errorf("the other chat waited %v after one chat's 429", gap)
	}
	want := "resume_at=" + sends[0].At.Add(3*time.Hour).UTC().Format(time.RFC3339)
	if l := logs.String(); !strings.Contains(l, "level=WARN") || !strings.Contains(l, want) {
		t.Errorf("no warning with %s:\n%s", want, l)
	}
}

// TestInFlightAtLatency sends through a fake that answers 150 ms late and
// enforces Telegram's limits: several calls go out at once, every message
// arrives once, and the fake never answers 429.
func TestInFlightAtLatency(t *testing.T) {
	const n = 45
	r := newRig(t, false, tgfake.WithLatency(150*time.Millisecond), tgfake.WithLimits(telegramLimits))
	r.members(1, n)
	r.broadcast("x")
	cfg := outbox.Config{MaxInFlight: 8}
	s := r.run(nil, cfg)
	most := 0
	r.waitFor(20*time.Second, "the broadcast", func() bool {
		c := r.counts()
		most = max(most, c[storage.StateSending])
		return c[storage.StateSent] == n
	})
	r.expectDeliveredOnce(1, n)
	st := s.Stats()
	if st.MaxInFlight < 2 || st.MaxInFlight > 8 {
		t.Errorf("at most %d calls in flight, want 2..8 (MaxInFlight)", st.MaxInFlight)
	}
	if most > 8 {
		t.Errorf("%d rows were sending at once, more than the 8 calls allowed in flight", most)
	}
	if q := r.fake.TooManyRequests(); q != 0 {
		t.Errorf("the fake answered 429 %d times", q)
	}
}
