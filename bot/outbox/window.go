package outbox

import (
	"math"
	"time"
)

// window is the sender's own pacing for one limit: at most n calls in any
// span, and (for the overall limit) at least spacing between two calls, so
// the calls are spread evenly rather than sent in bursts. It keeps the times
// of the last n calls. Telegram states its limits as counts per window ("no
// more than 30 messages per second", "20 messages per minute to the same
// group"); span includes a guard for the time between our clock reading and
// Telegram's, which a real network makes uneven.
type window struct {
	n       int
	span    time.Duration
	spacing time.Duration
	ring    []time.Time // the last n call times; ring[pos] is the oldest once full
	pos     int
	last    time.Time
	tat     time.Time // spreading: the theoretical time of the next call (GCRA)
	until   time.Time // no call before this: Telegram answered 429 for this chat

	// A bucket (every > 0) instead of the window of n calls: n calls at
	// once, then one every every; full is when the bucket is full again,
	// before the newest call fullBefore.
	every            time.Duration
	full, fullBefore time.Time
}

// newWindow allows perSecond calls per second on average, in windows of n
// calls, with guard added to each window.
func newWindow(n int, perSecond float64, guard time.Duration, spread bool) *window {
	n = max(n, 1)
	w := &window{n: n, span: time.Duration(float64(n)/perSecond*float64(time.Second)) + guard}
	if spread {
		w.spacing = w.span / time.Duration(n)
	}
	return w
}

// newBucket allows a burst of n calls at once, refilled at perSecond, each
// refill stretched by a share of guard: a private chat, where Telegram
// "may allow short bursts" and asks for about one message a second over
// time. A window of n calls in n seconds would keep the same average but,
// after a burst, hold the next call for the whole window: the last tap of
// a quick run of taps would wait up to n seconds for its edit instead of one.
func newBucket(n int, perSecond float64, guard time.Duration) *window {
	w := newWindow(n, perSecond, guard, false)
	w.every = w.span / time.Duration(w.n)
	return w
}

// calls rounds a rate to a window's call count (at least 1).
func calls(perWindow float64) int { return max(1, int(math.Round(perWindow))) }

// next is the earliest time at or after now when a call conforms.
func (w *window) next(now time.Time) time.Time {
	t := now
	if w.until.After(t) {
		t = w.until
	}
	// A call may come a tenth of the window before its theoretical time, so
	// a timer that wakes late, or a slow disk write, does not slow the pace
	// down for good (the count per window still holds).
	if s := w.tat.Add(-w.span / 10); w.spacing > 0 && s.After(t) {
		t = s
	}
	if w.every > 0 {
		if s := w.full.Add(-time.Duration(w.n-1) * w.every); s.After(t) {
			t = s
		}
	} else if len(w.ring) == w.n {
		if s := w.ring[w.pos].Add(w.span); s.After(t) {
			t = s
		}
	}
	return t
}

// nextSpaced is next, and no sooner than a window's share after the last
// call: the outbox's own messages into one chat go about one a second and
// leave the chat's burst to the replies of a person using the bot.
func (w *window) nextSpaced(now time.Time) time.Time {
	t := w.next(now)
	if len(w.ring) > 0 {
		if s := w.last.Add(w.span / time.Duration(w.n)); s.After(t) {
			t = s
		}
	}
	return t
}

// add records a call at t.
func (w *window) add(t time.Time) {
	if w.every > 0 {
		w.fullBefore = w.full
		w.full = later(w.full, t).Add(w.every)
	}
	if len(w.ring) < w.n {
		w.ring = append(w.ring, t)
	} else {
		w.ring[w.pos] = t
		w.pos = (w.pos + 1) % w.n
	}
	w.last = t
	if w.spacing > 0 {
		if t.After(w.tat) {
			w.tat = t
		}
		w.tat = w.tat.Add(w.spacing)
	}
}

// idle reports whether every recorded call has left the window, so the
// window can be forgotten without changing what it allows.
func (w *window) idle(now time.Time) bool {
	return !w.last.Add(w.span).After(now) && !w.until.After(now)
}

// hold allows no call before until (a 429's retry_after for this chat).
func (w *window) hold(until time.Time) {
	if until.After(w.until) {
		w.until = until
	}
}

// extend moves the call recorded at at to end, when the call was answered:
// Telegram saw it somewhere in between, so counting from the answer keeps
// the window whatever the network did.
func (w *window) extend(at, end time.Time) {
	if !end.After(at) {
		return
	}
	if w.every > 0 {
		if w.last.Equal(at) { // the newest call: counted again from end
			w.full = later(w.fullBefore, end).Add(w.every)
		} else { // an older one: the bucket fills no later than that much later
			w.full = w.full.Add(end.Sub(at))
		}
	}
	for k := 1; k <= len(w.ring); k++ { // newest first: the call is recent
		i := (w.pos - k + 2*len(w.ring)) % len(w.ring)
		if w.ring[i].Equal(at) {
			w.ring[i] = end
			break
		}
	}
	if w.last.Equal(at) {
		w.last = end
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// minRTT is the shortest recent round trip: the time a call spends on the
// way to Telegram and back at the least. A call was counted by Telegram no
// later than its answer came back minus the way back, so its answer time
// less the shortest round trip is a safe place to count it from, without
// the cost of a whole round trip.
type minRTT struct {
	ring [64]time.Duration
	n    int
}

func (m *minRTT) add(d time.Duration) {
	m.ring[m.n%len(m.ring)] = d
	m.n++
}

func (m *minRTT) get() time.Duration {
	k := min(m.n, len(m.ring))
	if k == 0 {
		return 0
	}
	least := m.ring[0]
	for _, d := range m.ring[1:k] {
		least = min(least, d)
	}
	return least
}
