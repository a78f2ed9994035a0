package outbox_test

import (
	"context"
	"sync"
	"time"
)

// fakeClock is a clock that moves only when waited on: every Wait advances
// it by the full duration at once. Tests use it to run long outages instantly.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits int // calls to Wait, to show the sender never spins
}

// newFakeClock starts at t.
func newFakeClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

// Now returns the fake time.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Wait advances the clock by d and returns at once.
func (c *fakeClock) Wait(ctx context.Context, d time.Duration, _ <-chan struct{}) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.waits++
	c.mu.Unlock()
	return nil
}

// Waits counts the calls to Wait.
func (c *fakeClock) Waits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waits
}
