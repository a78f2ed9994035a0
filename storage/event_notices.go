package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// ClaimEventNotices decides, in one transaction, every event message due at
// now: the invitations of new events (once per event), the notices of a
// changed or cancelled event (once per version and household), "still
// coming?" and the reminder the day before (once per household, through
// the notices ledger), and lapsed waitlist offers, whose seats pass on.
func (s *Store) ClaimEventNotices(ctx context.Context, loc *time.Location, now time.Time) (domain.ClaimResult, error) {
	var res domain.ClaimResult
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res = domain.ClaimResult{}
		var es []domain.Event
		if err := tx.SelectContext(ctx, &es, `SELECT `+eventCols+` FROM events WHERE starts_at > ? ORDER BY starts_at, id`, utc(now)); err != nil {
			return err
		}
		for _, e := range es {
			steps := []func(context.Context, *sqlx.Tx, domain.Event, time.Time) (int, time.Time, error){
				invite, notifyChange, lapseOffers,
				func(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time) (int, time.Time, error) {
					return askAndRemind(ctx, tx, e, loc, now)
				},
			}
			for _, step := range steps {
				n, next, err := step(ctx, tx, e, now)
				if err != nil {
					return fmt.Errorf("event %d: %w", e.ID, err)
				}
				res.Queued += n
				if !next.IsZero() && (res.Next.IsZero() || next.Before(res.Next)) {
					res.Next = next
				}
			}
		}
		return nil
	})
	if err != nil {
		return domain.ClaimResult{}, fmt.Errorf("claim event notices: %w", err)
	}
	return res, nil
}

// inviteeWhere selects the members an event of branch invites: members of
// that branch only, by their role there (an audience never crosses
// branches; the followers of an activity are those of the branch's
// activity with that key who belong to the branch).
func inviteeWhere(branch int64, invite string) (string, []any) {
	if branch == 0 {
		branch = domain.DefaultBranchID
	}
	in := func(roles string) (string, []any) {
		return "m.id IN (SELECT mb.member_id FROM member_branches mb WHERE mb.branch_id = ? AND mb.role IN (" + roles + "))", []any{branch}
	}
	switch invite {
	case domain.InviteParticipants:
		return in("'participant'")
	case domain.InviteVolunteers:
		return in("'volunteer','coordinator'")
	case domain.InviteEveryone:
		return in("'participant','volunteer','coordinator'")
	}
	key := strings.TrimPrefix(invite, domain.InviteFollowPrefix)
	where, args := in("'participant','volunteer','coordinator'")
	return where + " AND m.id IN (SELECT f.member_id FROM activity_followers f JOIN activities a ON a.id = f.activity_id WHERE a.branch_id = ? AND a.key = ?)",
		append(args, branch, key)
}

// invite sends the invitations of an event (domain.NoticeEventInvitation):
// to each invitee once (the invitation row is unique per member), including
// members who join before the answer deadline.
func invite(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time) (int, time.Time, error) {
	if e.Cancelled() || now.After(e.RSVPBy) {
		return 0, time.Time{}, nil
	}
	where, args := inviteeWhere(e.BranchID, e.Invite)
	var ms []domain.Member
	err := tx.SelectContext(ctx, &ms, `SELECT `+prefixed("m", memberCols)+` FROM members m WHERE `+where+`
		AND NOT EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = ? AND i.member_id = m.id) ORDER BY m.id`,
		append(args, e.ID)...)
	if err != nil {
		return 0, time.Time{}, err
	}
	n := 0
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_invitations (event_id, member_id, seen_version, updated_at) VALUES (?, ?, ?, ?)`,
			e.ID, m.ID, e.Version, utc(now)); err != nil {
			return 0, time.Time{}, err
		}
		if !m.Reachable {
			continue
		}
		label, err := branchLabel(ctx, tx, m.ID, e)
		if err != nil {
			return 0, time.Time{}, err
		}
		out, err := domain.NewNotice(domain.NoticeEventInvitation, m, domain.EventValues{Event: e, Branch: label})
		if err != nil {
			return 0, time.Time{}, err
		}
		// An invitation after the deadline is noise.
		if _, err := enqueueOne(ctx, tx, now, out.Expiring(e.RSVPBy)); err != nil {
			return 0, time.Time{}, err
		}
		n++
	}
	if e.InvitedAt == nil {
		_, err = tx.ExecContext(ctx, `UPDATE events SET invited_at = ? WHERE id = ?`, utc(now), e.ID)
	}
	return n, time.Time{}, err
}

// branchLabel is the names of event e's branch when member belongs to
// several branches, so that the notice says which branch asks; nil when
// they belong to one (or the branch is not named yet).
func branchLabel(ctx context.Context, tx *sqlx.Tx, member int64, e domain.Event) (domain.Texts, error) {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM member_branches WHERE member_id = ?`, member); err != nil || n < 2 {
		return nil, err
	}
	var b domain.Branch
	if err := tx.GetContext(ctx, &b, `SELECT `+branchCols+` FROM branches WHERE id = ?`, e.BranchID); err != nil || b.Name == "" {
		return nil, err
	}
	return b.Names.With(b.Name), nil
}

// concerned lists the reachable households with Telegram whose answer is
// one of answers and that match the extra condition on i (the invitation),
// with their members by invitation id.
func concerned(ctx context.Context, tx *sqlx.Tx, eventID int64, answers []domain.Answer, cond string, args ...any) ([]domain.Invitation, map[int64]domain.Member, error) {
	in := make([]string, len(answers))
	q := []any{eventID}
	for k, a := range answers {
		in[k] = "?"
		q = append(q, string(a))
	}
	where := `i.event_id = ? AND i.answer IN (` + strings.Join(in, ", ") + `) AND i.member_id IS NOT NULL AND ` + cond
	q = append(q, args...)
	var is []domain.Invitation
	if err := tx.SelectContext(ctx, &is, `SELECT `+invitationCols+` FROM event_invitations i JOIN members m ON m.id = i.member_id
		WHERE m.reachable = 1 AND `+where+` ORDER BY i.id`, q...); err != nil {
		return nil, nil, err
	}
	if len(is) == 0 {
		return nil, nil, nil
	}
	var ms []struct {
		InvitationID int64 `db:"inv_id"`
		domain.Member
	}
	if err := tx.SelectContext(ctx, &ms, `SELECT i.id AS inv_id, `+prefixed("m", memberCols)+` FROM event_invitations i
		JOIN members m ON m.id = i.member_id WHERE m.reachable = 1 AND `+where, q...); err != nil {
		return nil, nil, err
	}
	byInv := make(map[int64]domain.Member, len(ms))
	for _, m := range ms {
		byInv[m.InvitationID] = m.Member
	}
	return is, byInv, nil
}

func eventSubject(id int64) string { return fmt.Sprintf("event:%d", id) }

// notifyChange tells those coming, waiting or offered seats about a new
// time or place, or a cancellation (domain.NoticeEventChanged): once per
// version of the event, and only those who have not seen that version
// (answering shows the current one).
func notifyChange(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time) (int, time.Time, error) {
	if e.Version <= 1 || e.InvitedAt == nil {
		return 0, time.Time{}, nil
	}
	is, ms, err := concerned(ctx, tx, e.ID, []domain.Answer{domain.AnswerYes, domain.AnswerWaiting, domain.AnswerOffered}, "i.seen_version < ?", e.Version)
	if err != nil {
		return 0, time.Time{}, err
	}
	n := 0
	for _, i := range is {
		key := fmt.Sprintf("evchange:%d:v%d:%d", e.ID, e.Version, i.ID)
		label, err := branchLabel(ctx, tx, ms[i.ID].ID, e)
		if err != nil {
			return 0, time.Time{}, err
		}
		out := eventNotice(domain.NoticeEventChanged, ms[i.ID], domain.EventValues{Event: e, Branch: label}, e.StartsAt)
		ok, err := record(ctx, tx, now, entry{Key: key, Subject: eventSubject(e.ID), MemberID: ms[i.ID].ID, Due: e.EndsAt, Out: out})
		if err != nil {
			return 0, time.Time{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_invitations SET seen_version = ? WHERE id = ?`, e.Version, i.ID); err != nil {
			return 0, time.Time{}, err
		}
		if ok {
			n++
		}
	}
	return n, time.Time{}, nil
}

// lapseOffers ends offers not confirmed in time (domain.OfferLapsed): the
// household is told (domain.NoticeEventOfferLapsed) and leaves the
// waitlist, and the seats pass on.
func lapseOffers(ctx context.Context, tx *sqlx.Tx, e domain.Event, now time.Time) (int, time.Time, error) {
	if e.Cancelled() {
		return 0, time.Time{}, nil
	}
	hs, err := seatState(ctx, tx, e.ID)
	if err != nil {
		return 0, time.Time{}, err
	}
	n, lapsed := 0, 0
	var next time.Time
	for k, h := range hs {
		if h.Answer != domain.AnswerOffered {
			continue
		}
		if !domain.OfferLapsed(h, now) {
			if next.IsZero() || h.OfferUntil.Before(next) {
				next = h.OfferUntil
			}
			continue
		}
		lapsed++
		hs[k].Answer = domain.AnswerNo // holds no seat from now on
		if _, err := tx.ExecContext(ctx, `UPDATE event_invitations SET answer = 'no', waiting_since = NULL, offer_until = NULL,
			updated_at = ? WHERE id = ?`, utc(now), h.ID); err != nil {
			return 0, time.Time{}, err
		}
		var member int64
		if err := tx.GetContext(ctx, &member, `SELECT member_id FROM event_invitations WHERE id = ?`, h.ID); err != nil {
			return 0, time.Time{}, err
		}
		m, err := memberInTx(ctx, tx, member)
		if err != nil {
			return 0, time.Time{}, err
		}
		if m.Reachable {
			key := fmt.Sprintf("evlapse:%d:%d:%d", e.ID, h.ID, h.OfferUntil.Unix())
			label, err := branchLabel(ctx, tx, m.ID, e)
			if err != nil {
				return 0, time.Time{}, err
			}
			out := eventNotice(domain.NoticeEventOfferLapsed, m, domain.EventValues{Event: e, Branch: label}, time.Time{})
			if _, err := record(ctx, tx, now, entry{Key: key, Subject: eventSubject(e.ID), MemberID: m.ID, Due: e.EndsAt, Out: out}); err != nil {
				return 0, time.Time{}, err
			}
			n++
		}
	}
	if lapsed == 0 {
		return 0, next, nil
	}
	promoted, _, err := promote(ctx, tx, e, now, hs)
	return n + promoted, next, err
}

// askAndRemind sends "still coming?" AskDays before and the reminder the
// day before, at the start's wall-clock time in loc to the households coming (domain.NoticeDue;
// domain.NoticeEventStillComing and domain.NoticeEventReminder).
func askAndRemind(ctx context.Context, tx *sqlx.Tx, e domain.Event, loc *time.Location, now time.Time) (int, time.Time, error) {
	if e.Cancelled() || e.InvitedAt == nil {
		return 0, time.Time{}, nil
	}
	type notice struct {
		key, notice string
		due         time.Time
	}
	var ns []notice
	if e.AskDays > 0 {
		ns = append(ns, notice{"evask", domain.NoticeEventStillComing, domain.DaysBefore(e.StartsAt, e.AskDays, loc)})
	}
	ns = append(ns, notice{"evremind", domain.NoticeEventReminder, domain.DaysBefore(e.StartsAt, 1, loc)})
	var next time.Time
	var due []notice
	for _, x := range ns {
		if now.Before(x.due) {
			if next.IsZero() || x.due.Before(next) {
				next = x.due
			}
			continue
		}
		due = append(due, x)
	}
	if len(due) == 0 {
		return 0, next, nil
	}
	n := 0
	for _, x := range due {
		// Only households whose notice is not decided yet: after the first run, none.
		is, ms, err := concerned(ctx, tx, e.ID, []domain.Answer{domain.AnswerYes},
			"NOT EXISTS (SELECT 1 FROM notices n WHERE n.key = ? || i.id)", fmt.Sprintf("%s:%d:", x.key, e.ID))
		if err != nil {
			return 0, time.Time{}, err
		}
		for _, i := range is {
			if !domain.NoticeDue(x.due, e.StartsAt, now, i.UpdatedAt) {
				continue
			}
			label, err := branchLabel(ctx, tx, ms[i.ID].ID, e)
			if err != nil {
				return 0, time.Time{}, err
			}
			out := eventNotice(x.notice, ms[i.ID], domain.EventHouseholdValues{Event: e, Adults: i.Adults, Children: i.Children, Branch: label}, e.StartsAt)
			ok, err := record(ctx, tx, now, entry{Key: fmt.Sprintf("%s:%d:%d", x.key, e.ID, i.ID), Subject: eventSubject(e.ID), MemberID: ms[i.ID].ID, Due: e.EndsAt, Out: out})
			if err != nil {
				return 0, time.Time{}, err
			}
			if ok {
				n++
			}
		}
	}
	return n, next, nil
}

// eventNotice is the ledger's Out for an event's notice of kind to m,
// dropped unsent after expires (zero: never).
func eventNotice(kind string, m domain.Member, values any, expires time.Time) func() (domain.Outgoing, error) {
	return func() (domain.Outgoing, error) {
		out, err := domain.NewNotice(kind, m, values)
		return out.Expiring(expires), err
	}
}
