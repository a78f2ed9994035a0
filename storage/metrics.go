package storage

import (
	"context"
	"fmt"
	"os"
	"time"
)

// Backlog is the messages waiting in the outbox of one kind.
type Backlog struct {
	Kind   string `db:"kind"`
	N      int    `db:"n"`
	Oldest string `db:"oldest"` // not_before of the one waiting longest
}

// OutboxBacklog counts the messages waiting (pending or sending) by kind,
// with the due time of the one waiting longest. It reads the outbox_due
// index's rows only.
func (s *Store) OutboxBacklog(ctx context.Context) ([]Backlog, error) {
	var rows []Backlog
	err := s.r.SelectContext(ctx, &rows, `SELECT kind, count(*) AS n, min(not_before) AS oldest
		FROM outbox WHERE state IN ('pending','sending') GROUP BY kind`)
	if err != nil {
		return nil, fmt.Errorf("outbox backlog: %w", err)
	}
	return rows, nil
}

// OldestDue parses a Backlog's Oldest.
func (b Backlog) OldestDue() (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano} {
		if t, err := time.Parse(layout, b.Oldest); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Size is the bytes the database takes on disk: the file and its WAL.
func (s *Store) Size(ctx context.Context) (int64, error) {
	var path string
	if err := s.r.GetContext(ctx, &path, `SELECT file FROM pragma_database_list WHERE name = 'main'`); err != nil {
		return 0, err
	}
	var total int64
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(path + suffix); err == nil {
			total += st.Size()
		}
	}
	return total, nil
}
