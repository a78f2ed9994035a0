package outbox

import (
	"context"
	"math"
	"time"
)

// The budget: how many calls may be in flight (slots), the windows of
// Telegram's limits shared by the outbox and by direct replies (Direct),
// and pauses after 429s and failures.

// inFlightLimit sizes the window of calls in flight from the rate and the
// measured time a call holds its slot: enough to keep the rate busy with a
// quarter to spare, one when calls take no time (a test's fake clock), never
// more than MaxInFlight.
func (s *Sender) inFlightLimit() int {
	if s.perCall <= 0 {
		return 1
	}
	w := int(math.Ceil(s.cfg.Rate*s.perCall.Seconds()*1.25)) + 1
	return min(max(w, 1), s.cfg.MaxInFlight)
}

// acquire waits for free slots among the calls in flight and takes up to
// want of them (0 when ctx ends). With a wide window it waits for a quarter
// of it to be free, so that claims are written in groups: one disk sync
// for several messages.
func (s *Sender) acquire(ctx context.Context, want int) int {
	for {
		s.mu.Lock()
		limit := s.inFlightLimit()
		free := limit - s.inflight
		if free >= min(want, max(1, limit/4)) && free > 0 {
			got := min(want, free)
			s.inflight += got
			s.stats.maxInFlight.Store(max(s.stats.maxInFlight.Load(), int64(s.inflight)))
			s.mu.Unlock()
			return got
		}
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return 0
		case <-s.freed:
		}
	}
}

// release frees a slot. pause, when positive, stops every call from
// starting for that long; measured slots feed the window's size.
func (s *Sender) release(chatID int64, pause time.Duration, measured bool, started ...time.Time) {
	now := s.clock.Now()
	s.mu.Lock()
	s.inflight--
	delete(s.busy, chatID)
	if measured && len(started) > 0 {
		d := now.Sub(started[0])
		if s.perCall == 0 {
			s.perCall = d
		} else {
			s.perCall = (s.perCall*4 + d) / 5
		}
	}
	if pause > 0 && now.Add(pause).After(s.paused) {
		s.paused = now.Add(pause)
	}
	s.mu.Unlock()
	signal(s.freed)
	s.Wake()
}

// movedTo follows a group's moves to the chat it is now.
func (s *Sender) movedTo(chatID int64) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < 8; i++ {
		to, ok := s.moved[chatID]
		if !ok {
			break
		}
		chatID = to
	}
	return chatID
}

func (s *Sender) isBusy(chatID int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy[chatID]
}

// pace waits for the overall limit, while sending is paused (a 429 or
// failures answered to a call of the same group), and while direct replies
// wait for their turn. It returns with lim held when the call may go, so
// the caller charges the windows before a direct reply can come between.
func (s *Sender) pace(ctx context.Context) error {
	for {
		now := s.clock.Now()
		s.lim.Lock()
		next := s.global.next(now)
		if until := s.PausedUntil(); until.After(next) {
			next = until
		}
		if s.direct.Load() > 0 && !next.After(now) {
			next = now.Add(max(s.global.spacing, time.Millisecond))
		}
		if !next.After(now) {
			if err := ctx.Err(); err != nil {
				s.lim.Unlock()
				return err
			}
			return nil
		}
		s.lim.Unlock()
		if err := s.clock.Wait(ctx, next.Sub(now), nil); err != nil {
			return err
		}
	}
}

// Direct waits until a call into chatID that is not from the outbox (a
// reply, an edit, a file) fits the overall and per-chat limits, and counts
// it; the caller calls done when Telegram has answered. While it waits, the
// outbox's messages give way: replies to a member who is using the bot go
// before bulk messages.
func (s *Sender) Direct(ctx context.Context, chatID int64) (done func(), err error) {
	waiting := false // counted in s.direct: waiting for the overall limit
	defer func() {
		if waiting {
			s.direct.Add(-1)
		}
	}()
	for {
		now := s.clock.Now()
		s.lim.Lock()
		chat := s.chatWindow(chatID)
		next := chat.next(now)
		global := s.global.next(now)
		if until := s.PausedUntil(); until.After(global) {
			global = until
		}
		if !next.After(now) && !global.After(now) {
			s.global.add(now)
			chat.add(now)
			s.lim.Unlock()
			return func() { s.answered(chatID, now) }, nil
		}
		s.lim.Unlock()
		// Bulk messages give way only while this reply waits for the
		// overall limit, not while its own chat is over its limit.
		if !next.After(now) && !waiting {
			waiting = true
			s.direct.Add(1)
		}
		if global.After(next) {
			next = global
		}
		if err := s.clock.Wait(ctx, next.Sub(now), nil); err != nil {
			return nil, err
		}
	}
}

// Edit waits until an edit of a message in chatID fits that chat's own
// limit (a burst, then about one a second; twenty a minute in a group) and
// counts it there. Edits are not new messages: Telegram's thirty a second
// is about messages to many users, so they leave the overall budget to them.
func (s *Sender) Edit(ctx context.Context, chatID int64) (done func(), err error) {
	for {
		now := s.clock.Now()
		s.lim.Lock()
		chat := s.chatWindow(chatID)
		next := chat.next(now)
		if !next.After(now) {
			chat.add(now)
			s.lim.Unlock()
			return func() { s.answeredEdit(chatID, now) }, nil
		}
		s.lim.Unlock()
		if err := s.clock.Wait(ctx, next.Sub(now), nil); err != nil {
			return nil, err
		}
	}
}

// EditTurn waits until an edit in chatID would fit that chat's limit,
// without counting it: a message's edits wait for their turn here still
// open to newer states, so the one that goes is the newest.
func (s *Sender) EditTurn(ctx context.Context, chatID int64) error {
	for {
		now := s.clock.Now()
		s.lim.Lock()
		next := s.chatWindow(chatID).next(now)
		s.lim.Unlock()
		if !next.After(now) {
			return nil
		}
		if err := s.clock.Wait(ctx, next.Sub(now), nil); err != nil {
			return err
		}
	}
}

// answeredEdit moves an edit made at at to its answer in its chat's window.
func (s *Sender) answeredEdit(chatID int64, at time.Time) {
	end := s.clock.Now()
	s.lim.Lock()
	s.chatWindow(chatID).extend(at, end)
	s.lim.Unlock()
}

// Throttled tells the sender that Telegram answered a call into chatID made
// outside the outbox (a reply, an edit) with 429 and retry_after d: that
// chat is held for d, as a 429 on the sender's own call holds it; a second
// chat throttled while the first is still held is taken as a limit of the
// whole bot, and all sending pauses.
func (s *Sender) Throttled(chatID int64, d time.Duration) {
	s.stats.throttled.Add(1)
	if !s.holdChat(chatID, s.clock.Now(), d) {
		s.pauseFor(d)
	}
}

func (s *Sender) pauseFor(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until := s.clock.Now().Add(d); until.After(s.paused) {
		s.paused = until
	}
}

// chatWindow returns chatID's window; lim must be held.
func (s *Sender) chatWindow(chatID int64) *window {
	w, ok := s.chats[chatID]
	if !ok {
		if chatID < 0 {
			w = newWindow(calls(s.cfg.GroupPerMinute), s.cfg.GroupPerMinute/60, s.cfg.Guard, false)
		} else {
			w = newBucket(s.cfg.PerChatBurst, s.cfg.PerChatRate, s.cfg.Guard)
		}
		s.chats[chatID] = w
	}
	return w
}

// pruneChats forgets the windows of chats whose calls have all left them.
func (s *Sender) pruneChats() {
	s.lim.Lock()
	defer s.lim.Unlock()
	if len(s.chats) < 4096 {
		return
	}
	now := s.clock.Now()
	for id, w := range s.chats {
		if w.idle(now) {
			delete(s.chats, id)
		}
	}
}
