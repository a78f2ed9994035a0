package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// ProposeMatch proposes the network family volunteer to the referral's
// household, for the coordinator by, in branch: one network_matches row in
// state proposed and, in the same transaction, the volunteer's card
// (domain.NoticeNetworkProposal). The referral and the offer must both be
// of branch (else ErrOtherBranch) and the pair never proposed before
// (else ErrProposalClosed). Nothing about the household is shared yet.
func (s *Store) ProposeMatch(ctx context.Context, branch, referral, volunteer, by int64, now time.Time) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var ok int
		if err := tx.GetContext(ctx, &ok, `SELECT count(*) FROM referrals r, network_offers o
			WHERE r.id = ?2 AND r.branch_id = ?1 AND r.withdrawn_at IS NULL
			AND o.member_id = ?3 AND o.branch_id = ?1 AND o.stopped_at IS NULL`, branch, referral, volunteer); err != nil {
			return err
		}
		if ok == 0 {
			return domain.ErrOtherBranch
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO network_matches (branch_id, referral_id, volunteer_id, proposed_by, proposed_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (referral_id, volunteer_id) DO NOTHING`, branch, referral, volunteer, nullID(by), utc(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrProposalClosed
		}
		id, _ = res.LastInsertId()
		if err := tallyNetwork(ctx, tx, branch, now, "proposed", ""); err != nil {
			return err
		}
		var m domain.Member
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, volunteer); err != nil {
			return notFound(err, "volunteer")
		}
		card, err := householdCard(ctx, tx, referral)
		if err != nil {
			return err
		}
		out, err := domain.NewNotice(domain.NoticeNetworkProposal, m, domain.NetworkMatchValues{Match: id, Household: &card})
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, out)
	})
	if err != nil {
		return 0, fmt.Errorf("propose match of referral %d: %w", referral, err)
	}
	return id, nil
}

// tallyNetwork counts one step of the network families in its branch and
// month: the counts outlive the details.
func tallyNetwork(ctx context.Context, tx *sqlx.Tx, branch int64, now time.Time, what, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO network_tally (branch_id, month, what, reason, n) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (branch_id, month, what, reason) DO UPDATE SET n = n + 1`, branch, now.UTC().Format("2006-01"), what, reason)
	return err
}

// householdCard is what a network family is shown of the referral before
// both said yes: no names, no contacts.
func householdCard(ctx context.Context, tx *sqlx.Tx, referral int64) (domain.HouseholdCard, error) {
	var row struct {
		Adults    int    `db:"adults"`
		ChildAges string `db:"child_ages"`
		Languages string `db:"languages"`
		Postcode  int    `db:"postcode"`
		Town      string `db:"town"`
		Help      string `db:"help"`
		Free      string `db:"free"`
		Wish      string `db:"wish"`
		WishText  string `db:"wish_text"`
	}
	if err := tx.GetContext(ctx, &row, `SELECT adults, child_ages, languages, postcode, town, help, free, wish, wish_text
		FROM referrals WHERE id = ?`, referral); err != nil {
		return domain.HouseholdCard{}, notFound(err, "referral")
	}
	c := domain.HouseholdCard{Adults: row.Adults, Postcode: row.Postcode, Town: row.Town, Wish: row.Wish, WishText: row.WishText}
	for _, f := range []struct {
		src string
		dst any
	}{{row.ChildAges, &c.ChildAges}, {row.Languages, &c.Languages}, {row.Help, &c.Help}, {row.Free, &c.Free}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return c, fmt.Errorf("referral %d: %w", referral, err)
		}
	}
	return c, nil
}
