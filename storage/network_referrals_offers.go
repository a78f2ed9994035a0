package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"vejviser/storage/domain"
)

// suggestRow is a network_offers row with what Suggest needs beside it.
type suggestRow struct {
	MemberID    int64      `db:"member_id"`
	BranchID    int64      `db:"branch_id"`
	Name        string     `db:"name"`
	Kind        string     `db:"kind"`
	Languages   string     `db:"languages"`
	Postcode    int        `db:"postcode"`
	Free        string     `db:"free"`
	Help        string     `db:"help"`
	Capacity    int        `db:"capacity"`
	Active      int        `db:"active"`
	PausedUntil *time.Time `db:"paused_until"`
	Stopped     bool       `db:"stopped"`
	CertValid   bool       `db:"cert_valid"`
}

// SuggestOffers reads the network families of branch as domain.Suggest
// takes them: how many households each has now (proposed or active),
// whether their child certificate is valid today (the shifts' record), and
// their first names by member id.
func (s *Store) SuggestOffers(ctx context.Context, branch int64, loc *time.Location, now time.Time) ([]domain.Offer, map[int64]string, error) {
	var rows []suggestRow
	err := s.r.SelectContext(ctx, &rows, `SELECT o.member_id, o.branch_id, m.display_name AS name, o.kind, o.languages, o.postcode,
		o.free, o.help, o.capacity, o.paused_until, o.stopped_at IS NOT NULL AS stopped,
		coalesce(p.cert_valid_until >= ?, 0) AS cert_valid,
		(SELECT count(*) FROM network_matches x WHERE x.volunteer_id = o.member_id AND x.state IN ('proposed', 'active')) AS active
		FROM network_offers o JOIN members m ON m.id = o.member_id LEFT JOIN volunteer_profiles p ON p.member_id = o.member_id
		WHERE o.branch_id = ? ORDER BY o.member_id`, domain.DayOf(now, loc), branch)
	if err != nil {
		return nil, nil, fmt.Errorf("network families of branch %d: %w", branch, err)
	}
	offers := make([]domain.Offer, len(rows))
	names := make(map[int64]string, len(rows))
	for i, r := range rows {
		o := domain.Offer{MemberID: r.MemberID, BranchID: r.BranchID, Kind: r.Kind, Postcode: r.Postcode, Capacity: r.Capacity,
			Active: r.Active, PausedUntil: r.PausedUntil, Stopped: r.Stopped, CertValid: r.CertValid}
		_ = json.Unmarshal([]byte(r.Languages), &o.Languages)
		_ = json.Unmarshal([]byte(r.Free), &o.Free)
		_ = json.Unmarshal([]byte(r.Help), &o.Help)
		offers[i], names[r.MemberID] = o, r.Name
	}
	return offers, names, nil
}
