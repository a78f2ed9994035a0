package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// Endings: either side or a coordinator ends a match with a reason; both
// sides are thanked, the coordinator told, and the household waits again
// only when it asks for a new network family. Withdrawn consent or a
// forgotten side ends every open proposal and match at once, the other
// side told only that it ended. The pair is never proposed again (the
// match row keeps it); the details go after the keeping time.

// EndRequest is a member ending a match: one of its sides, or a
// coordinator of one of Branches.
type EndRequest struct {
	Match    int64
	By       int64
	Branches []int64
	Reason   string // one of domain.EndReasons
}

// EndMatch ends the active match r names, if r.By may, and returns the
// side that ended it.
func (s *Store) EndMatch(ctx context.Context, r EndRequest, now time.Time) (string, error) {
	if !validEndReason(r.Reason) {
		return "", fmt.Errorf("end reason %q: %w", r.Reason, domain.ErrNotFound)
	}
	var side string
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		q, args, err := sqlx.In(`SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id
			WHERE m.id = ? AND (m.volunteer_id = ? OR r.member_id = ? OR m.branch_id IN (?))`, r.Match, r.By, r.By, orNone(r.Branches))
		if err != nil {
			return err
		}
		var m matchRow
		if err := tx.GetContext(ctx, &m, tx.Rebind(q), args...); err != nil {
			return notFound(err, fmt.Sprintf("match %d", r.Match))
		}
		if m.State != "active" {
			return domain.ErrMatchEnded
		}
		switch {
		case m.VolunteerID.Valid && m.VolunteerID.Int64 == r.By:
			side = domain.SideVolunteer
		case m.Household.Valid && m.Household.Int64 == r.By:
			side = domain.SideHousehold
		default:
			side = domain.SideCoordinator
		}
		return endMatch(ctx, tx, m, side, r.By, r.Reason, now)
	})
	if err != nil {
		return "", fmt.Errorf("end match %d: %w", r.Match, err)
	}
	return side, nil
}

func validEndReason(reason string) bool {
	for _, r := range domain.EndReasons {
		if r == reason {
			return true
		}
	}
	return false
}

// endMatch ends m (active, or a proposal when a side is gone), ended by
// side (member by), counts it and tells everyone but by. The household's
// referral closes until it asks again.
func endMatch(ctx context.Context, tx *sqlx.Tx, m matchRow, side string, by int64, reason string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET state = 'ended', ended_at = ?, end_reason = ?, ended_by = ? WHERE id = ?`,
		utc(now), reason, side, m.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE referrals SET closed_at = ? WHERE id = ? AND closed_at IS NULL`, utc(now), m.ReferralID); err != nil {
		return err
	}
	if err := tallyNetwork(ctx, tx, m.BranchID, now, "ended", reason); err != nil {
		return err
	}
	name := ""
	if m.VolunteerID.Valid {
		if err := tx.GetContext(ctx, &name, `SELECT display_name FROM members WHERE id = ?`, m.VolunteerID.Int64); err != nil && err != sql.ErrNoRows {
			return err
		}
	}
	v := domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Reason: reason, By: side, Name: domain.FirstName(name)}
	if m.State == "active" {
		for _, to := range []struct {
			side string
			who  sql.NullInt64
		}{{domain.SideVolunteer, m.VolunteerID}, {domain.SideHousehold, m.Household}} {
			if !to.who.Valid || to.who.Int64 == by {
				continue
			}
			v.Side = to.side
			if err := tellNetworkMember(ctx, tx, to.who.Int64, now, domain.NoticeNetworkEnded, v); err != nil {
				return err
			}
		}
	}
	v.Side = ""
	if side == domain.SideCoordinator {
		return nil // the coordinator who ended it knows
	}
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkEnded, v)
}

// endMatchesOf ends at once every open proposal and active match of
// member (a network family or a household's contact person) for reason
// (domain.EndConsent, domain.EndForgotten): the other side is told only
// that it ended. Storage's Forget calls it before the member goes.
func endMatchesOf(ctx context.Context, tx *sqlx.Tx, member int64, reason string, now time.Time) error {
	var ms []matchRow
	if err := tx.SelectContext(ctx, &ms, `SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id
		WHERE m.state IN ('proposed', 'active') AND (m.volunteer_id = ?1 OR r.member_id = ?1)`, member); err != nil {
		return err
	}
	for _, m := range ms {
		side := domain.SideHousehold
		if m.VolunteerID.Valid && m.VolunteerID.Int64 == member {
			side = domain.SideVolunteer
		}
		if err := endMatch(ctx, tx, m, side, member, reason, now); err != nil {
			return err
		}
	}
	return nil
}

// endReferralMatches ends every open proposal and active match of the
// referral, when the household withdraws its consent, and reports how many.
// endMatch tells the other side of an active match; a network family asked
// by a proposal is told too (domain.NoticeNetworkConsentEnded), so that it
// does not wait for an answer that will not come.
func endReferralMatches(ctx context.Context, tx *sqlx.Tx, referral int64, now time.Time) (int, error) {
	var ms []matchRow
	if err := tx.SelectContext(ctx, &ms, `SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id
		WHERE m.state IN ('proposed', 'active') AND m.referral_id = ?`, referral); err != nil {
		return 0, err
	}
	for _, m := range ms {
		if err := endMatch(ctx, tx, m, domain.SideHousehold, m.Household.Int64, domain.EndConsent, now); err != nil {
			return 0, err
		}
		if m.State == "proposed" && m.VolunteerID.Valid {
			if err := tellEnded(ctx, tx, m.VolunteerID.Int64, m.ID, now); err != nil {
				return 0, err
			}
		}
	}
	return len(ms), nil
}

// AskNewMatch puts the household (member, the referral's contact person)
// whose match id ended back on the waiting list from now, and tells the
// coordinator.
func (s *Store) AskNewMatch(ctx context.Context, id, member int64, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		var m matchRow
		if err := tx.GetContext(ctx, &m, `SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id
			WHERE m.id = ? AND r.member_id = ? AND m.state = 'ended' AND r.withdrawn_at IS NULL`, id, member); err != nil {
			return notFound(err, fmt.Sprintf("match %d", id))
		}
		res, err := tx.ExecContext(ctx, `UPDATE referrals SET closed_at = NULL, waiting_since = ?, updated_at = ? WHERE id = ? AND closed_at IS NOT NULL`,
			utc(now), utc(now), m.ReferralID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrProposalClosed
		}
		return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkAgain, domain.NetworkMatchValues{Match: id, Referral: m.ReferralID})
	})
}

// pruneNetwork deletes the details of proposals and matches that closed
// before before: their check-ins, reasons and who proposed or recorded,
// and the contact details of households whose referral closed or was
// withdrawn then. The pair stays, so it is never proposed again, and the
// tally keeps the counts.
func pruneNetwork(ctx context.Context, tx *sqlx.Tx, before time.Time) error {
	const old = `SELECT id FROM network_matches WHERE state IN ('ended', 'declined', 'lapsed') AND coalesce(ended_at, proposed_at) < ?`
	for _, q := range []string{
		`DELETE FROM network_checkins WHERE match_id IN (` + old + `)`,
		`UPDATE network_matches SET decline_reason = '', proposed_by = NULL, household_recorded_by = NULL, reminded_at = NULL WHERE id IN (` + old + `)`,
		`UPDATE referrals SET contact_name = '', contact_phone = '', contact_address = '' WHERE coalesce(withdrawn_at, closed_at) < ?
			AND NOT EXISTS (SELECT 1 FROM network_matches WHERE referral_id = referrals.id AND state IN ('proposed', 'active'))`,
	} {
		if _, err := tx.ExecContext(ctx, q, utc(before)); err != nil {
			return err
		}
	}
	return nil
}
