package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// ReportRows gathers the § 18 report's rows for [from, to), at most
// domain.MaxReportYears: every event not cancelled that begins in the
// period, and the activities' meetings as domain.MeetingRows counts them
// (from the activity's first day to its archiving, minus cancelled dates,
// moved ones on their new date, begun by now), with counts only (no names,
// no ids). It reads the same few queries however many meetings there are.
//
// An event's "came" is the households checked in plus the walk-ins; its
// first-timers are the walk-ins marked so plus the people of checked-in
// households (with Telegram) never checked in at an earlier event. A
// meeting's counts are its head count.
func (s *Store) ReportRows(ctx context.Context, loc *time.Location, from, to, now time.Time) ([]domain.ReportRow, error) {
	return s.reportRows(ctx, everyBranch, loc, from, to, now)
}

// ReportRowsIn is ReportRows of the branches given: a coordinator's, or one
// for the command line and the national figures (none reads nothing).
func (s *Store) ReportRowsIn(ctx context.Context, branches []int64, loc *time.Location, from, to, now time.Time) ([]domain.ReportRow, error) {
	return s.reportRows(ctx, inBranches(branches), loc, from, to, now)
}

func (s *Store) reportRows(ctx context.Context, set branchSet, loc *time.Location, from, to, now time.Time) ([]domain.ReportRow, error) {
	if err := domain.CheckReportPeriod(from, to); err != nil {
		return nil, err
	}
	var evs []struct {
		domain.ReportRow
		ID int64 `db:"id"`
	}
	in, args := set.cond("e.branch_id")
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
		FROM events e WHERE e.cancelled_at IS NULL AND e.starts_at >= ? AND e.starts_at < ? AND `+in+`
		ORDER BY e.starts_at, e.id`, append([]any{utc(from), utc(to)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("report events: %w", err)
	}
	events := make([]domain.ReportRow, 0, len(evs))
	for _, e := range evs {
		r := e.ReportRow
		r.Kind, r.Meetings = domain.RowEvent, 1
		events = append(events, r)
	}
	acts, err := reportActivities(ctx, s.r, set, from, to)
	if err != nil {
		return nil, err
	}
	return domain.ReportRows(events, acts, loc, from, to, now), nil
}

// reportActivities reads, in three queries whatever the period, the
// activities that existed in [from, to) with their changed dates and the
// head counts of their meetings. Changes and counts are read a year around
// the period: a meeting may be moved far from its slot.
func reportActivities(ctx context.Context, q sqlx.QueryerContext, set branchSet, from, to time.Time) ([]domain.ReportActivity, error) {
	var acts []struct {
		ID       int64      `db:"id"`
		Key      string     `db:"key"`
		Name     string     `db:"name"`
		Schedule string     `db:"schedule"`
		FirstDay *time.Time `db:"first_day"`
		Created  time.Time  `db:"created_at"`
		Archived *time.Time `db:"archived_at"`
	}
	in, args := set.cond("branch_id")
	err := sqlx.SelectContext(ctx, q, &acts, `SELECT id, key, name, schedule, archived_at, first_day, created_at FROM activities
		WHERE coalesce(first_day, created_at) < ? AND (archived_at IS NULL OR archived_at > ?) AND `+in+`
		ORDER BY id`, append([]any{utc(to), utc(from)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("report activities: %w", err)
	}
	lo, hi := utc(from.AddDate(-1, 0, 0)), utc(to.AddDate(1, 0, 0))
	var changes []struct {
		changeRow
		ActivityID int64 `db:"activity_id"`
	}
	err = sqlx.SelectContext(ctx, q, &changes, `SELECT activity_id, slot, state, moved_to, reasons, changed_at FROM occurrence_changes
		WHERE (slot >= ? AND slot < ?) OR (moved_to >= ? AND moved_to < ?)`, lo, hi, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("report changes: %w", err)
	}
	var counts []struct {
		domain.HeadCount
		ActivityID int64     `db:"activity_id"`
		Slot       time.Time `db:"slot"`
	}
	err = sqlx.SelectContext(ctx, q, &counts, `SELECT activity_id, slot,
		coalesce(sum(kind = 'adult'), 0) AS adults, coalesce(sum(kind = 'child'), 0) AS children,
		coalesce(sum(kind = 'first'), 0) AS first_time
		FROM headcount_taps WHERE slot >= ? AND slot < ? GROUP BY activity_id, slot`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("report head counts: %w", err)
	}
	byID := make(map[int64]*domain.ReportActivity, len(acts))
	out := make([]domain.ReportActivity, 0, len(acts))
	for _, a := range acts {
		spec, err := domain.ParseSpec(a.Schedule)
		if err != nil {
			continue // refused when written; an old row that no longer parses has no meetings
		}
		ra := domain.ReportActivity{Key: a.Key, Title: a.Name, Spec: spec, First: a.Created, Counts: map[int64]domain.HeadCount{}}
		if a.FirstDay != nil {
			ra.First = *a.FirstDay
		}
		if a.Archived != nil {
			ra.Archived = *a.Archived
		}
		out = append(out, ra)
		byID[a.ID] = &out[len(out)-1] // out never grows past its capacity: the pointer stays
	}
	for _, c := range changes {
		if a := byID[c.ActivityID]; a != nil {
			a.Changes = append(a.Changes, c.change())
		}
	}
	for _, c := range counts {
		if a := byID[c.ActivityID]; a != nil {
			a.Counts[c.Slot.Unix()] = c.HeadCount
		}
	}
	return out, nil
}
