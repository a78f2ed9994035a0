package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// ReferralContact is what the household agreed may be passed on to a
// volunteer once both said yes; a detail not agreed to is never stored.
type ReferralContact struct {
	Name    string
	Phone   string
	Address string
}

// OpenMatch is a proposal or match of a referral still in play: who the
// network family is and how far it got.
type OpenMatch struct {
	ID          int64  `db:"id"`
	VolunteerID int64  `db:"volunteer_id"`
	Name        string `db:"name"`
	State       string `db:"state"`
}

// ReferralCard is a referral as its coordinator sees it.
type ReferralCard struct {
	domain.Referral
	Contact   ReferralContact
	JoinCode  string
	MemberID  int64 // the contact person, once linked through their join code
	Withdrawn bool
	Open      []OpenMatch
}

// referralRow is a referrals row as SQL reads it.
type referralRow struct {
	ID           int64      `db:"id"`
	BranchID     int64      `db:"branch_id"`
	Adults       int        `db:"adults"`
	ChildAges    string     `db:"child_ages"`
	Languages    string     `db:"languages"`
	Postcode     int        `db:"postcode"`
	Town         string     `db:"town"`
	Help         string     `db:"help"`
	Free         string     `db:"free"`
	Wish         string     `db:"wish"`
	WishText     string     `db:"wish_text"`
	CName        bool       `db:"consent_name"`
	CPhone       bool       `db:"consent_phone"`
	CAddress     bool       `db:"consent_address"`
	Name         string     `db:"contact_name"`
	Phone        string     `db:"contact_phone"`
	Address      string     `db:"contact_address"`
	ConsentDate  time.Time  `db:"consent_date"`
	ConsentHow   string     `db:"consent_how"`
	WithdrawnAt  *time.Time `db:"withdrawn_at"`
	MemberID     *int64     `db:"member_id"`
	JoinCode     *string    `db:"join_code"`
	WaitingSince time.Time  `db:"waiting_since"`
}

const referralCols = `r.id, r.branch_id, r.adults, r.child_ages, r.languages, r.postcode, r.town, r.help, r.free, r.wish, r.wish_text,
	r.consent_name, r.consent_phone, r.consent_address, r.contact_name, r.contact_phone, r.contact_address,
	r.consent_date, r.consent_how, r.withdrawn_at, r.member_id, r.join_code, r.waiting_since`

func (row referralRow) card() ReferralCard {
	c := ReferralCard{Referral: domain.Referral{ID: row.ID, BranchID: row.BranchID, Adults: row.Adults, Postcode: row.Postcode,
		Town: row.Town, Wish: row.Wish, WishText: row.WishText, WaitingSince: row.WaitingSince,
		Consent: domain.Consent{FirstName: row.CName, Phone: row.CPhone, Address: row.CAddress, Date: row.ConsentDate, How: row.ConsentHow}},
		Contact: ReferralContact{Name: row.Name, Phone: row.Phone, Address: row.Address}, Withdrawn: row.WithdrawnAt != nil}
	_ = json.Unmarshal([]byte(row.ChildAges), &c.ChildAges)
	_ = json.Unmarshal([]byte(row.Languages), &c.Languages)
	_ = json.Unmarshal([]byte(row.Help), &c.Help)
	_ = json.Unmarshal([]byte(row.Free), &c.Free)
	if row.MemberID != nil {
		c.MemberID = *row.MemberID
	}
	if row.JoinCode != nil {
		c.JoinCode = *row.JoinCode
	}
	return c
}

// jsonList is a list as the referral's JSON columns hold it: [] for none.
func jsonList[T any](xs []T) string {
	if len(xs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(xs)
	return string(b)
}

// consented blanks the details the household did not agree to pass on.
func consented(c domain.Consent, ct ReferralContact) ReferralContact {
	if !c.FirstName {
		ct.Name = ""
	}
	if !c.Phone {
		ct.Phone = ""
	}
	if !c.Address {
		ct.Address = ""
	}
	return ct
}

// CreateReferral records a household referred to branch by the coordinator
// by, with a fresh personal join code, and counts it. Contact details are
// kept only where the household consented.
func (s *Store) CreateReferral(ctx context.Context, branch int64, ref domain.Referral, ct ReferralContact, by int64, now time.Time) (int64, error) {
	if err := ref.Check(); err != nil {
		return 0, err
	}
	code, err := referralCode()
	if err != nil {
		return 0, err
	}
	ct = consented(ref.Consent, ct)
	var id int64
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO referrals (branch_id, adults, child_ages, languages, postcode, town, help, free, wish, wish_text,
			consent_name, consent_phone, consent_address, contact_name, contact_phone, contact_address, consent_date, consent_how,
			join_code, waiting_since, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			branch, ref.Adults, jsonList(ref.ChildAges), jsonList(ref.Languages), ref.Postcode, ref.Town, jsonList(ref.Help), jsonList(ref.Free),
			ref.Wish, ref.WishText, ref.Consent.FirstName, ref.Consent.Phone, ref.Consent.Address, ct.Name, ct.Phone, ct.Address,
			utc(ref.Consent.Date), ref.Consent.How, code, utc(now), nullID(by), utc(now), utc(now))
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		return tallyNetwork(ctx, tx, branch, now, "referred", "")
	})
	if err != nil {
		return 0, fmt.Errorf("create referral: %w", err)
	}
	return id, nil
}

// UpdateReferral changes what was recorded about referral ref.ID, which
// must be of one of branches and not withdrawn (else ErrNotFound).
func (s *Store) UpdateReferral(ctx context.Context, branches []int64, ref domain.Referral, ct ReferralContact, now time.Time) error {
	if err := ref.Check(); err != nil {
		return err
	}
	ct = consented(ref.Consent, ct)
	q, args, err := sqlx.In(`UPDATE referrals SET adults = ?, child_ages = ?, languages = ?, postcode = ?, town = ?, help = ?, free = ?,
		wish = ?, wish_text = ?, consent_name = ?, consent_phone = ?, consent_address = ?, contact_name = ?, contact_phone = ?,
		contact_address = ?, consent_date = ?, consent_how = ?, updated_at = ?
		WHERE id = ? AND withdrawn_at IS NULL AND branch_id IN (?)`,
		ref.Adults, jsonList(ref.ChildAges), jsonList(ref.Languages), ref.Postcode, ref.Town, jsonList(ref.Help), jsonList(ref.Free),
		ref.Wish, ref.WishText, ref.Consent.FirstName, ref.Consent.Phone, ref.Consent.Address, ct.Name, ct.Phone, ct.Address,
		utc(ref.Consent.Date), ref.Consent.How, utc(now), ref.ID, orNone(branches))
	if err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("update referral %d: %w", ref.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("referral %d: %w", ref.ID, domain.ErrOtherBranch)
	}
	return nil
}

// Referral reads referral id of one of branches, with the network
// families it was proposed to (Before) and those still in play (Open).
func (s *Store) Referral(ctx context.Context, branches []int64, id int64) (ReferralCard, error) {
	var c ReferralCard
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		var row referralRow
		q, args, err := sqlx.In(`SELECT `+referralCols+` FROM referrals r WHERE r.id = ? AND r.branch_id IN (?)`, id, orNone(branches))
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &row, q, args...); err != nil {
			return notFound(err, fmt.Sprintf("referral %d", id))
		}
		c = row.card()
		if err := tx.SelectContext(ctx, &c.Before, `SELECT volunteer_id FROM network_matches
			WHERE referral_id = ? AND volunteer_id IS NOT NULL ORDER BY id`, id); err != nil {
			return err
		}
		return tx.SelectContext(ctx, &c.Open, `SELECT x.id, x.volunteer_id, coalesce(m.display_name, '') AS name, x.state
			FROM network_matches x JOIN members m ON m.id = x.volunteer_id
			WHERE x.referral_id = ? AND x.state IN ('proposed', 'active') ORDER BY x.id`, id)
	})
	if err != nil {
		return c, fmt.Errorf("read referral: %w", err)
	}
	return c, nil
}

// waitingWhere is a referral waiting for a network family: not withdrawn,
// not closed (its match ended and it has not asked for a new one), nothing
// proposed or active now.
const waitingWhere = `r.withdrawn_at IS NULL AND r.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM network_matches x
	WHERE x.referral_id = r.id AND x.state IN ('proposed', 'active'))`

// WaitingReferrals lists the referrals of branches waiting for a network
// family, those waiting longest first, each with the families it was
// proposed to before.
func (s *Store) WaitingReferrals(ctx context.Context, branches []int64) ([]domain.Referral, error) {
	var rows []referralRow
	q, args, err := sqlx.In(`SELECT `+referralCols+` FROM referrals r WHERE `+waitingWhere+` AND r.branch_id IN (?)
		ORDER BY r.waiting_since, r.id`, orNone(branches))
	if err != nil {
		return nil, err
	}
	if err := s.r.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("waiting referrals: %w", err)
	}
	var before []struct {
		Referral  int64 `db:"referral_id"`
		Volunteer int64 `db:"volunteer_id"`
	}
	q, args, err = sqlx.In(`SELECT x.referral_id, x.volunteer_id FROM network_matches x JOIN referrals r ON r.id = x.referral_id
		WHERE x.volunteer_id IS NOT NULL AND `+waitingWhere+` AND r.branch_id IN (?)`, orNone(branches))
	if err != nil {
		return nil, err
	}
	if err := s.r.SelectContext(ctx, &before, q, args...); err != nil {
		return nil, fmt.Errorf("waiting referrals' proposals: %w", err)
	}
	at := map[int64]int{}
	out := make([]domain.Referral, len(rows))
	for i, row := range rows {
		out[i], at[row.ID] = row.card().Referral, i
	}
	for _, b := range before {
		out[at[b.Referral]].Before = append(out[at[b.Referral]].Before, b.Volunteer)
	}
	return out, nil
}

// referralCode is a fresh, unguessable payload for a household's
// personal link ("r" and 12 hex digits).
func referralCode() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("referral code: %w", err)
	}
	return "r" + hex.EncodeToString(b), nil
}
