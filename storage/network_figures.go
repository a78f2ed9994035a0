package storage

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// NetworkFigures counts the network families of branches (nil: every
// branch) for the period [from, to) and, for what is now, at now: the
// referrals and how long households wait from the referrals themselves,
// the steps of proposals and matches from the tally, which outlives the
// details.
func (s *Store) NetworkFigures(ctx context.Context, branches []int64, from, to, now time.Time) (domain.NetworkFigures, error) {
	var f domain.NetworkFigures
	in := func(q string, args ...any) (string, []any, error) {
		if branches == nil {
			return q + ` AND 1 = 1`, args, nil
		}
		return sqlx.In(q+` AND branch_id IN (?)`, append(args, orNone(branches))...)
	}
	q, args, err := in(`SELECT count(*) FROM referrals WHERE created_at >= ? AND created_at < ?`, utc(from), utc(to))
	if err != nil {
		return f, err
	}
	if err := s.r.GetContext(ctx, &f.Referrals, s.r.Rebind(q), args...); err != nil {
		return f, err
	}
	var since []time.Time
	if q, args, err = in(`SELECT waiting_since FROM referrals WHERE withdrawn_at IS NULL AND closed_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM network_matches m WHERE m.referral_id = referrals.id AND m.state IN ('proposed', 'active'))`); err != nil {
		return f, err
	}
	if err := s.r.SelectContext(ctx, &since, s.r.Rebind(q), args...); err != nil {
		return f, err
	}
	f.Waiting, f.MedianWaitDays = len(since), domain.MedianDays(since, now)
	if q, args, err = in(`SELECT count(*) FROM network_matches WHERE state = 'active'`); err != nil {
		return f, err
	}
	if err := s.r.GetContext(ctx, &f.Active, s.r.Rebind(q), args...); err != nil {
		return f, err
	}
	var tally []struct {
		Month  string `db:"month"`
		What   string `db:"what"`
		Reason string `db:"reason"`
		N      int    `db:"n"`
	}
	if q, args, err = in(`SELECT month, what, reason, n FROM network_tally WHERE month >= ? AND month < ?`,
		from.UTC().Format("2006-01"), to.UTC().AddDate(0, 0, -1).AddDate(0, 1, 0).Format("2006-01")); err != nil {
		return f, err
	}
	if err := s.r.SelectContext(ctx, &tally, s.r.Rebind(q+` ORDER BY month, what, reason`), args...); err != nil {
		return f, err
	}
	for _, t := range tally {
		addTally(&f, t.Month, t.What, t.Reason, t.N)
	}
	return f, nil
}

// addTally adds one tally row to f.
func addTally(f *domain.NetworkFigures, month, what, reason string, n int) {
	counts := map[string]*int{"proposed": &f.Proposed, "accepted": &f.Accepted, "declined": &f.Declined, "lapsed": &f.Lapsed,
		"checkin_answered": &f.Checkins, "met": &f.Met}
	if c, ok := counts[what]; ok {
		*c += n
		return
	}
	if what != "started" && what != "ended" {
		return
	}
	if len(f.Months) == 0 || f.Months[len(f.Months)-1].Month != month {
		f.Months = append(f.Months, domain.NetworkMonth{Month: month, Ended: map[string]int{}})
	}
	m := &f.Months[len(f.Months)-1]
	if what == "started" {
		m.Started += n
	} else {
		m.Ended[reason] += n
	}
}
