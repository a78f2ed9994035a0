package storage

import (
	"context"
	"fmt"
	"time"

	"vejviser/storage/domain"
)

// SuggestOffers is NetworkOffers (the network families of branch as
// domain.Suggest takes them) with their first names by member id, for the
// suggestions' lines.
func (s *Store) SuggestOffers(ctx context.Context, branch int64, now time.Time) ([]domain.Offer, map[int64]string, error) {
	offers, err := s.NetworkOffers(ctx, branch, now)
	if err != nil {
		return nil, nil, err
	}
	var rows []struct {
		ID   int64  `db:"member_id"`
		Name string `db:"display_name"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT o.member_id, m.display_name FROM network_offers o JOIN members m ON m.id = o.member_id
		WHERE o.branch_id = ?`, branch); err != nil {
		return nil, nil, fmt.Errorf("names of network families of branch %d: %w", branch, err)
	}
	names := make(map[int64]string, len(rows))
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	return offers, names, nil
}
