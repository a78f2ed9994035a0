package outbox_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

// t0 is where every fake clock starts.
var t0 = time.Date(2030, 3, 4, 9, 0, 0, 0, time.UTC)

// fast is a configuration whose limits stay out of the way of a test that
// is not about them.
var fast = outbox.Config{Rate: 1000, PerChatRate: 1000, PerChatBurst: 10}

// rig is a real SQLite store, the fake Bot API server and a go-telegram
// client pointed at it. With a fake clock the server's clock is the
// sender's, so rate limits, Call.At and fault windows all use fake time.
type rig struct {
	t     testing.TB
	ctx   context.Context
	store *storage.Store
	db    string
	raw   *sql.DB
	fake  *tgfake.Server
	api   *tg.Bot
	clock *fakeClock // nil: real clock
}

func newRig(t testing.TB, fakeClock bool, opts ...tgfake.Option) *rig {
	t.Helper()
	ctx := context.Background()
	r := &rig{t: t, ctx: ctx, db: filepath.Join(t.TempDir(), "x.db")}
	store, err := storage.Open(ctx, r.db)
	if err != nil {
		t.Fatal(err)
	}
	r.store = store
	t.Cleanup(func() { _ = store.Close() })
	raw, err := sql.Open("sqlite3", "file:"+r.db+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	r.raw = raw
	t.Cleanup(func() { _ = raw.Close() })
	if fakeClock {
		r.clock = newFakeClock(t0)
		opts = append(opts, tgfake.WithClock(r.clock.Now))
	}
	r.fake = tgfake.New(opts...)
	t.Cleanup(r.fake.Close)
	r.api = r.newAPI(r.fake.Token(), r.fake.URL())
	return r
}

func (r *rig) newAPI(token, url string) *tg.Bot {
	r.t.Helper()
	b, err := tg.New(token, tg.WithServerURL(url), tg.WithSkipGetMe(), tg.WithHTTPClient(time.Minute, outbox.HTTPClient(time.Minute)))
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *rig) now() time.Time {
	if r.clock != nil {
		return r.clock.Now()
	}
	return time.Now()
}

// members registers members with ids (= their chat ids) from..to and makes
// their chats known to the fake.
func (r *rig) members(from, to int64) {
	r.t.Helper()
	for id := from; id <= to; id++ {
		if _, err := r.store.Register(r.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "m" + strconv.FormatInt(id, 10), Language: "da"}, r.now()); err != nil {
			r.t.Fatal(err)
		}
		r.fake.AddChat(id)
	}
}

func (r *rig) enqueue(msgs ...domain.Outgoing) {
	r.t.Helper()
	storagetest.Enqueue(r.t, r.db, r.now(), msgs...)
}

func notice(member int64, text string) domain.Outgoing {
	return domain.Outgoing{MemberID: member, ChatID: member, Kind: domain.KindNotice, Priority: domain.PriorityNotice, Text: text}
}

func (r *rig) broadcast(text string) int {
	r.t.Helper()
	_, n, err := r.store.CreateBroadcast(r.ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": text}}, r.now())
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

// running is a sender started by run.
type running struct {
	*outbox.Sender
	stop func() error // cancels Run and waits for it to return
}

// run starts a sender on api (nil: the rig's client); it is stopped at the
// latest when the test ends.
func (r *rig) run(api outbox.API, cfg outbox.Config) running {
	if api == nil {
		api = r.api
	}
	var clock outbox.Clock
	if r.clock != nil {
		clock = r.clock
	}
	log := slog.New(slog.NewTextHandler(tbWriter{r.t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return r.runSender(outbox.New(r.store, api, cfg, log, clock))
}

// runSender runs s until the test ends (or its stop is called).
func (r *rig) runSender(s *outbox.Sender) running {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var (
		once sync.Once
		err  error
	)
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				err = errors.New("Run did not return within 10s of cancelling its context")
			}
		})
		return err
	}
	r.t.Cleanup(func() {
		if err := stop(); err != nil {
			r.t.Error(err)
		}
	})
	return running{Sender: s, stop: stop}
}

// counts is store.OutboxCounts.
func (r *rig) counts() map[string]int {
	r.t.Helper()
	c, err := r.store.OutboxCounts(r.ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// waitSettled waits until no message is pending or sending.
func (r *rig) waitSettled(timeout time.Duration) map[string]int {
	r.t.Helper()
	var c map[string]int
	r.waitFor(timeout, "the outbox to settle", func() bool {
		c = r.counts()
		return c[storage.StatePending] == 0 && c[storage.StateSending] == 0
	})
	return c
}

func (r *rig) waitFor(timeout time.Duration, what string, cond func() bool) {
	r.t.Helper()
	if !r.fake.WaitFor(timeout, cond) {
		r.t.Fatalf("timed out after %v waiting for %s; outbox %v", timeout, what, r.counts())
	}
}

// waitClock lets a fake clock run (the idle sender moves it) until d past t0,
// to show that nothing more happens later.
func (r *rig) waitClock(d time.Duration) {
	r.t.Helper()
	r.waitFor(5*time.Second, "the fake clock to pass t0+"+d.String(), func() bool { return !r.clock.Now().Before(t0.Add(d)) })
}

type outRow struct {
	ID       int64
	Member   sql.NullInt64
	ChatID   int64
	Kind     string
	Text     string
	State    string
	Attempts int
	Error    string
}

// rows reads the outbox table directly (the store has no API for attempts).
func (r *rig) rows() []outRow {
	r.t.Helper()
	rs, err := r.raw.QueryContext(r.ctx, `SELECT id, member_id, chat_id, kind, text, state, attempts, error FROM outbox ORDER BY id`)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rs.Close()
	var out []outRow
	for rs.Next() {
		var o outRow
		if err := rs.Scan(&o.ID, &o.Member, &o.ChatID, &o.Kind, &o.Text, &o.State, &o.Attempts, &o.Error); err != nil {
			r.t.Fatal(err)
		}
		out = append(out, o)
	}
	if err := rs.Err(); err != nil {
		r.t.Fatal(err)
	}
	return out
}

// sends returns the recorded sendMessage calls, in order.
func (r *rig) sends() []tgfake.Call {
	var out []tgfake.Call
	for _, c := range r.fake.Calls() {
		if c.Method == "sendMessage" {
			out = append(out, c)
		}
	}
	return out
}

func chatOf(c tgfake.Call) int64 {
	id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	return id
}

// expectDeliveredOnce checks that every chat in from..to got exactly one message.
func (r *rig) expectDeliveredOnce(from, to int64) {
	r.t.Helper()
	var bad []string
	for id := from; id <= to; id++ {
		if n := r.fake.Delivered(id); n != 1 {
			bad = append(bad, fmt.Sprintf("chat %d: %d", id, n))
		}
	}
	if len(bad) > 0 {
		r.t.Errorf("chats not delivered exactly once (%d): %s", len(bad), strings.Join(bad[:min(len(bad), 10)], ", "))
	}
}

// conforms checks a series of call times against Telegram's rule as the
// documentation states it: at most n calls in any window of span.
func conforms(t *testing.T, what string, at []time.Time, n int, span time.Duration) {
	t.Helper()
	for i := 0; i+n < len(at); i++ {
		if got := at[i+n].Sub(at[i]); got < span {
			t.Errorf("%s: calls %d..%d (%d calls) within %v; at most %d fit in any %v", what, i, i+n, n+1, got, n, span)
			return
		}
	}
}

type tbWriter struct{ t testing.TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// ---------------------------------------------------------------------------

func TestOutcomes(t *testing.T) {
	t.Run("sent", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 3)
		msg := notice(2, "with buttons")
		msg.Buttons = [][]domain.Button{{{Text: "Yes", Data: "y"}, {Text: "Web", URL: "https://example.org"}}}
		r.enqueue(notice(1, "hello"), msg, notice(3, "bye"))
		s := r.run(nil, fast)
		c := r.waitSettled(5 * time.Second)
		if c[storage.StateSent] != 3 || len(c) != 1 {
			t.Fatalf("counts = %v, want 3 sent", c)
		}
		for _, row := range r.rows() {
			if row.Attempts != 1 || row.Error != "" {
				t.Errorf("row %d: attempts %d error %q, want 1 and none", row.ID, row.Attempts, row.Error)
			}
		}
		r.expectDeliveredOnce(1, 3)
		m, _ := r.fake.LastMessage(2)
		want := [][]tgfake.Button{{{Text: "Yes", Data: "y"}, {Text: "Web", URL: "https://example.org"}}}
		if m.Text != "with buttons" || fmt.Sprint(m.Buttons) != fmt.Sprint(want) {
			t.Errorf("chat 2 got %q %v, want buttons %v", m.Text, m.Buttons, want)
		}
		if got := r.fake.DeliveredTexts(1); !slices.Equal(got, []string{"hello"}) {
			t.Errorf("chat 1 texts = %q", got)
		}
		if st := s.Stats(); st.Sent != 3 || st.Failed+st.Blocked+st.Expired+st.Retried+st.Throttled != 0 {
			t.Errorf("stats = %+v", st)
		}
	})

	t.Run("chat not found marks the member unreachable", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 3)
		if _, err := r.store.Register(r.ctx, domain.Registration{ID: 4, ChatID: 4, Language: "da"}, r.now()); err != nil {
			t.Fatal(err)
		} // the fake does not know chat 4: 400 Bad Request: chat not found
		r.enqueue(notice(1, "a"), notice(4, "lost"), notice(2, "b"), notice(3, "c"))
		cfg := fast
		cfg.IdlePoll = time.Minute // lets the idle sender move the fake clock faster
		s := r.run(nil, cfg)
		c := r.waitSettled(5 * time.Second)
		r.waitClock(30 * time.Minute) // long past any retry
		if c[storage.StateSent] != 3 || c[storage.StateFailed] != 1 {
			t.Fatalf("counts = %v, want 3 sent 1 failed", c)
		}
		for _, row := range r.rows() {
			if row.ChatID != 4 {
				continue
			}
			if row.State != storage.StateFailed || row.Attempts != 1 || !strings.Contains(row.Error, "chat not found") {
				t.Errorf("row to chat 4 = %+v, want failed after 1 attempt with 'chat not found'", row)
			}
		}
		n := 0
		for _, call := range r.sends() {
			if chatOf(call) == 4 {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d calls to chat 4, want 1 (no retry of a permanent failure)", n)
		}
		if m, err := r.store.Member(r.ctx, 4); err != nil || m.Reachable {
			t.Errorf("member 4 reachable = %v (%v); a chat that does not exist cannot be reached", m.Reachable, err)
		}
		if st := s.Stats(); st.Blocked != 1 || st.Sent != 3 {
			t.Errorf("stats = %+v", st)
		}
		// The next broadcast does not queue for them.
		if n := r.broadcast("again"); n != 3 {
			t.Errorf("next broadcast queued %d, want 3", n)
		}
	})

	t.Run("another 400 fails permanently, member still reachable", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 2)
		r.fake.FailNext("sendMessage", 1, tgfake.Fault{Status: 400, Description: "Bad Request: message is too long"})
		r.enqueue(notice(1, "a"), notice(2, "b"))
		s := r.run(nil, fast)
		c := r.waitSettled(5 * time.Second)
		if c[storage.StateSent] != 1 || c[storage.StateFailed] != 1 {
			t.Fatalf("counts = %v, want 1 sent 1 failed", c)
		}
		if m, err := r.store.Member(r.ctx, 1); err != nil || !m.Reachable {
			t.Errorf("member 1 reachable = %v (%v); a 400 about the message must not mark the member unreachable", m.Reachable, err)
		}
		if st := s.Stats(); st.Failed != 1 || len(r.sends()) != 2 {
			t.Errorf("stats = %+v, %d calls; want 1 failed, 2 calls", st, len(r.sends()))
		}
	})

	t.Run("blocked member becomes unreachable", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 3)
		r.fake.Block(2, true)
		r.enqueue(notice(1, "a"), notice(2, "first"), notice(3, "c"))
		r.broadcast("news") // one more for each member, 2 included
		later := notice(2, "later")
		later.NotBefore = t0.Add(time.Hour)
		r.enqueue(later)
		cfg := fast
		cfg.IdlePoll = time.Minute
		s := r.run(nil, cfg)
		r.waitSettled(5 * time.Second)
		r.waitClock(2 * time.Hour)
		for _, row := range r.rows() {
			want := storage.StateSent
			if row.ChatID == 2 {
				want = storage.StateFailed
			}
			if row.State != want || (row.ChatID == 2 && row.Error != "blocked") {
				t.Errorf("row %d to chat %d: %s %q, want %s", row.ID, row.ChatID, row.State, row.Error, want)
			}
		}
		n := 0
		for _, call := range r.sends() {
			if chatOf(call) == 2 {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d calls to the blocked chat, want 1", n)
		}
		m, err := r.store.Member(r.ctx, 2)
		if err != nil || m.Reachable {
			t.Errorf("member 2 reachable = %v (%v), want false", m.Reachable, err)
		}
		if r.fake.Delivered(1) != 2 || r.fake.Delivered(3) != 2 {
			t.Errorf("delivered to 1 and 3: %d %d, want 2 each", r.fake.Delivered(1), r.fake.Delivered(3))
		}
		if st := s.Stats(); st.Blocked != 1 || st.Sent != 4 {
			t.Errorf("stats = %+v, want 1 blocked 4 sent", st)
		}
		if n := r.broadcast("again"); n != 2 {
			t.Errorf("a new broadcast queued %d messages, want 2 (not to the unreachable member)", n)
		}
	})

	t.Run("expired before its turn", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 2)
		old := notice(1, "stale")
		old.ExpiresAt = t0.Add(time.Minute)
		fresh := notice(2, "fresh")
		fresh.ExpiresAt = t0.Add(time.Hour)
		r.enqueue(old, fresh)
		r.clock.Advance(2 * time.Minute)
		s := r.run(nil, fast)
		c := r.waitSettled(5 * time.Second)
		if c[storage.StateExpired] != 1 || c[storage.StateSent] != 1 {
			t.Fatalf("counts = %v, want 1 expired 1 sent", c)
		}
		if r.fake.Delivered(1) != 0 || r.fake.Delivered(2) != 1 {
			t.Errorf("delivered %d/%d, want 0/1", r.fake.Delivered(1), r.fake.Delivered(2))
		}
		for _, row := range r.rows() {
			if row.ChatID == 1 && (row.State != storage.StateExpired || row.Attempts != 0) {
				t.Errorf("expired row = %+v, want expired without an attempt", row)
			}
		}
		if st := s.Stats(); st.Expired != 1 {
			t.Errorf("stats = %+v", st)
		}
	})

	t.Run("expires while Telegram is down", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 2)
		end := t0.Add(10 * time.Minute)
		r.fake.SetFaultFunc(func(method string, _ int64) *tgfake.Fault {
			if method == "sendMessage" && r.clock.Now().Before(end) {
				return &tgfake.Fault{Status: 502}
			}
			return nil
		})
		soon := notice(1, "soon stale")
		soon.ExpiresAt = t0.Add(2 * time.Minute)
		r.enqueue(soon, notice(2, "keeps"))
		r.run(nil, fast)
		c := r.waitSettled(5 * time.Second)
		if c[storage.StateExpired] != 1 || c[storage.StateSent] != 1 {
			t.Fatalf("counts = %v, want 1 expired 1 sent", c)
		}
		for _, row := range r.rows() {
			if row.ChatID == 1 && (row.State != storage.StateExpired || row.Attempts < 1) {
				t.Errorf("row = %+v, want expired after at least one failed attempt", row)
			}
		}
		if r.fake.Delivered(1) != 0 || r.fake.Delivered(2) != 1 {
			t.Errorf("delivered %d/%d, want 0/1", r.fake.Delivered(1), r.fake.Delivered(2))
		}
	})

	t.Run("message deleted from the outbox is skipped", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 5)
		r.broadcast("hi")
		var once sync.Once
		forgot := make(chan error, 1)
		// While the first message is in flight (the batch of five already
		// read), member 4 uses "forget me": their outbox row is deleted.
		r.fake.OnCall(func(c tgfake.Call) {
			if c.Method == "sendMessage" {
				once.Do(func() { forgot <- r.store.Forget(r.ctx, 4, time.Now()) })
			}
		})
		s := r.run(nil, fast)
		c := r.waitSettled(5 * time.Second)
		if err := <-forgot; err != nil {
			t.Fatal(err)
		}
		if c[storage.StateSent] != 4 || len(c) != 1 {
			t.Fatalf("counts = %v, want 4 sent and nothing else", c)
		}
		if r.fake.Delivered(4) != 0 {
			t.Errorf("the forgotten member got %d messages", r.fake.Delivered(4))
		}
		for _, id := range []int64{1, 2, 3, 5} {
			if r.fake.Delivered(id) != 1 {
				t.Errorf("chat %d: %d deliveries, want 1", id, r.fake.Delivered(id))
			}
		}
		if n := len(r.sends()); n != 4 {
			t.Errorf("%d sendMessage calls, want 4", n)
		}
		if st := s.Stats(); st.Sent != 4 || st.Failed != 0 {
			t.Errorf("stats = %+v", st)
		}
	})
}

func TestPriority(t *testing.T) {
	t.Run("notice before a queued broadcast", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 10)
		r.broadcast("broadcast")
		rem := notice(7, "reminder")
		rem.Kind, rem.Priority = domain.KindReminder, domain.PriorityReminder
		r.enqueue(rem, notice(9, "notice"))
		r.run(nil, fast)
		r.waitSettled(5 * time.Second)
		var texts []string
		for _, c := range r.sends() {
			texts = append(texts, c.Params["text"])
		}
		if len(texts) != 12 || texts[0] != "notice" || texts[1] != "reminder" {
			t.Fatalf("order = %q, want notice, reminder, then the broadcast", texts)
		}
	})

	t.Run("notice queued during a broadcast overtakes it", func(t *testing.T) {
		const batch = 8
		r := newRig(t, true)
		r.members(1, 60)
		r.broadcast("broadcast")
		const queuedAfter = 5 // broadcast messages sent when the notice is queued
		var (
			n      atomic.Int32
			queued = make(chan error, 1)
		)
		r.fake.OnCall(func(c tgfake.Call) {
			if c.Method == "sendMessage" && c.Params["text"] == "broadcast" && n.Add(1) == queuedAfter {
				queued <- storagetest.Queue(r.db, r.clock.Now(), notice(60, "urgent"))
			}
		})
		cfg := fast
		cfg.Batch = batch
		r.run(nil, cfg)
		r.waitSettled(5 * time.Second)
		if err := <-queued; err != nil {
			t.Fatal(err)
		}
		pos := -1
		var texts []string
		for i, c := range r.sends() {
			texts = append(texts, c.Params["text"])
			if c.Params["text"] == "urgent" {
				pos = i
			}
		}
		if pos < 0 {
			t.Fatalf("the notice was never sent: %q", texts)
		}
		// The notice was queued while broadcast message 5 was in flight; the
		// sender finishes at most the batch it had read.
		if waited := pos - queuedAfter; waited > batch {
			t.Errorf("the notice waited behind %d broadcast messages (batch %d)", waited, batch)
		}
		if len(texts) != 61 {
			t.Errorf("%d messages sent, want 61", len(texts))
		}
	})

	t.Run("notice queued during a large batch waits about a second", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 200)
		r.broadcast("broadcast")
		var (
			n      atomic.Int32
			queued = make(chan error, 1)
		)
		r.fake.OnCall(func(c tgfake.Call) {
			if c.Method == "sendMessage" && c.Params["text"] == "broadcast" && n.Add(1) == 5 {
				queued <- storagetest.Queue(r.db, r.clock.Now(), notice(200, "urgent"))
			}
		})
		r.run(nil, outbox.Config{Rate: 30, Batch: 256}) // the whole broadcast fits one batch
		r.waitSettled(5 * time.Second)
		if err := <-queued; err != nil {
			t.Fatal(err)
		}
		for i, c := range r.sends() {
			if c.Params["text"] == "urgent" {
				if waited := i - 5; waited > 32 { // one second at 30/s, and a message of slack
					t.Errorf("the notice waited behind %d broadcast messages, more than a second's worth", waited)
				}
				return
			}
		}
		t.Fatal("the notice was never sent")
	})

	t.Run("a chat over its limit does not hold up the others", func(t *testing.T) {
		r := newRig(t, true)
		r.fake.AddChat(-7)
		r.members(1, 1)
		group := make([]domain.Outgoing, 300) // more than a batch, all for one group at 20/min
		for i := range group {
			group[i] = domain.Outgoing{ChatID: -7, Text: "group", Priority: domain.PriorityNotice}
		}
		r.enqueue(group...)
		r.enqueue(notice(1, "private"))
		r.run(nil, outbox.Config{Rate: 30, Batch: 256})
		r.waitFor(5*time.Second, "the private notice", func() bool { return r.fake.Delivered(1) == 1 })
		// The fake clock runs on while the sender idles: read the time of the call itself.
		var at time.Time
		before := 0
		for _, c := range r.sends() {
			if chatOf(c) == 1 {
				at = c.At
				break
			}
			before++
		}
		if took := at.Sub(t0); took > 10*time.Second {
			t.Errorf("the private notice waited %v behind a group over its limit", took)
		}
		if before > 20 {
			t.Errorf("the group got %d messages before the notice at %v, more than 20 in a minute", before, at.Sub(t0))
		}
	})
}

func TestPacing(t *testing.T) {
	t.Run("overall rate", func(t *testing.T) {
		const n, rate = 100, 20
		r := newRig(t, true, tgfake.WithLimits(tgfake.Limits{GlobalPerSecond: rate}))
		r.members(1, n)
		r.broadcast("x")
		r.run(nil, outbox.Config{Rate: rate, PerChatRate: 1000, PerChatBurst: 10})
		r.waitSettled(5 * time.Second)
		var at []time.Time
		for _, c := range r.sends() {
			at = append(at, c.At)
		}
		if len(at) != n {
			t.Fatalf("%d calls, want %d", len(at), n)
		}
		conforms(t, "overall", at, rate, time.Second)
		// Spread evenly, not in bursts of 20, and at 0.97 of the limit or better.
		conforms(t, "overall, spread", at, 3, time.Second/rate)
		span := at[n-1].Sub(at[0])
		if want := time.Duration(n-1) * time.Second / rate; span < want*95/100 || span > want*103/100 {
			t.Errorf("%d messages took %v, want about %v", n, span, want)
		}
		if q := r.fake.TooManyRequests(); q != 0 {
			t.Errorf("the fake answered 429 %d times", q)
		}
		r.expectDeliveredOnce(1, n)
	})

	t.Run("private chats", func(t *testing.T) {
		const n = 7
		r := newRig(t, true, tgfake.WithLimits(tgfake.Limits{PerChatPerSecond: 1}))
		r.members(1, 2)
		for i := range n {
			r.enqueue(notice(1, fmt.Sprint("one-", i)), notice(2, fmt.Sprint("two-", i)))
		}
		r.run(nil, outbox.Config{Rate: 1000})
		r.waitSettled(5 * time.Second)
		at := map[int64][]time.Time{}
		var texts []string
		for _, c := range r.sends() {
			at[chatOf(c)] = append(at[chatOf(c)], c.At)
			if chatOf(c) == 1 {
				texts = append(texts, c.Params["text"])
			}
		}
		for chat, ts := range at {
			if len(ts) != n {
				t.Fatalf("chat %d: %d calls, want %d", chat, len(ts), n)
			}
			conforms(t, fmt.Sprint("chat ", chat), ts, 1, time.Second)
		}
		if q := r.fake.TooManyRequests(); q != 0 {
			t.Errorf("the fake answered 429 %d times", q)
		}
		// The two chats are paced independently: together they take as long as one.
		all := append(at[1], at[2]...)
		slices.SortFunc(all, time.Time.Compare)
		want := time.Duration(n-1) * time.Second
		if span := all[len(all)-1].Sub(all[0]); span > want+500*time.Millisecond {
			t.Errorf("two chats of %d messages took %v, want about %v", n, span, want)
		}
		for i, txt := range texts {
			if txt != fmt.Sprint("one-", i) {
				t.Errorf("chat 1 got %q in position %d: messages to one chat must keep their order", txt, i)
			}
		}
	})

	t.Run("group chat: 20 in any minute", func(t *testing.T) {
		const n = 25
		r := newRig(t, true, tgfake.WithLimits(tgfake.Limits{GroupPerMinute: 20, PerChatPerSecond: 1}))
		r.fake.AddChat(-100)
		r.members(1, 5)
		for i := range n {
			r.enqueue(domain.Outgoing{ChatID: -100, Kind: domain.KindNotice, Priority: domain.PriorityNotice, Text: fmt.Sprint("group-", i)})
		}
		r.broadcast("private") // queued after the group's messages, lower priority
		r.run(nil, outbox.Config{Rate: 1000, GroupPerMinute: 20})
		r.waitSettled(10 * time.Second)
		var group []time.Time
		var privateLast time.Time
		for _, c := range r.sends() {
			if chatOf(c) == -100 {
				group = append(group, c.At)
			} else {
				privateLast = c.At
			}
		}
		if len(group) != n || r.fake.Delivered(-100) != n {
			t.Fatalf("group got %d calls (%d delivered), want %d", len(group), r.fake.Delivered(-100), n)
		}
		conforms(t, "group", group, 20, time.Minute)
		if gap := group[20].Sub(group[0]); gap > time.Minute+time.Second {
			t.Errorf("the group's 21st message came %v after its 1st, want about a minute", gap)
		}
		if q := r.fake.TooManyRequests(); q != 0 {
			t.Errorf("the fake answered 429 %d times", q)
		}
		// The group's limit holds only the group: the private chats went out
		// while it waited for its 21st message.
		if !privateLast.Before(group[20]) {
			t.Errorf("last private message at %v, after the group's 21st at %v", privateLast.Sub(t0), group[20].Sub(t0))
		}
		r.expectDeliveredOnce(1, 5)
	})

	t.Run("Telegram's limits with the default configuration", func(t *testing.T) {
		r := newRig(t, true, tgfake.WithLimits(tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, GroupPerMinute: 20}))
		r.members(1, 150)
		for i := range 6 {
			r.enqueue(notice(1, fmt.Sprint("n", i)))
		}
		r.broadcast("b")
		r.run(nil, outbox.Config{})
		c := r.waitSettled(10 * time.Second)
		if c[storage.StateSent] != 156 {
			t.Fatalf("counts = %v, want 156 sent", c)
		}
		if q := r.fake.TooManyRequests(); q != 0 {
			t.Errorf("the fake answered 429 %d times", q)
		}
		var at, one []time.Time
		for _, c := range r.sends() {
			at = append(at, c.At)
			if chatOf(c) == 1 {
				one = append(one, c.At)
			}
		}
		conforms(t, "overall", at, 30, time.Second)
		conforms(t, "chat 1", one, 1, time.Second)
		// The broadcast's 150 take 5s; chat 1's notices go out at 1/s meanwhile.
		if span := at[len(at)-1].Sub(at[0]); span > 9*time.Second {
			t.Errorf("156 messages took %v, want at most 9s", span)
		}
	})

	// Each chat's window is charged when the call is made, not when the
	// message is picked: waiting for the overall limit in between would let
	// two messages to one chat come closer than its limit.
	t.Run("chats while other chats keep the overall limit busy", func(t *testing.T) {
		r := newRig(t, true, tgfake.WithLimits(tgfake.Limits{PerChatPerSecond: 1, GroupPerMinute: 20}))
		r.fake.AddChat(-7)
		r.members(1, 30)
		r.enqueue(notice(2, "first")) // the overall limit is busy from the start
		for i := range 22 {
			r.enqueue(domain.Outgoing{ChatID: -7, Text: fmt.Sprint("g", i)}, notice(1, fmt.Sprint("n", i)))
		}
		r.broadcast("b")
		r.run(nil, outbox.Config{Rate: 30})
		c := r.waitSettled(10 * time.Second)
		if c[storage.StateSent] != 75 {
			t.Fatalf("counts = %v, want 75 sent", c)
		}
		var group, one []time.Time // every call, the ones answered 429 included
		for _, c := range r.sends() {
			switch {
			case chatOf(c) == -7:
				group = append(group, c.At)
			case chatOf(c) == 1:
				one = append(one, c.At)
			}
		}
		conforms(t, "group", group, 20, time.Minute)
		conforms(t, "chat 1", one, 1, time.Second)
		if q := r.fake.TooManyRequests(); q != 0 {
			t.Errorf("the fake answered 429 %d times to a sender configured with its limits", q)
		}
	})
}

func TestTooManyRequests(t *testing.T) {
	// Telegram's 429 for a send into one chat concerns that chat's limit:
	// the other chats keep their normal pace meanwhile.
	t.Run("holds only the chat answered 429; the others keep their pace", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 2)
		for i := range 4 {
			r.enqueue(notice(1, fmt.Sprint("a", i)), notice(2, fmt.Sprint("b", i)))
		}
		var once atomic.Bool
		r.fake.SetFaultFunc(func(method string, chatID int64) *tgfake.Fault {
			if method == "sendMessage" && chatID == 1 && once.CompareAndSwap(false, true) {
				return &tgfake.Fault{RetryAfter: 7}
			}
			return nil
		})
		s := r.run(nil, outbox.Config{Rate: 30}) // Telegram's pace: 1/s per chat
		r.waitSettled(5 * time.Second)
		var one, two []tgfake.Call
		for _, c := range r.sends() {
			switch chatOf(c) {
			case 1:
				one = append(one, c)
			case 2:
				two = append(two, c)
			}
		}
		if len(one) != 5 || one[0].Status != 429 || len(two) != 4 {
			t.Fatalf("chat 1: %d calls (first %d), chat 2: %d; want 5 with a 429 first, and 4", len(one), one[0].Status, len(two))
		}
		if gap := one[1].At.Sub(one[0].At); gap < 7*time.Second {
			t.Errorf("chat 1 called again %v after its 429, want retry_after = 7s", gap)
		}
		var at []time.Time
		for _, c := range two {
			at = append(at, c.At)
		}
		conforms(t, "chat 2", at, 1, time.Second)
		// Four calls at 1/s take 3s and the guards; a pause of all sending would take 7s more.
		if span := at[3].Sub(one[0].At); span > 4*time.Second {
			t.Errorf("chat 2's four messages ended %v after chat 1's 429, want at its own pace (about 3s)", span)
		}
		if st := s.Stats(); st.Throttled != 1 || st.Sent != 8 {
			t.Errorf("stats = %+v", st)
		}
	})

	t.Run("holds the chat for retry_after and gives the attempt back", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 5)
		r.broadcast("x")
		r.fake.FailNext("sendMessage", 1, tgfake.Fault{RetryAfter: 7})
		s := r.run(nil, fast)
		r.waitSettled(5 * time.Second)
		sends := r.sends()
		if len(sends) != 6 || sends[0].Status != 429 {
			t.Fatalf("calls = %d, first status %d; want 6 calls, the first answered 429", len(sends), sends[0].Status)
		}
		if last := sends[5]; chatOf(last) != chatOf(sends[0]) {
			t.Errorf("last call into chat %d, want the chat answered 429 (%d) last", chatOf(last), chatOf(sends[0]))
		} else if gap := last.At.Sub(sends[0].At); gap < 7*time.Second || gap > 8*time.Second {
			t.Errorf("chat called again %v after its 429, want retry_after = 7s", gap)
		}
		if gap := sends[4].At.Sub(sends[0].At); gap >= time.Second {
			t.Errorf("the other chats waited %v after one chat's 429", gap)
		}
		r.expectDeliveredOnce(1, 5)
		for _, row := range r.rows() {
			if row.State != storage.StateSent || row.Attempts != 1 {
				t.Errorf("row %d: %s after %d attempts, want sent after 1 (a 429 is not an attempt)", row.ID, row.State, row.Attempts)
			}
		}
		if st := s.Stats(); st.Throttled != 1 || st.Sent != 5 {
			t.Errorf("stats = %+v", st)
		}
	})

	t.Run("storm", func(t *testing.T) {
		const n = 30
		r := newRig(t, true)
		r.members(1, n)
		r.broadcast("x")
		end := t0.Add(2 * time.Minute)
		r.fake.SetFaultFunc(func(method string, _ int64) *tgfake.Fault {
			if method == "sendMessage" && r.clock.Now().Before(end) {
				return &tgfake.Fault{RetryAfter: 5}
			}
			return nil
		})
		s := r.run(nil, fast)
		r.waitSettled(5 * time.Second)
		var storm []time.Time
		for _, c := range r.sends() {
			if c.Status == 429 {
				storm = append(storm, c.At)
			}
		}
		// The first 429 holds its chat only; a second chat answered 429
		// meanwhile shows the limit is not one chat's, and all sending
		// pauses: at most two 429s per retry_after.
		if len(storm) < 2 || len(storm) > 2*(2*60/5+1) {
			t.Fatalf("%d calls answered 429 during a 2-minute storm with retry_after 5, want 2..50", len(storm))
		}
		for i := 2; i < len(storm); i++ {
			if gap := storm[i].Sub(storm[i-2]); gap < 5*time.Second {
				t.Errorf("calls %d..%d came within %v after 429s asking for 5s", i-2, i, gap)
			}
		}
		r.expectDeliveredOnce(1, n)
		for _, row := range r.rows() {
			if row.State != storage.StateSent || row.Attempts != 1 {
				t.Errorf("row %d: %s after %d attempts, want sent after 1", row.ID, row.State, row.Attempts)
			}
		}
		if st := s.Stats(); st.Throttled != int64(len(storm)) || st.Sent != n {
			t.Errorf("stats = %+v, want %d throttled %d sent", st, len(storm), n)
		}
	})
}

// recAPI records each call the sender makes (fake time, outcome) and routes
// it to down while the outage lasts, to up afterwards.
type recAPI struct {
	clock    *fakeClock
	end      time.Time
	down, up outbox.API
	mu       sync.Mutex
	calls    []apiCall
}

type apiCall struct {
	at  time.Time
	err error
}

func (a *recAPI) SendMessage(ctx context.Context, p *tg.SendMessageParams) (*models.Message, error) {
	now := a.clock.Now()
	api := a.up
	if now.Before(a.end) && a.down != nil {
		api = a.down
	}
	m, err := api.SendMessage(ctx, p)
	a.mu.Lock()
	a.calls = append(a.calls, apiCall{now, err})
	a.mu.Unlock()
	return m, err
}

func (a *recAPI) snapshot() []apiCall {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.calls)
}

// closedURL is a loopback address where nothing listens: connections are refused.
func closedURL(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr
}

func TestOutage(t *testing.T) {
	const n = 20
	outage := 5 * time.Minute
	cfg := fast // MinBackoff 1s, MaxBackoff 1m: the defaults
	for _, tc := range []struct {
		name  string
		fault *tgfake.Fault
		delay time.Duration // real time the server takes to answer during the outage
		setup func(t *testing.T, r *rig, a *recAPI, cfg *outbox.Config)
	}{
		{name: "5xx", fault: &tgfake.Fault{Status: 502}},
		{name: "500", fault: &tgfake.Fault{Status: 500}},
		{name: "dropped connections", fault: &tgfake.Fault{Drop: true}},
		{name: "refused connections", setup: func(t *testing.T, r *rig, a *recAPI, _ *outbox.Config) {
			a.down = r.newAPI(r.fake.Token(), closedURL(t))
		}},
		{name: "timeouts", fault: &tgfake.Fault{Status: 504}, delay: 150 * time.Millisecond, setup: func(_ *testing.T, _ *rig, _ *recAPI, c *outbox.Config) {
			c.CallTimeout = 30 * time.Millisecond
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, true)
			r.members(1, n)
			r.broadcast("after the outage")
			end := t0.Add(outage)
			a := &recAPI{clock: r.clock, end: end, up: r.api}
			cfg := cfg
			if tc.setup != nil {
				tc.setup(t, r, a, &cfg)
			}
			if tc.fault != nil {
				r.fake.SetFaultFunc(func(method string, _ int64) *tgfake.Fault {
					if method != "sendMessage" || !r.clock.Now().Before(end) {
						return nil
					}
					time.Sleep(tc.delay)
					return tc.fault
				})
			}
			s := r.run(a, cfg)
			r.waitSettled(8 * time.Second)
			calls := a.snapshot()
			var during []time.Time
			for _, c := range calls {
				if c.at.Before(end) {
					if c.err == nil {
						t.Fatalf("a call at %v into the outage succeeded", c.at.Sub(t0))
					}
					during = append(during, c.at)
				}
			}
			// Exponential backoff from 1s to 60s (±20%) fits about 12 calls in 5 minutes.
			if len(during) < 5 || len(during) > 20 {
				t.Fatalf("%d calls during the %v outage, want 5..20", len(during), outage)
			}
			if len(calls) == len(during) {
				t.Fatal("no call after the outage")
			}
			first := calls[len(during)].at // first call after the outage
			gaps := append(slices.Clone(during), first)
			for k := 1; k < len(gaps); k++ {
				gap := gaps[k].Sub(gaps[k-1])
				base := min(time.Second<<(k-1), time.Minute)
				if gap < base*8/10-time.Millisecond || gap > time.Minute*12/10+time.Second {
					t.Errorf("pause %d was %v; want %v ±20%% (exponential from 1s, at most 1m)", k, gap, base)
				}
			}
			if late := first.Sub(end); late > time.Minute*12/10+time.Second {
				t.Errorf("first call %v after Telegram came back", late)
			}
			r.expectDeliveredOnce(1, n)
			if c := r.counts(); c[storage.StateSent] != n {
				t.Errorf("counts = %v", c)
			}
			if st := s.Stats(); st.Retried != int64(len(during)) || st.Sent != n || st.Failed != 0 {
				t.Errorf("stats = %+v, want %d retried %d sent", st, len(during), n)
			}
			t.Logf("%d calls during the outage, first after it %v late; fake clock waits %d", len(during), first.Sub(end).Round(time.Millisecond), r.clock.Waits())
		})
	}
}

func TestUnauthorizedPausesWithoutSpendingAttempts(t *testing.T) {
	r := newRig(t, true)
	r.members(1, 3)
	r.broadcast("x")
	end := t0.Add(5 * time.Minute)
	a := &recAPI{clock: r.clock, end: end, up: r.api, down: r.newAPI("999:revoked", r.fake.URL())}
	s := r.run(a, fast)
	r.waitSettled(5 * time.Second)
	during := 0
	for _, c := range a.snapshot() {
		if c.at.Before(end) {
			if !errors.Is(c.err, tg.ErrorUnauthorized) {
				t.Fatalf("call during the outage: %v", c.err)
			}
			during++
		}
	}
	if during < 1 || during > 6 {
		t.Errorf("%d calls in 5 minutes with a refused token, want 1..6 (one per MaxBackoff)", during)
	}
	r.expectDeliveredOnce(1, 3)
	for _, row := range r.rows() {
		if row.Attempts != 1 {
			t.Errorf("row %d: %d attempts, want 1", row.ID, row.Attempts)
		}
	}
	if st := s.Stats(); st.Sent != 3 {
		t.Errorf("stats = %+v", st)
	}
}

func TestShutdownFinishesCallInFlight(t *testing.T) {
	r := newRig(t, false)
	r.members(1, 5)
	r.broadcast("x")
	inflight := make(chan struct{})
	var once sync.Once
	var answered atomic.Bool
	r.fake.SetFaultFunc(func(method string, _ int64) *tgfake.Fault {
		if method == "sendMessage" {
			once.Do(func() {
				close(inflight)
				time.Sleep(300 * time.Millisecond)
			})
		}
		return nil
	})
	r.fake.OnCall(func(c tgfake.Call) {
		if c.Method == "sendMessage" && c.Status == 200 {
			answered.Store(true)
		}
	})
	s := r.run(nil, fast)
	select {
	case <-inflight:
	case <-time.After(5 * time.Second):
		t.Fatal("no call")
	}
	start := time.Now()
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if !answered.Load() {
		t.Fatalf("Run returned after %v, before the call in flight was answered", took)
	}
	if took < 200*time.Millisecond || took > 3*time.Second {
		t.Errorf("Run returned %v after cancel, want just after the call (~300ms)", took)
	}
	c := r.counts()
	if c[storage.StateSent] != 1 || c[storage.StatePending] != 4 || c[storage.StateSending] != 0 {
		t.Errorf("counts after shutdown = %v, want 1 sent 4 pending 0 sending", c)
	}
	if n := len(r.sends()); n != 1 {
		t.Errorf("%d calls, want 1: nothing is sent after shutdown begins", n)
	}
	if st := s.Stats(); st.Sent != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestRestart(t *testing.T) {
	t.Run("resumes where it stopped", func(t *testing.T) {
		const n = 60
		r := newRig(t, false)
		r.members(1, n)
		r.broadcast("x")
		s := r.run(nil, outbox.Config{Rate: 200, PerChatRate: 100, PerChatBurst: 10})
		r.waitFor(5*time.Second, "15 deliveries", func() bool { return len(r.sends()) >= 15 })
		if err := s.stop(); err != nil {
			t.Fatal(err)
		}
		c := r.counts()
		if c[storage.StateSending] != 0 || c[storage.StateSent] != len(r.sends()) || c[storage.StatePending] == 0 {
			t.Fatalf("after stop: counts %v with %d calls made; want no sending, sent = calls, some pending", c, len(r.sends()))
		}
		s2 := r.run(nil, fast)
		r.waitSettled(5 * time.Second)
		r.expectDeliveredOnce(1, n)
		if st := s2.Stats(); st.Recovered != 0 || int(st.Sent) != c[storage.StatePending] {
			t.Errorf("second sender stats = %+v, want %d sent, 0 recovered", st, c[storage.StatePending])
		}
	})

	t.Run("message left sending by a crash is sent again", func(t *testing.T) {
		r := newRig(t, true)
		r.members(1, 3)
		r.broadcast("x")
		rows := r.rows()
		// A crash right after "sending" was recorded, before the call.
		if ok, err := r.store.MarkSendingMany(r.ctx, []int64{rows[1].ID}, r.now()); len(ok) != 1 || err != nil {
			t.Fatalf("MarkSending = %v, %v", ok, err)
		}
		s := r.run(nil, fast)
		r.waitSettled(5 * time.Second)
		if st := s.Stats(); st.Recovered != 1 || st.Sent != 3 {
			t.Errorf("stats = %+v, want 1 recovered 3 sent", st)
		}
		r.expectDeliveredOnce(1, 3)
	})
}

// Settled returns once every due message is sent and recorded and no call is
// in flight; it waits for a call in flight, not for a message due later, and
// without Run it waits for its context.
func TestSettled(t *testing.T) {
	t.Run("after the due messages are sent and recorded", func(t *testing.T) {
		r := newRig(t, false)
		r.members(1, 30)
		later := time.Now().Add(time.Hour)
		r.enqueue(domain.Outgoing{MemberID: 1, ChatID: 1, Kind: domain.KindNotice, Priority: domain.PriorityNotice, Text: "later", NotBefore: later})
		r.broadcast("now")
		s := r.run(nil, fast)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Settled(ctx); err != nil {
			t.Fatal(err)
		}
		if c := r.counts(); c[storage.StateSent] != 30 || c[storage.StatePending] != 1 || c[storage.StateSending] != 0 {
			t.Errorf("settled with outbox %v, want 30 sent and the later one pending", c)
		}
		if st := s.Stats(); st.Sent != 30 {
			t.Errorf("settled with %d sent", st.Sent)
		}
	})
	t.Run("waits for a call in flight", func(t *testing.T) {
		r := newRig(t, false)
		r.members(1, 1)
		called, answer := make(chan struct{}), make(chan struct{})
		r.fake.SetFaultFunc(func(method string, _ int64) *tgfake.Fault {
			if method == "sendMessage" {
				close(called)
				<-answer
			}
			return nil
		})
		r.enqueue(notice(1, "slow"))
		s := r.run(nil, fast)
		<-called
		short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if err := s.Settled(short); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Settled with a call in flight: %v, want it to wait", err)
		}
		close(answer)
		ctx, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel2()
		if err := s.Settled(ctx); err != nil {
			t.Fatal(err)
		}
		if c := r.counts(); c[storage.StateSent] != 1 {
			t.Errorf("settled with outbox %v, want the slow one sent", c)
		}
	})
	t.Run("without Run a due message keeps it waiting", func(t *testing.T) {
		r := newRig(t, false)
		r.members(1, 1)
		r.enqueue(notice(1, "never sent"))
		s := outbox.New(r.store, r.api, fast, nil, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if err := s.Settled(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Settled = %v with a due message and no Run", err)
		}
	})
}
