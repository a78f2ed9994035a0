package chat

import (
	"context"
	"sync"
	"time"
)

// The reply lane: what a handler sends or edits is queued here and the
// handler returns at once, so no handler waits for Telegram's limits and
// other people's presses never queue behind one chat's pace. Each chat's
// calls go out one at a time in the order they were made; an edit of a
// message that is still waiting is replaced by the newer one where it
// stands, so an older screen never follows a newer one and a burst of
// presses costs at most the edit in flight and one more. An edit waits for
// its chat's turn before it counts as in flight, so the one that goes when
// the turn comes shows the newest state: a quick run of taps ends on
// screen at the chat's next turn after the last, not one turn later.

// callTimeout bounds one call made from the lane.
const callTimeout = 20 * time.Second

// job is one effect waiting in its chat's queue.
type job struct {
	out  telegramOut
	env  *Env
	ctx  context.Context // the handler's, for its values; its end is not the job's
	e    Effect
	done chan result // non-nil: the handler waits for the outcome
	sent bool        // the call has begun: newer states no longer fold into it
}

type result struct {
	id  int
	err error
}

// lanes holds each chat's queue; a chat with work has one goroutine.
type lanes struct {
	mu    sync.Mutex
	chats map[int64][]*job
	busy  sync.WaitGroup
}

// enqueue adds j to its chat's queue, or folds an edit into a waiting edit
// of the same message, and starts the chat's goroutine if it has none.
func (l *lanes) enqueue(j *job) {
	chat := j.e.ChatID
	l.mu.Lock()
	if l.chats == nil {
		l.chats = map[int64][]*job{}
	}
	q, running := l.chats[chat]
	if j.e.Kind == Edit && j.done == nil {
		// A job already sent is in flight: fold only into those still waiting
		// (for the chat's turn too: EditTurn takes the newest state).
		for _, w := range q {
			if w.e.Kind == Edit && sameMessage(w.e, j.e) && w.done == nil && !w.sent {
				w.e, w.ctx, w.out = j.e, j.ctx, j.out
				l.mu.Unlock()
				return
			}
		}
	}
	l.chats[chat] = append(q, j)
	if !running {
		l.busy.Add(1)
		go l.run(chat)
	}
	l.mu.Unlock()
}

// sameMessage reports whether two edits change the same message.
func sameMessage(a, b Effect) bool {
	if a.Key != "" || b.Key != "" {
		return a.Key == b.Key
	}
	return a.MessageID == b.MessageID
}

// run performs chat's queue until it is empty.
func (l *lanes) run(chat int64) {
	defer l.busy.Done()
	for {
		l.mu.Lock()
		q := l.chats[chat]
		if len(q) == 0 {
			delete(l.chats, chat)
			l.mu.Unlock()
			return
		}
		j := q[0]
		waits, jctx := j.e.Kind == Edit && j.done == nil, j.ctx // a newer state may replace j.e and j.ctx meanwhile
		l.mu.Unlock()
		if waits {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(jctx), callTimeout)
			j.env.editTurn(ctx, chat)
			cancel()
		}
		l.mu.Lock()
		j.sent = true // from here on j.e is read without the lock
		l.mu.Unlock()

		id, err := j.perform()
		if j.done != nil {
			j.done <- result{id, err}
		}

		l.mu.Lock()
		l.chats[chat] = l.chats[chat][1:]
		l.mu.Unlock()
	}
}

// wait blocks until every queue is empty.
func (l *lanes) wait() { l.busy.Wait() }

// perform makes j's call with a context of its own: the handler that queued
// it may have returned.
func (j *job) perform() (int, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(j.ctx), callTimeout)
	defer cancel()
	e := j.e
	if e.Render != nil { // rendered now, from what is stored now
		var ok bool
		if e, ok = e.Render(ctx); !ok {
			return 0, nil
		}
		e.Kind, e.ChatID = Edit, j.e.ChatID
	}
	return j.out.call(ctx, j.env, e)
}
