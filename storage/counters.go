package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Bump adds one to an anonymous counter.
func (s *Store) Bump(ctx context.Context, name string) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error { return bump(ctx, tx, name) })
}

func bump(ctx context.Context, tx *sqlx.Tx, name string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO counters (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1`, name)
	if err != nil {
		return fmt.Errorf("bump %s: %w", name, err)
	}
	return nil
}

// Counter reads an anonymous counter (0 when never bumped).
func (s *Store) Counter(ctx context.Context, name string) (int, error) {
	var v int
	err := s.r.GetContext(ctx, &v, `SELECT value FROM counters WHERE name = ?`, name)
	if errors.Is(err, errNoRows) {
		return 0, nil
	}
	return v, err
}
