package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// ClaimShiftNotices decides, in one transaction, every shift notice due at
// now, through the notices ledger so that each is queued exactly once:
//   - the reminder the day before, to those signed up by its due time;
//   - the staffing alert of a shift meeting that lacks people, once per
//     meeting and person, to every volunteer who may take it (a day earlier
//     to those who speak its language wish) and to the coordinators;
//   - a certificate that runs out within 30 days, once to each coordinator.
//
// Shifts that have begun get nothing: a late reminder or alert is noise.
//
// set is the environment's settings; a branch's own (domain.Branch.ShiftSettings)
// hold for its shifts.
func (s *Store) ClaimShiftNotices(ctx context.Context, loc *time.Location, now time.Time, set domain.ShiftSettings) (domain.ClaimResult, error) {
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.ClaimResult{}
		// Alerts go to the volunteers and coordinators of the shift's own
		// branch, with their role there, by its settings; certificates to
		// the coordinators of the volunteer's branches.
		var all []domain.Branch
		if err := tx.SelectContext(ctx, &all, `SELECT `+branchCols+` FROM branches ORDER BY id`); err != nil {
			return err
		}
		branches := make([]int64, len(all))
		sets := make(map[int64]domain.ShiftSettings, len(all))
		alertDays := set.AlertDays
		for i, b := range all {
			branches[i], sets[b.ID] = b.ID, b.ShiftSettings(set)
			alertDays = max(alertDays, sets[b.ID].AlertDays)
		}
		horizon := now.Add(time.Duration(alertDays+2) * 24 * time.Hour)
		slots, err := shiftSlots(ctx, tx, everyBranch, loc, now.Add(time.Second), horizon, 0)
		if err != nil {
			return err
		}
		vs := make(map[int64][]domain.Volunteer, len(branches))
		for _, b := range branches {
			if vs[b], err = volunteersOf(ctx, tx, b); err != nil {
				return err
			}
		}
		for _, sl := range slots {
			c := shiftClaim{ctx: ctx, tx: tx, loc: loc, now: now, set: sets[sl.Shift.BranchID], res: &res}
			if err := c.reminders(sl); err != nil {
				return err
			}
			if err := c.alerts(sl, vs[sl.Shift.BranchID]); err != nil {
				return err
			}
		}
		c := shiftClaim{ctx: ctx, tx: tx, loc: loc, now: now, set: set, res: &res}
		for _, b := range branches {
			if err := c.certificates(vs[b]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return domain.ClaimResult{}, fmt.Errorf("claim shift notices: %w", err)
	}
	return res, nil
}

// shiftClaim is one run of ClaimShiftNotices.
type shiftClaim struct {
	ctx context.Context
	tx  *sqlx.Tx
	loc *time.Location
	now time.Time
	set domain.ShiftSettings
	res *domain.ClaimResult
}

// next notes t as the next time something falls due, if it is the earliest.
func (c shiftClaim) next(t time.Time) {
	if t.After(c.now) && (c.res.Next.IsZero() || t.Before(c.res.Next)) {
		c.res.Next = t
	}
}

// reminders decides the reminder of sl, the day before, to each reachable
// person on it who signed up before it fell due.
func (c shiftClaim) reminders(sl domain.ShiftSlot) error {
	due := c.set.ReminderDue(sl.Start, c.loc)
	if due.After(c.now) {
		c.next(due)
		return nil
	}
	if len(sl.People) == 0 {
		return nil
	}
	var since []struct {
		MemberID  int64     `db:"member_id"`
		CreatedAt time.Time `db:"created_at"`
	}
	if err := c.tx.SelectContext(c.ctx, &since, `SELECT member_id, created_at FROM shift_signups WHERE shift_id = ? AND slot = ?`,
		sl.Shift.ID, utc(sl.Slot)); err != nil {
		return err
	}
	signed := map[int64]time.Time{}
	for _, x := range since {
		signed[x.MemberID] = x.CreatedAt
	}
	subject := shiftSubject(sl)
	for _, m := range sl.People {
		if !m.Reachable || !domain.ReminderEligible(signed[m.ID], due) {
			continue
		}
		out := func() (domain.Outgoing, error) {
			o, err := domain.NewNotice(domain.NoticeShiftReminder, m, sl.Meeting())
			return o.Expiring(sl.Start), err
		}
		key := fmt.Sprintf("shiftremind:%s>%d:%d", subject, sl.Start.Unix(), m.Ref)
		if err := claimNotice(c.ctx, c.tx, key, subject, m.ID, due, c.now, out, c.res); err != nil {
			return err
		}
	}
	return nil
}

// alerts decides the staffing alert of sl, while it lacks people, to each
// reachable volunteer not on it who may take it, and to the coordinators.
func (c shiftClaim) alerts(sl domain.ShiftSlot, vs []domain.Volunteer) error {
	if sl.Free() == 0 {
		return nil
	}
	for _, v := range vs {
		if !v.Reachable || sl.Has(v.ID) {
			continue
		}
		coord := v.Role == domain.RoleCoordinator
		may := domain.MayTake(v, sl.Shift, sl.Start, c.now, len(sl.People), c.loc) == nil
		if !may && !coord {
			continue
		}
		due := c.set.AlertDue(sl.Shift, sl.Start, c.loc, v.Speaks(sl.Shift.Language))
		if due.After(c.now) {
			c.next(due)
			continue
		}
		out := func() (domain.Outgoing, error) {
			o, err := domain.NewNotice(domain.NoticeShiftAlert, v.Member, domain.StaffingAlertValues{Meeting: sl.Meeting(), CanTake: may})
			return o.Expiring(sl.Start), err
		}
		if err := claimNotice(c.ctx, c.tx, alertKey(sl, v.Member), shiftSubject(sl), v.ID, due, c.now, out, c.res); err != nil {
			return err
		}
	}
	return nil
}

// certificates flags each certificate that runs out within 30 days to
// every coordinator of the branch vs are of, once per recorded date (and
// once to a coordinator of two branches the volunteer is in: the key names
// no branch).
func (c shiftClaim) certificates(vs []domain.Volunteer) error {
	var coords []domain.Member
	for _, v := range vs {
		if v.Role == domain.RoleCoordinator && v.Reachable {
			coords = append(coords, v.Member)
		}
	}
	for _, v := range vs {
		if !domain.CertificateExpiring(v.CertValidUntil, c.now, c.loc) {
			continue
		}
		for _, coord := range coords {
			key := fmt.Sprintf("cert:%d:%s:%d", v.Ref, v.CertValidUntil.Format("2006-01-02"), coord.Ref)
			out := func() (domain.Outgoing, error) {
				o, err := domain.NewNotice(domain.NoticeCertificateExpiring, coord, domain.CertificateValues{Name: v.DisplayName, ValidUntil: *v.CertValidUntil})
				return o.About(v.Member), err
			}
			if err := claimNotice(c.ctx, c.tx, key, certSubject(v.Member), coord.ID, *v.CertValidUntil, c.now, out, c.res, v.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// claimNotice queues out()'s message under key unless it was decided
// before, counting it in res.
func claimNotice(ctx context.Context, tx *sqlx.Tx, key, subject string, memberID int64, due, now time.Time, out func() (domain.Outgoing, error), res *domain.ClaimResult, about ...int64) error {
	e := entry{Key: key, Subject: subject, MemberID: memberID, Due: due, Out: out}
	if len(about) > 0 {
		e.About = about[0]
	}
	ok, err := record(ctx, tx, now, e)
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
func alertKey(sl domain.ShiftSlot, m domain.Member) string {
	return fmt.Sprintf("shiftalert:%s:%d", shiftSubject(sl), m.Ref)
}
