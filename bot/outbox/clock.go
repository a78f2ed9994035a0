package outbox

import (
	"context"
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
