package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// reminderLookback bounds how far back a stale watermark (a long downtime)
// makes the scheduler look for missed reminders to record as skipped.
const reminderLookback = 7 * 24 * time.Hour

// ClaimActivityReminders decides, in one transaction, every activity
// reminder that is due at now: each becomes exactly one outbox message (or
// a "skipped" record when the meeting began while the bot was down). The
// notices ledger's unique key makes this exactly once whoever runs it and
// however often: restarts, a crash mid-way (the transaction rolls back), or
// two processes on one database (immediate transactions take turns). The
// rules are domain.DecideReminder and domain.ReminderEligible. Each
// reminder is a notice (domain.NoticeActivityReminder) that expires when
// its meeting begins.
func (s *Store) ClaimActivityReminders(ctx context.Context, loc *time.Location, now time.Time) (domain.ClaimResult, error) {
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.ClaimResult{}
		watermark, err := readWatermark(ctx, tx, "activity_reminders", now)
		if err != nil {
			return err
		}
		var acts []domain.Activity
		if err := tx.SelectContext(ctx, &acts, `SELECT `+activityCols+` FROM activities
			WHERE archived_at IS NULL AND remind_before_min > 0`); err != nil {
			return err
		}
		for _, a := range acts {
			spec, err := a.Spec()
			if err != nil {
				continue // validated on the way in; an old bad row must not stop everyone's reminders
			}
			rb := a.RemindBefore()
			from, to := domain.DecisionWindow(rb, now, watermark, reminderLookback)
			changes, err := loadChanges(ctx, tx, a.ID, from.AddDate(-1, 0, 0), now.Add(rb).AddDate(1, 0, 0))
			if err != nil {
				return err
			}
			for _, o := range domain.Occurrences(spec, loc, changes, from, to) {
				act := domain.DecideReminder(o, rb, now, watermark)
				if act != domain.StepSend && act != domain.StepSkip {
					continue
				}
				q, k, err := decideReminders(ctx, tx, a, o, act, now)
				if err != nil {
					return err
				}
				res.Queued += q
				res.Skipped += k
			}
			if next := domain.NextReminderDue(spec, loc, changes, rb, now); !next.IsZero() && (res.Next.IsZero() || next.Before(res.Next)) {
				res.Next = next
			}
		}
		return writeWatermark(ctx, tx, "activity_reminders", now)
	})
	if err != nil {
		return domain.ClaimResult{}, fmt.Errorf("claim activity reminders: %w", err)
	}
	return res, nil
}

// decideReminders records the reminder of meeting o for every eligible
// follower not yet decided: queued to the outbox (act Send) or skipped.
func decideReminders(ctx context.Context, tx *sqlx.Tx, a domain.Activity, o domain.Occurrence, act domain.ReminderStep, now time.Time) (queued, skipped int, err error) {
	due := o.Start.Add(-a.RemindBefore())
	subject := meetingSubject(a.ID, o.Slot)
	// The key names the start too: a meeting moved after its reminder went
	// out gets a reminder for its new time.
	prefix := fmt.Sprintf("remind:%s>%d:", subject, o.Start.Unix())
	var fs []struct {
		domain.Member
		FollowedAt time.Time `db:"followed_at"`
	}
	err = tx.SelectContext(ctx, &fs, `SELECT `+prefixed("m", memberCols)+`, f.created_at AS followed_at
		FROM activity_followers f JOIN members m ON m.id = f.member_id
		WHERE f.activity_id = ? AND m.reachable = 1
		AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = ? || m.ref)
		ORDER BY m.id`, a.ID, prefix)
	if err != nil {
		return 0, 0, err
	}
	for _, f := range fs {
		if !domain.ReminderEligible(f.FollowedAt, due) {
			continue
		}
		e := entry{Key: fmt.Sprint(prefix, f.Ref), Subject: subject, MemberID: f.ID, Due: due}
		if act == domain.StepSend {
			m := f.Member
			e.Out = func() (domain.Outgoing, error) {
				out, err := domain.NewNotice(domain.NoticeActivityReminder, m, domain.ActivityReminder{Activity: a, Meeting: o})
				return out.Expiring(o.Start), err // a reminder after the meeting began is noise
			}
		}
		ok, err := record(ctx, tx, now, e)
		switch {
		case err != nil:
			return 0, 0, err
		case ok && e.Out != nil:
			queued++
		case ok:
			skipped++
		}
	}
	return queued, skipped, nil
}

// readWatermark is when the named loop last decided; the first time, now.
func readWatermark(ctx context.Context, tx *sqlx.Tx, name string, now time.Time) (time.Time, error) {
	var t []time.Time
	if err := tx.SelectContext(ctx, &t, `SELECT value FROM scheduler_state WHERE name = ?`, name); err != nil {
		return time.Time{}, err
	}
	if len(t) == 0 {
		return now, nil
	}
	return t[0], nil
}

func writeWatermark(ctx context.Context, tx *sqlx.Tx, name string, now time.Time) error {
	// Never backwards: a second process with a slower clock must not re-open a decided window.
	_, err := tx.ExecContext(ctx, `INSERT INTO scheduler_state (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)`, name, utc(now))
	return err
}
