package storage

import (
	"context"
	"fmt"
	"sort"
	"time"
	"vejviser/storage/domain"
)

// ReportRows gathers the § 18 report's rows for [from, to): every event not
// cancelled that begins in the period, and every activity meeting not
// cancelled that began in the period before now (later ones have no count
// yet), with counts only (no names, no ids).
//
// An event's "came" is the households checked in plus the walk-ins; its
// first-timers are the walk-ins marked so plus the people of checked-in
// households (with Telegram) never checked in at an earlier event. A
// meeting's counts are its head count.
func (s *Store) ReportRows(ctx context.Context, loc *time.Location, from, to, now time.Time) ([]domain.ReportRow, error) {
	var rows []domain.ReportRow
	var evs []struct {
		domain.ReportRow
		ID int64 `db:"id"`
	}
	err := s.r.SelectContext(ctx, &evs, `SELECT e.id, e.key, e.title, e.starts_at,
		(SELECT count(*) FROM event_invitations i WHERE i.event_id = e.id AND i.answer = 'yes') AS yes_households,
		(SELECT coalesce(sum(adults), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.answer = 'yes') AS yes_adults,
		(SELECT coalesce(sum(children), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.answer = 'yes') AS yes_children,
		(SELECT coalesce(sum(adults), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.present = 1)
			+ (SELECT count(*) FROM event_walkins w WHERE w.event_id = e.id AND w.kind = 'adult') AS came_adults,
		(SELECT coalesce(sum(children), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.present = 1)
			+ (SELECT count(*) FROM event_walkins w WHERE w.event_id = e.id AND w.kind = 'child') AS came_children,
		(SELECT count(*) FROM event_walkins w WHERE w.event_id = e.id AND w.kind = 'first')
			+ (SELECT coalesce(sum(i.adults + i.children), 0) FROM event_invitations i WHERE i.event_id = e.id AND i.present = 1
				AND i.member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_invitations j JOIN events f ON f.id = j.event_id
					WHERE j.member_id = i.member_id AND j.present = 1 AND f.starts_at < e.starts_at)) AS first_time
		FROM events e WHERE e.cancelled_at IS NULL AND e.starts_at >= ? AND e.starts_at < ? ORDER BY e.starts_at, e.id`,
		utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("report events: %w", err)
	}
	for _, e := range evs {
		r := e.ReportRow
		r.Kind, r.Meetings = domain.RowEvent, 1
		rows = append(rows, r)
	}
	var acts []domain.Activity
	if err := s.r.SelectContext(ctx, &acts, `SELECT `+activityCols+` FROM activities ORDER BY id`); err != nil {
		return nil, fmt.Errorf("report activities: %w", err)
	}
	for _, a := range acts {
		spec, err := a.Spec()
		if err != nil {
			continue
		}
		changes, err := loadChanges(ctx, s.r, a.ID, from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0))
		if err != nil {
			return nil, err
		}
		for _, o := range domain.Occurrences(spec, loc, changes, from, to) {
			if o.Cancelled || !o.Start.Before(now) {
				continue
			}
			h, err := headCount(ctx, s.r, a.ID, o.Slot)
			if err != nil {
				return nil, err
			}
			rows = append(rows, domain.ReportRow{Start: o.Start, Kind: domain.RowActivity, Key: a.Key, Title: a.Name, Meetings: 1,
				CameAdults: h.Adults, CameChildren: h.Children, FirstTime: h.FirstTime})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Start.Before(rows[j].Start) })
	return rows, nil
}
