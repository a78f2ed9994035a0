package storage

import (
	"context"
	"fmt"
	"sort"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const shiftCols = `id, branch_id, key, activity_id, starts_at, ends_at, place, role, roles, needed, requires_cert, language, archived_at`

// CreateShift stores a new shift in its branch (sh.BranchID; 0: its
// activity's, else the first) and returns its id; without a key it gets
// one made from its role title. A shift of an activity is in the
// activity's branch: naming another branch's activity is ErrOtherBranch.
func (s *Store) CreateShift(ctx context.Context, sh domain.Shift, now time.Time) (int64, error) {
	if err := sh.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := shiftBranch(ctx, tx, &sh); err != nil {
			return err
		}
		if sh.Key == "" {
			base := domain.Slug(sh.Role)
			sh.Key = base
			for i := 2; ; i++ {
				var n int
				if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM shifts WHERE branch_id = ? AND key = ?`, sh.BranchID, sh.Key); err != nil {
					return err
				}
				if n == 0 {
					break
				}
				sh.Key = fmt.Sprintf("%s-%d", base, i)
			}
		}
		var err error
		id, err = insertShift(ctx, tx, sh, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create shift: %w", err)
	}
	return id, nil
}

// shiftBranch settles the branch of a new shift: its activity's.
func shiftBranch(ctx context.Context, tx *sqlx.Tx, sh *domain.Shift) error {
	if sh.ActivityID == nil {
		sh.BranchID = branchOr(sh.BranchID)
		return nil
	}
	var branch int64
	if err := tx.GetContext(ctx, &branch, `SELECT branch_id FROM activities WHERE id = ?`, *sh.ActivityID); err != nil {
		return notFound(err, fmt.Sprintf("activity %d", *sh.ActivityID))
	}
	if sh.BranchID != 0 && sh.BranchID != branch {
		return domain.ErrOtherBranch
	}
	sh.BranchID = branch
	return nil
}

func insertShift(ctx context.Context, tx *sqlx.Tx, sh domain.Shift, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO shifts (branch_id, key, activity_id, starts_at, ends_at, place, role, roles, needed,
		requires_cert, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		branchOr(sh.BranchID), sh.Key, sh.ActivityID, ptrTime(sh.StartsAt), ptrTime(sh.EndsAt), sh.Place, sh.Role, sh.Roles, sh.Needed,
		sh.RequiresCert, sh.Language, utc(now), utc(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func ptrTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// Shift reads one shift of branches (ErrNotFound for another branch's).
func (s *Store) Shift(ctx context.Context, branches []int64, id int64) (domain.Shift, error) {
	var sh domain.Shift
	in, args := inBranches(branches).cond("branch_id")
	if err := s.r.GetContext(ctx, &sh, `SELECT `+shiftCols+` FROM shifts WHERE id = ? AND `+in, append([]any{id}, args...)...); err != nil {
		return domain.Shift{}, notFound(err, fmt.Sprintf("shift %d", id))
	}
	return sh, nil
}

// ArchiveShift takes a shift off the lists; its sign-ups stay for the
// report. Everyone signed up for one of its coming meetings is told
// (NoticeShiftRemoved, once per meeting), in the same transaction. It
// returns how many were told. Only a shift of branches can be archived.
func (s *Store) ArchiveShift(ctx context.Context, branches []int64, loc *time.Location, id int64, now time.Time) (int, error) {
	told := 0
	b := inBranches(branches)
	in, args := b.cond("branch_id")
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		told = 0
		slots, err := shiftSlots(ctx, tx, b, loc, now, now.AddDate(1, 0, 0), id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE shifts SET archived_at = ? WHERE id = ? AND archived_at IS NULL AND `+in,
			append([]any{utc(now), id}, args...)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNotFound
		}
		for _, sl := range slots {
			for _, m := range sl.People {
				if !m.Reachable {
					continue
				}
				out, err := domain.NewNotice(domain.NoticeShiftRemoved, m, sl.Meeting())
				if err != nil {
					return err
				}
				if err := enqueue(ctx, tx, now, out); err != nil {
					return err
				}
				told++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("archive shift %d: %w", id, err)
	}
	return told, nil
}

// ShiftSlots lists every live shift of branches on every meeting that
// begins in [from, to), in time order, with the people signed up.
// Cancelled meetings have no shifts; moved ones take their shifts along.
func (s *Store) ShiftSlots(ctx context.Context, branches []int64, loc *time.Location, from, to time.Time) ([]domain.ShiftSlot, error) {
	out, err := shiftSlots(ctx, s.r, inBranches(branches), loc, from, to, 0)
	if err != nil {
		return nil, fmt.Errorf("shift slots: %w", err)
	}
	return out, nil
}

// MyShifts lists the shifts of branches member id is signed up for that
// end after from.
func (s *Store) MyShifts(ctx context.Context, branches []int64, loc *time.Location, memberID int64, from time.Time) ([]domain.ShiftSlot, error) {
	all, err := shiftSlots(ctx, s.r, inBranches(branches), loc, from.Add(-24*time.Hour), from.AddDate(1, 0, 0), 0)
	if err != nil {
		return nil, fmt.Errorf("shifts of member %d: %w", memberID, err)
	}
	var out []domain.ShiftSlot
	for _, sl := range all {
		if sl.Has(memberID) && sl.End.After(from) {
			out = append(out, sl)
		}
	}
	return out, nil
}

// shiftSlots expands shifts of b (all live ones, or only shiftID) into
// their meetings in [from, to) and attaches the sign-ups.
func shiftSlots(ctx context.Context, q sqlx.QueryerContext, b branchSet, loc *time.Location, from, to time.Time, shiftID int64) ([]domain.ShiftSlot, error) {
	var shifts []domain.Shift
	in, args := b.cond("branch_id")
	err := sqlx.SelectContext(ctx, q, &shifts, `SELECT `+shiftCols+` FROM shifts WHERE archived_at IS NULL AND (? = 0 OR id = ?) AND `+in+` ORDER BY id`,
		append([]any{shiftID, shiftID}, args...)...)
	if err != nil {
		return nil, err
	}
	acts := map[int64]*domain.Activity{}
	var out []domain.ShiftSlot
	for _, sh := range shifts {
		if sh.ActivityID == nil {
			if !sh.StartsAt.Before(from) && sh.StartsAt.Before(to) {
				out = append(out, domain.ShiftSlot{Shift: sh, Slot: *sh.StartsAt, Start: *sh.StartsAt, End: *sh.EndsAt})
			}
			continue
		}
		a, ok := acts[*sh.ActivityID]
		if !ok {
			var rows []domain.Activity
			if err := sqlx.SelectContext(ctx, q, &rows, `SELECT `+activityCols+` FROM activities WHERE id = ? AND archived_at IS NULL`, *sh.ActivityID); err != nil {
				return nil, err
			}
			if len(rows) > 0 {
				a = &rows[0]
			}
			acts[*sh.ActivityID] = a
		}
		if a == nil {
			continue // an archived activity has no meetings
		}
		spec, err := a.Spec()
		if err != nil {
			continue
		}
		changes, err := loadChanges(ctx, q, a.ID, from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0))
		if err != nil {
			return nil, err
		}
		for _, o := range domain.Occurrences(spec, loc, changes, from, to) {
			if !o.Cancelled {
				out = append(out, domain.ShiftSlot{Shift: sh, Activity: a, Slot: o.Slot, Start: o.Start, End: o.Start.Add(a.Duration())})
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	var signups []struct {
		ShiftID int64     `db:"shift_id"`
		Slot    time.Time `db:"slot"`
		domain.Member
	}
	err = sqlx.SelectContext(ctx, q, &signups, `SELECT s.shift_id, s.slot, `+prefixed("m", memberCols)+`
		FROM shift_signups s JOIN members m ON m.id = s.member_id
		WHERE s.slot >= ? AND s.slot < ? AND (? = 0 OR s.shift_id = ?) ORDER BY s.created_at, m.id`,
		utc(from.AddDate(-1, 0, 0)), utc(to.AddDate(1, 0, 0)), shiftID, shiftID)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for i, sl := range out {
		index[slotKey(sl.Shift.ID, sl.Slot)] = i
	}
	for _, su := range signups {
		if i, ok := index[slotKey(su.ShiftID, su.Slot)]; ok {
			out[i].People = append(out[i].People, su.Member)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Shift.ID < out[j].Shift.ID
	})
	return out, nil
}

func slotKey(shiftID int64, slot time.Time) string { return fmt.Sprintf("%d@%d", shiftID, slot.Unix()) }

// shiftSlotAt finds the one meeting of a shift named by slot, or
// domain.ErrNoSuchMeeting (not a meeting, cancelled, or the shift is archived).
// It checks that one instant, without expanding the schedule: slot must be
// a start the schedule gives (domain.IsSlot, DST as Wall rules), and the
// only change row read is the one for that slot. A moved date is named by
// its slot and begins where it was moved to, as in shiftSlots (which lists
// it only when it lands within a year of the range, hence the same bound
// here); a cancelled date has no shifts. Another branch's shift (one not
// in b) is no meeting either: answered as a stale button is.
func shiftSlotAt(ctx context.Context, q sqlx.QueryerContext, b branchSet, loc *time.Location, shiftID int64, slot time.Time) (domain.ShiftSlot, error) {
	var shifts []domain.Shift
	in, args := b.cond("branch_id")
	err := sqlx.SelectContext(ctx, q, &shifts, `SELECT `+shiftCols+` FROM shifts WHERE id = ? AND archived_at IS NULL AND `+in,
		append([]any{shiftID}, args...)...)
	if err != nil {
		return domain.ShiftSlot{}, err
	}
	if len(shifts) == 0 {
		return domain.ShiftSlot{}, domain.ErrNoSuchMeeting
	}
	sl := domain.ShiftSlot{Shift: shifts[0]}
	if sh := sl.Shift; sh.ActivityID == nil {
		if !sh.StartsAt.Equal(slot) {
			return domain.ShiftSlot{}, domain.ErrNoSuchMeeting
		}
		sl.Slot, sl.Start, sl.End = *sh.StartsAt, *sh.StartsAt, *sh.EndsAt
	} else {
		var acts []domain.Activity
		if err := sqlx.SelectContext(ctx, q, &acts, `SELECT `+activityCols+` FROM activities WHERE id = ? AND archived_at IS NULL`, *sh.ActivityID); err != nil {
			return domain.ShiftSlot{}, err
		}
		if len(acts) == 0 {
			return domain.ShiftSlot{}, domain.ErrNoSuchMeeting // an archived activity has no meetings
		}
		a := &acts[0]
		spec, err := a.Spec()
		if err != nil || !domain.IsSlot(spec, loc, slot) {
			return domain.ShiftSlot{}, domain.ErrNoSuchMeeting
		}
		changes, err := loadSlotChange(ctx, q, a.ID, slot)
		if err != nil {
			return domain.ShiftSlot{}, err
		}
		sl.Activity, sl.Slot, sl.Start = a, slot.In(loc), slot.In(loc) // as spec.Between gives it
		for _, c := range changes {
			switch {
			case c.Cancelled:
				return domain.ShiftSlot{}, domain.ErrNoSuchMeeting
			case c.MovedTo.Before(slot.AddDate(-1, 0, 0)) || !c.MovedTo.Before(slot.AddDate(1, 0, 1)):
				return domain.ShiftSlot{}, domain.ErrNoSuchMeeting
			default:
				sl.Slot, sl.Start = c.Slot, c.MovedTo
			}
		}
		sl.End = sl.Start.Add(a.Duration())
	}
	err = sqlx.SelectContext(ctx, q, &sl.People, `SELECT `+prefixed("m", memberCols)+`
		FROM shift_signups s JOIN members m ON m.id = s.member_id
		WHERE s.shift_id = ? AND s.slot >= ? AND s.slot < ? ORDER BY s.created_at, m.id`,
		sl.Shift.ID, utc(sl.Slot), utc(sl.Slot.Add(time.Second)))
	if err != nil {
		return domain.ShiftSlot{}, err
	}
	return sl, nil
}

// loadSlotChange reads the change (at most one) of an activity's meeting
// at slot, matched to the second as Occurrences matches it.
func loadSlotChange(ctx context.Context, q sqlx.QueryerContext, activityID int64, slot time.Time) ([]domain.DateChange, error) {
	var rows []changeRow
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT slot, state, moved_to, reasons, changed_at FROM occurrence_changes
		WHERE activity_id = ? AND slot >= ? AND slot < ?`, activityID, utc(slot.Truncate(time.Second)), utc(slot.Truncate(time.Second).Add(time.Second)))
	if err != nil {
		return nil, fmt.Errorf("change of activity %d at %s: %w", activityID, slot.UTC().Format(time.RFC3339), err)
	}
	out := make([]domain.DateChange, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.change())
	}
	return out, nil
}

// ShiftSlot reads one shift of branches on one meeting, with the people
// signed up.
func (s *Store) ShiftSlot(ctx context.Context, branches []int64, loc *time.Location, shiftID int64, slot time.Time) (domain.ShiftSlot, error) {
	sl, err := shiftSlotAt(ctx, s.r, inBranches(branches), loc, shiftID, slot)
	if err != nil {
		return domain.ShiftSlot{}, fmt.Errorf("shift %d at %s: %w", shiftID, slot.UTC().Format(time.RFC3339), err)
	}
	return sl, nil
}

// UpdateShift changes a shift's role titles, people needed, certificate
// requirement and language wish (where and when it is stay as they are).
// Fewer places than people signed up leaves everyone on it. Only a shift
// of branches can change.
func (s *Store) UpdateShift(ctx context.Context, branches []int64, sh domain.Shift, now time.Time) error {
	old, err := s.Shift(ctx, branches, sh.ID)
	if err != nil {
		return err
	}
	sh.BranchID, sh.Key, sh.ActivityID, sh.StartsAt, sh.EndsAt, sh.Place = old.BranchID, old.Key, old.ActivityID, old.StartsAt, old.EndsAt, old.Place
	if err := sh.Validate(); err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `UPDATE shifts SET role = ?, roles = ?, needed = ?, requires_cert = ?, language = ?, updated_at = ?
		WHERE id = ? AND archived_at IS NULL`, sh.Role, sh.Roles, sh.Needed, sh.RequiresCert, sh.Language, utc(now), sh.ID)
	if err != nil {
		return fmt.Errorf("update shift %d: %w", sh.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update shift %d: %w", sh.ID, domain.ErrNotFound)
	}
	return nil
}
