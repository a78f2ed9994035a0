// Package outbox owns delivery of every message the bot starts. The storage
// transaction that causes a message writes it to the outbox table; the
// Sender here drains that table to Telegram within Telegram's limits
// (overall, per private chat, per group, as counts per window), keeps
// several calls in flight when the round trip is long (a window sized from
// the measured time per call and the rate), holds a chat answered 429 for
// retry_after (everything, when 429s come for several chats at once), backs off with jitter while Telegram fails or cannot be
// reached, marks members who blocked the bot unreachable, follows groups
// that became supergroups, drops messages that expired, and records
// "sending" before each call, so a crash leaves at most as many messages of
// uncertain fate as there were calls in flight.
package outbox

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"vejviser/storage"
)

// Sender drains the outbox. Create it with New and run it with Run.
type Sender struct {
	store *storage.Store
	api   API
	cfg   Config
	log   *slog.Logger
	clock Clock

	// The limits, shared with direct replies (Direct) under lim.
	lim    sync.Mutex
	global *window
	chats  map[int64]*window
	direct atomic.Int32 // direct replies waiting: bulk messages give way
	rtt    minRTT       // recent round trips, see answered

	// Used by Run's goroutine only.
	held   map[int64]time.Time // chats over their own limit, until when
	pruned time.Time           // last clean-up of old rows

	wake   chan struct{}
	freed  chan struct{} // a call finished: a slot is free
	writes chan write    // claims and deliveries for the writer
	calls  sync.WaitGroup

	mu       sync.Mutex
	inflight int
	busy     map[int64]bool  // chats with a call in flight: one at a time keeps their order
	moved    map[int64]int64 // groups that became supergroups, to their new id
	perCall  time.Duration   // smoothed time a slot is held (call + bookkeeping)
	paused   time.Time       // no call starts before this (429, failures)
	failures int             // consecutive failures of Telegram, for the backoff
	tooMany  struct {        // the last 429: which chat, and until when it asked us to wait
		chat  int64
		until time.Time
	}

	stats struct {
		sent, blocked, failed, expired, retried, throttled atomic.Int64
		recovered, maxInFlight                             atomic.Int64
		unrendered                                         atomic.Int64
	}
	renderer Renderer // renders notice rows when they leave
	observe  Observer // nil: nobody listens
}

// New creates a sender. clock may be nil for the real clock.
func New(store *storage.Store, api API, cfg Config, log *slog.Logger, clock Clock) *Sender {
	cfg = cfg.withDefaults()
	if clock == nil {
		clock = RealClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{
		store: store, api: api, cfg: cfg, log: log, clock: clock,
		global: newWindow(calls(cfg.Rate), cfg.Rate, cfg.Guard, true),
		chats:  map[int64]*window{},
		held:   map[int64]time.Time{},
		wake:   make(chan struct{}, 1),
		freed:  make(chan struct{}, 1),
		busy:   map[int64]bool{},
		moved:  map[int64]int64{},
	}
}

// Wake tells the sender that messages were queued, so it need not wait for its poll.
func (s *Sender) Wake() { signal(s.wake) }

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// PausedUntil is when sending resumes after Telegram asked us to wait (or
// failed), or the zero time when it is not paused.
func (s *Sender) PausedUntil() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.paused.After(s.clock.Now()) {
		return s.paused
	}
	return time.Time{}
}

// Settled waits until the sender has nothing left to do now: no pending
// message is due at its clock and no call is in flight (so the outcome of
// every call made is recorded). Messages held back by a rate window are
// due, so Settled waits for them; retries and messages due later are not.
// It returns ctx's error if ctx ends first. Tests use it to assert what was
// sent instead of sleeping; it works whether or not Run is running (without
// Run, due messages never go and Settled waits for ctx).
func (s *Sender) Settled(ctx context.Context) error {
	const every = 5 * time.Millisecond
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		// Due first, then in flight: a message the loop read is counted
		// in flight (its slot is taken) before it stops being pending.
		due, err := s.store.HasDue(ctx, s.clock.Now())
		if err == nil && !due {
			s.mu.Lock()
			idle := s.inflight == 0
			s.mu.Unlock()
			if idle {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Run sends until ctx ends. Calls in flight when ctx ends are allowed to
// finish and their outcomes are recorded before Run returns.
func (s *Sender) Run(ctx context.Context) error {
	n, err := s.store.RecoverSending(ctx)
	if err != nil {
		return err
	}
	s.stats.recovered.Store(int64(n))
	if n > 0 {
		s.log.Warn("resending messages whose delivery was uncertain after a restart", "count", n)
	}
	s.writes = make(chan write, 64)
	written := make(chan struct{})
	go func() { s.writer(ctx); close(written) }()
	defer func() {
		s.calls.Wait()
		close(s.writes)
		<-written
	}()
	for ctx.Err() == nil {
		now := s.clock.Now()
		s.prune(ctx, now)
		if until := s.PausedUntil(); !until.IsZero() {
			_ = s.clock.Wait(ctx, until.Sub(now), nil)
			continue
		}
		skip, until := s.skipped(now)
		batch, err := s.store.DueMessages(ctx, now, s.cfg.Batch, skip...)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			s.log.Error("read outbox", "err", err)
			_ = s.clock.Wait(ctx, s.cfg.IdlePoll, nil)
			continue
		}
		if len(batch) == 0 {
			s.idle(ctx, until)
			continue
		}
		s.drain(ctx, batch)
	}
	return nil
}

// prune deletes old finished messages and abandoned drafts, at most hourly.
func (s *Sender) prune(ctx context.Context, now time.Time) {
	if now.Sub(s.pruned) < time.Hour {
		return
	}
	s.pruned = now
	msgs, chats, err := s.store.Prune(ctx, now.Add(-s.cfg.KeepDone), now.Add(-s.cfg.KeepDrafts))
	if err != nil {
		s.log.Warn("prune", "err", err)
		return
	}
	if msgs+chats > 0 {
		s.log.Info("deleted old data", "messages", msgs, "unfinished_chats", chats)
	}
}

// skipped forgets holds that have passed and lists the chats the next query
// leaves out: those held over their limit and those with a call in flight.
// It also returns the earliest time a hold ends (zero if none).
func (s *Sender) skipped(now time.Time) ([]int64, time.Time) {
	var ids []int64
	var until time.Time
	for id, t := range s.held {
		if !t.After(now) || len(ids) >= 500 {
			delete(s.held, id)
			continue
		}
		ids = append(ids, id)
		if until.IsZero() || t.Before(until) {
			until = t
		}
	}
	s.mu.Lock()
	for id := range s.busy {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	return ids, until
}

// idle waits until the next message is due, a held chat is free, a call
// finishes, new messages are queued, or the poll interval passes.
func (s *Sender) idle(ctx context.Context, heldUntil time.Time) {
	s.mu.Lock()
	inflight := s.inflight
	s.mu.Unlock()
	if inflight > 0 {
		// What is left waits for calls in flight: wait for one in real time,
		// without moving a test's fake clock while a call is made.
		t := time.NewTimer(s.cfg.IdlePoll)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-s.freed:
		case <-s.wake:
		case <-t.C:
		}
		return
	}
	now := s.clock.Now()
	wait := s.cfg.IdlePoll
	if !heldUntil.IsZero() {
		wait = min(wait, heldUntil.Sub(now))
	}
	if next, ok, err := s.store.NextDue(ctx); err == nil && ok && next.After(now) {
		wait = min(wait, next.Sub(now))
	}
	_ = s.clock.Wait(ctx, max(wait, time.Millisecond), s.wake)
}

// refetchEvery bounds how long a batch is worked on before the queue is read
// again, so a notice queued during a broadcast goes out within about a second.
const refetchEvery = time.Second

// drain starts calls for what it can of one batch, a group at a time: as
// many messages as there are free slots are claimed ("sending") in one
// transaction, then called one by one at the overall pace. A chat over its
// own limit is held (left out of the next queries) until its window allows
// a call.
func (s *Sender) drain(ctx context.Context, batch []storage.OutboxMessage) {
	s.pruneChats()
	started := s.clock.Now()
	for len(batch) > 0 && ctx.Err() == nil {
		slots := s.acquire(ctx, len(batch))
		if slots == 0 {
			return
		}
		var group []storage.OutboxMessage
		group, batch = s.pick(ctx, batch, slots)
		for range slots - len(group) {
			s.release(0, 0, false) // slots taken for messages that cannot go now (no chat is 0)
		}
		if len(group) == 0 {
			continue
		}
		if !s.PausedUntil().IsZero() {
			for _, m := range group {
				s.release(m.ChatID, 0, false)
			}
			return
		}
		if !s.start(ctx, group) {
			return
		}
		if s.clock.Now().Sub(started) >= refetchEvery {
			return
		}
	}
}

// pick takes up to n messages from batch that may be called now (one per
// chat, none for a chat held or busy), expiring those whose time passed, and
// returns them with the part of batch it did not look at.
func (s *Sender) pick(ctx context.Context, batch []storage.OutboxMessage, n int) (group, rest []storage.OutboxMessage) {
	now := s.clock.Now()
	chats := map[int64]bool{}
	i := 0
	for ; i < len(batch) && len(group) < n; i++ {
		msg := batch[i]
		msg.ChatID = s.movedTo(msg.ChatID) // the batch was read before a move
		if _, held := s.held[msg.ChatID]; held || chats[msg.ChatID] || s.isBusy(msg.ChatID) {
			continue
		}
		if msg.ExpiresAt != nil && !now.Before(*msg.ExpiresAt) {
			s.expire(ctx, msg, now)
			continue
		}
		s.lim.Lock()
		w := s.chatWindow(msg.ChatID)
		next := w.next(now)
		if msg.ChatID > 0 {
			next = w.nextSpaced(now)
		}
		s.lim.Unlock()
		if next.After(now) {
			s.held[msg.ChatID] = next
			continue
		}
		chats[msg.ChatID] = true
		group = append(group, msg)
	}
	return group, batch[i:]
}

// start claims a group in one transaction, then makes its calls at the
// overall pace, each in its own goroutine holding the slot acquired for it.
// It reports false when the sender should re-read the queue.
func (s *Sender) start(ctx context.Context, group []storage.OutboxMessage) bool {
	ids := make([]int64, len(group))
	for i, m := range group {
		ids[i] = m.ID
	}
	claimed, err := s.claim(ids)
	if err != nil {
		s.log.Error("mark sending", "err", err)
		pause := s.backoff()
		for _, m := range group {
			s.release(m.ChatID, pause, false)
		}
		return false
	}
	ok := make(map[int64]bool, len(claimed))
	for _, id := range claimed {
		ok[id] = true
	}
	for i, msg := range group {
		if !ok[msg.ID] {
			s.release(msg.ChatID, 0, false) // deleted (the member left) or taken meanwhile
			continue
		}
		if err := s.pace(ctx); err != nil {
			// Shutting down: give back the claimed messages not called.
			for _, m := range group[i:] {
				if ok[m.ID] {
					s.book(ctx, "unclaim", m.ID, func(c context.Context) error { return s.store.Retry(c, m.ID, s.clock.Now(), "", false) })
				}
				s.release(m.ChatID, 0, false)
			}
			return false
		}
		// Both windows are charged at the moment of the call.
		at := s.clock.Now()
		s.global.add(at)
		s.chatWindow(msg.ChatID).add(at)
		s.lim.Unlock()
		s.mu.Lock()
		s.busy[msg.ChatID] = true
		s.mu.Unlock()
		s.calls.Add(1)
		go s.send(ctx, msg, at)
	}
	return true
}

func (s *Sender) expire(ctx context.Context, msg storage.OutboxMessage, now time.Time) {
	if err := s.store.MarkExpired(detach(ctx), msg.ID, now); err != nil {
		s.log.Error("mark expired", "id", msg.ID, "err", err)
		return
	}
	s.stats.expired.Add(1)
}

// detach keeps bookkeeping writes alive through shutdown: the outcome of a
// call that was made must be recorded.
func detach(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
