package storage

import (
	"context"
	"fmt"
	"time"

	"vejviser/storage/domain"
)

// NationalFigures are the national administrators' figures for [from, to):
// per branch (in key order) and for every branch together, counts only.
// The total's distinct people (participants reached, volunteers) count a
// person who belongs to two branches once. Small counts are not hidden
// here: whoever shows the figures applies domain.ShowCount.
func (s *Store) NationalFigures(ctx context.Context, loc *time.Location, from, to, now time.Time) ([]domain.BranchFigures, domain.BranchFigures, error) {
	bs, err := s.Branches(ctx)
	if err != nil {
		return nil, domain.BranchFigures{}, err
	}
	out := make([]domain.BranchFigures, 0, len(bs))
	ids := make([]int64, 0, len(bs))
	for _, b := range bs {
		ids = append(ids, b.ID)
		f, err := s.branchFigures(ctx, b.ID, loc, from, to, now)
		if err != nil {
			return nil, domain.BranchFigures{}, fmt.Errorf("national figures of %s: %w", b.Key, err)
		}
		f.Key, f.Name = b.Key, b.Name
		if f.Name == "" { // the first branch before the bot has named it
			f.Name = b.Key
		}
		out = append(out, f)
	}
	total := domain.BranchFigures{}
	for _, f := range out {
		total.Meetings += f.Meetings
		total.Attendance += f.Attendance
		total.FirstTime += f.FirstTime
		total.Hours += f.Hours
	}
	if total.Reached, err = s.reached(ctx, 0, from, to); err != nil {
		return nil, total, err
	}
	vol, err := s.VolunteerHoursBetween(ctx, ids, loc, from, to)
	if err != nil {
		return nil, total, err
	}
	total.Volunteers = vol.Volunteers
	return out, total, nil
}

// branchFigures are one branch's figures.
func (s *Store) branchFigures(ctx context.Context, branch int64, loc *time.Location, from, to, now time.Time) (domain.BranchFigures, error) {
	var f domain.BranchFigures
	rows, err := s.ReportRowsIn(ctx, []int64{branch}, loc, from, to, now)
	if err != nil {
		return f, err
	}
	f.AddRows(rows)
	vol, err := s.VolunteerHoursBetween(ctx, []int64{branch}, loc, from, to)
	if err != nil {
		return f, err
	}
	f.Volunteers, f.Hours = vol.Volunteers, vol.Total
	f.Reached, err = s.reached(ctx, branch, from, to)
	return f, err
}

// reached counts the distinct participants of the branch (0: of any
// branch) who said yes to or came to one of its events in [from, to), or
// follow one of its activities that existed then.
func (s *Store) reached(ctx context.Context, branch int64, from, to time.Time) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM (
		SELECT i.member_id FROM event_invitations i JOIN events e ON e.id = i.event_id
			WHERE e.cancelled_at IS NULL AND e.starts_at >= ? AND e.starts_at < ? AND (? = 0 OR e.branch_id = ?)
			AND (i.answer = 'yes' OR i.present = 1) AND i.member_id IS NOT NULL
		UNION
		SELECT f.member_id FROM activity_followers f JOIN activities a ON a.id = f.activity_id
			WHERE coalesce(a.first_day, a.created_at) < ? AND (a.archived_at IS NULL OR a.archived_at > ?) AND (? = 0 OR a.branch_id = ?)
	) p WHERE p.member_id IN (SELECT member_id FROM member_branches WHERE role = 'participant' AND (? = 0 OR branch_id = ?))`,
		utc(from), utc(to), branch, branch, utc(to), utc(from), branch, branch, branch, branch)
	if err != nil {
		return 0, fmt.Errorf("participants reached: %w", err)
	}
	return n, nil
}
