package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// SignUp takes a place on a shift's meeting (slot) for the member: in one
// immediate transaction it reads who is on it and applies MayTake, so when
// two tap the last place at once exactly one gets it and the other gets
// ErrShiftFull. It returns the shift after the sign-up. Only a shift of
// branches (where the member volunteers) can be taken.
func (s *Store) SignUp(ctx context.Context, branches []int64, loc *time.Location, shiftID int64, slot time.Time, memberID int64, now time.Time) (domain.ShiftSlot, error) {
	var sl domain.ShiftSlot
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		sl, err = takePlace(ctx, tx, inBranches(branches), loc, shiftID, slot, memberID, 0, now)
		return err
	})
	if err != nil {
		return domain.ShiftSlot{}, fmt.Errorf("sign up %d for shift %d: %w", memberID, shiftID, err)
	}
	return sl, nil
}

// takePlace applies the rule and records the sign-up; by is the
// coordinator who adds someone, or 0. The shift must be in b, and the
// member a volunteer (or coordinator) of the shift's branch.
func takePlace(ctx context.Context, tx *sqlx.Tx, b branchSet, loc *time.Location, shiftID int64, slot time.Time, memberID, by int64, now time.Time) (domain.ShiftSlot, error) {
	sl, err := shiftSlotAt(ctx, tx, b, loc, shiftID, slot)
	if err != nil {
		return sl, err
	}
	if sl.Has(memberID) {
		return sl, domain.ErrAlreadySignedUp
	}
	v, err := volunteerInBranch(ctx, tx, sl.Shift.BranchID, memberID)
	if err != nil {
		return sl, err
	}
	if err := domain.MayTake(v, sl.Shift, sl.Start, now, len(sl.People), loc); err != nil {
		return sl, err
	}
	var addedBy any
	if by != 0 {
		addedBy = by
	} else if err := mayRetake(ctx, tx, shiftID, slot, memberID); err != nil {
		return sl, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO shift_signups (shift_id, slot, member_id, added_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		shiftID, utc(slot), memberID, addedBy, utc(now)); err != nil {
		return sl, err
	}
	sl.People = append(sl.People, v.Member)
	return sl, nil
}

// Withdraw takes the member off a shift's meeting. Within the late window
// (ShiftSettings.LateWindow) the same transaction tells the coordinators
// and offers the freed place to every other volunteer who may take it, one
// message each: those who speak the shift's language wish at once, the
// others CoverHeadStart later (CoverOrder); the coordinators read reason,
// if given. It reports whether it was late. Only from a shift of branches.
func (s *Store) Withdraw(ctx context.Context, branches []int64, loc *time.Location, shiftID int64, slot time.Time, memberID int64, reason string, now time.Time, set domain.ShiftSettings) (bool, error) {
	late := false
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		sl, err := shiftSlotAt(ctx, tx, inBranches(branches), loc, shiftID, slot)
		if err != nil {
			return err
		}
		if !sl.Has(memberID) {
			return domain.ErrNotSignedUp
		}
		if !sl.Start.After(now) {
			return domain.ErrShiftStarted
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM shift_signups WHERE shift_id = ? AND slot = ? AND member_id = ?`,
			shiftID, utc(slot), memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO shift_drops (shift_id, slot, member_id, drops) VALUES (?, ?, ?, 1)
			ON CONFLICT (shift_id, slot, member_id) DO UPDATE SET drops = drops + 1`, shiftID, utc(slot), memberID); err != nil {
			return err
		}
		var who domain.Member
		rest := sl.People[:0:0]
		for _, m := range sl.People {
			if m.ID == memberID {
				who = m
			} else {
				rest = append(rest, m)
			}
		}
		sl.People = rest
		// Whoever leaves knows the shift lacks someone: no staffing alert for them.
		if _, err := record(ctx, tx, now, entry{Key: alertKey(sl, who), Subject: shiftSubject(sl), MemberID: memberID, Due: sl.Start}); err != nil {
			return err
		}
		var branch domain.Branch
		if err := tx.GetContext(ctx, &branch, `SELECT `+branchCols+` FROM branches WHERE id = ?`, sl.Shift.BranchID); err != nil && err != errNoRows {
			return err
		}
		if late = domain.LateWithdrawal(sl.Start, now, branch.ShiftSettings(set).LateWindow); !late {
			return nil
		}
		return lateWithdrawal(ctx, tx, loc, sl, who, reason, now)
	})
	if err != nil {
		return false, fmt.Errorf("withdraw %d from shift %d: %w", memberID, shiftID, err)
	}
	return late, nil
}

// lateWithdrawal tells the coordinators of the shift's branch that who
// left sl late and offers the freed place to its volunteers (Withdraw).
func lateWithdrawal(ctx context.Context, tx *sqlx.Tx, loc *time.Location, sl domain.ShiftSlot, who domain.Member, reason string, now time.Time) error {
	vs, err := volunteersOf(ctx, tx, sl.Shift.BranchID)
	if err != nil {
		return err
	}
	var cands []domain.Volunteer
	for _, v := range vs {
		if v.Role == domain.RoleCoordinator && v.Reachable && v.ID != who.ID {
			if err := tellWithdrawn(ctx, tx, sl, who, v.Member, reason, now); err != nil {
				return err
			}
		}
		if v.ID != who.ID && v.Reachable && !sl.Has(v.ID) && domain.MayTake(v, sl.Shift, sl.Start, now, len(sl.People), loc) == nil {
			cands = append(cands, v)
		}
	}
	first, later := domain.CoverOrder(sl.Shift, cands)
	for i, group := range [][]domain.Volunteer{first, later} {
		for _, v := range group {
			out, err := domain.NewNotice(domain.NoticeShiftCover, v.Member, sl.Meeting())
			if err != nil {
				return err
			}
			out.ExpiresAt = sl.Start
			if i == 1 {
				out.NotBefore = now.Add(domain.CoverHeadStart)
			}
			// One offer per meeting and volunteer, however often it is freed;
			// it stands in for the staffing alert: nobody gets both.
			offered, err := record(ctx, tx, now, entry{Key: coverKey(sl, v.Member), Subject: shiftSubject(sl), MemberID: v.ID, Due: sl.Start, Out: message(out)})
			if err != nil || !offered {
				return err
			}
			if _, err := record(ctx, tx, now, entry{Key: alertKey(sl, v.Member), Subject: shiftSubject(sl), MemberID: v.ID, Due: sl.Start, Told: true}); err != nil {
				return err
			}
		}
	}
	// Coordinators who cannot take it themselves were just told: no alert either.
	for _, v := range vs {
		if v.Role == domain.RoleCoordinator && v.Reachable && v.ID != who.ID {
			if _, err := record(ctx, tx, now, entry{Key: alertKey(sl, v.Member), Subject: shiftSubject(sl), MemberID: v.ID, Due: sl.Start, Told: true}); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddToShift is a coordinator (by) putting a volunteer on a shift's
// meeting; the rule is the same as signing up, and the volunteer is told.
// The shift must be of branches (the coordinator's), the volunteer of its branch.
func (s *Store) AddToShift(ctx context.Context, branches []int64, loc *time.Location, shiftID int64, slot time.Time, memberID, by int64, now time.Time) (domain.ShiftSlot, error) {
	var sl domain.ShiftSlot
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if sl, err = takePlace(ctx, tx, inBranches(branches), loc, shiftID, slot, memberID, by, now); err != nil {
			return err
		}
		return tellMember(ctx, tx, memberID, sl, now, domain.NoticeShiftAdded)
	})
	if err != nil {
		return domain.ShiftSlot{}, fmt.Errorf("add %d to shift %d: %w", memberID, shiftID, err)
	}
	return sl, nil
}

// RemoveFromShift is a coordinator taking a volunteer off a shift's
// meeting; the volunteer is told. Only from a shift of branches.
func (s *Store) RemoveFromShift(ctx context.Context, branches []int64, loc *time.Location, shiftID int64, slot time.Time, memberID int64, now time.Time) (domain.ShiftSlot, error) {
	var sl domain.ShiftSlot
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if sl, err = shiftSlotAt(ctx, tx, inBranches(branches), loc, shiftID, slot); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM shift_signups WHERE shift_id = ? AND slot = ? AND member_id = ?`, shiftID, utc(slot), memberID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNotSignedUp
		}
		rest := sl.People[:0:0]
		for _, m := range sl.People {
			if m.ID != memberID {
				rest = append(rest, m)
			}
		}
		sl.People = rest
		return tellMember(ctx, tx, memberID, sl, now, domain.NoticeShiftRemoved)
	})
	if err != nil {
		return domain.ShiftSlot{}, fmt.Errorf("remove %d from shift %d: %w", memberID, shiftID, err)
	}
	return sl, nil
}

// tellMember queues the notice kind about sl (a ShiftMeeting) for member
// memberID, when they can be reached.
func tellMember(ctx context.Context, tx *sqlx.Tx, memberID int64, sl domain.ShiftSlot, now time.Time, kind string) error {
	var m domain.Member
	if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID); err != nil {
		return err
	}
	if !m.Reachable {
		return nil
	}
	out, err := domain.NewNotice(kind, m, sl.Meeting())
	if err != nil {
		return err
	}
	return enqueue(ctx, tx, now, out)
}

// meetingAudience is who hears of a change to one meeting of an activity:
// its reachable followers and the reachable volunteers signed up for its
// shifts on that meeting, each once.
func meetingAudience(ctx context.Context, tx *sqlx.Tx, activityID int64, slot time.Time) ([]domain.Member, error) {
	var ms []domain.Member
	err := tx.SelectContext(ctx, &ms, `SELECT `+memberCols+` FROM members WHERE reachable = 1 AND id IN (
			SELECT member_id FROM activity_followers WHERE activity_id = ?
			UNION SELECT su.member_id FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id
				WHERE sh.activity_id = ? AND su.slot = ?)
		ORDER BY id`, activityID, activityID, utc(slot))
	return ms, err
}

// MeetingReaders counts, by reader (own and second language), those told
// of a change to a meeting (meetingAudience), for the preview that says who
// reads the coordinator's message in which language.
func (s *Store) MeetingReaders(ctx context.Context, activityID int64, slot time.Time) (map[domain.Reader]int, error) {
	var rows []struct {
		Language string `db:"language"`
		Second   string `db:"second_language"`
		N        int    `db:"n"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT language, second_language, count(*) AS n FROM members WHERE reachable = 1 AND id IN (
			SELECT member_id FROM activity_followers WHERE activity_id = ?
			UNION SELECT su.member_id FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id
				WHERE sh.activity_id = ? AND su.slot = ?)
		GROUP BY 1, 2`, activityID, activityID, utc(slot))
	if err != nil {
		return nil, fmt.Errorf("readers of activity %d's meeting: %w", activityID, err)
	}
	out := make(map[domain.Reader]int, len(rows))
	for _, r := range rows {
		out[domain.Reader{Lang: r.Language, Second: r.Second}] += r.N
	}
	return out, nil
}
