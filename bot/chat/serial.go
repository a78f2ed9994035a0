package chat

import (
	"hash/maphash"
	"sync"
)

// serial runs each person's updates one after another in the order they
// were handed over, each on the person's own goroutine (while they have
// work), at most maxHandlers people at a time. Handing over never waits, so
// the one poller that hands updates over keeps Telegram's order, and one
// slow person never holds up anyone else.
type serial struct {
	mu     sync.Mutex
	queues map[int64][]func()
	slots  chan struct{}
}

// maxHandlers bounds how many updates are handled at once.
const maxHandlers = 8

// run queues fn behind id's earlier updates.
func (s *serial) run(id int64, fn func()) {
	s.mu.Lock()
	if s.queues == nil {
		s.queues = map[int64][]func(){}
		s.slots = make(chan struct{}, maxHandlers)
	}
	q, busy := s.queues[id]
	s.queues[id] = append(q, fn)
	s.mu.Unlock()
	if !busy {
		go s.drain(id)
	}
}

// drain runs id's queue until it is empty.
func (s *serial) drain(id int64) {
	for {
		s.mu.Lock()
		q := s.queues[id]
		if len(q) == 0 {
			delete(s.queues, id)
			s.mu.Unlock()
			return
		}
		fn := q[0]
		s.mu.Unlock()
		s.slots <- struct{}{}
		fn()
		<-s.slots
		s.mu.Lock()
		s.queues[id] = s.queues[id][1:]
		s.mu.Unlock()
	}
}

// Quick taps on one message (a head count at the door) are handled at the
// same time, and their edits can reach Telegram in any order. A handler
// that shows a stored state reads it and edits inside Serial: one at a
// time per message, each reading after the previous edit, so the message
// always ends showing what is stored (several taps may show as one edit,
// never as an older state). The locks are a fixed set of stripes, so they
// take no memory per message.
var (
	serialLocks [64]sync.Mutex
	serialSeed  = maphash.MakeSeed()
)

// Serial runs fn holding the lock of the message whose button was pressed
// (or of the chat, without one).
func (r *Request) Serial(fn func()) {
	var h maphash.Hash
	h.SetSeed(serialSeed)
	var b [16]byte
	for i := range 8 {
		b[i] = byte(r.ChatID >> (8 * i))
		b[8+i] = byte(int64(r.CbMsgID) >> (8 * i))
	}
	_, _ = h.Write(b[:])
	mu := &serialLocks[h.Sum64()%uint64(len(serialLocks))]
	mu.Lock()
	defer mu.Unlock()
	fn()
}
