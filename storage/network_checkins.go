package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The scheduler's part of network families: one reminder to a side that
// has not answered a proposal in three days, the lapse after seven (the
// coordinator told; the household keeps its place on the waiting list),
// and the regular check-in to both sides of an active match. Each step is
// written with its notice in one transaction, so it happens once.

// followRow is an open proposal or active match as the scheduler needs it.
type followRow struct {
	matchRow
	ProposedAt time.Time    `db:"proposed_at"`
	RemindedAt sql.NullTime `db:"reminded_at"`
	StartedAt  sql.NullTime `db:"started_at"`
	Settings   string       `db:"settings"`
}

// ClaimNetworkNotices decides every reminder, lapse and check-in due at
// now, and deletes the details of matches closed more than keepMonths ago
// (domain.DefaultMatchKeepMonths when 0).
func (s *Store) ClaimNetworkNotices(ctx context.Context, now time.Time, keepMonths int) (domain.ClaimResult, error) {
	if keepMonths <= 0 {
		keepMonths = domain.DefaultMatchKeepMonths
	}
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.ClaimResult{}
		if err := pruneNetwork(ctx, tx, now.AddDate(0, -keepMonths, 0)); err != nil {
			return err
		}
		var rows []followRow
		if err := tx.SelectContext(ctx, &rows, `SELECT `+matchRowCols+`, m.proposed_at, m.reminded_at, m.started_at, b.settings
			FROM network_matches m JOIN referrals r ON r.id = m.referral_id JOIN branches b ON b.id = m.branch_id
			WHERE m.state IN ('proposed', 'active') AND m.volunteer_id IS NOT NULL ORDER BY m.id`); err != nil {
			return err
		}
		for _, m := range rows {
			next, queued, err := followUp(ctx, tx, m, now)
			if err != nil {
				return fmt.Errorf("match %d: %w", m.ID, err)
			}
			res.Queued += queued
			if !next.IsZero() && (res.Next.IsZero() || next.Before(res.Next)) {
				res.Next = next
			}
		}
		return nil
	})
	return res, err
}

// followUp takes m's step due at now, returning when its next falls due
// and how many notices it queued.
func followUp(ctx context.Context, tx *sqlx.Tx, m followRow, now time.Time) (time.Time, int, error) {
	if m.State == "active" {
		var last time.Time
		if err := tx.GetContext(ctx, &last, `SELECT asked_at FROM network_checkins WHERE match_id = ? ORDER BY asked_at DESC LIMIT 1`, m.ID); err != nil && err != sql.ErrNoRows {
			return time.Time{}, 0, err
		}
		due, next := domain.CheckinDue(m.StartedAt.Time, last, domain.CheckinDays(m.Settings), now)
		if !due {
			return next, 0, nil
		}
		since := m.StartedAt.Time
		if last.After(since) {
			since = last
		}
		n, err := askCheckin(ctx, tx, m.matchRow, since, now)
		return next, n, err
	}
	step, next := domain.DecideProposal(m.ProposedAt, m.RemindedAt.Time, now)
	switch step {
	case domain.ProposalRemind:
		if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET reminded_at = ? WHERE id = ?`, utc(now), m.ID); err != nil {
			return next, 0, err
		}
		return next, 1, remindProposal(ctx, tx, m.matchRow, now)
	case domain.ProposalLapse:
		return next, 1, lapseProposal(ctx, tx, m.matchRow, now)
	}
	return next, 0, nil
}

// waitingOn is the side of an open proposal that has not answered.
func waitingOn(m matchRow) string {
	if m.VolunteerAnswer == "" {
		return domain.SideVolunteer
	}
	return domain.SideHousehold
}

// remindProposal sends the card again to the side that has not answered.
func remindProposal(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time) error {
	if waitingOn(m) == domain.SideVolunteer {
		card, err := householdCard(ctx, tx, m.ReferralID)
		if err != nil {
			return err
		}
		return tellNetworkMember(ctx, tx, m.VolunteerID.Int64, now, domain.NoticeNetworkProposal,
			domain.NetworkMatchValues{Match: m.ID, Household: &card, Reminder: true})
	}
	card, err := volunteerCard(ctx, tx, m.VolunteerID.Int64)
	if err != nil {
		return err
	}
	v := domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Volunteer: &card, Reminder: true}
	if m.Household.Valid {
		return tellNetworkMember(ctx, tx, m.Household.Int64, now, domain.NoticeNetworkAsk, v)
	}
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkRecord, v)
}

// lapseProposal closes a proposal nobody answered in time and tells the
// coordinator; the referral's waiting_since is kept, so the household is
// back at the top of the waiting list.
func lapseProposal(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET state = 'lapsed' WHERE id = ?`, m.ID); err != nil {
		return err
	}
	if err := tallyNetwork(ctx, tx, m.BranchID, now, "lapsed", ""); err != nil {
		return err
	}
	if err := tellNetworkMember(ctx, tx, m.VolunteerID.Int64, now, domain.NoticeNetworkClosed,
		domain.NetworkMatchValues{Match: m.ID, Side: waitingOn(m)}); err != nil {
		return err
	}
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkLapsed,
		domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Side: waitingOn(m)})
}

// askCheckin asks both sides of m (the household when it is in the chat)
// whether they met since since.
func askCheckin(ctx context.Context, tx *sqlx.Tx, m matchRow, since, now time.Time) (int, error) {
	sides := []struct {
		side string
		who  sql.NullInt64
	}{{domain.SideVolunteer, m.VolunteerID}, {domain.SideHousehold, m.Household}}
	n := 0
	for _, s := range sides {
		if !s.who.Valid {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO network_checkins (match_id, side, asked_at) VALUES (?, ?, ?)`, m.ID, s.side, utc(now)); err != nil {
			return n, err
		}
		if err := tellNetworkMember(ctx, tx, s.who.Int64, now, domain.NoticeNetworkCheckin,
			domain.NetworkMatchValues{Match: m.ID, Side: s.side, Since: since}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// AnswerCheckin records member's tap on the last check-in of the active
// match id (they must be one of its sides, in SQL) and returns their side.
// Only the tap and its date are kept; 🆘 goes to the branch's
// coordinators at once.
func (s *Store) AnswerCheckin(ctx context.Context, id, member int64, answer string, now time.Time) (string, error) {
	var side string
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var m matchRow
		if err := tx.GetContext(ctx, &m, `SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id
			WHERE m.id = ? AND m.state = 'active' AND (m.volunteer_id = ?2 OR r.member_id = ?2)`, id, member); err != nil {
			return notFound(err, fmt.Sprintf("match %d", id))
		}
		side = domain.SideHousehold
		if m.VolunteerID.Int64 == member {
			side = domain.SideVolunteer
		}
		res, err := tx.ExecContext(ctx, `UPDATE network_checkins SET answer = ?, answered_at = ? WHERE match_id = ? AND side = ? AND answer = ''
			AND asked_at = (SELECT max(asked_at) FROM network_checkins WHERE match_id = ? AND side = ?)`, answer, utc(now), id, side, id, side)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrCheckinAnswered
		}
		if err := tallyNetwork(ctx, tx, m.BranchID, now, "checkin_answered", answer); err != nil {
			return err
		}
		if answer == domain.CheckinMet {
			if err := tallyNetwork(ctx, tx, m.BranchID, now, "met", ""); err != nil {
				return err
			}
		}
		if answer != domain.CheckinHelp {
			return nil
		}
		card, err := volunteerCard(ctx, tx, m.VolunteerID.Int64)
		if err != nil {
			return err
		}
		m.ProposedBy = sql.NullInt64{} // every coordinator of the branch, at once
		return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkHelp,
			domain.NetworkMatchValues{Match: id, Referral: m.ReferralID, Side: side, Name: card.FirstName})
	})
	if err != nil {
		return "", fmt.Errorf("answer check-in of match %d: %w", id, err)
	}
	return side, nil
}
