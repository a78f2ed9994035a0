package chat

import (
	"hash/maphash"
	"sync"
)

// serial is a lock per person, held while one of their updates is handled.
type serial struct {
	mu    sync.Mutex
	locks map[int64]*personLock
}

type personLock struct {
	sync.Mutex
	users int // updates holding or waiting for it
}

// lock takes id's lock and returns its unlock.
func (s *serial) lock(id int64) (unlock func()) {
	s.mu.Lock()
	if s.locks == nil {
		s.locks = map[int64]*personLock{}
	}
	l := s.locks[id]
	if l == nil {
		l = &personLock{}
		s.locks[id] = l
	}
	l.users++
	s.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		s.mu.Lock()
		if l.users--; l.users == 0 {
			delete(s.locks, id)
		}
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
