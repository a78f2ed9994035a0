package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// ShiftClaimNotices renders the scheduled messages of shifts, each in its
// recipient's language.
type ShiftClaimNotices struct {
	Reminder    ShiftNotice                                                              // to each person on a shift, the day before
	Alert       func(m domain.Member, sl domain.ShiftSlot, canTake bool) domain.Outgoing // a shift still lacks people; canTake: with a ✋ button
	Certificate func(coord domain.Member, v domain.Volunteer) domain.Outgoing            // a certificate runs out soon
}

// ClaimShiftNotices decides, in one transaction, every shift notice due at
// now, through the notices ledger so that each is queued exactly once:
//   - the reminder the day before, to those signed up by its due time;
//   - the staffing alert of a shift meeting that lacks people, once per
//     meeting and person, to every volunteer who may take it (a day earlier
//     to those who speak its language wish) and to the coordinators;
//   - a certificate that runs out within 30 days, once to each coordinator.
//
// Shifts that have begun get nothing: a late reminder or alert is noise.
func (s *Store) ClaimShiftNotices(ctx context.Context, loc *time.Location, now time.Time, set domain.ShiftSettings, msgs ShiftClaimNotices) (domain.ClaimResult, error) {
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.ClaimResult{}
		next := func(t time.Time) {
			if t.After(now) && (res.Next.IsZero() || t.Before(res.Next)) {
				res.Next = t
			}
		}
		horizon := now.Add(time.Duration(set.AlertDays+2) * 24 * time.Hour)
		slots, err := shiftSlots(ctx, tx, loc, now.Add(time.Second), horizon, 0)
		if err != nil {
			return err
		}
		vs, err := volunteers(ctx, tx)
		if err != nil {
			return err
		}
		for _, sl := range slots {
			subject := shiftSubject(sl)
			due := set.ReminderDue(sl.Start, loc)
			if due.After(now) {
				next(due)
			} else if len(sl.People) > 0 {
				var since []struct {
					MemberID  int64     `db:"member_id"`
					CreatedAt time.Time `db:"created_at"`
				}
				if err := tx.SelectContext(ctx, &since, `SELECT member_id, created_at FROM shift_signups WHERE shift_id = ? AND slot = ?`,
					sl.Shift.ID, utc(sl.Slot)); err != nil {
					return err
				}
				signed := map[int64]time.Time{}
				for _, x := range since {
					signed[x.MemberID] = x.CreatedAt
				}
				for _, m := range sl.People {
					if !m.Reachable || !domain.ReminderEligible(signed[m.ID], due) {
						continue
					}
					render := func() domain.Outgoing {
						out := msgs.Reminder(m, sl)
						out.ExpiresAt = sl.Start
						return out
					}
					key := fmt.Sprintf("shiftremind:%s>%d:%d", subject, sl.Start.Unix(), m.ID)
					if err := claimNotice(ctx, tx, key, subject, m.ID, due, now, render, &res); err != nil {
						return err
					}
				}
			}
			if sl.Free() == 0 {
				continue
			}
			for _, v := range vs {
				if !v.Reachable || sl.Has(v.ID) {
					continue
				}
				coord := v.Role == domain.RoleCoordinator
				may := domain.MayTake(v, sl.Shift, sl.Start, now, len(sl.People), loc) == nil
				if !may && !coord {
					continue
				}
				due := set.AlertDue(sl.Shift, sl.Start, loc, v.Speaks(sl.Shift.Language))
				if due.After(now) {
					next(due)
					continue
				}
				render := func() domain.Outgoing {
					out := msgs.Alert(v.Member, sl, may)
					out.ExpiresAt = sl.Start
					return out
				}
				key := alertKey(sl, v.ID)
				if err := claimNotice(ctx, tx, key, subject, v.ID, due, now, render, &res); err != nil {
					return err
				}
			}
		}
		return claimCertificates(ctx, tx, loc, now, vs, msgs, &res)
	})
	if err != nil {
		return domain.ClaimResult{}, fmt.Errorf("claim shift notices: %w", err)
	}
	return res, nil
}

// claimCertificates flags each certificate that runs out within 30 days to
// every coordinator, once per recorded date.
func claimCertificates(ctx context.Context, tx *sqlx.Tx, loc *time.Location, now time.Time, vs []domain.Volunteer, msgs ShiftClaimNotices, res *domain.ClaimResult) error {
	var coords []domain.Member
	for _, v := range vs {
		if v.Role == domain.RoleCoordinator && v.Reachable {
			coords = append(coords, v.Member)
		}
	}
	for _, v := range vs {
		if !domain.CertificateExpiring(v.CertValidUntil, now, loc) {
			continue
		}
		for _, c := range coords {
			key := fmt.Sprintf("cert:%d:%s:%d", v.ID, v.CertValidUntil.Format("2006-01-02"), c.ID)
			render := func() domain.Outgoing { return msgs.Certificate(c, v) }
			if err := claimNotice(ctx, tx, key, certSubject(v.ID), c.ID, now, now, render, res); err != nil {
				return err
			}
		}
	}
	return nil
}

// claimNotice queues render()'s message under key unless it was decided
// before, counting it in res.
func claimNotice(ctx context.Context, tx *sqlx.Tx, key, subject string, memberID int64, due, now time.Time, render func() domain.Outgoing, res *domain.ClaimResult) error {
	ok, err := record(ctx, tx, now, entry{Key: key, Subject: subject, MemberID: memberID, Due: due,
		Out: func() (domain.Outgoing, error) { return render(), nil }})
	if ok {
		res.Queued++
	}
	return err
}

// shiftSubject names one shift meeting in the notices ledger.
func shiftSubject(sl domain.ShiftSlot) string {
	return fmt.Sprintf("shift:%d@%s", sl.Shift.ID, sl.Slot.UTC().Format(time.RFC3339))
}

// alertKey is the notices key of the staffing alert of a shift meeting for
// one member: one alert per shift meeting and person.
func alertKey(sl domain.ShiftSlot, memberID int64) string {
	return fmt.Sprintf("shiftalert:%s:%d", shiftSubject(sl), memberID)
}
