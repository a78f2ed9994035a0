package schedule

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// guard bounds how long a test waits for something that must happen; it
// is a deadlock guard, not a speed assertion.
const guard = 20 * time.Second

// runAsync starts r.Run and returns a channel with its result.
func runAsync(ctx context.Context, r *Runner) <-chan error {
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	return done
}

// keepWaking wakes the runner often until ctx ends, so the back-off after
// a failure (a second and more) does not slow the test.
func keepWaking(ctx context.Context, r *Runner) {
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				r.Wake()
			}
		}
	}()
}

func waitDone(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(guard):
		t.Fatal("Run did not return")
		return nil
	}
}

func TestRunnerSurvivesPanics(t *testing.T) {
	for _, tc := range []struct {
		name        string
		maxFailures int
		panics      func(call int64) bool
	}{
		{"every call panics, fewer than MaxFailures", 30, func(int64) bool { return true }},
		{"panics between successes never add up to MaxFailures", 3, func(n int64) bool { return n%3 != 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := NewRunner(nil, nil)
			r.Poll = time.Hour
			r.MaxFailures = tc.maxFailures
			var calls atomic.Int64
			r.Add("boom", func(context.Context, time.Time) (domain.ClaimResult, error) {
				n := calls.Add(1)
				if n >= 8 {
					cancel()
				}
				if tc.panics(n) {
					panic("boom")
				}
				return domain.ClaimResult{}, nil
			})
			keepWaking(ctx, r)
			if err := waitDone(t, runAsync(ctx, r)); err != nil {
				t.Fatalf("Run = %v, want nil after cancel", err)
			}
			if calls.Load() < 8 {
				t.Fatalf("Run stopped after %d calls", calls.Load())
			}
		})
	}
}

func TestRunnerStopsAfterMaxFailures(t *testing.T) {
	for _, tc := range []struct {
		name  string
		claim func() (domain.ClaimResult, error)
	}{
		{"errors", func() (domain.ClaimResult, error) { return domain.ClaimResult{}, errors.New("database is locked") }},
		{"panics", func() (domain.ClaimResult, error) { panic("nil map") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := NewRunner(nil, nil)
			r.Poll = time.Hour
			r.MaxFailures = 4
			var calls atomic.Int64
			r.Add("failing", func(context.Context, time.Time) (domain.ClaimResult, error) {
				calls.Add(1)
				return tc.claim()
			})
			keepWaking(ctx, r)
			err := waitDone(t, runAsync(ctx, r))
			if !errors.Is(err, ErrTooManyFailures) {
				t.Fatalf("Run = %v, want ErrTooManyFailures", err)
			}
			if calls.Load() != 4 {
				t.Fatalf("%d calls, want MaxFailures = 4", calls.Load())
			}
		})
	}
}

func TestRunnerReturnsNilOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := NewRunner(nil, nil)
	r.Poll = time.Hour
	called := make(chan struct{}, 10)
	r.Add("ok", func(context.Context, time.Time) (domain.ClaimResult, error) {
		called <- struct{}{}
		return domain.ClaimResult{}, nil
	})
	done := runAsync(ctx, r)
	<-called
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatalf("Run = %v", err)
	}
}

// TestRunnerWakesBeforePoll: with an hour's poll, only Wake (or a known
// next due time) can make the runner look again.
func TestRunnerWakesBeforePoll(t *testing.T) {
	for _, tc := range []struct {
		name string
		wake bool
		next time.Duration // Result.Next after now; 0: none
	}{
		{"woken", true, 0},
		{"next due time sooner than poll", false, 20 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := NewRunner(nil, nil)
			r.Poll = time.Hour
			called := make(chan time.Time, 10)
			r.Add("tick", func(_ context.Context, now time.Time) (domain.ClaimResult, error) {
				called <- now
				if tc.next > 0 {
					return domain.ClaimResult{Next: now.Add(tc.next)}, nil
				}
				return domain.ClaimResult{}, nil
			})
			done := runAsync(ctx, r)
			for i := 0; i < 3; i++ {
				if tc.wake && i > 0 {
					r.Wake()
				}
				select {
				case <-called:
				case <-time.After(guard):
					t.Fatalf("run %d did not happen", i+1)
				}
			}
			cancel()
			if err := waitDone(t, done); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("not woken: sleeps until poll", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := NewRunner(nil, nil)
		r.Poll = time.Hour
		var calls atomic.Int64
		first := make(chan struct{})
		r.Add("tick", func(context.Context, time.Time) (domain.ClaimResult, error) {
			if calls.Add(1) == 1 {
				close(first)
			}
			return domain.ClaimResult{}, nil
		})
		done := runAsync(ctx, r)
		<-first
		time.Sleep(50 * time.Millisecond)
		cancel()
		if err := waitDone(t, done); err != nil {
			t.Fatal(err)
		}
		if n := calls.Load(); n != 1 {
			t.Fatalf("%d runs without a wake", n)
		}
	})
}

func TestRunOnce(t *testing.T) {
	now := time.Date(2026, 12, 3, 11, 0, 0, 0, time.UTC)
	type claim struct {
		name string
		res  domain.ClaimResult
		err  error
		pan  bool
	}
	for _, tc := range []struct {
		name       string
		claims     []claim
		wantQueued bool // OnQueued called
		wantNext   time.Time
		wantErr    []string // substrings of the error; nil: no error
	}{
		{"nothing queued", []claim{{name: "a", res: domain.ClaimResult{Skipped: 3}}}, false, time.Time{}, nil},
		{"queued wakes the sender", []claim{{name: "a", res: domain.ClaimResult{Queued: 2}}, {name: "b"}}, true, time.Time{}, nil},
		{"earliest next of all claims", []claim{
			{name: "a", res: domain.ClaimResult{Next: now.Add(2 * time.Hour)}},
			{name: "b", res: domain.ClaimResult{Next: now.Add(time.Hour)}},
			{name: "c"},
		}, false, now.Add(time.Hour), nil},
		{"a failing claim does not stop the others", []claim{
			{name: "events", err: errors.New("disk full")},
			{name: "activities", res: domain.ClaimResult{Queued: 1, Next: now.Add(time.Minute)}},
		}, true, now.Add(time.Minute), []string{"events", "disk full"}},
		{"a panicking claim does not stop the others", []claim{
			{name: "shifts", pan: true},
			{name: "activities", res: domain.ClaimResult{Queued: 1}},
		}, true, time.Time{}, []string{"shifts", "panic"}},
		{"both errors reported", []claim{
			{name: "x", err: errors.New("one")},
			{name: "y", pan: true},
		}, false, time.Time{}, []string{"x: one", "y: panic"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRunner(func() time.Time { return now }, nil)
			woken := 0
			r.OnQueued = func() { woken++ }
			seen := map[string]time.Time{}
			for _, c := range tc.claims {
				r.Add(c.name, func(_ context.Context, at time.Time) (domain.ClaimResult, error) {
					seen[c.name] = at
					if c.pan {
						panic("boom")
					}
					return c.res, c.err
				})
			}
			next, err := r.RunOnce(context.Background())
			if len(seen) != len(tc.claims) {
				t.Fatalf("claims run: %v", seen)
			}
			for name, at := range seen {
				if !at.Equal(now) {
					t.Errorf("claim %s got now %v, want the runner's clock %v", name, at, now)
				}
			}
			if !next.Equal(tc.wantNext) {
				t.Errorf("next = %v, want %v", next, tc.wantNext)
			}
			if (woken == 1) != tc.wantQueued || woken > 1 {
				t.Errorf("OnQueued called %d times, want queued=%v", woken, tc.wantQueued)
			}
			if tc.wantErr == nil {
				if err != nil {
					t.Errorf("err = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, sub := range tc.wantErr {
				if !strings.Contains(err.Error(), sub) {
					t.Errorf("error %q lacks %q", err, sub)
				}
			}
		})
	}
}

func TestRunnerCallsOnQueuedInRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRunner(nil, nil)
	r.Poll = time.Hour
	woken := make(chan struct{}, 10)
	r.OnQueued = func() { woken <- struct{}{} }
	r.Add("reminders", func(context.Context, time.Time) (domain.ClaimResult, error) {
		return domain.ClaimResult{Queued: 5}, nil
	})
	done := runAsync(ctx, r)
	select {
	case <-woken:
	case <-time.After(guard):
		t.Fatal("OnQueued not called")
	}
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatal(err)
	}
}

// RunOnce may be called while Run loops (tests that move the clock do): the
// claims of two calls never run at the same time.
func TestRunOnceCallsNeverOverlap(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := NewRunner(nil, nil)
	r.Poll = time.Millisecond
	var active, overlaps, runs atomic.Int64
	r.Add("tick", func(context.Context, time.Time) (domain.ClaimResult, error) {
		if active.Add(1) > 1 {
			overlaps.Add(1)
		}
		runs.Add(1)
		runtime.Gosched()
		active.Add(-1)
		return domain.ClaimResult{}, nil
	})
	done := runAsync(ctx, r)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if _, err := r.RunOnce(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatal(err)
	}
	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d of %d runs overlapped another", n, runs.Load())
	}
	if n := runs.Load(); n < 400 {
		t.Errorf("%d runs, want at least the 400 asked for", n)
	}
}
