package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The household's own view of its referral: linked through its personal
// link, it reads what was recorded, corrects its languages and free
// times, and can withdraw its consent.

// LinkReferral links member, who opened the personal link code, to its
// referral as the contact person, and makes them a participant of the
// referral's branch. A code that names no referral, one withdrawn, or one
// another member was linked to is ErrNotFound.
func (s *Store) LinkReferral(ctx context.Context, code string, member int64, now time.Time) (ReferralCard, error) {
	var c ReferralCard
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var row referralRow
		if err := tx.GetContext(ctx, &row, `SELECT `+referralCols+` FROM referrals r WHERE r.join_code = ? AND r.withdrawn_at IS NULL
			AND (r.member_id IS NULL OR r.member_id = ?)`, code, member); err != nil {
			return notFound(err, "referral link")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET member_id = ?, updated_at = ? WHERE id = ?`, member, utc(now), row.ID); err != nil {
			return err
		}
		c = row.card()
		c.MemberID = member
		return joinBranch(ctx, tx, member, row.BranchID, domain.RoleParticipant, now)
	})
	if err != nil {
		return c, fmt.Errorf("link referral: %w", err)
	}
	return c, nil
}

// HouseholdReferral is the referral member is the linked contact person
// of (ErrNotFound if none, or withdrawn).
func (s *Store) HouseholdReferral(ctx context.Context, member int64) (ReferralCard, error) {
	var row referralRow
	if err := s.r.GetContext(ctx, &row, `SELECT `+referralCols+` FROM referrals r WHERE r.member_id = ? AND r.withdrawn_at IS NULL
		ORDER BY r.id DESC LIMIT 1`, member); err != nil {
		return ReferralCard{}, notFound(err, "household referral")
	}
	return row.card(), nil
}

// SetHouseholdChoices stores the languages and free times the household
// corrected on its own referral (at least one language).
func (s *Store) SetHouseholdChoices(ctx context.Context, member int64, langs, free []string, now time.Time) error {
	ref := domain.Referral{Adults: 1, Languages: langs, Free: free, Postcode: 1000}
	if err := ref.Check(); err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `UPDATE referrals SET languages = ?, free = ?, updated_at = ? WHERE member_id = ? AND withdrawn_at IS NULL`,
		jsonList(langs), jsonList(free), utc(now), member)
	if err != nil {
		return fmt.Errorf("household choices: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("household referral: %w", domain.ErrNotFound)
	}
	return nil
}

// WithdrawConsent records that the household withdrew its consent: its
// contact details and what they may share are blanked, and every proposal
// or match of the referral ends at once (end reason "consent",
// endReferralMatches: the network family is told only that it ended, the
// coordinators that the household withdrew). It returns how many ended.
func (s *Store) WithdrawConsent(ctx context.Context, member int64, now time.Time) (int, error) {
	var ended int
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var ref struct {
			ID int64 `db:"id"`
		}
		if err := tx.GetContext(ctx, &ref, `SELECT id FROM referrals WHERE member_id = ? AND withdrawn_at IS NULL ORDER BY id DESC LIMIT 1`, member); err != nil {
			return notFound(err, "household referral")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET withdrawn_at = ?1, updated_at = ?1, consent_name = 0, consent_phone = 0, consent_address = 0,
			contact_name = '', contact_phone = '', contact_address = '' WHERE id = ?2`, utc(now), ref.ID); err != nil {
			return err
		}
		var err error
		ended, err = endReferralMatches(ctx, tx, ref.ID, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("withdraw consent: %w", err)
	}
	return ended, nil
}

// tellEnded queues the network family's notice that match ended.
func tellEnded(ctx context.Context, tx *sqlx.Tx, volunteer, match int64, now time.Time) error {
	var v domain.Member
	if err := tx.GetContext(ctx, &v, `SELECT `+memberCols+` FROM members WHERE id = ?`, volunteer); err != nil {
		return notFound(err, "network family")
	}
	out, err := domain.NewNotice(domain.NoticeNetworkConsentEnded, v, domain.NetworkMatchValues{Match: match})
	if err != nil {
		return err
	}
	return enqueue(ctx, tx, now, out)
}
