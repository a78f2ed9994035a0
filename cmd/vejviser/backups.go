package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"vejviser/storage"
)

// backups is serve's daily backup and what /healthz and /metrics say of it.
type backups struct {
	store *storage.Store
	dir   string
	keep  int
	at    time.Duration
	loc   *time.Location
	log   *slog.Logger
	now   func() time.Time // nil: the wall clock
	retry time.Duration    // the first wait after a failure (doubles, at most an hour)

	mu       sync.Mutex
	lastGood time.Time // when the newest good backup was taken (zero: none known)
	lastPath string
	lastSize int64
	lastTook time.Duration
	failing  string // the last attempt's error, "" when it succeeded
	failures int    // attempts failed since the last good one
}

// backupStatus is a copy of the state for a reader.
type backupStatus struct {
	LastGood time.Time
	Size     int64
	Took     time.Duration
	Failing  string
	Failures int
}

func newBackups(store *storage.Store, cfg config, log *slog.Logger) *backups {
	b := &backups{store: store, dir: cfg.BackupDir, keep: cfg.BackupKeep, at: cfg.BackupAt, loc: cfg.Location,
		log: log, retry: 5 * time.Minute}
	// After a restart the newest copy on disk is the last good one.
	for _, prefix := range []string{storage.BackupScheduled, storage.BackupPreMigrate} {
		names, _ := storage.ListBackups(b.dir, prefix)
		if len(names) == 0 {
			continue
		}
		if st, err := os.Stat(filepath.Join(b.dir, names[len(names)-1])); err == nil && st.ModTime().After(b.lastGood) {
			b.lastGood, b.lastPath, b.lastSize = st.ModTime(), filepath.Join(b.dir, names[len(names)-1]), st.Size()
		}
	}
	return b
}

func (b *backups) clock() time.Time {
	if b.now != nil {
		return b.now()
	}
	return time.Now()
}

// Status is the state now.
func (b *backups) Status() backupStatus {
	b.mu.Lock()
	defer b.mu.Unlock()
	return backupStatus{LastGood: b.lastGood, Size: b.lastSize, Took: b.lastTook, Failing: b.failing, Failures: b.failures}
}

// Once takes one backup and prunes the old ones. A failure is logged and
// kept for /healthz and /metrics; it never stops the bot.
func (b *backups) Once(ctx context.Context) error {
	start := time.Now()
	err := os.MkdirAll(b.dir, 0o700)
	path := ""
	if err == nil {
		path, err = b.store.Backup(ctx, b.dir, storage.BackupScheduled)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		b.failing, b.failures = oneLine(err.Error()), b.failures+1
		b.log.Error("backup failed; the bot goes on", "err", b.failing, "failures", b.failures)
		return err
	}
	b.lastGood, b.lastPath, b.lastTook, b.failing, b.failures = time.Now(), path, time.Since(start), "", 0
	if st, err := os.Stat(path); err == nil {
		b.lastSize = st.Size()
	}
	removed, perr := storage.PruneBackups(b.dir, b.keep)
	if perr != nil {
		b.log.Warn("removing old backups", "err", perr.Error())
	}
	b.log.Info("backup taken", "path", path, "bytes", b.lastSize, "took", b.lastTook.Round(time.Millisecond), "removed_old", removed)
	return nil
}

// Run takes a backup every day at the configured time, retrying a failed
// one after 5 minutes, then 10, 20… (at most an hour), until ctx ends.
func (b *backups) Run(ctx context.Context) error {
	untilNext := func() time.Duration { now := b.clock(); return nextBackup(now, b.at, b.loc).Sub(now) }
	wait := untilNext()
	retry := b.retry
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		if err := b.Once(ctx); err != nil && ctx.Err() == nil {
			wait, retry = retry, min(retry*2, time.Hour)
			if next := untilNext(); next < wait {
				wait = next
			}
			continue
		}
		retry = b.retry
		wait = untilNext()
	}
}
