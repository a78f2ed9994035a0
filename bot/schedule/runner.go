// Package schedule runs the loop that turns due notices into outbox
// messages: the Runner calls each claim (storage makes them, one transaction
// each) and sleeps until the next one falls due, a change wakes it, or its
// poll. The time arithmetic and the reminder rules it relies on are pure
// functions in storage/domain (schedule.go, occurrence.go); the database
// decides what is sent.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
	"vejviser/storage/domain"
)

// ClaimFunc decides every notice due at now in one transaction that also
// writes their outbox rows (storage does this), and reports the next due time.
type ClaimFunc func(ctx context.Context, now time.Time) (domain.ClaimResult, error)

// Runner is the scheduler loop. Planning is never done once and kept: every
// run recomputes from the database, so a follow, an import or an edit made a
// minute before a reminder is due is seen when it falls due.
type Runner struct {
	claims []namedClaim
	now    func() time.Time
	log    *slog.Logger
	wake   chan struct{}
	once   sync.Mutex // RunOnce calls never overlap
	// Poll bounds the sleep, so changes made by another process (an import
	// from the shell) are seen within it. MaxFailures consecutive failed runs
	// stop the runner with an error, so a supervisor restarts the program.
	Poll        time.Duration
	MaxFailures int
	// OnQueued is told when notices were queued (to wake the sender).
	OnQueued func()
	// OnClaimed, when set, hears each claim's result (for the metrics).
	OnClaimed func(kind string, res domain.ClaimResult, err error)
}

type namedClaim struct {
	name  string
	claim ClaimFunc
}

// NewRunner makes a scheduler loop; now may be nil for the wall clock.
func NewRunner(now func() time.Time, log *slog.Logger) *Runner {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Runner{now: now, log: log, wake: make(chan struct{}, 1), Poll: 10 * time.Second, MaxFailures: 30, OnQueued: func() {}}
}

// Add registers a kind of notice (activity reminders, event reminders …).
func (r *Runner) Add(name string, claim ClaimFunc) {
	r.claims = append(r.claims, namedClaim{name, claim})
}

// Wake makes the runner look again now (after a change that may move a due time).
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// ErrTooManyFailures stops the runner after MaxFailures consecutive failed runs.
var ErrTooManyFailures = errors.New("scheduler: too many consecutive failures")

// Run loops until ctx ends. A panic in a claim is recovered and counted as
// a failed run: it never stops the scheduler by itself.
func (r *Runner) Run(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		next, err := r.RunOnce(ctx)
		wait := r.Poll
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			failures++
			r.log.Error("scheduler run failed", "failures", failures, "err", err)
			if failures >= r.MaxFailures {
				return fmt.Errorf("%w: %v", ErrTooManyFailures, err)
			}
			wait = min(time.Duration(failures)*time.Second, time.Minute)
		} else {
			failures = 0
			if !next.IsZero() {
				wait = min(wait, max(next.Sub(r.now()), 0))
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-r.wake:
		}
		t.Stop()
	}
	return nil
}

// RunOnce runs every claim once at the current time and returns the
// earliest next due time. It may be called while Run loops (a test that
// moved the clock runs it to have everything due by then queued when it
// returns); calls never overlap.
func (r *Runner) RunOnce(ctx context.Context) (time.Time, error) {
	r.once.Lock()
	defer r.once.Unlock()
	now := r.now()
	var next time.Time
	var errs []error
	queued := 0
	for _, c := range r.claims {
		res, err := r.safe(ctx, c, now)
		if r.OnClaimed != nil {
			r.OnClaimed(c.name, res, err)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
			continue
		}
		queued += res.Queued
		if res.Queued+res.Skipped > 0 {
			r.log.Info("notices decided", "kind", c.name, "queued", res.Queued, "skipped", res.Skipped)
		}
		if !res.Next.IsZero() && (next.IsZero() || res.Next.Before(next)) {
			next = res.Next
		}
	}
	if queued > 0 {
		r.OnQueued()
	}
	return next, errors.Join(errs...)
}

func (r *Runner) safe(ctx context.Context, c namedClaim, now time.Time) (res domain.ClaimResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("panic in scheduler", "kind", c.name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	runCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return c.claim(runCtx, now)
}
