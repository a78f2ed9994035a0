package storage

import (
	"fmt"
	"strings"
	"vejviser/storage/domain"
)

// The events of a season plan, inside the import's transaction: checked
// against the database, created or updated, and what members are told.

// events creates the plan's new events and updates changed ones; a new
// time or place is told to those coming or waiting (by the scheduler,
// once per change). A cancelled event stays cancelled.
func (im *importer) events(es []domain.Event) error {
	for _, e := range es {
		if k, ok := strings.CutPrefix(e.Invite, domain.InviteFollowPrefix); ok && !im.activityKey("event", e.Key, "invite", k) {
			continue
		}
		if e.BranchID == 0 {
			e.BranchID = domain.DefaultBranchID
		}
		var old []domain.Event // keys are per branch: two branches may both have "julefest"
		if err := im.tx.SelectContext(im.ctx, &old, `SELECT `+eventCols+` FROM events WHERE branch_id = ? AND key = ?`, e.BranchID, e.Key); err != nil {
			return err
		}
		var err error
		switch {
		case len(old) == 0:
			err = im.createEvent(e)
		case old[0].Cancelled():
			im.rep.Events.Unchanged++
			im.rep.Entries = append(im.rep.Entries, EntryChange{Kind: "event", Key: e.Key, Action: Archived,
				Told: []string{"cancelled: left as it is"}})
		default:
			err = im.updateEvent(old[0], e)
		}
		if err != nil {
			return fmt.Errorf("event %s: %w", e.Key, err)
		}
	}
	return nil
}

// past records a problem for the first of an event's times in check that
// is already gone.
func (im *importer) past(e domain.Event, check ...string) bool {
	for _, field := range check {
		at := e.StartsAt
		if field == "rsvp_by" {
			at = e.RSVPBy
		}
		if at.Before(im.now) {
			im.problem("event", e.Key, field, fmt.Sprintf("%s is in the past", at.In(im.opt.Loc).Format("02.01.2006 15:04")))
			return false // a deadline before a past start says nothing more
		}
	}
	return true
}

func (im *importer) createEvent(e domain.Event) error {
	if !im.past(e, "start", "rsvp_by") {
		return nil
	}
	n, err := im.newInvitees(e, 0)
	if err != nil {
		return err
	}
	if _, err := insertEvent(im.ctx, im.tx, e, nil, im.now); err != nil {
		return err
	}
	im.rep.Events.Created++
	im.rep.Entries = append(im.rep.Entries, EntryChange{Kind: "event", Key: e.Key, Action: Created,
		Told: []string{fmt.Sprintf("%d members (%s) get the invitation from the running bot", n, e.Invite)}})
	return nil
}

// newInvitees counts the reachable members e's audience invites who have
// no invitation to event id yet (0 for a new event).
func (im *importer) newInvitees(e domain.Event, id int64) (int, error) {
	where, args := inviteeWhere(e.BranchID, e.Invite)
	var n int
	err := im.tx.GetContext(im.ctx, &n, `SELECT count(*) FROM members m WHERE m.reachable = 1 AND `+where+`
		AND NOT EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = ? AND i.member_id = m.id)`, append(args, id)...)
	return n, err
}

func (im *importer) updateEvent(old, e domain.Event) error {
	ch := EntryChange{Kind: "event", Key: e.Key, Action: Updated, Changes: domain.EventChanges(old, e, im.opt.Loc)}
	if len(ch.Changes) == 0 {
		im.rep.Events.Unchanged++
		ch.Action = Unchanged
		im.rep.Entries = append(im.rep.Entries, ch)
		return nil
	}
	im.rep.Entries = append(im.rep.Entries, ch)
	ok := im.wipes("event", e.Key, ch.Changes)
	if im.omittedInvite[e.Key] && old.Invite != domain.InviteParticipants && !im.opt.Replace {
		im.problem("event", e.Key, "invite", fmt.Sprintf("the plan leaves out invite, which would change the audience from %s to participants; write invite = %q in the plan, or pass --replace", old.Invite, old.Invite))
		ok = false
	}
	check := []string{"start"}
	if !old.RSVPBy.Equal(e.RSVPBy) {
		check = append(check, "rsvp_by")
	}
	if !im.past(e, check...) || !ok {
		return nil
	}
	told, err := im.changeTold(old, e)
	if err != nil {
		return err
	}
	_, offered, err := updateEvent(im.ctx, im.tx, old, e, im.now)
	if err != nil {
		return err
	}
	if offered > 0 {
		told = append(told, fmt.Sprintf("%d waiting households are offered the freed seats", offered))
	}
	if len(told) == 0 {
		told = []string{"nobody is told"}
	}
	im.rep.Entries[len(im.rep.Entries)-1].Told = told
	im.rep.Events.Updated++
	return nil
}

// changeTold is what the scheduler will tell about an update: a new time
// or place to those coming or waiting, invitations to a wider audience.
func (im *importer) changeTold(old, e domain.Event) ([]string, error) {
	if old.InvitedAt == nil {
		return nil, nil
	}
	var told []string
	if !old.StartsAt.Equal(e.StartsAt) || !old.EndsAt.Equal(e.EndsAt) || old.Place != e.Place {
		is, _, err := concerned(im.ctx, im.tx, old.ID, []domain.Answer{domain.AnswerYes, domain.AnswerWaiting, domain.AnswerOffered}, "1 = 1")
		if err != nil {
			return nil, err
		}
		told = append(told, fmt.Sprintf("%d households coming or waiting are told the new time or place", len(is)))
	}
	if old.Invite != e.Invite && im.now.Before(e.RSVPBy) {
		n, err := im.newInvitees(e, old.ID)
		if err != nil {
			return nil, err
		}
		told = append(told, fmt.Sprintf("%d more members (%s) get the invitation", n, e.Invite))
	}
	return told, nil
}
