package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"vejviser/storage"
)

// part is one long-running piece of serve. run must keep running until its
// context ends: returning earlier, with an error or without, is a failure
// that stops the whole program with a non-zero exit, so that systemd
// restarts it rather than leaving a bot that looks alive and does nothing.
type part struct {
	name string
	run  func(ctx context.Context) error
}

// stopBudget bounds the whole ordered shutdown, inside the README's
// TimeoutStopSec=30. Calls still in flight after it stay "sending" and are
// sent again after the restart (the crash bound covers them).
const stopBudget = 25 * time.Second

// errStopped is a part that returned while it should have kept running.
var errStopped = errors.New("stopped by itself")

// supervise runs every part until ctx ends or one of them stops, then stops
// them in the order listed (each after the ones before it have returned)
// and returns the first failure. alive, when not nil, gets each part's state.
func supervise(ctx context.Context, log *slog.Logger, parts []part, alive map[string]*atomic.Bool) error {
	type end struct {
		i   int
		err error
	}
	ends := make(chan end, len(parts))
	cancels := make([]context.CancelFunc, len(parts))
	for i, p := range parts {
		pctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		cancels[i] = cancel
		if a := alive[p.name]; a != nil {
			a.Store(true)
		}
		go func() {
			var err error
			defer func() {
				if v := recover(); v != nil {
					err = fmt.Errorf("panic: %v", v)
					log.Error("panic", "part", p.name, "stack", string(debug.Stack()))
				}
				if a := alive[p.name]; a != nil {
					a.Store(false)
				}
				ends <- end{i, err}
			}()
			err = p.run(pctx)
		}()
	}

	var failure error
	ended := make([]bool, len(parts))
	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case e := <-ends:
		ended[e.i] = true
		err := e.err
		if err == nil {
			err = errStopped
		}
		failure = fmt.Errorf("%s: %w", parts[e.i].name, err)
		log.Error("a part of the bot stopped; shutting down so that it can be restarted", "part", parts[e.i].name, "err", err)
	}

	deadline := time.NewTimer(stopBudget)
	defer deadline.Stop()
	for i := range parts {
		cancels[i]()
		for !ended[i] {
			select {
			case e := <-ends:
				ended[e.i] = true
				if e.err != nil && !errors.Is(e.err, context.Canceled) {
					log.Warn("stopped with an error", "part", parts[e.i].name, "err", e.err)
					if failure == nil {
						failure = fmt.Errorf("%s: %w", parts[e.i].name, e.err)
					}
				}
			case <-deadline.C:
				log.Error("shutdown took too long; leaving the rest", "waiting_for", parts[i].name, "budget", stopBudget)
				for j := range parts {
					cancels[j]()
				}
				return errors.Join(failure, fmt.Errorf("shutdown: %s did not stop within %v", parts[i].name, stopBudget))
			}
		}
	}
	return failure
}

// healthz reports whether the parts named in alive are running, whether the
// database answers, how many messages wait in the outbox and how many
// notices failed to render: 200 when all is well, 503 otherwise, as JSON for
// a monitor.
func healthz(store *storage.Store, alive map[string]*atomic.Bool, bk *backups) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		type report struct {
			OK       bool            `json:"ok"`
			Parts    map[string]bool `json:"parts"`
			Database bool            `json:"database"`
			Backlog  int             `json:"backlog"`
			// Unrendered notices failed because no renderer could say them: a
			// bug in this version, to look up in the log. The bot keeps running.
			Unrendered int `json:"unrendered_notices"`
			// Seconds since the newest good backup (null: none yet), and the
			// last attempt's error while backups fail. Neither changes ok: a
			// failing backup is for the operator, the bot still serves.
			BackupAge   *int64 `json:"last_backup_age_seconds"`
			BackupError string `json:"backup_error,omitempty"`
		}
		rep := report{OK: true, Parts: map[string]bool{}}
		if bk != nil {
			st := bk.Status()
			if !st.LastGood.IsZero() {
				age := int64(time.Since(st.LastGood).Seconds())
				rep.BackupAge = &age
			}
			rep.BackupError = st.Failing
		}
		for name, a := range alive {
			rep.Parts[name] = a.Load()
			rep.OK = rep.OK && a.Load()
		}
		if counts, err := store.OutboxCounts(ctx); err == nil {
			rep.Database = true
			rep.Backlog = counts[storage.StatePending] + counts[storage.StateSending]
			rep.Unrendered, _ = store.UnrenderedNotices(ctx)
		} else {
			rep.OK = false
		}
		w.Header().Set("Content-Type", "application/json")
		if !rep.OK {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(rep)
	})
}
