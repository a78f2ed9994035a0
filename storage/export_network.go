package storage

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// ExportNetwork is what the network families' part of Vejviser holds
// about a member: their offer to be a network family, the referral they
// are the contact person of, their proposals and matches (with the other
// side named only as the bot showed it), and what they did as a
// coordinator.
type ExportNetwork struct {
	Offer     []ExportNetworkOffer `json:"offer"`
	Referral  []ExportReferral     `json:"referral_about_your_household"`
	Matches   []ExportNetworkMatch `json:"matches"`
	DoneByYou ExportNetworkActs    `json:"done_by_you"`
}

// ExportNetworkOffer is a volunteer's offer to be a network family.
type ExportNetworkOffer struct {
	Kind        string     `db:"kind" json:"who"`
	Languages   string     `db:"languages" json:"languages"`
	Postcode    int        `db:"postcode" json:"postcode"`
	Free        string     `db:"free" json:"free"`
	Help        string     `db:"help" json:"help"`
	Capacity    int        `db:"capacity" json:"households"`
	Hello       string     `db:"hello" json:"hello"`
	Hellos      string     `db:"hellos" json:"hello_in_other_languages"`
	Contact     string     `db:"contact" json:"contact_you_share"`
	PausedUntil *time.Time `db:"paused_until" json:"paused_until,omitempty"`
	StoppedAt   *time.Time `db:"stopped_at" json:"stopped,omitempty"`
}

// ExportReferral is what was recorded about the household of the member
// who is its contact person.
type ExportReferral struct {
	Adults    int       `db:"adults" json:"adults"`
	ChildAges string    `db:"child_ages" json:"children_ages"`
	Languages string    `db:"languages" json:"languages"`
	Postcode  int       `db:"postcode" json:"postcode"`
	Town      string    `db:"town" json:"town"`
	Help      string    `db:"help" json:"help_wanted"`
	Free      string    `db:"free" json:"free"`
	Wish      string    `db:"wish" json:"wish"`
	WishText  string    `db:"wish_text" json:"wish_text"`
	Name      string    `db:"contact_name" json:"first_name_shared"`
	Phone     string    `db:"contact_phone" json:"phone_shared"`
	Address   string    `db:"contact_address" json:"address_shared"`
	ConsentAt time.Time `db:"consent_date" json:"consent_date"`
	How       string    `db:"consent_how" json:"consent_given"`
}

// ExportNetworkMatch is a proposal or match the member is a side of.
type ExportNetworkMatch struct {
	State      string     `db:"state" json:"state"`
	ProposedAt time.Time  `db:"proposed_at" json:"proposed"`
	StartedAt  *time.Time `db:"started_at" json:"started,omitempty"`
	EndedAt    *time.Time `db:"ended_at" json:"ended,omitempty"`
	EndReason  string     `db:"end_reason" json:"end_reason,omitempty"`
}

// ExportNetworkActs counts what a coordinator did in the network families'
// part.
type ExportNetworkActs struct {
	Referrals int `db:"referrals" json:"referrals_recorded"`
	Proposals int `db:"proposals" json:"proposals_made"`
	Recorded  int `db:"recorded" json:"household_answers_recorded"`
}

// exportNetwork reads the network families' part of an export.
func exportNetwork(ctx context.Context, tx *sqlx.Tx, id int64, e *Export) error {
	n := &e.Network
	n.Offer, n.Referral, n.Matches = []ExportNetworkOffer{}, []ExportReferral{}, []ExportNetworkMatch{}
	return errors.Join(
		tx.SelectContext(ctx, &n.Offer, `SELECT kind, languages, postcode, free, help, capacity, hello, hellos, contact, paused_until, stopped_at
			FROM network_offers WHERE member_id = ?`, id),
		tx.SelectContext(ctx, &n.Referral, `SELECT adults, child_ages, languages, postcode, town, help, free, wish, wish_text,
			contact_name, contact_phone, contact_address, consent_date, consent_how FROM referrals WHERE member_id = ?`, id),
		tx.SelectContext(ctx, &n.Matches, `SELECT m.state, m.proposed_at, m.started_at, m.ended_at, m.end_reason FROM network_matches m
			WHERE m.volunteer_id = ?1 OR m.referral_id IN (SELECT id FROM referrals WHERE member_id = ?1) ORDER BY m.id`, id),
		tx.GetContext(ctx, &n.DoneByYou, `SELECT
			(SELECT count(*) FROM referrals WHERE created_by = ?1) AS referrals,
			(SELECT count(*) FROM network_matches WHERE proposed_by = ?1) AS proposals,
			(SELECT count(*) FROM network_matches WHERE household_recorded_by = ?1) AS recorded`, id),
	)
}

// The network families' columns that refer to a member all show in its
// part of the export.
func init() {
	for _, c := range []string{"referrals.member_id", "referrals.created_by", "network_offers.member_id",
		"network_matches.volunteer_id", "network_matches.household_recorded_by", "network_matches.proposed_by"} {
		exportColumns[c] = "network_families"
	}
}
