package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// MatchAttention is an active match a coordinator should look at, and why
// (any of the four).
type MatchAttention struct {
	MatchID    int64  `db:"id"`
	ReferralID int64  `db:"referral_id"`
	Name       string `db:"name"` // the network family's first name
	// Help: the newest answer of a side to a check-in was 🆘.
	Help bool `db:"help"`
	// NoMeeting: active for four weeks with no "we met" in them.
	NoMeeting bool `db:"no_meeting"`
	// Unanswered: a side left its last two check-ins unanswered.
	Unanswered bool `db:"unanswered"`
	// CertLapsed: the household has children and the volunteer's child
	// certificate is missing or has run out.
	CertLapsed bool `db:"cert_lapsed"`
}

// noMeetingFor is how long an active match may go without "we met".
const noMeetingFor = 28 * 24 * time.Hour

// NeedAttention lists the active matches of branches that need a
// coordinator's attention, oldest match first. It only reads the
// check-ins; they are asked and answered elsewhere.
func (s *Store) NeedAttention(ctx context.Context, branches []int64, loc *time.Location, now time.Time) ([]MatchAttention, error) {
	cut := utc(now.Add(-noMeetingFor))
	q, args, err := sqlx.In(`SELECT x.id, x.referral_id, coalesce(m.display_name, '') AS name,
		EXISTS (SELECT 1 FROM network_checkins c WHERE c.match_id = x.id AND c.answer = 'help'
			AND NOT EXISTS (SELECT 1 FROM network_checkins c2 WHERE c2.match_id = x.id AND c2.side = c.side AND c2.answered_at > c.answered_at)) AS help,
		(x.started_at < ? AND NOT EXISTS (SELECT 1 FROM network_checkins c WHERE c.match_id = x.id AND c.answer = 'met' AND c.answered_at >= ?)) AS no_meeting,
		EXISTS (SELECT 1 FROM (SELECT 'volunteer' AS side UNION ALL SELECT 'household') sd WHERE
			(SELECT count(*) FROM network_checkins c WHERE c.match_id = x.id AND c.side = sd.side AND c.answer = ''
				AND c.asked_at > coalesce((SELECT max(c3.asked_at) FROM network_checkins c3 WHERE c3.match_id = x.id AND c3.side = sd.side AND c3.answer != ''), '')) >= 2) AS unanswered,
		(r.child_ages != '[]' AND coalesce(p.cert_valid_until < ?, 1)) AS cert_lapsed
		FROM network_matches x JOIN referrals r ON r.id = x.referral_id
		LEFT JOIN members m ON m.id = x.volunteer_id LEFT JOIN volunteer_profiles p ON p.member_id = x.volunteer_id
		WHERE x.state = 'active' AND x.branch_id IN (?) ORDER BY x.started_at, x.id`, cut, cut, domain.DayOf(now, loc), orNone(branches))
	if err != nil {
		return nil, err
	}
	var all []MatchAttention
	if err := s.r.SelectContext(ctx, &all, q, args...); err != nil {
		return nil, fmt.Errorf("matches needing attention: %w", err)
	}
	var out []MatchAttention
	for _, a := range all {
		if a.Help || a.NoMeeting || a.Unanswered || a.CertLapsed {
			out = append(out, a)
		}
	}
	return out, nil
}
