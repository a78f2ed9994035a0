package storage

import (
	"fmt"
	"vejviser/storage/domain"
)

// Shifts in season plans (`vejviser import`): created or updated by key,
// inside the import's transaction.

// PlanShift is a [[shift]] of a season plan: the shift, and the key of its
// activity ("" for a standalone shift with its own start and end).
type PlanShift struct {
	domain.Shift
	Activity string
}

// ShiftImport counts what an import did to shifts.
type ShiftImport struct {
	Created, Updated, Unchanged int
}

// shifts applies a plan's shifts inside the import's transaction, after
// its activities (a shift may name an activity of the same file).
func (im *importer) shifts(shifts []PlanShift) error {
	im.rep.Shifts = ShiftImport{}
	for _, ps := range shifts {
		if ps.Key == "" {
			return fmt.Errorf("%w: a shift without key", domain.ErrInvalidShift)
		}
		if ps.Activity != "" && !im.activityKey("shift", ps.Key, "activity", ps.Activity) {
			continue
		}
		if err := im.shift(ps.Shift, ps.Activity); err != nil {
			return fmt.Errorf("shift %s: %w", ps.Key, err)
		}
	}
	return nil
}

// shift creates or updates one shift of a plan by key; activityKey names
// its activity ("" for a standalone shift).
func (im *importer) shift(sh domain.Shift, activityKey string) error {
	ctx, tx := im.ctx, im.tx
	if activityKey != "" {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM activities WHERE key = ? AND branch_id = ?`, activityKey, im.opt.Branch); err != nil {
			return err
		}
		if len(ids) == 0 { // activityKey checked it: the plan's activities are written first
			return fmt.Errorf("%w: no activity %q", domain.ErrInvalidShift, activityKey)
		}
		sh.ActivityID = &ids[0]
	}
	sh.BranchID = im.opt.Branch
	if err := sh.Validate(); err != nil {
		return err
	}
	var old []domain.Shift
	if err := tx.SelectContext(ctx, &old, `SELECT `+shiftCols+` FROM shifts WHERE key = ? AND branch_id = ?`, sh.Key, im.opt.Branch); err != nil {
		return err
	}
	ch := EntryChange{Kind: "shift", Key: sh.Key, Action: Created}
	if len(old) > 0 {
		oldKey := ""
		if old[0].ActivityID != nil {
			if err := tx.GetContext(ctx, &oldKey, `SELECT coalesce(key, '') FROM activities WHERE id = ?`, *old[0].ActivityID); err != nil {
				return err
			}
		}
		ch.Action, ch.Changes = Updated, domain.ShiftChanges(old[0], sh, oldKey, activityKey, im.opt.Loc)
		if len(ch.Changes) == 0 {
			ch.Action = Unchanged
		}
	}
	im.rep.Entries = append(im.rep.Entries, ch)
	if ch.Action == Unchanged {
		im.rep.Shifts.Unchanged++
		return nil
	}
	ok := im.wipes("shift", sh.Key, ch.Changes)
	if sh.StartsAt != nil && sh.StartsAt.Before(im.now) {
		im.problem("shift", sh.Key, "start", sh.StartsAt.In(im.opt.Loc).Format("02.01.2006 15:04")+" is in the past")
		ok = false
	}
	if !ok || len(im.problems) > 0 {
		return nil // nothing more is written: the import is refused
	}
	if ch.Action == Created {
		im.rep.Shifts.Created++
		_, err := insertShift(ctx, tx, sh, im.now)
		return err
	}
	im.rep.Shifts.Updated++
	_, err := tx.ExecContext(ctx, `UPDATE shifts SET activity_id = ?, starts_at = ?, ends_at = ?, place = ?, role = ?, roles = ?,
		needed = ?, requires_cert = ?, language = ?, archived_at = NULL, updated_at = ? WHERE id = ?`,
		sh.ActivityID, ptrTime(sh.StartsAt), ptrTime(sh.EndsAt), sh.Place, sh.Role, sh.Roles, sh.Needed,
		sh.RequiresCert, sh.Language, utc(im.now), old[0].ID)
	return err
}
