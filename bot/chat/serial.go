package chat

import "sync"

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
