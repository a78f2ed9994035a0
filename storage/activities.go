package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const activityCols = `id, branch_id, key, name, titles, place, schedule, duration_min, remind_before_min, archived_at, first_day`

// CreateActivity stores a new activity in its branch (a.BranchID; 0: the
// first) and returns its id. Without a key it gets one made from its
// title, unique among the branch's activities.
func (s *Store) CreateActivity(ctx context.Context, a domain.Activity, now time.Time) (int64, error) {
	if err := a.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = insertActivity(ctx, tx, a, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create activity: %w", err)
	}
	return id, nil
}

func insertActivity(ctx context.Context, tx *sqlx.Tx, a domain.Activity, now time.Time) (int64, error) {
	a.BranchID = branchOr(a.BranchID)
	if a.Key == "" {
		base := domain.Slug(a.Name)
		a.Key = base
		for i := 2; ; i++ {
			var n int
			if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM activities WHERE branch_id = ? AND key = ?`, a.BranchID, a.Key); err != nil {
				return 0, err
			}
			if n == 0 {
				break
			}
			a.Key = fmt.Sprintf("%s-%d", base, i)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO activities (branch_id, key, name, titles, place, schedule, duration_min, remind_before_min, first_day, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.BranchID, a.Key, a.Name, a.Titles, a.Place, a.Schedule, a.DurationMin, a.RemindBeforeMin, firstDay(a), utc(now), utc(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// firstDay is the activity's first day as stored: NULL when not given.
func firstDay(a domain.Activity) any {
	if a.FirstDay == nil {
		return nil
	}
	return a.FirstDay.UTC()
}

// UpdateActivity saves an activity's fields (not its key). Followers are
// not told: the next reminder carries the new time and place. Reminders
// queued and not yet sent are withdrawn, since their time or words may be
// out of date; the scheduler queues them again if still due. Only an
// activity of branches can change (else ErrNotFound).
func (s *Store) UpdateActivity(ctx context.Context, branches []int64, a domain.Activity, now time.Time) error {
	if err := a.Validate(); err != nil {
		return err
	}
	in, args := inBranches(branches).cond("branch_id")
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE activities SET name = ?, titles = ?, place = ?, schedule = ?, duration_min = ?,
			remind_before_min = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL AND `+in,
			append([]any{a.Name, a.Titles, a.Place, a.Schedule, a.DurationMin, a.RemindBeforeMin, utc(now), a.ID}, args...)...)
		if err != nil {
			return fmt.Errorf("update activity %d: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("update activity %d: %w", a.ID, domain.ErrNotFound)
		}
		return withdrawReminders(ctx, tx, a.ID, 0, now)
	})
}

// withdrawReminders expires the activity's reminders that are queued and not
// yet sent (for one member, or for all when memberID is 0), and forgets
// their ledger rows so that the scheduler decides them again if still due.
func withdrawReminders(ctx context.Context, tx *sqlx.Tx, activityID, memberID int64, now time.Time) error {
	q := `SELECT n.key, n.outbox_id FROM notices n JOIN outbox o ON o.id = n.outbox_id
		WHERE n.subject LIKE ? AND o.state = 'pending'`
	args := []any{fmt.Sprintf("activity:%d@%%", activityID)}
	if memberID != 0 {
		q += ` AND n.member_id = ?`
		args = append(args, memberID)
	}
	var rows []struct {
		Key      string `db:"key"`
		OutboxID int64  `db:"outbox_id"`
	}
	if err := tx.SelectContext(ctx, &rows, q, args...); err != nil {
		return fmt.Errorf("withdraw reminders of activity %d: %w", activityID, err)
	}
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'expired', done_at = ? WHERE id = ?`, utc(now), r.OutboxID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notices WHERE key = ?`, r.Key); err != nil {
			return err
		}
	}
	return nil
}

// ArchiveActivity ends an activity: it leaves the lists, and no reminder
// is sent for it any more. Its follows and head counts stay for the report.
// Only an activity of branches can be archived (else ErrNotFound).
func (s *Store) ArchiveActivity(ctx context.Context, branches []int64, id int64, now time.Time) error {
	in, args := inBranches(branches).cond("branch_id")
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE activities SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL AND `+in,
			append([]any{utc(now), utc(now), id}, args...)...)
		if err != nil {
			return fmt.Errorf("archive activity %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("archive activity %d: %w", id, domain.ErrNotFound)
		}
		// Reminders queued but not yet sent are no longer true.
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = 'expired', done_at = ? WHERE state = 'pending'
			AND id IN (SELECT outbox_id FROM notices WHERE subject LIKE ? AND outbox_id IS NOT NULL)`,
			utc(now), fmt.Sprintf("activity:%d@%%", id))
		return err
	})
}

// Activities lists the activities of branches that are not archived, by title.
func (s *Store) Activities(ctx context.Context, branches []int64) ([]domain.Activity, error) {
	var as []domain.Activity
	in, args := inBranches(branches).cond("branch_id")
	if err := s.r.SelectContext(ctx, &as, `SELECT `+activityCols+` FROM activities WHERE archived_at IS NULL AND `+in+`
		ORDER BY name COLLATE NOCASE, id`, args...); err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return as, nil
}

// Activity returns one activity of branches (archived ones too) or
// ErrNotFound, also for another branch's.
func (s *Store) Activity(ctx context.Context, branches []int64, id int64) (domain.Activity, error) {
	return activityIn(ctx, s.r, inBranches(branches), id)
}

func activityIn(ctx context.Context, q sqlx.QueryerContext, b branchSet, id int64) (domain.Activity, error) {
	var a domain.Activity
	in, args := b.cond("branch_id")
	if err := sqlx.GetContext(ctx, q, &a, `SELECT `+activityCols+` FROM activities WHERE id = ? AND `+in, append([]any{id}, args...)...); err != nil {
		return a, notFound(err, fmt.Sprintf("activity %d", id))
	}
	return a, nil
}

// ActivityByKey returns the branch's activity with a plan key, or ErrNotFound.
func (s *Store) ActivityByKey(ctx context.Context, branch int64, key string) (domain.Activity, error) {
	var a domain.Activity
	if err := s.r.GetContext(ctx, &a, `SELECT `+activityCols+` FROM activities WHERE branch_id = ? AND key = ?`, branch, key); err != nil {
		return a, notFound(err, fmt.Sprintf("activity %q", key))
	}
	return a, nil
}

// Follow makes the member follow the activity (idempotent). An archived
// activity, or one outside branches (the member's), cannot be followed.
func (s *Store) Follow(ctx context.Context, branches []int64, activityID, memberID int64, now time.Time) error {
	in, args := inBranches(branches).cond("branch_id")
	res, err := s.w.ExecContext(ctx, `INSERT INTO activity_followers (activity_id, member_id, created_at)
		SELECT id, ?, ? FROM activities WHERE id = ? AND archived_at IS NULL AND `+in+`
		ON CONFLICT DO NOTHING`, append([]any{memberID, utc(now), activityID}, args...)...)
	if err != nil {
		return fmt.Errorf("follow activity %d: %w", activityID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := liveActivity(ctx, s.r, inBranches(branches), activityID); err != nil {
			return fmt.Errorf("follow activity %d: %w", activityID, err)
		}
	}
	return nil
}

// liveActivity returns an activity of b that is not archived, or ErrNotFound.
func liveActivity(ctx context.Context, q sqlx.QueryerContext, b branchSet, id int64) (domain.Activity, error) {
	a, err := activityIn(ctx, q, b, id)
	if err == nil && a.ArchivedAt != nil {
		return a, fmt.Errorf("activity %d archived: %w", id, domain.ErrNotFound)
	}
	return a, err
}

// Unfollow stops the member following the activity (idempotent), and
// withdraws their reminder if one is queued. An activity outside branches
// is not found.
func (s *Store) Unfollow(ctx context.Context, branches []int64, activityID, memberID int64) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := activityIn(ctx, tx, inBranches(branches), activityID); err != nil {
			return fmt.Errorf("unfollow activity %d: %w", activityID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM activity_followers WHERE activity_id = ? AND member_id = ?`, activityID, memberID); err != nil {
			return fmt.Errorf("unfollow activity %d: %w", activityID, err)
		}
		return withdrawReminders(ctx, tx, activityID, memberID, time.Now())
	})
}

// Following lists the ids of the activities the member follows.
func (s *Store) Following(ctx context.Context, memberID int64) (map[int64]bool, error) {
	var ids []int64
	if err := s.r.SelectContext(ctx, &ids, `SELECT activity_id FROM activity_followers WHERE member_id = ?`, memberID); err != nil {
		return nil, fmt.Errorf("following of %d: %w", memberID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// FollowerCount counts the followers of an activity of branches, and how
// many of them can be reached (none for another branch's).
func (s *Store) FollowerCount(ctx context.Context, branches []int64, activityID int64) (all, reachable int, err error) {
	in, args := inBranches(branches).cond("a.branch_id")
	var row struct {
		All       int `db:"all_"`
		Reachable int `db:"reachable"`
	}
	err = s.r.GetContext(ctx, &row, `SELECT count(*) AS all_, coalesce(sum(m.reachable), 0) AS reachable
		FROM activity_followers f JOIN members m ON m.id = f.member_id JOIN activities a ON a.id = f.activity_id
		WHERE f.activity_id = ? AND `+in, append([]any{activityID}, args...)...)
	if err != nil {
		return 0, 0, fmt.Errorf("count followers of %d: %w", activityID, err)
	}
	return row.All, row.Reachable, nil
}
