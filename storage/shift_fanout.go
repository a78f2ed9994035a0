package storage

import (
	"context"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// withdrawnEvery is how often at most a coordinator hears of late
// withdrawals from the same shift meeting.
const withdrawnEvery = time.Hour

// tellWithdrawn tells coordinator coord that who left sl late (with their
// reason, if they gave one), unless they
// were told of a withdrawal from that meeting within the last hour: one
// notice per meeting and hour, however often someone takes and leaves it.
func tellWithdrawn(ctx context.Context, tx *sqlx.Tx, sl domain.ShiftSlot, who, coord domain.Member, reason string, now time.Time) error {
	subject := shiftSubject(sl)
	prefix := fmt.Sprintf("shiftwithdrawn:%s:%d:", subject, coord.Ref)
	var recent int
	if err := tx.GetContext(ctx, &recent, `SELECT count(*) FROM notices WHERE subject = ? AND member_id = ?
		AND substr(key, 1, ?) = ? AND created_at > ?`, subject, coord.ID, len(prefix), prefix, utc(now.Add(-withdrawnEvery))); err != nil {
		return err
	}
	if recent > 0 {
		return nil
	}
	out, err := domain.NewNotice(domain.NoticeShiftWithdrawn, coord, domain.WithdrawalValues{Meeting: sl.Meeting(), Name: who.DisplayName, Reason: reason})
	if err != nil {
		return err
	}
	// It names who left: deleted with them when they are forgotten. Due at
	// the meeting: the ledger keeps the entry (and so the hour) until then.
	_, err = record(ctx, tx, now, entry{Key: prefix + fmt.Sprint(now.UnixNano()), Subject: subject, MemberID: coord.ID, Due: sl.Start,
		Out: message(out.About(who)), About: who.ID})
	return err
}

// coverKey is the notices key of the offer of a freed place on a shift
// meeting to one volunteer: one offer per meeting and volunteer.
func coverKey(sl domain.ShiftSlot, m domain.Member) string {
	return fmt.Sprintf("shiftcover:%s:%d", shiftSubject(sl), m.Ref)
}

// mayRetake applies domain.MayRetake to the member's withdrawals from the
// shift meeting.
func mayRetake(ctx context.Context, tx *sqlx.Tx, shiftID int64, slot time.Time, memberID int64) error {
	var drops []int
	if err := tx.SelectContext(ctx, &drops, `SELECT drops FROM shift_drops WHERE shift_id = ? AND slot = ? AND member_id = ?`,
		shiftID, utc(slot), memberID); err != nil {
		return err
	}
	n := 0
	if len(drops) > 0 {
		n = drops[0]
	}
	return domain.MayRetake(n)
}
