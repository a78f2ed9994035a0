package storage

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// A volunteer's offer to be a network family: one per person, in the
// branch they offered it in. Pausing and stopping keep the offer (a
// stopped family is never suggested, its active matches stay until
// ended); nothing here ends a match.

// offerCodes is a JSON list of codes in a network_offers column.
type offerCodes []string

func (c offerCodes) Value() (driver.Value, error) {
	if c == nil {
		c = offerCodes{}
	}
	b, err := json.Marshal([]string(c))
	return string(b), err
}

func (c *offerCodes) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*c = nil
		return nil
	default:
		return fmt.Errorf("offer codes: unexpected %T", src)
	}
	return json.Unmarshal(b, (*[]string)(c))
}

// offerRow is a network_offers row, with the count of households proposed
// or matched now and the certificate's last valid day.
type offerRow struct {
	MemberID    int64        `db:"member_id"`
	BranchID    int64        `db:"branch_id"`
	Kind        string       `db:"kind"`
	Languages   offerCodes   `db:"languages"`
	Postcode    int          `db:"postcode"`
	Free        offerCodes   `db:"free"`
	Help        offerCodes   `db:"help"`
	Capacity    int          `db:"capacity"`
	Hello       string       `db:"hello"`
	Hellos      domain.Texts `db:"hellos"`
	Contact     string       `db:"contact"`
	PausedUntil *time.Time   `db:"paused_until"`
	StoppedAt   *time.Time   `db:"stopped_at"`
	Active      int          `db:"active"`
	CertUntil   *time.Time   `db:"cert_valid_until"`
	TZ          string       `db:"tz"`
	// LeftRole: no longer a volunteer or coordinator of the offer's branch
	// (a role taken away, or moved): read as stopped.
	LeftRole bool `db:"left_role"`
}

const offerSelect = `SELECT o.member_id, o.branch_id, o.kind, o.languages, o.postcode, o.free, o.help, o.capacity,
	o.hello, o.hellos, o.contact, o.paused_until, o.stopped_at,
	(SELECT count(*) FROM network_matches x WHERE x.volunteer_id = o.member_id AND x.state IN ('proposed', 'active')) AS active,
	p.cert_valid_until, b.tz,
	NOT EXISTS (SELECT 1 FROM member_branches mb WHERE mb.member_id = o.member_id AND mb.branch_id = o.branch_id
		AND mb.role IN ('volunteer', 'coordinator')) AS left_role
	FROM network_offers o JOIN branches b ON b.id = o.branch_id
	LEFT JOIN volunteer_profiles p ON p.member_id = o.member_id`

// card turns the row into the offer as read on now (the zero time: the
// certificate is not judged): the certificate is valid when its last
// valid day is the branch's local day of now or later. locs keeps the
// branches' time zones loaded once per read.
func (r offerRow) card(now time.Time, locs map[string]*time.Location) domain.OfferCard {
	loc, ok := locs[r.TZ]
	if !ok {
		var err error
		if loc, err = time.LoadLocation(r.TZ); err != nil || r.TZ == "" {
			loc = time.UTC
		}
		locs[r.TZ] = loc
	}
	v := domain.Volunteer{CertValidUntil: r.CertUntil}
	valid := !now.IsZero() && v.CertValidOn(now, loc)
	return domain.OfferCard{
		Offer: domain.Offer{MemberID: r.MemberID, BranchID: r.BranchID, Kind: r.Kind, Languages: r.Languages,
			Postcode: r.Postcode, Free: r.Free, Help: r.Help, Capacity: r.Capacity, Active: r.Active,
			PausedUntil: r.PausedUntil, Stopped: r.StoppedAt != nil || r.LeftRole, CertValid: valid},
		Hello: r.Hello, Hellos: r.Hellos, Contact: r.Contact,
	}
}

// NetworkOffers is every offer of branch as the matching rule reads it on
// now: how many households each has now (proposed or matched), whether
// their child protection certificate is valid, paused and stopped ones
// included (domain.Suggest says why they are left out). A member who is no
// longer a volunteer or coordinator of the branch is read as stopped.
func (s *Store) NetworkOffers(ctx context.Context, branch int64, now time.Time) ([]domain.Offer, error) {
	var rows []offerRow
	if err := s.r.SelectContext(ctx, &rows, offerSelect+` WHERE o.branch_id = ? ORDER BY o.member_id`, branch); err != nil {
		return nil, fmt.Errorf("network offers of branch %d: %w", branch, err)
	}
	out := make([]domain.Offer, len(rows))
	locs := map[string]*time.Location{}
	for i, r := range rows {
		out[i] = r.card(now, locs).Offer
	}
	return out, nil
}

// Offer reads member's own offer (domain.ErrNotFound when they have none).
// Its CertValid is not set: the chat says until when the certificate is
// valid from the volunteer's profile (Store.Volunteer).
func (s *Store) Offer(ctx context.Context, member int64) (domain.OfferCard, error) {
	var r offerRow
	if err := s.r.GetContext(ctx, &r, offerSelect+` WHERE o.member_id = ?`, member); err != nil {
		return domain.OfferCard{}, notFound(err, fmt.Sprintf("offer of %d", member))
	}
	return r.card(time.Time{}, map[string]*time.Location{}), nil
}

// UpsertOffer saves the member's offer in branch, where they must be a
// volunteer or coordinator (else domain.ErrOtherBranch). Changing it keeps
// its pause and stop; an offer made in another branch moves to branch
// (its matches stay where they were made).
func (s *Store) UpsertOffer(ctx context.Context, branch int64, c domain.OfferCard, now time.Time) error {
	if err := c.Check(); err != nil {
		return err
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM member_branches WHERE member_id = ? AND branch_id = ?
			AND role IN ('volunteer', 'coordinator')`, c.MemberID, branch); err != nil {
			return err
		}
		if n == 0 {
			return domain.ErrOtherBranch
		}
		hellos := c.Hellos
		if hellos == nil {
			hellos = domain.Texts{}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, free, help,
			capacity, hello, hellos, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (member_id) DO UPDATE SET branch_id = excluded.branch_id, kind = excluded.kind,
			languages = excluded.languages, postcode = excluded.postcode, free = excluded.free, help = excluded.help,
			capacity = excluded.capacity, hello = excluded.hello, hellos = excluded.hellos, contact = excluded.contact,
			updated_at = excluded.updated_at`,
			c.MemberID, branch, c.Kind, offerCodes(c.Languages), c.Postcode, offerCodes(c.Free), offerCodes(c.Help),
			c.Capacity, c.Hello, hellos, c.Contact, utc(now), utc(now))
		return err
	})
	if err != nil {
		return fmt.Errorf("save offer of %d: %w", c.MemberID, err)
	}
	return nil
}

// PauseOffer pauses the member's offer until until ("not now, until …"):
// they are not suggested before it.
func (s *Store) PauseOffer(ctx context.Context, member int64, until, now time.Time) error {
	return s.setOffer(ctx, member, `paused_until = ?2, stopped_at = NULL`, utc(until), utc(now))
}

// StopOffer stops the member's offer: never suggested again until they
// resume it. Matches proposed or active stay until they end.
func (s *Store) StopOffer(ctx context.Context, member int64, now time.Time) error {
	return s.setOffer(ctx, member, `stopped_at = ?2, paused_until = NULL`, utc(now), utc(now))
}

// ResumeOffer ends a pause or a stop.
func (s *Store) ResumeOffer(ctx context.Context, member int64, now time.Time) error {
	return s.setOffer(ctx, member, `paused_until = ?2, stopped_at = NULL`, nil, utc(now))
}

// setOffer changes the member's own offer (domain.ErrNotFound when none).
func (s *Store) setOffer(ctx context.Context, member int64, set string, v, now any) error {
	res, err := s.w.ExecContext(ctx, `UPDATE network_offers SET `+set+`, updated_at = ?3 WHERE member_id = ?1`, member, v, now)
	if err != nil {
		return fmt.Errorf("change offer of %d: %w", member, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("offer of %d: %w", member, domain.ErrNotFound)
	}
	return nil
}
