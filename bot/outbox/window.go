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
	if len(w.ring) == w.n {
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
