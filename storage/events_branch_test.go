package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// eventBranches is the first branch (Ballerup) and Herlev, each with an event
// and its own members, invitations decided by the scheduler.
type eventBranches struct {
	s              *Store
	herlev         int64
	ballerup, hEvt domain.Event
}

func newEventBranches(t *testing.T) eventBranches {
	t.Helper()
	ctx := context.Background()
	s := open(t)
	h, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	register(t, s, 5, "da", domain.RoleCoordinator) // Ballerup's coordinator
	register(t, s, 6, "ar", domain.RoleParticipant) // Ballerup
	register(t, s, 9, "ti", domain.RoleParticipant) // both
	for _, m := range []struct {
		id   int64
		role domain.Role
	}{{77, domain.RoleCoordinator}, {8, domain.RoleParticipant}, {10, domain.RoleVolunteer}} {
		if _, err := s.Register(ctx, domain.Registration{ID: m.id, ChatID: m.id, DisplayName: "H", Language: "da", Role: domain.RoleParticipant, BranchID: h.ID}, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.JoinBranch(ctx, m.id, h.ID, m.role, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.JoinBranch(ctx, 9, h.ID, domain.RoleParticipant, t0); err != nil {
		t.Fatal(err)
	}
	mk := func(branch int64, key string) domain.Event {
		c := 4
		e := domain.Event{BranchID: branch, Key: key, Title: "Fest", Invite: domain.InviteEveryone, Capacity: &c, AskDays: 2,
			StartsAt: t0.Add(72 * time.Hour), EndsAt: t0.Add(75 * time.Hour), RSVPBy: t0.Add(48 * time.Hour)}
		id, err := s.CreateEvent(ctx, e, nil, t0)
		if err != nil {
			t.Fatal(err)
		}
		if e, err = s.Event(ctx, []int64{branch}, id); err != nil || e.BranchID != branch {
			t.Fatalf("event %s in branch %d: %+v, %v", key, branch, e, err)
		}
		return e
	}
	tb := eventBranches{s: s, herlev: h.ID, ballerup: mk(domain.DefaultBranchID, "fest"), hEvt: mk(h.ID, "fest")} // keys are per branch
	claim(t, s, t0)
	return tb
}

// snapshot is everything stored about an event and its households, and
// what the outbox holds: a change anywhere changes it.
func (tb eventBranches) snapshot(t *testing.T, eventID int64) string {
	t.Helper()
	var rows []string
	if err := tb.s.r.Select(&rows, `SELECT printf('%s|%d|%s|%s', title, version, coalesce(cancelled_at, ''), updated_at) FROM events WHERE id = ?
		UNION ALL SELECT printf('%d|%s|%s|%d|%d|%s|%s|%s', id, coalesce(name, ''), answer, adults, children, coalesce(present, ''), coalesce(offer_until, ''), updated_at)
			FROM event_invitations WHERE event_id = ?
		UNION ALL SELECT printf('walkins %d', count(*)) FROM event_walkins WHERE event_id = ?
		UNION ALL SELECT printf('outbox %d', count(*)) FROM outbox
		UNION ALL SELECT printf('ledger %d', count(*)) FROM notices`, eventID, eventID, eventID); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(rows)
}

// TestEventInvitationsStayInTheirBranch: an event invites members of its
// own branch only (by their role there); a member of two branches is
// invited to both events, and lists both.
func TestEventInvitationsStayInTheirBranch(t *testing.T) {
	tb := newEventBranches(t)
	var crossed []string
	if err := tb.s.r.Select(&crossed, `SELECT printf('member %d invited to event %d', i.member_id, i.event_id) FROM event_invitations i
		JOIN events e ON e.id = i.event_id
		WHERE NOT EXISTS (SELECT 1 FROM member_branches mb WHERE mb.member_id = i.member_id AND mb.branch_id = e.branch_id)`); err != nil {
		t.Fatal(err)
	}
	if len(crossed) > 0 {
		t.Fatalf("invitations across branches: %v", crossed)
	}
	for _, c := range []struct {
		event  domain.Event
		member int64
		want   int
	}{{tb.ballerup, 6, 1}, {tb.ballerup, 8, 0}, {tb.ballerup, 77, 0}, {tb.hEvt, 6, 0}, {tb.hEvt, 10, 1}, {tb.ballerup, 9, 1}, {tb.hEvt, 9, 1}} {
		var n int
		if err := tb.s.r.Get(&n, `SELECT count(*) FROM event_invitations WHERE event_id = ? AND member_id = ?`, c.event.ID, c.member); err != nil || n != c.want {
			t.Errorf("member %d invited to event of branch %d: %d, want %d (%v)", c.member, c.event.BranchID, n, c.want, err)
		}
	}
	mine, err := tb.s.MemberEvents(context.Background(), 9, t0)
	if err != nil || len(mine) != 2 {
		t.Fatalf("member of both branches lists %d events, want 2 (%v)", len(mine), err)
	}
	if mine, _ := tb.s.MemberEvents(context.Background(), 6, t0); len(mine) != 1 || mine[0].ID != tb.ballerup.ID {
		t.Fatalf("Ballerup's participant lists %+v", mine)
	}
	for _, c := range []struct {
		branches []int64
		want     int
	}{{[]int64{1}, 1}, {[]int64{tb.herlev}, 1}, {[]int64{1, tb.herlev}, 2}, {nil, 0}} {
		if es, err := tb.s.Events(context.Background(), c.branches, t0); err != nil || len(es) != c.want {
			t.Errorf("events of %v: %d, want %d (%v)", c.branches, len(es), c.want, err)
		}
	}
	t.Run("followers of the branch's own activity", func(t *testing.T) {
		ctx := context.Background()
		for _, q := range []string{
			`INSERT INTO activities (id, branch_id, key, name, schedule, created_at, updated_at) VALUES (31, 1, 'cafe', 'Café', '0 15 * * 4', ?1, ?1)`,
			`INSERT INTO activities (id, branch_id, key, name, schedule, created_at, updated_at) VALUES (32, ` + fmt.Sprint(tb.herlev) + `, 'cafe', 'Café', '0 15 * * 4', ?1, ?1)`,
			`INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (31, 6, ?1), (32, 8, ?1), (32, 9, ?1)`,
		} {
			if _, err := tb.s.w.ExecContext(ctx, q, utc(t0)); err != nil {
				t.Fatal(err)
			}
		}
		id, err := tb.s.CreateEvent(ctx, domain.Event{Key: "cafe-fest", Title: "Cafefest", Invite: "activity:cafe",
			StartsAt: t0.Add(72 * time.Hour), EndsAt: t0.Add(75 * time.Hour), RSVPBy: t0.Add(48 * time.Hour)}, nil, t0)
		if err != nil {
			t.Fatal(err)
		}
		claim(t, tb.s, t0)
		var invited []int64
		if err := tb.s.r.Select(&invited, `SELECT member_id FROM event_invitations WHERE event_id = ? ORDER BY member_id`, id); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(invited) != "[6]" {
			t.Fatalf("Ballerup's café followers invited: %v, want [6]", invited)
		}
	})
}

// TestEventMethodsScopedByBranch: every event method acting for a person
// works on an event of the branches it is given, and on another branch's
// event is not found and changes nothing.
func TestEventMethodsScopedByBranch(t *testing.T) {
	ctx := context.Background()
	now := t0.Add(time.Hour)
	cph := cphLoc
	cases := []struct {
		name string
		do   func(tb eventBranches, branches []int64, e domain.Event) error
	}{
		{"Event", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.Event(ctx, b, e.ID)
			return err
		}},
		{"Invitations", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.Invitations(ctx, b, e.ID)
			return err
		}},
		{"MyInvitation", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.MyInvitation(ctx, b, e.ID, 9)
			return err
		}},
		{"WaitlistPlace", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.WaitlistPlace(ctx, b, e.ID, 1)
			return err
		}},
		{"Answer", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.Answer(ctx, b, domain.RSVP{EventID: e.ID, MemberID: 9, Answer: domain.AnswerYes, Adults: 2, Children: 1}, now)
			return err
		}},
		{"UpdateEvent", func(tb eventBranches, b []int64, e domain.Event) error {
			e.Title, e.Place = "Ændret", "Et andet sted"
			return tb.s.UpdateEvent(ctx, b, e, now)
		}},
		{"CancelEvent", func(tb eventBranches, b []int64, e domain.Event) error { return tb.s.CancelEvent(ctx, b, e.ID, now) }},
		{"RecordHousehold", func(tb eventBranches, b []int64, e domain.Event) error {
			return tb.s.RecordHousehold(ctx, b, e.ID, "Familien Ali", 1, 1, now)
		}},
		{"EditRecorded", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.EditRecorded(ctx, b, e.ID, recordedOf(t, tb, e), "Familien Omar", 1, 0, now)
			return err
		}},
		{"RemoveRecorded", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.RemoveRecorded(ctx, b, e.ID, recordedOf(t, tb, e), now)
			return err
		}},
		{"CheckIn", func(tb eventBranches, b []int64, e domain.Event) error {
			return tb.s.CheckIn(ctx, b, e.ID, recordedOf(t, tb, e), true)
		}},
		{"TapWalkIn", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.TapWalkIn(ctx, b, e.ID, domain.TapAdult, now)
			return err
		}},
		{"UndoWalkIn", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.UndoWalkIn(ctx, b, e.ID)
			return err
		}},
		{"WalkIns", func(tb eventBranches, b []int64, e domain.Event) error {
			_, err := tb.s.WalkIns(ctx, b, e.ID)
			return err
		}},
		{"EventNudge", func(tb eventBranches, b []int64, e domain.Event) error {
			_, _, err := tb.s.EventNudge(ctx, b, e.ID, cph, now)
			return err
		}},
		{"NudgeEvent", func(tb eventBranches, b []int64, e domain.Event) error {
			_, _, err := tb.s.NudgeEvent(ctx, b, e.ID, 5, cph, now)
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := newEventBranches(t)
			for _, e := range []domain.Event{tb.ballerup, tb.hEvt} { // something for every method to change
				recordedOf(t, tb, e)
				if _, err := tb.s.TapWalkIn(ctx, []int64{e.BranchID}, e.ID, domain.TapChild, now); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.do(tb, []int64{domain.DefaultBranchID, 99}, tb.ballerup); err != nil {
				t.Fatalf("own branch: %v", err)
			}
			before := tb.snapshot(t, tb.hEvt.ID)
			err := c.do(tb, []int64{domain.DefaultBranchID}, tb.hEvt)
			if !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("another branch's event: %v, want not found", err)
			}
			if after := tb.snapshot(t, tb.hEvt.ID); after != before {
				t.Errorf("another branch's event changed:\n%s\n%s", before, after)
			}
			if err := c.do(tb, nil, tb.ballerup); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("no branch: %v, want not found", err)
			}
		})
	}
}

// recordedOf is a household recorded by hand at e (recorded the first time
// it is asked for), so that methods on recorded households have one.
func recordedOf(t *testing.T, tb eventBranches, e domain.Event) int64 {
	t.Helper()
	var id int64
	err := tb.s.r.Get(&id, `SELECT id FROM event_invitations WHERE event_id = ? AND member_id IS NULL ORDER BY id LIMIT 1`, e.ID)
	if err == nil {
		return id
	}
	if err := tb.s.RecordHousehold(context.Background(), []int64{e.BranchID}, e.ID, "Familien Hassan", 1, 0, t0); err != nil {
		t.Fatal(err)
	}
	return recordedOf(t, tb, e)
}

// TestImportEventKeysPerBranch: a plan's event is matched by its key in its
// own branch: Herlev's "fest" is created beside Ballerup's "fest", leaves
// Ballerup's alone, and is unchanged when imported again.
func TestImportEventKeysPerBranch(t *testing.T) {
	ctx := context.Background()
	tb := newEventBranches(t)
	e := domain.Event{BranchID: tb.herlev, Key: "fest", Title: "Herlevs fest", Invite: domain.InviteParticipants,
		StartsAt: t0.Add(96 * time.Hour), EndsAt: t0.Add(99 * time.Hour), RSVPBy: t0.Add(72 * time.Hour)}
	before := tb.snapshot(t, tb.ballerup.ID)
	rep, err := tb.s.ImportPlan(ctx, Plan{Events: []domain.Event{e}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events.Updated != 1 || rep.Events.Created != 0 {
		t.Fatalf("Herlev's fest, imported over Herlev's own: %+v", rep.Events)
	}
	if after := tb.snapshot(t, tb.ballerup.ID); after != before {
		t.Errorf("Ballerup's fest changed by Herlev's plan:\n%s\n%s", before, after)
	}
	got, err := tb.s.Event(ctx, []int64{tb.herlev}, tb.hEvt.ID)
	if err != nil || got.Title != "Herlevs fest" {
		t.Fatalf("Herlev's fest after the import: %+v, %v", got, err)
	}
	e.Key = "nyt"
	if rep, err = tb.s.ImportPlan(ctx, Plan{Events: []domain.Event{e}}, t0); err != nil || rep.Events.Created != 1 {
		t.Fatalf("a new key in Herlev: %+v, %v", rep.Events, err)
	}
	if es, _ := tb.s.Events(ctx, []int64{tb.herlev}, t0); len(es) != 2 {
		t.Fatalf("Herlev has %d events, want 2", len(es))
	}
	if es, _ := tb.s.Events(ctx, []int64{domain.DefaultBranchID}, t0); len(es) != 1 {
		t.Fatalf("Ballerup has %d events, want 1", len(es))
	}
}

// TestEventNoticesNameTheirBranch: a member of two branches is told which
// branch invites them (the branch's names in the notice's values); a
// member of one branch is not.
func TestEventNoticesNameTheirBranch(t *testing.T) {
	tb := newEventBranches(t)
	branchOf := func(member int64, event int64) domain.Texts {
		t.Helper()
		for _, n := range noticesTo(t, tb.s, domain.NoticeEventInvitation, member) {
			var v domain.EventValues
			if err := json.Unmarshal([]byte(n.Values), &v); err != nil {
				t.Fatal(err)
			}
			if v.Event.ID == event {
				return v.Branch
			}
		}
		t.Fatalf("no invitation to event %d for member %d", event, member)
		return nil
	}
	if got := branchOf(9, tb.hEvt.ID); got.In("da") != "Røde Kors Herlev" {
		t.Errorf("a member of both branches, invited by Herlev: branch %v", got)
	}
	if got := branchOf(8, tb.hEvt.ID); len(got) != 0 {
		t.Errorf("a member of Herlev only: branch %v, want none", got)
	}
	if got := branchOf(6, tb.ballerup.ID); len(got) != 0 {
		t.Errorf("a member of Ballerup only: branch %v, want none", got)
	}
}
