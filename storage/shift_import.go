package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
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

// importShifts applies a plan's shifts inside the import's transaction,
// after its activities (a shift may name an activity of the same file).
func importShifts(ctx context.Context, tx *sqlx.Tx, shifts []PlanShift, now time.Time, rep *ShiftImport) error {
	*rep = ShiftImport{}
	for _, ps := range shifts {
		if ps.Key == "" {
			return fmt.Errorf("%w: a shift without key", domain.ErrInvalidShift)
		}
		what, err := importShift(ctx, tx, ps.Shift, ps.Activity, now)
		if err != nil {
			return fmt.Errorf("shift %s: %w", ps.Key, err)
		}
		switch what {
		case "created":
			rep.Created++
		case "updated":
			rep.Updated++
		default:
			rep.Unchanged++
		}
	}
	return nil
}

// importShift creates or updates one shift of a plan by key; activityKey
// names its activity ("" for a standalone shift). It reports created,
// updated or unchanged.
func importShift(ctx context.Context, tx *sqlx.Tx, sh domain.Shift, activityKey string, now time.Time) (string, error) {
	if activityKey != "" {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM activities WHERE key = ?`, activityKey); err != nil {
			return "", err
		}
		if len(ids) == 0 {
			return "", fmt.Errorf("%w: no activity %q", domain.ErrInvalidShift, activityKey)
		}
		sh.ActivityID = &ids[0]
	}
	if err := sh.Validate(); err != nil {
		return "", err
	}
	var old []domain.Shift
	if err := tx.SelectContext(ctx, &old, `SELECT `+shiftCols+` FROM shifts WHERE key = ?`, sh.Key); err != nil {
		return "", err
	}
	if len(old) == 0 {
		_, err := insertShift(ctx, tx, sh, now)
		return "created", err
	}
	o := old[0]
	if o.ArchivedAt == nil && eqID(o.ActivityID, sh.ActivityID) && eqTime(o.StartsAt, sh.StartsAt) && eqTime(o.EndsAt, sh.EndsAt) &&
		o.Place == sh.Place && o.Role == sh.Role && o.Roles.Equal(sh.Roles) && o.Needed == sh.Needed &&
		o.RequiresCert == sh.RequiresCert && o.Language == sh.Language {
		return "unchanged", nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE shifts SET activity_id = ?, starts_at = ?, ends_at = ?, place = ?, role = ?, roles = ?,
		needed = ?, requires_cert = ?, language = ?, archived_at = NULL, updated_at = ? WHERE id = ?`,
		sh.ActivityID, ptrTime(sh.StartsAt), ptrTime(sh.EndsAt), sh.Place, sh.Role, sh.Roles, sh.Needed,
		sh.RequiresCert, sh.Language, utc(now), o.ID)
	return "updated", err
}

func eqID(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func eqTime(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
