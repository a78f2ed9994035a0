package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/bot/rsvp"
)

// Invitation is one household's answer to an event: a member's, or one a
// coordinator recorded for a household without Telegram (MemberID invalid,
// Name set).
type Invitation struct {
	ID           int64         `db:"id"`
	EventID      int64         `db:"event_id"`
	MemberID     sql.NullInt64 `db:"member_id"`
	Name         string        `db:"name"` // recorded households only
	Answer       string        `db:"answer"`
	Adults       int           `db:"adults"`
	Children     int           `db:"children"`
	WaitingSince *time.Time    `db:"waiting_since"`
	OfferUntil   *time.Time    `db:"offer_until"`
	Present      sql.NullBool  `db:"present"`
	SeenVersion  int           `db:"seen_version"` // the event's version the household last saw
	UpdatedAt    time.Time     `db:"updated_at"`
	// DisplayName is the member's name (coordinators' lists), or Name.
	DisplayName string `db:"display_name"`
}

const invitationCols = `i.id, i.event_id, i.member_id, i.name, i.answer, i.adults, i.children, i.waiting_since, i.offer_until, i.present, i.seen_version, i.updated_at,
	coalesce(m.display_name, i.name) AS display_name`

// Heads is adults and children.
func (i Invitation) Heads() int { return i.Adults + i.Children }

// Recorded reports whether a coordinator recorded this household (no Telegram).
func (i Invitation) Recorded() bool { return !i.MemberID.Valid }

// Household is the invitation as the rsvp rules see it.
func (i Invitation) Household() rsvp.Household {
	h := rsvp.Household{ID: i.ID, Answer: rsvp.Answer(i.Answer), Heads: i.Heads()}
	if i.WaitingSince != nil {
		h.WaitingSince = *i.WaitingSince
	}
	if i.OfferUntil != nil {
		h.OfferUntil = *i.OfferUntil
	}
	return h
}

func households(is []Invitation) []rsvp.Household {
	out := make([]rsvp.Household, len(is))
	for i, x := range is {
		out[i] = x.Household()
	}
	return out
}

// EventNotices renders the messages events cause, each in its member's
// language. Storage calls them inside the transaction that decides them.
type EventNotices interface {
	Invitation(m Member, e Event) Outgoing
	Offer(m Member, e Event, inv Invitation) Outgoing
	OfferLapsed(m Member, e Event) Outgoing
	Changed(m Member, e Event, inv Invitation) Outgoing // a new time or place, or cancelled
	StillComing(m Member, e Event, inv Invitation) Outgoing
	Reminder(m Member, e Event, inv Invitation) Outgoing
}

func loadInvitations(ctx context.Context, q sqlx.QueryerContext, eventID int64) ([]Invitation, error) {
	var is []Invitation
	err := sqlx.SelectContext(ctx, q, &is, `SELECT `+invitationCols+` FROM event_invitations i
		LEFT JOIN members m ON m.id = i.member_id WHERE i.event_id = ? ORDER BY i.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("invitations of event %d: %w", eventID, err)
	}
	return is, nil
}

// Invitations lists every household invited to or recorded for an event.
func (s *Store) Invitations(ctx context.Context, eventID int64) ([]Invitation, error) {
	return loadInvitations(ctx, s.r, eventID)
}

// MyInvitation is member's own answer to an event, or ErrNotInvited.
func (s *Store) MyInvitation(ctx context.Context, eventID, memberID int64) (Invitation, error) {
	var is []Invitation
	err := s.r.SelectContext(ctx, &is, `SELECT `+invitationCols+` FROM event_invitations i
		LEFT JOIN members m ON m.id = i.member_id WHERE i.event_id = ? AND i.member_id = ?`, eventID, memberID)
	if err != nil {
		return Invitation{}, fmt.Errorf("invitation of %d to event %d: %w", memberID, eventID, err)
	}
	if len(is) == 0 {
		return Invitation{}, ErrNotInvited
	}
	return is[0], nil
}

// RSVP is a household's answer: yes with heads, no, maybe, or confirming
// offered seats ("keep": also the ✅ of "still coming?").
type RSVP struct {
	EventID, MemberID int64
	Answer            rsvp.Answer // Yes, No, Maybe; Offered means "confirm what I have"
	Adults, Children  int
}

// RSVPResult is what an answer became.
type RSVPResult struct {
	Event      Event
	Invitation Invitation
	Outcome    rsvp.Outcome // for yes: seated, waitlisted, or kept (more did not fit)
	Place      int          // place on the waitlist, when waiting
	Promoted   int          // households offered seats because of this answer
}

// Answer records a household's answer in one transaction that applies the
// rules of package rsvp (deadline, who fits, who is promoted) and queues
// the offers it causes, so two households tapping for the last seats at the
// same moment cannot both get them.
func (s *Store) Answer(ctx context.Context, a RSVP, now time.Time, render EventNotices) (RSVPResult, error) {
	var res RSVPResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = RSVPResult{}
		e, err := eventByID(ctx, tx, a.EventID)
		if err != nil {
			return err
		}
		if e.Cancelled() {
			return ErrEventGone
		}
		var mine []Invitation
		if err := tx.SelectContext(ctx, &mine, `SELECT `+invitationCols+` FROM event_invitations i LEFT JOIN members m ON m.id = i.member_id
			WHERE i.event_id = ? AND i.member_id = ?`, e.ID, a.MemberID); err != nil {
			return err
		}
		if len(mine) == 0 {
			return ErrNotInvited
		}
		self := mine[0]
		hs, err := seatState(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		h := self.Household()
		change := rsvp.Answering
		switch a.Answer {
		case rsvp.No:
			change = rsvp.Declining
		case rsvp.Offered:
			change = rsvp.Confirming
			if h.Answer == rsvp.Yes { // "still coming?" ✅: nothing to change
				change = rsvp.Declining
			}
		}
		if err := rsvp.Allowed(change, h, now, e.RSVPBy, e.StartsAt); err != nil {
			return err
		}
		answer, adults, children := string(a.Answer), self.Adults, self.Children
		waitingSince, offerUntil := self.WaitingSince, self.OfferUntil
		switch a.Answer {
		case rsvp.Yes:
			adults, children = a.Adults, a.Children
			if adults < 1 || adults > 99 || children < 0 || children > 99 {
				return fmt.Errorf("%w: %d adults, %d children", ErrInvalidEvent, adults, children)
			}
			res.Outcome = rsvp.DecideYes(e.Cap(), hs, self.ID, adults+children)
			switch res.Outcome {
			case rsvp.Seated:
				waitingSince, offerUntil = nil, nil
			case rsvp.Waitlist:
				answer, offerUntil = string(rsvp.Waiting), nil
				if waitingSince == nil {
					t := utc(rsvp.JoinAt(hs, now))
					waitingSince = &t
				}
			case rsvp.Kept:
				answer, adults, children = self.Answer, self.Adults, self.Children
			}
		case rsvp.Offered:
			if h.Answer == rsvp.Offered || h.Answer == rsvp.Yes {
				answer, waitingSince, offerUntil = string(rsvp.Yes), nil, nil
			}
		case rsvp.No, rsvp.Maybe:
			waitingSince, offerUntil = nil, nil
		default:
			return fmt.Errorf("%w: answer %q", ErrInvalidEvent, a.Answer)
		}
		_, err = tx.ExecContext(ctx, `UPDATE event_invitations SET answer = ?, adults = ?, children = ?, waiting_since = ?,
			offer_until = ?, seen_version = ?, updated_at = ? WHERE id = ?`, answer, adults, children, waitingSince, offerUntil, e.Version, utc(now), self.ID)
		if err != nil {
			return err
		}
		self.Answer, self.Adults, self.Children, self.WaitingSince, self.OfferUntil = answer, adults, children, waitingSince, offerUntil
		self.SeenVersion, self.UpdatedAt = e.Version, utc(now)
		hs = replaceHousehold(hs, self.Household())
		if res.Promoted, hs, err = promote(ctx, tx, e, now, render, hs); err != nil {
			return err
		}
		for _, x := range hs {
			if x.ID == self.ID && x.Answer == rsvp.Offered { // offered the seats it waited for, at once
				self.Answer = string(rsvp.Offered)
				u := x.OfferUntil
				self.OfferUntil = &u
			}
		}
		res.Event, res.Invitation, res.Place = e, self, rsvp.Place(hs, self.ID)
		return nil
	})
	if err != nil {
		return RSVPResult{}, fmt.Errorf("answer event %d: %w", a.EventID, err)
	}
	return res, nil
}

// seatState is what the rules need of an event's answers: the households
// holding seats or waiting for them (the others count for nothing). It is
// read with a plain scan, as it runs for every answer.
func seatState(ctx context.Context, tx *sqlx.Tx, eventID int64) ([]rsvp.Household, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, answer, adults + children, waiting_since, offer_until FROM event_invitations
		WHERE event_id = ? AND answer IN ('yes', 'offered', 'waiting')`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []rsvp.Household
	for rows.Next() {
		var h rsvp.Household
		var answer string
		var since, until sql.NullTime
		if err := rows.Scan(&h.ID, &answer, &h.Heads, &since, &until); err != nil {
			return nil, err
		}
		h.Answer, h.WaitingSince, h.OfferUntil = rsvp.Answer(answer), since.Time, until.Time
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// replaceHousehold puts h in place of the household with its id (adding
// it, or leaving it out when its answer holds no seat and waits for none).
func replaceHousehold(hs []rsvp.Household, h rsvp.Household) []rsvp.Household {
	out := hs[:0:0]
	for _, x := range hs {
		if x.ID != h.ID {
			out = append(out, x)
		}
	}
	if h.HoldsSeats() || h.Answer == rsvp.Waiting {
		out = append(out, h)
	}
	return out
}

// promote offers free seats to the earliest waiting households that fit
// (rsvp.Promote), each told in its language, and returns hs with the
// offers made. Recorded households (no Telegram) are never on the waitlist.
func promote(ctx context.Context, tx *sqlx.Tx, e Event, now time.Time, render EventNotices, hs []rsvp.Household) (int, []rsvp.Household, error) {
	if e.Cancelled() || !now.Before(e.StartsAt) {
		return 0, hs, nil
	}
	ids := rsvp.Promote(e.Cap(), hs)
	until := rsvp.OfferUntil(now, e.OfferWindow(), e.StartsAt)
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE event_invitations SET answer = 'offered', offer_until = ?, seen_version = ?, updated_at = ? WHERE id = ?`,
			utc(until), e.Version, utc(now), id); err != nil {
			return 0, hs, err
		}
		for k := range hs {
			if hs[k].ID == id {
				hs[k].Answer, hs[k].OfferUntil = rsvp.Offered, utc(until)
			}
		}
		var inv Invitation
		if err := tx.GetContext(ctx, &inv, `SELECT `+invitationCols+` FROM event_invitations i LEFT JOIN members m ON m.id = i.member_id
			WHERE i.id = ?`, id); err != nil {
			return 0, hs, err
		}
		m, err := memberInTx(ctx, tx, inv.MemberID.Int64)
		if err != nil {
			return 0, hs, err
		}
		if !m.Reachable {
			continue // the offer stands and lapses on its own, passing the seats on
		}
		out := render.Offer(m, e, inv)
		out.ExpiresAt = until
		if _, err := enqueueOne(ctx, tx, now, out); err != nil {
			return 0, hs, err
		}
	}
	return len(ids), hs, nil
}

func memberInTx(ctx context.Context, tx *sqlx.Tx, id int64) (Member, error) {
	var m Member
	if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
		return m, notFound(err, fmt.Sprintf("member %d", id))
	}
	return m, nil
}

// WaitlistPlace is a household's place on the event's waitlist (1 = next),
// 0 when it is not waiting.
func (s *Store) WaitlistPlace(ctx context.Context, eventID, invitationID int64) (int, error) {
	is, err := loadInvitations(ctx, s.r, eventID)
	if err != nil {
		return 0, err
	}
	return rsvp.Place(households(is), invitationID), nil
}
