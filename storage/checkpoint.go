package storage

import (
	"context"
	"fmt"
	"time"

	"vejviser/storage/domain"
)

// checkpoint copies the write-ahead log into the database file and truncates
// the log, so deleted rows (zeroed by secure_delete) leave no copy in it.
// A reader in the middle of a query can hold the log back for a moment, so a
// busy checkpoint is tried again for a few seconds; when it is still busy,
// FlushForgotten tries again from the scheduler until it succeeds.
func (s *Store) checkpoint(ctx context.Context) error {
	for try := 0; ; try++ {
		flushed, err := s.checkpointOnce(ctx)
		if err != nil {
			return err
		}
		if flushed {
			return nil
		}
		if try == 20 {
			s.unflushed.Store(true)
			return nil
		}
		select {
		case <-ctx.Done():
			s.unflushed.Store(true)
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// checkpointOnce tries one full checkpoint; flushed is false when a reader
// held it back.
//
// A TRUNCATE checkpoint waits for readers through the busy handler, which
// the DSN sets to 10 s: tried twenty times that could hold the one writer
// connection for minutes. It waits 50 ms here instead, on the connection
// taken for the purpose (no other statement runs with the short wait), and
// FlushForgotten tries again later.
func (s *Store) checkpointOnce(ctx context.Context) (flushed bool, err error) {
	conn, err := s.w.Connx(ctx)
	if err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 50`); err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = 10000`) //nolint:errcheck // the DSN's value again
	var busy, logFrames, done int
	if err := conn.QueryRowxContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return false, fmt.Errorf("checkpoint: %w", err)
	}
	return busy == 0, nil
}

// FlushForgotten is a scheduler job: when a /forget (or a cleaned menu)
// could not checkpoint because readers kept the log busy, it tries again,
// every few seconds until it succeeds, so the deleted bytes leave the
// database file too, not only the tables.
func (s *Store) FlushForgotten(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	if !s.unflushed.Load() {
		return domain.ClaimResult{}, nil
	}
	flushed, err := s.checkpointOnce(ctx)
	if err != nil || !flushed {
		return domain.ClaimResult{Next: now.Add(5 * time.Second)}, err
	}
	s.unflushed.Store(false)
	return domain.ClaimResult{}, nil
}
