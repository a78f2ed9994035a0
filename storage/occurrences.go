package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Changes returns the cancelled and moved dates of an activity of
// branches whose slot or new start is in [from, to) (ErrNotFound for
// another branch's).
func (s *Store) Changes(ctx context.Context, branches []int64, activityID int64, from, to time.Time) ([]domain.DateChange, error) {
	if _, err := activityIn(ctx, s.r, inBranches(branches), activityID); err != nil {
		return nil, err
	}
	return loadChanges(ctx, s.r, activityID, from, to)
}

type changeRow struct {
	Slot      time.Time    `db:"slot"`
	State     string       `db:"state"`
	MovedTo   *time.Time   `db:"moved_to"`
	Reason    domain.Texts `db:"reasons"`
	ChangedAt time.Time    `db:"changed_at"`
}

// change is the row as the schedule's rules read it.
func (r changeRow) change() domain.DateChange {
	c := domain.DateChange{Slot: r.Slot, Cancelled: r.State == "cancelled", Reason: r.Reason, ChangedAt: r.ChangedAt}
	if r.MovedTo != nil {
		c.MovedTo = *r.MovedTo
	}
	return c
}

func loadChanges(ctx context.Context, q sqlx.QueryerContext, activityID int64, from, to time.Time) ([]domain.DateChange, error) {
	var rows []changeRow
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT slot, state, moved_to, reasons, changed_at FROM occurrence_changes
		WHERE activity_id = ? AND ((slot >= ? AND slot < ?) OR (moved_to >= ? AND moved_to < ?))`,
		activityID, utc(from), utc(to), utc(from), utc(to))
	if err != nil {
		return nil, fmt.Errorf("changes of activity %d: %w", activityID, err)
	}
	out := make([]domain.DateChange, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.change())
	}
	return out, nil
}

// Meetings lists an activity's meetings that begin in [from, to), with
// their changes applied (cancelled ones flagged).
func (s *Store) Meetings(ctx context.Context, a domain.Activity, loc *time.Location, from, to time.Time) ([]domain.Occurrence, error) {
	spec, err := a.Spec()
	if err != nil {
		return nil, err
	}
	// Changes can move a meeting from a slot far from where it lands: look a year around.
	changes, err := loadChanges(ctx, s.r, a.ID, from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0))
	if err != nil {
		return nil, err
	}
	return domain.Occurrences(spec, loc, changes, from, to), nil
}

// NextMeeting is the activity's next meeting that is not cancelled.
func (s *Store) NextMeeting(ctx context.Context, a domain.Activity, loc *time.Location, now time.Time) (domain.Occurrence, bool, error) {
	spec, err := a.Spec()
	if err != nil {
		return domain.Occurrence{}, false, err
	}
	changes, err := loadChanges(ctx, s.r, a.ID, now.AddDate(-1, 0, 0), now.AddDate(1, 1, 0))
	if err != nil {
		return domain.Occurrence{}, false, err
	}
	o, ok := domain.NextMeeting(spec, loc, changes, now)
	return o, ok, nil
}

// Meeting finds the meeting of slot (as the schedule gives it), with its change.
func (s *Store) Meeting(ctx context.Context, a domain.Activity, loc *time.Location, slot time.Time) (domain.Occurrence, error) {
	spec, err := a.Spec()
	if err != nil {
		return domain.Occurrence{}, err
	}
	if !domain.IsSlot(spec, loc, slot) {
		return domain.Occurrence{}, domain.ErrNotASlot
	}
	changes, err := loadChanges(ctx, s.r, a.ID, slot, slot.Add(time.Second))
	if err != nil {
		return domain.Occurrence{}, err
	}
	o := domain.Occurrence{Slot: slot, Start: slot}
	for _, c := range changes {
		if c.Slot.Equal(slot) {
			o.Cancelled, o.Reason, o.ChangedAt = c.Cancelled, c.Reason, c.ChangedAt
			if !c.MovedTo.IsZero() {
				o.Moved, o.Start = true, c.MovedTo
			}
		}
	}
	return o, nil
}

// ChangeMeeting cancels, moves or restores one meeting. In one transaction
// it records the change, withdraws that meeting's reminders still waiting
// in the outbox (the scheduler sends the right one for a new time), and
// queues a notice (domain.NoticeMeetingChanged), expiring when the meeting
// begins, to everyone who hears of it (meetingAudience). It returns how
// many were told. Only a meeting of an activity of branches can change.
func (s *Store) ChangeMeeting(ctx context.Context, branches []int64, c domain.MeetingChange, loc *time.Location, now time.Time) (int, error) {
	a, err := liveActivity(ctx, s.r, inBranches(branches), c.ActivityID)
	if err != nil {
		return 0, err
	}
	was, err := s.Meeting(ctx, a, loc, c.Slot)
	if err != nil {
		return 0, err
	}
	after := domain.Occurrence{Slot: c.Slot, Start: c.Slot, Reason: c.Reason, ChangedAt: now}
	switch {
	case c.Cancel:
		after.Cancelled = true
	case !c.MovedTo.IsZero():
		if !c.MovedTo.After(now) {
			return 0, domain.ErrInPast
		}
		after.Moved, after.Start = true, c.MovedTo
	}
	if !was.Start.After(now) && !after.Start.After(now) {
		return 0, domain.ErrInPast // a meeting that has begun and stays in the past
	}
	if was.Cancelled == after.Cancelled && was.Start.Equal(after.Start) {
		return 0, nil // nothing changes: nobody is told twice
	}
	told := 0
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := writeChange(ctx, tx, a.ID, c, after, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'expired', done_at = ? WHERE state = 'pending'
			AND id IN (SELECT outbox_id FROM notices WHERE subject = ? AND outbox_id IS NOT NULL)`,
			utc(now), meetingSubject(a.ID, c.Slot)); err != nil {
			return err
		}
		if err := requeueReminders(ctx, tx, a, after, now); err != nil {
			return err
		}
		followers, err := meetingAudience(ctx, tx, a.ID, c.Slot) // followers and the volunteers on its shifts
		if err != nil {
			return err
		}
		for _, m := range followers {
			out, err := domain.NewNotice(domain.NoticeMeetingChanged, m, domain.MeetingChanged{Activity: a, Was: was, Now: after})
			if err != nil {
				return err
			}
			if err := enqueue(ctx, tx, now, out.Expiring(after.Start)); err != nil {
				return err
			}
		}
		told = len(followers)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("change meeting of activity %d: %w", a.ID, err)
	}
	return told, nil
}

// requeueReminders queues again, at once, the reminders of a meeting
// restored to its time after its reminder was due: the scheduler has
// decided that due time and will not look back. Reminders withdrawn by the
// cancelling and never sent are forgotten in the ledger first; those sent
// stay sent. (A meeting moved that near gets no second reminder: the notice
// of the move says the new time.)
func requeueReminders(ctx context.Context, tx *sqlx.Tx, a domain.Activity, after domain.Occurrence, now time.Time) error {
	if after.Cancelled || after.Moved || a.RemindBefore() <= 0 || after.Start.Add(-a.RemindBefore()).After(now) {
		return nil // no reminder, or the scheduler's own to queue when due
	}
	subject := meetingSubject(a.ID, after.Slot)
	prefix := fmt.Sprintf("remind:%s>%d:", subject, after.Start.Unix())
	if _, err := tx.ExecContext(ctx, `DELETE FROM notices WHERE subject = ? AND substr(key, 1, length(?)) = ?
		AND outbox_id IN (SELECT id FROM outbox WHERE state = 'expired')`, subject, prefix, prefix); err != nil {
		return err
	}
	_, _, err := decideReminders(ctx, tx, a, after, domain.StepSend, now)
	return err
}

// writeChange records the meeting as it is after c: a cancelled or moved
// meeting's row, or none for one restored to its slot.
func writeChange(ctx context.Context, tx *sqlx.Tx, activityID int64, c domain.MeetingChange, after domain.Occurrence, now time.Time) error {
	if !after.Cancelled && !after.Moved {
		_, err := tx.ExecContext(ctx, `DELETE FROM occurrence_changes WHERE activity_id = ? AND slot = ?`, activityID, utc(c.Slot))
		return err
	}
	var by any
	if c.By != 0 {
		by = c.By
	}
	state, moved := "cancelled", any(nil)
	if after.Moved {
		state, moved = "moved", utc(after.Start)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO occurrence_changes (activity_id, slot, state, moved_to, reasons, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (activity_id, slot) DO UPDATE SET state = excluded.state, moved_to = excluded.moved_to,
			reasons = excluded.reasons, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
		activityID, utc(c.Slot), state, moved, c.Reason, by, utc(now))
	return err
}

// meetingSubject names one meeting in the notices ledger.
func meetingSubject(activityID int64, slot time.Time) string {
	return fmt.Sprintf("activity:%d@%s", activityID, slot.UTC().Format(time.RFC3339))
}

// mayCount applies MayCount (inside the caller's transaction), reading whether the meeting is
// cancelled, whether its activity has shifts, and whether the counter is
// on one of them at this meeting. An activity outside branches (the
// counter's) is not found.
func mayCount(ctx context.Context, q sqlx.QueryerContext, branches []int64, by domain.Counter, activityID int64, slot time.Time) error {
	var row struct {
		InScope   bool `db:"in_scope"`
		Cancelled bool `db:"cancelled"`
		Staffed   bool `db:"staffed"`
		Hosting   bool `db:"hosting"`
	}
	in, args := inBranches(branches).cond("branch_id")
	err := sqlx.GetContext(ctx, q, &row, `SELECT
		EXISTS (SELECT 1 FROM activities WHERE id = ? AND `+in+`) AS in_scope,
		EXISTS (SELECT 1 FROM occurrence_changes WHERE activity_id = ? AND slot = ? AND state = 'cancelled') AS cancelled,
		EXISTS (SELECT 1 FROM shifts WHERE activity_id = ? AND archived_at IS NULL) AS staffed,
		EXISTS (SELECT 1 FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id
			WHERE sh.activity_id = ? AND sh.archived_at IS NULL AND su.slot = ? AND su.member_id = ?) AS hosting`,
		append(append([]any{activityID}, args...), activityID, utc(slot), activityID, activityID, utc(slot), by.MemberID)...)
	if err != nil {
		return err
	}
	if !row.InScope {
		return domain.ErrOtherBranch
	}
	return domain.MayCount(by, row.Cancelled, row.Staffed, row.Hosting)
}

// OpenHeadCount checks that by may count the meeting (slot) of an activity
// of branches and returns its count so far.
func (s *Store) OpenHeadCount(ctx context.Context, branches []int64, by domain.Counter, activityID int64, slot time.Time) (domain.HeadCount, error) {
	if err := s.CanCount(ctx, branches, by, activityID, slot); err != nil {
		return domain.HeadCount{}, err
	}
	return s.HeadCountOf(ctx, branches, activityID, slot)
}

// CanCount reports (nil) whether by may count the meeting (slot) of an
// activity of branches, or why not.
func (s *Store) CanCount(ctx context.Context, branches []int64, by domain.Counter, activityID int64, slot time.Time) error {
	if err := mayCount(ctx, s.r, branches, by, activityID, slot); err != nil {
		return fmt.Errorf("head count of activity %d: %w", activityID, err)
	}
	return nil
}

// TapHeadCount records one tap of by on the head count of a meeting (slot)
// and returns the count after it; MayCount and ApplyTap decide, in the
// transaction that writes the tap (an activity of branches only).
func (s *Store) TapHeadCount(ctx context.Context, branches []int64, by domain.Counter, activityID int64, slot time.Time, kind string, now time.Time) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := mayCount(ctx, tx, branches, by, activityID, slot); err != nil {
			return err
		}
		var err error
		if h, err = headCount(ctx, tx, activityID, slot); err != nil {
			return err
		}
		if h, err = domain.ApplyTap(h, kind); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO headcount_taps (activity_id, slot, kind, created_at) VALUES (?, ?, ?, ?)`,
			activityID, utc(slot), kind, utc(now))
		return err
	})
	if err != nil {
		return h, fmt.Errorf("head count of activity %d: %w", activityID, err)
	}
	return h, nil
}

// UndoHeadCount takes back the last tap on the meeting's head count (by
// whoever counted: the count is one shared tally, and removing the newest
// tap always leaves a count that was valid before). An activity of branches only.
func (s *Store) UndoHeadCount(ctx context.Context, branches []int64, by domain.Counter, activityID int64, slot time.Time) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := mayCount(ctx, tx, branches, by, activityID, slot); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM headcount_taps WHERE id = (SELECT max(id) FROM headcount_taps WHERE activity_id = ? AND slot = ?)`,
			activityID, utc(slot))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNothingToUndo
		}
		h, err = headCount(ctx, tx, activityID, slot)
		return err
	})
	if err != nil {
		return h, fmt.Errorf("undo head count of activity %d: %w", activityID, err)
	}
	return h, nil
}

// HeadCountOf reads the head count of a meeting of an activity of
// branches (nothing counted for another branch's).
func (s *Store) HeadCountOf(ctx context.Context, branches []int64, activityID int64, slot time.Time) (domain.HeadCount, error) {
	if _, err := activityIn(ctx, s.r, inBranches(branches), activityID); err != nil {
		return domain.HeadCount{}, err
	}
	return headCount(ctx, s.r, activityID, slot)
}

func headCount(ctx context.Context, q sqlx.QueryerContext, activityID int64, slot time.Time) (domain.HeadCount, error) {
	var h domain.HeadCount
	err := sqlx.GetContext(ctx, q, &h, `SELECT
		coalesce(sum(kind = 'adult'), 0) AS adults, coalesce(sum(kind = 'child'), 0) AS children,
		coalesce(sum(kind = 'first'), 0) AS first_time
		FROM headcount_taps WHERE activity_id = ? AND slot = ?`, activityID, utc(slot))
	return h, err
}
