package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const invitationCols = `i.id, i.event_id, i.member_id, i.name, i.answer, i.adults, i.children, i.waiting_since, i.offer_until, i.present, i.seen_version, i.updated_at,
	coalesce(m.display_name, i.name) AS display_name`

func households(is []domain.Invitation) []domain.Household {
	out := make([]domain.Household, len(is))
	for i, x := range is {
		out[i] = x.Household()
	}
	return out
}

func loadInvitations(ctx context.Context, q sqlx.QueryerContext, eventID int64) ([]domain.Invitation, error) {
	var is []domain.Invitation
	err := sqlx.SelectContext(ctx, q, &is, `SELECT `+invitationCols+` FROM event_invitations i
		LEFT JOIN members m ON m.id = i.member_id WHERE i.event_id = ? ORDER BY i.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("invitations of event %d: %w", eventID, err)
	}
	return is, nil
}

// Invitations lists every household invited to or recorded for an event
// of one of branches (ErrNotFound for an event of another branch).
func (s *Store) Invitations(ctx context.Context, branches []int64, eventID int64) ([]domain.Invitation, error) {
	var is []domain.Invitation
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := eventIn(ctx, tx, branches, eventID); err != nil {
			return err
		}
		var err error
		is, err = loadInvitations(ctx, tx, eventID)
		return err
	})
	return is, err
}

// MyInvitation is member's own answer to an event of one of branches, or
// ErrNotInvited (an event of another branch: ErrNotFound).
func (s *Store) MyInvitation(ctx context.Context, branches []int64, eventID, memberID int64) (domain.Invitation, error) {
	var is []domain.Invitation
	err := s.r.SelectContext(ctx, &is, `SELECT `+invitationCols+` FROM event_invitations i
		LEFT JOIN members m ON m.id = i.member_id WHERE i.event_id = ? AND i.member_id = ?
		AND i.event_id IN (SELECT id FROM events WHERE branch_id IN `+branchList(branches)+`)`, eventID, memberID)
	if err != nil {
		return domain.Invitation{}, fmt.Errorf("invitation of %d to event %d: %w", memberID, eventID, err)
	}
	if len(is) == 0 {
		if _, err := eventIn(ctx, s.r, branches, eventID); err != nil {
			return domain.Invitation{}, err // another branch's event is not found, as a stale button's
		}
		return domain.Invitation{}, domain.ErrNotInvited
	}
	return is[0], nil
}

// Answer records a household's answer to an event of one of branches (the
// member's own invitation; another branch's event is not found) in one transaction that applies the
// rules of storage/domain (deadline, who fits, who is promoted) and queues
// the offers it causes, so two households tapping for the last seats at the
// same moment cannot both get them.
func (s *Store) Answer(ctx context.Context, branches []int64, a domain.RSVP, now time.Time) (domain.RSVPResult, error) {
	var res domain.RSVPResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.RSVPResult{}
		e, self, hs, err := answering(ctx, tx, branches, a, now)
		if err != nil {
			return err
		}
		if self, res.Outcome, err = applyAnswer(self, e, hs, a, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE event_invitations SET answer = ?, adults = ?, children = ?, waiting_since = ?,
			offer_until = ?, seen_version = ?, updated_at = ? WHERE id = ?`,
			self.Answer, self.Adults, self.Children, self.WaitingSince, self.OfferUntil, e.Version, utc(now), self.ID)
		if err != nil {
			return err
		}
		self.SeenVersion, self.UpdatedAt = e.Version, utc(now)
		hs = replaceHousehold(hs, self.Household())
		if res.Promoted, hs, err = promote(ctx, tx, e, now, hs); err != nil {
			return err
		}
		for _, x := range hs {
			if x.ID == self.ID && x.Answer == domain.AnswerOffered { // offered the seats it waited for, at once
				self.Answer = string(domain.AnswerOffered)
				u := x.OfferUntil
				self.OfferUntil = &u
			}
		}
		res.Event, res.Invitation, res.Place = e, self, domain.WaitlistPosition(hs, self.ID)
		if e.Cap() > 0 {
			res.Free = domain.SeatsFree(e.Cap(), hs)
		}
		return nil
	})
	if err != nil {
		return domain.RSVPResult{}, fmt.Errorf("answer event %d: %w", a.EventID, err)
	}
	return res, nil
}

// answering reads what answer a needs, in its transaction: the event (not
// cancelled), the member's invitation to it and the event's seats, and
// checks that the answer is allowed at now.
func answering(ctx context.Context, tx *sqlx.Tx, branches []int64, a domain.RSVP, now time.Time) (domain.Event, domain.Invitation, []domain.Household, error) {
	e, err := eventIn(ctx, tx, branches, a.EventID)
	if err != nil {
		return e, domain.Invitation{}, nil, err
	}
	if e.Cancelled() {
		return e, domain.Invitation{}, nil, domain.ErrEventGone
	}
	var mine []domain.Invitation
	if err := tx.SelectContext(ctx, &mine, `SELECT `+invitationCols+` FROM event_invitations i LEFT JOIN members m ON m.id = i.member_id
		WHERE i.event_id = ? AND i.member_id = ?`, e.ID, a.MemberID); err != nil {
		return e, domain.Invitation{}, nil, err
	}
	if len(mine) == 0 {
		return e, domain.Invitation{}, nil, domain.ErrNotInvited
	}
	self := mine[0]
	hs, err := seatState(ctx, tx, e.ID)
	if err != nil {
		return e, self, nil, err
	}
	h := self.Household()
	change := domain.Answering
	switch a.Answer {
	case domain.AnswerNo:
		change = domain.Declining
	case domain.AnswerOffered:
		change = domain.Confirming
		if h.Answer == domain.AnswerYes { // "still coming?" ✅: nothing to change
			change = domain.Declining
		}
	}
	return e, self, hs, domain.AnswerAllowed(change, h, now, e.RSVPBy, e.StartsAt)
}

// applyAnswer is the invitation self after answer a, by the rules of
// storage/domain, and for a yes whether it is seated, waitlisted or kept.
func applyAnswer(self domain.Invitation, e domain.Event, hs []domain.Household, a domain.RSVP, now time.Time) (domain.Invitation, domain.YesOutcome, error) {
	next := self
	next.Answer = string(a.Answer)
	var outcome domain.YesOutcome
	switch a.Answer {
	case domain.AnswerYes:
		next.Adults, next.Children = a.Adults, a.Children
		if next.Adults < 1 || next.Adults > 99 || next.Children < 0 || next.Children > 99 {
			return self, outcome, fmt.Errorf("%w: %d adults, %d children", domain.ErrInvalidEvent, next.Adults, next.Children)
		}
		outcome = domain.DecideYes(e.Cap(), hs, self.ID, next.Heads())
		switch outcome {
		case domain.Seated:
			next.WaitingSince, next.OfferUntil = nil, nil
		case domain.Waitlist:
			next.Answer, next.OfferUntil = string(domain.AnswerWaiting), nil
			if next.WaitingSince == nil {
				t := utc(domain.JoinAt(hs, now))
				next.WaitingSince = &t
			}
		case domain.Kept:
			next = self
		}
	case domain.AnswerOffered:
		if h := self.Household(); h.Answer == domain.AnswerOffered || h.Answer == domain.AnswerYes {
			next.Answer, next.WaitingSince, next.OfferUntil = string(domain.AnswerYes), nil, nil
		}
	case domain.AnswerNo, domain.AnswerMaybe:
		next.WaitingSince, next.OfferUntil = nil, nil
	default:
		return self, outcome, fmt.Errorf("%w: answer %q", domain.ErrInvalidEvent, a.Answer)
	}
	return next, outcome, nil
}

// seatState is what the rules need of an event's answers: the households
// holding seats or waiting for them (the others count for nothing). It is
// read with a plain scan, as it runs for every answer.
func seatState(ctx context.Context, tx *sqlx.Tx, eventID int64) ([]domain.Household, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, answer, adults + children, waiting_since, offer_until FROM event_invitations
		WHERE event_id = ? AND answer IN ('yes', 'offered', 'waiting')`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []domain.Household
	for rows.Next() {
		var h domain.Household
		var answer string
		var since, until sql.NullTime
		if err := rows.Scan(&h.ID, &answer, &h.Heads, &since, &until); err != nil {
			return nil, err
		}
		h.Answer, h.WaitingSince, h.OfferUntil = domain.Answer(answer), since.Time, until.Time
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// replaceHousehold puts h in place of the household with its id (adding
// it, or leaving it out when its answer holds no seat and waits for none).
func replaceHousehold(hs []domain.Household, h domain.Household) []domain.Household {
	out := hs[:0:0]
	for _, x := range hs {
		if x.ID != h.ID {
			out = append(out, x)
		}
	}
	if h.HoldsSeats() || h.Answer == domain.AnswerWaiting {
		out = append(out, h)
	}
	return out
}

// promote offers free seats to the earliest waiting households that fit
// (domain.PromoteWaiting), each told (domain.NoticeEventOffer), and returns
// hs with the offers made. Recorded households (no Telegram) are never on
// the waitlist.
func promote(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time, hs []domain.Household) (int, []domain.Household, error) {
	if e.Cancelled() || !now.Before(e.StartsAt) {
		return 0, hs, nil
	}
	ids := domain.PromoteWaiting(e.Cap(), hs)
	until := domain.OfferUntil(now, e.OfferWindow(), e.StartsAt)
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE event_invitations SET answer = 'offered', offer_until = ?, seen_version = ?, updated_at = ? WHERE id = ?`,
			utc(until), e.Version, utc(now), id); err != nil {
			return 0, hs, err
		}
		for k := range hs {
			if hs[k].ID == id {
				hs[k].Answer, hs[k].OfferUntil = domain.AnswerOffered, utc(until)
			}
		}
		var inv domain.Invitation
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
		label, err := branchLabel(ctx, tx, m.ID, e)
		if err != nil {
			return 0, hs, err
		}
		out, err := domain.NewNotice(domain.NoticeEventOffer, m,
			domain.EventOfferValues{Event: e, Adults: inv.Adults, Children: inv.Children, Until: *inv.OfferUntil, Branch: label})
		if err != nil {
			return 0, hs, err
		}
		if _, err := enqueueOne(ctx, tx, now, out.Expiring(until)); err != nil {
			return 0, hs, err
		}
	}
	return len(ids), hs, nil
}

func memberInTx(ctx context.Context, tx *sqlx.Tx, id int64) (domain.Member, error) {
	var m domain.Member
	if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
		return m, notFound(err, fmt.Sprintf("member %d", id))
	}
	return m, nil
}

// WaitlistPlace is a household's place on the waitlist of an event of one
// of branches (1 = next), 0 when it is not waiting.
func (s *Store) WaitlistPlace(ctx context.Context, branches []int64, eventID, invitationID int64) (int, error) {
	is, err := s.Invitations(ctx, branches, eventID)
	if err != nil {
		return 0, err
	}
	return domain.WaitlistPosition(households(is), invitationID), nil
}
