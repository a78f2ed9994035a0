package storage

import (
	"context"
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
