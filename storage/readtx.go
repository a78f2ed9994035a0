package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// readTx runs fn in one read transaction on a connection of the read pool:
// every query fn makes through tx sees the same snapshot (WAL: the first
// read fixes it until the end), whatever the writer commits meanwhile. The
// transaction is always rolled back; it wrote nothing.
func (s *Store) readTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.r.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	return fn(tx)
}
