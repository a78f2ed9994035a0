package storage

import (
	"context"
	"fmt"

	"vejviser/storage/domain"
)

// RefByKeyIn is the id of the branch's activity or event with key: keys
// are per branch, so the command line names one in the branch it works on.
func (s *Store) RefByKeyIn(ctx context.Context, branch int64, kind, key string) (int64, error) {
	table := map[string]string{domain.AudienceActivity: "activities", domain.AudienceEvent: "events"}[kind]
	if table == "" {
		return 0, fmt.Errorf("%w: %s %q", domain.ErrNotFound, kind, key)
	}
	var id int64
	if err := s.r.GetContext(ctx, &id, `SELECT id FROM `+table+` WHERE key = ? AND branch_id = ?`, key, branch); err != nil {
		return 0, notFound(err, fmt.Sprintf("%s %q", kind, key))
	}
	return id, nil
}
