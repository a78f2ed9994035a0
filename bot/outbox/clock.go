package outbox

import (
	"context"
	"sync"
	"time"
)

// Clock is the sender's time: real in production, fake in fault tests so
// that five minutes of outage take milliseconds.
type Clock interface {
	Now() time.Time
	// Wait blocks for d, until wake fires (wake may be nil), or until ctx ends.
	Wait(ctx context.Context, d time.Duration, wake <-chan struct{}) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now is time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// Wait sleeps.
func (RealClock) Wait(ctx context.Context, d time.Duration, wake <-chan struct{}) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	case <-wake:
		return nil
	}
}

// FakeClock is a clock that moves only when waited on: every Wait advances
// it by the full duration at once. Tests use it to run long outages instantly.
type FakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits int // calls to Wait, to show the sender never spins
}

// NewFakeClock starts at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now returns the fake time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Wait advances the clock by d and returns at once.
func (c *FakeClock) Wait(ctx context.Context, d time.Duration, _ <-chan struct{}) error {
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
func (c *FakeClock) Waits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.waits
}
