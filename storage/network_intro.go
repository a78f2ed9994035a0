package storage

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// startMatch makes m active once both said yes and introduces the two
// sides, co-signed by the coordinator who proposed it (or recorded the
// household's answer): the network family's first name and chosen contact
// always, the household's details only those it consented to.
func startMatch(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET state = 'active', started_at = ? WHERE id = ?`, utc(now), m.ID); err != nil {
		return err
	}
	for _, what := range []string{"accepted", "started"} {
		if err := tallyNetwork(ctx, tx, m.BranchID, now, what, ""); err != nil {
			return err
		}
	}
	in, err := introduction(ctx, tx, m, now)
	if err != nil {
		return err
	}
	v := domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Intro: &in, Side: domain.SideVolunteer}
	if err := tellNetworkMember(ctx, tx, m.VolunteerID.Int64, now, domain.NoticeNetworkIntro, v); err != nil {
		return err
	}
	if m.Household.Valid {
		v.Side = domain.SideHousehold
		if err := tellNetworkMember(ctx, tx, m.Household.Int64, now, domain.NoticeNetworkIntro, v); err != nil {
			return err
		}
	}
	v.Side = ""
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkStarted, v)
}

// introduction reads what each side may be given of the other.
func introduction(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time) (domain.Introduction, error) {
	var row struct {
		Volunteer string         `db:"volunteer"`
		Contact   string         `db:"contact"`
		Name      string         `db:"contact_name"`
		Phone     string         `db:"contact_phone"`
		Address   string         `db:"contact_address"`
		Postcode  int            `db:"postcode"`
		Town      string         `db:"town"`
		Signer    sql.NullString `db:"signer"`
	}
	err := tx.GetContext(ctx, &row, `SELECT v.display_name AS volunteer, o.contact,
		CASE WHEN r.consent_name = 1 THEN r.contact_name ELSE '' END AS contact_name,
		CASE WHEN r.consent_phone = 1 THEN r.contact_phone ELSE '' END AS contact_phone,
		CASE WHEN r.consent_address = 1 THEN r.contact_address ELSE '' END AS contact_address,
		r.postcode, r.town,
		(SELECT display_name FROM members WHERE id = coalesce(?, ?)) AS signer
		FROM referrals r, network_offers o JOIN members v ON v.id = o.member_id
		WHERE r.id = ? AND o.member_id = ?`, nullID(m.ProposedBy.Int64), nullID(m.RecordedBy.Int64), m.ReferralID, m.VolunteerID.Int64)
	if err != nil {
		return domain.Introduction{}, notFound(err, "match")
	}
	return domain.Introduction{
		Coordinator: domain.FirstName(row.Signer.String), VolunteerName: domain.FirstName(row.Volunteer), VolunteerContact: row.Contact,
		HouseholdName: row.Name, HouseholdPhone: row.Phone, HouseholdAddress: row.Address,
		Postcode: row.Postcode, Town: row.Town, Started: now,
	}, nil
}
