package storage

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// The café's first meeting after t0 (Saturday 21 November 2026): Thursday
// 26 November, 15:00 CET = 14:00 UTC; its reminder is due 3 h before.
var (
	nov26    = time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	nov26Due = nov26.Add(-3 * time.Hour)
	dec3Slot = nov26.Add(7 * 24 * time.Hour)
)

// cafeWithFollowers creates the café with members 1 and 2 following it
// (Danish and Arabic), member 3 following but unreachable, and member 4
// not following.
func cafeWithFollowers(f *actFixture) int64 {
	f.t.Helper()
	id := f.create(cafe(), t0)
	f.member(1, "da", t0)
	f.member(2, "ar", t0)
	f.member(3, "ti", t0)
	f.member(4, "en", t0)
	for _, m := range []int64{1, 2, 3} {
		f.follow(id, m, t0)
	}
	if err := f.s.SetReachable(f.ctx, 3, false, t0); err != nil {
		f.t.Fatal(err)
	}
	return id
}

func TestClaimReminderExactlyOnceAtDue(t *testing.T) {
	f := newActFixture(t)
	id := cafeWithFollowers(f)
	for _, st := range []struct {
		name     string
		now      time.Time
		queued   int       // res.Queued of this claim
		total    int       // reminder rows after it
		wantNext time.Time // res.Next
	}{
		{"a day before", nov26Due.Add(-24 * time.Hour), 0, 0, nov26Due},
		{"a minute before due", nov26Due.Add(-time.Minute), 0, 0, nov26Due},
		{"at due", nov26Due, 2, 2, nov26Due.Add(7 * 24 * time.Hour)},
		{"again at due", nov26Due, 0, 2, nov26Due.Add(7 * 24 * time.Hour)},
		{"a minute after", nov26Due.Add(time.Minute), 0, 2, nov26Due.Add(7 * 24 * time.Hour)},
		{"two hours after", nov26Due.Add(2 * time.Hour), 0, 2, nov26Due.Add(7 * 24 * time.Hour)},
		{"meeting under way", nov26.Add(time.Minute), 0, 2, nov26Due.Add(7 * 24 * time.Hour)},
		{"next week's due", nov26Due.Add(7 * 24 * time.Hour), 2, 4, nov26Due.Add(14 * 24 * time.Hour)},
	} {
		t.Run(st.name, func(t *testing.T) {
			res := f.claim(st.now)
			if res.Queued != st.queued || res.Skipped != 0 {
				t.Errorf("queued %d skipped %d, want %d and 0", res.Queued, res.Skipped, st.queued)
			}
			if n := f.reminders(); n != st.total {
				t.Fatalf("%d reminder rows, want %d", n, st.total)
			}
			if !res.Next.Equal(st.wantNext) {
				t.Errorf("next due %v, want %v", res.Next, st.wantNext)
			}
		})
	}
	t.Run("one per reachable follower, none for others", func(t *testing.T) {
		for _, tc := range []struct {
			member int64
			want   int
		}{{1, 2}, {2, 2}, {3, 0}, {4, 0}} {
			if n := f.reminders(tc.member); n != tc.want {
				t.Errorf("member %d got %d reminders, want %d", tc.member, n, tc.want)
			}
		}
	})
	t.Run("row contents", func(t *testing.T) {
		if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND priority = ? AND notice = ? AND text = ''
			AND member_id = 2 AND chat_id = 2 AND state = 'pending' AND expires_at = ? AND not_before = ?`,
			domain.PriorityReminder, domain.NoticeActivityReminder, nov26, nov26Due); n != 1 {
			t.Fatal("no pending reminder notice for member 2 expiring at the start and sendable at due")
		}
		got := notices[domain.ActivityReminder](f, domain.NoticeActivityReminder, 2)
		if len(got) != 2 || got[0].Activity.ID != id || got[0].Activity.Key != "tal-dansk-cafe" || got[0].Activity.Place != "Ballerup Bibliotek" ||
			!got[0].Meeting.Start.Equal(nov26) || !got[0].Meeting.Slot.Equal(nov26) || got[0].Meeting.Moved || !got[1].Meeting.Start.Equal(dec3Slot) {
			t.Fatalf("member 2's reminders say %+v, want the café on 26 November, then on 3 December", got)
		}
		if n := f.count(`SELECT count(*) FROM notices WHERE state = 'queued' AND subject = ? AND due_at = ? AND outbox_id IS NOT NULL`,
			fmt.Sprintf("activity:%d@%s", id, nov26.Format(time.RFC3339)), nov26Due); n != 2 {
			t.Fatalf("%d queued notices for the meeting, want 2", n)
		}
	})
}

func TestClaimEligibility(t *testing.T) {
	for _, tc := range []struct {
		name     string
		followAt time.Time
		claims   []time.Time
		want     int
	}{
		{"followed a minute before due", nov26Due.Add(-time.Minute), []time.Time{nov26Due.Add(-2 * time.Minute), nov26Due}, 1},
		{"followed at due", nov26Due, []time.Time{nov26Due.Add(-time.Minute), nov26Due.Add(time.Second)}, 1},
		{"followed after due, claimed at due before", nov26Due.Add(time.Minute), []time.Time{nov26Due, nov26Due.Add(2 * time.Minute), nov26Due.Add(time.Hour)}, 0},
		{"followed after due, first claim later", nov26Due.Add(time.Minute), []time.Time{nov26Due.Add(2 * time.Minute)}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newActFixture(t)
			id := f.create(cafe(), t0)
			f.member(1, "da", t0)
			f.member(2, "da", t0)
			f.follow(id, 2, t0) // an early follower, so claims have work
			f.follow(id, 1, tc.followAt)
			for _, now := range tc.claims {
				f.claim(now)
			}
			if n := f.reminders(1); n != tc.want {
				t.Fatalf("member 1 got %d reminders, want %d", n, tc.want)
			}
			if n := f.reminders(2); n != 1 {
				t.Fatalf("the early follower got %d reminders, want 1", n)
			}
		})
	}
}

func TestClaimNothingForArchivedOrUnfollowedOrNoOffset(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(f *actFixture, id int64)
	}{
		{"archived", func(f *actFixture, id int64) {
			if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, id, nov26Due.Add(-time.Hour)); err != nil {
				f.t.Fatal(err)
			}
		}},
		{"unfollowed", func(f *actFixture, id int64) {
			if err := f.s.Unfollow(f.ctx, []int64{domain.DefaultBranchID}, id, 1); err != nil {
				f.t.Fatal(err)
			}
		}},
		{"no reminder offset", func(f *actFixture, id int64) {
			a, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
			a.RemindBeforeMin = 0
			if err := f.s.UpdateActivity(f.ctx, []int64{domain.DefaultBranchID}, a, t0); err != nil {
				f.t.Fatal(err)
			}
		}},
		{"member became unreachable", func(f *actFixture, id int64) {
			if err := f.s.SetReachable(f.ctx, 1, false, t0); err != nil {
				f.t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newActFixture(t)
			id := f.create(cafe(), t0)
			f.member(1, "da", t0)
			f.follow(id, 1, t0)
			tc.setup(f, id)
			for _, now := range []time.Time{nov26Due.Add(-time.Minute), nov26Due, nov26.Add(-time.Minute)} {
				if res := f.claim(now); res.Queued != 0 || res.Skipped != 0 {
					t.Fatalf("claim at %v: %+v", now, res)
				}
			}
			if n := f.reminders(); n != 0 {
				t.Fatalf("%d reminders", n)
			}
		})
	}
	t.Run("archive withdraws a queued reminder", func(t *testing.T) {
		f := newActFixture(t)
		id := f.create(cafe(), t0)
		f.member(1, "da", t0)
		f.follow(id, 1, t0)
		f.claim(nov26Due)
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, id, nov26Due.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND state = 'expired'`); n != 1 {
			t.Fatalf("%d expired reminders, want 1", n)
		}
	})
}

func TestClaimAfterDowntime(t *testing.T) {
	for _, tc := range []struct {
		name              string
		lastRun, now      time.Time
		queued, skipped   int
		wantState         string // notices state for member 1; "" none
		again             time.Time
		againQ, againSkip int
	}{
		{"down over the meeting: skipped", nov26Due.Add(-time.Hour), nov26.Add(10 * time.Minute), 0, 2, "skipped", nov26.Add(time.Hour), 0, 0},
		{"down over the due time only: sent late", nov26Due.Add(-time.Hour), nov26Due.Add(time.Hour), 2, 0, "queued", nov26Due.Add(2 * time.Hour), 0, 0},
		{"back a minute before the start: sent late", nov26Due.Add(-time.Hour), nov26.Add(-time.Minute), 2, 0, "queued", nov26, 0, 0},
		{"back exactly at the start: skipped", nov26Due.Add(-time.Hour), nov26, 0, 2, "skipped", nov26.Add(time.Minute), 0, 0},
		{"down for days: skipped", nov26Due.Add(-3 * 24 * time.Hour), nov26.Add(24 * time.Hour), 0, 2, "skipped", nov26.Add(25 * time.Hour), 0, 0},
		// Beyond the 7-day lookback nothing is recorded: the 26 November
		// meeting is forgotten, the 3 December one is recorded as skipped.
		{"down for weeks: only the last week recorded", nov26Due.Add(-30 * 24 * time.Hour), nov26.Add(10 * 24 * time.Hour), 0, 2, "skipped@dec3", nov26.Add(10*24*time.Hour + time.Minute), 0, 0},
		{"due before the last run: already decided, nothing", nov26Due.Add(time.Minute), nov26.Add(time.Hour), 0, 0, "", nov26.Add(2 * time.Hour), 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newActFixture(t)
			cafeWithFollowers(f)
			f.claim(tc.lastRun) // sets the watermark: the bot was last running then
			before := f.reminders()
			res := f.claim(tc.now)
			if res.Queued != tc.queued || res.Skipped != tc.skipped {
				t.Fatalf("after downtime: queued %d skipped %d, want %d and %d", res.Queued, res.Skipped, tc.queued, tc.skipped)
			}
			if n := f.reminders() - before; n != tc.queued {
				t.Fatalf("%d reminder rows added, want %d", n, tc.queued)
			}
			if tc.wantState != "" {
				state, due := tc.wantState, nov26Due
				if s, ok := strings.CutSuffix(state, "@dec3"); ok {
					state, due = s, dec3Slot.Add(-3*time.Hour)
				}
				if n := f.count(`SELECT count(*) FROM notices WHERE member_id = 1 AND state = ? AND due_at = ?`, state, due); n != 1 {
					t.Fatalf("member 1 has no %s notice due at %v", state, due)
				}
				if n := f.count(`SELECT count(*) FROM notices WHERE member_id = 1`); n != 1 {
					t.Fatalf("member 1 has %d notices, want 1", n)
				}
				if n := f.count(`SELECT count(*) FROM notices WHERE member_id = 3`); n != 0 {
					t.Fatalf("the unreachable member has %d notices", n)
				}
			}
			if strings.HasPrefix(tc.wantState, "skipped") {
				if n := f.count(`SELECT count(*) FROM notices WHERE state = 'skipped' AND outbox_id IS NOT NULL`); n != 0 {
					t.Fatal("a skipped notice names an outbox row")
				}
			}
			res = f.claim(tc.again)
			if res.Queued != tc.againQ || res.Skipped != tc.againSkip {
				t.Fatalf("claim again: %+v", res)
			}
		})
	}
}

func TestChangeMeeting(t *testing.T) {
	// change is one coordinator action at a time; claims are the scheduler
	// around it. Each case is its own database.
	type claimStep struct {
		at     time.Time
		queued int
	}
	type tcase struct {
		name       string
		before     []claimStep // claims before the change
		change     domain.MeetingChange
		at         time.Time
		wantTold   int
		wantErr    error
		expired    int // reminder rows withdrawn by the change
		after      []claimStep
		wantStarts []time.Time // reminder rows (their meeting start), in any order, one per follower each
	}
	moved := nov26.Add(24 * time.Hour) // Friday 27 November 15:00
	cases := []tcase{
		{name: "cancel before due: told, no reminder",
			before: []claimStep{{nov26Due.Add(-time.Hour), 0}},
			change: domain.MeetingChange{Slot: nov26, Cancel: true, Reason: domain.Texts{"da": "library closed"}}, at: nov26Due.Add(-time.Minute),
			wantTold: 2,
			after:    []claimStep{{nov26Due, 0}, {nov26Due.Add(time.Hour), 0}, {nov26.Add(time.Minute), 0}},
		},
		{name: "cancel after the reminder was queued: it is withdrawn",
			before: []claimStep{{nov26Due, 2}},
			change: domain.MeetingChange{Slot: nov26, Cancel: true}, at: nov26Due.Add(10 * time.Minute),
			wantTold: 2, expired: 2,
			after:      []claimStep{{nov26Due.Add(time.Hour), 0}},
			wantStarts: []time.Time{nov26},
		},
		{name: "move before due: reminder at the new time",
			before: []claimStep{{nov26Due.Add(-time.Hour), 0}},
			change: domain.MeetingChange{Slot: nov26, MovedTo: moved}, at: nov26Due.Add(-time.Minute),
			wantTold: 2,
			after: []claimStep{{nov26Due, 0}, {nov26Due.Add(time.Hour), 0}, {moved.Add(-3*time.Hour - time.Minute), 0},
				{moved.Add(-3 * time.Hour), 2}, {moved.Add(-2 * time.Hour), 0}},
			wantStarts: []time.Time{moved},
		},
		{name: "move earlier: reminder at the new time",
			before: []claimStep{{t0, 0}},
			change: domain.MeetingChange{Slot: nov26, MovedTo: nov26.Add(-48 * time.Hour)}, at: t0.Add(time.Hour),
			wantTold:   2,
			after:      []claimStep{{nov26.Add(-51*time.Hour - time.Minute), 0}, {nov26.Add(-51 * time.Hour), 2}, {nov26Due, 0}},
			wantStarts: []time.Time{nov26.Add(-48 * time.Hour)},
		},
		{name: "move after the reminder went out: old one withdrawn, new one at the new time",
			before: []claimStep{{nov26Due, 2}},
			change: domain.MeetingChange{Slot: nov26, MovedTo: moved}, at: nov26Due.Add(30 * time.Minute),
			wantTold: 2, expired: 2,
			after:      []claimStep{{nov26Due.Add(time.Hour), 0}, {moved.Add(-3 * time.Hour), 2}},
			wantStarts: []time.Time{nov26, moved},
		},
		{name: "moved so near that its reminder time has passed: told, no second reminder",
			before: []claimStep{{nov26Due, 2}},
			change: domain.MeetingChange{Slot: nov26, MovedTo: nov26.Add(time.Hour)}, at: nov26.Add(-time.Hour),
			wantTold: 2, expired: 2,
			after:      []claimStep{{nov26.Add(-time.Hour + time.Minute), 0}, {nov26.Add(30 * time.Minute), 0}},
			wantStarts: []time.Time{nov26},
		},
		{name: "ErrInPast: move to a past time",
			change: domain.MeetingChange{Slot: nov26, MovedTo: nov26Due.Add(-time.Hour)}, at: nov26Due, wantErr: domain.ErrInPast},
		{name: "ErrInPast: move to now",
			change: domain.MeetingChange{Slot: nov26, MovedTo: nov26Due}, at: nov26Due, wantErr: domain.ErrInPast},
		{name: "ErrInPast: cancel a meeting under way",
			change: domain.MeetingChange{Slot: nov26, Cancel: true}, at: nov26.Add(time.Minute), wantErr: domain.ErrInPast},
		{name: "ErrNotASlot: Thursday 16:00",
			change: domain.MeetingChange{Slot: nov26.Add(time.Hour), Cancel: true}, at: t0, wantErr: domain.ErrNotASlot},
		{name: "ErrNotASlot: Wednesday",
			change: domain.MeetingChange{Slot: nov26.Add(-24 * time.Hour), Cancel: true}, at: t0, wantErr: domain.ErrNotASlot},
		{name: "ErrNotFound: unknown activity",
			change: domain.MeetingChange{ActivityID: 999, Slot: nov26, Cancel: true}, at: t0, wantErr: domain.ErrNotFound},
		{name: "restore without a change tells nobody",
			change: domain.MeetingChange{Slot: nov26}, at: t0, wantTold: 0,
			after:      []claimStep{{nov26Due, 2}},
			wantStarts: []time.Time{nov26},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newActFixture(t)
			id := cafeWithFollowers(f)
			f.member(9, "da", t0) // the coordinator who changes it
			for _, c := range tc.before {
				if res := f.claim(c.at); res.Queued != c.queued {
					t.Fatalf("claim before at %v queued %d, want %d", c.at, res.Queued, c.queued)
				}
			}
			ch := tc.change
			if ch.ActivityID == 0 {
				ch.ActivityID = id
			}
			ch.By = 9
			notices := f.count(`SELECT count(*) FROM outbox WHERE kind = 'notice'`)
			told, err := f.s.ChangeMeeting(f.ctx, []int64{domain.DefaultBranchID}, ch, f.loc, tc.at)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("ChangeMeeting = %d, %v; want %v", told, err, tc.wantErr)
				}
				if n := f.count(`SELECT count(*) FROM occurrence_changes`); n != 0 {
					t.Fatalf("a refused change was stored (%d rows)", n)
				}
				return
			}
			if err != nil || told != tc.wantTold {
				t.Fatalf("ChangeMeeting = %d, %v; want %d told", told, err, tc.wantTold)
			}
			if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'notice'`) - notices; n != tc.wantTold {
				t.Fatalf("%d notice rows, want %d", n, tc.wantTold)
			}
			if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'notice' AND member_id IN (3, 4)`); n != 0 {
				t.Fatal("the unreachable follower or a non-follower was told")
			}
			checkChangeNotices(t, f, id, ch, tc.wantTold)
			if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND state = 'expired'`); n != tc.expired {
				t.Fatalf("%d reminders withdrawn, want %d", n, tc.expired)
			}
			for _, c := range tc.after {
				if res := f.claim(c.at); res.Queued != c.queued {
					t.Fatalf("claim after at %v queued %d, want %d", c.at, res.Queued, c.queued)
				}
			}
			if n := f.reminders(); n != 2*len(tc.wantStarts) {
				t.Fatalf("%d reminder rows, want %d", n, 2*len(tc.wantStarts))
			}
			for _, start := range tc.wantStarts {
				for _, m := range []int64{1, 2} {
					if n := f.remindedOf(m, start); n != 1 {
						t.Errorf("member %d has %d reminders for the meeting at %v, want 1", m, n, start)
					}
				}
			}
		})
	}
}

// checkChangeNotices checks the notices of change ch: told of them, each
// naming the activity, the meeting before (as scheduled) and after ch, and
// expiring when the meeting (after ch) begins.
func checkChangeNotices(t *testing.T, f *actFixture, id int64, ch domain.MeetingChange, told int) {
	t.Helper()
	start := ch.Slot
	if !ch.MovedTo.IsZero() {
		start = ch.MovedTo
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'notice' AND priority = ? AND notice = ? AND text = '' AND expires_at = ?`,
		domain.PriorityNotice, domain.NoticeMeetingChanged, start); n != told {
		t.Fatalf("%d notices of the change expiring at %v, want %d", n, start, told)
	}
	for _, v := range notices[domain.MeetingChanged](f, domain.NoticeMeetingChanged) {
		if v.Activity.ID != id || !v.Was.Start.Equal(ch.Slot) || v.Was.Cancelled || v.Was.Moved || !v.Now.Slot.Equal(ch.Slot) ||
			!v.Now.Start.Equal(start) || v.Now.Cancelled != ch.Cancel || v.Now.Moved != !ch.MovedTo.IsZero() || !v.Now.Reason.Equal(ch.Reason) {
			t.Errorf("the notice of %+v says %+v", ch, v)
		}
	}
}

// TestChangeMeetingSequence: cancel, restore, move and move again, with
// the scheduler claiming between the steps.
func TestChangeMeetingSequence(t *testing.T) {
	f := newActFixture(t)
	id := cafeWithFollowers(f)
	a, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
	moved1, moved2 := nov26.Add(2*time.Hour), nov26.Add(4*time.Hour)
	meetingStart := func(t *testing.T) domain.Occurrence {
		t.Helper()
		o, err := f.s.Meeting(f.ctx, a, f.loc, nov26)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	for _, st := range []struct {
		name      string
		change    *domain.MeetingChange // nil: only claim
		at        time.Time
		told      int
		reminders int // reminder rows not expired after the step
		cancelled bool
		start     time.Time
	}{
		{"cancel", &domain.MeetingChange{ActivityID: id, Slot: nov26, Cancel: true, Reason: domain.Texts{"da": "lukket"}}, t0, 2, 0, true, nov26},
		{"cancel again tells nobody", &domain.MeetingChange{ActivityID: id, Slot: nov26, Cancel: true, Reason: domain.Texts{"da": "lukket"}}, t0.Add(time.Minute), 0, 0, true, nov26},
		{"restore", &domain.MeetingChange{ActivityID: id, Slot: nov26}, t0.Add(time.Hour), 2, 0, false, nov26},
		{"restored meeting gets its reminder", nil, nov26Due, 0, 2, false, nov26},
		{"move after the reminder", &domain.MeetingChange{ActivityID: id, Slot: nov26, MovedTo: moved1}, nov26Due.Add(time.Minute), 2, 0, false, moved1},
		{"moved meeting's reminder", nil, moved1.Add(-3 * time.Hour), 0, 2, false, moved1},
		{"move again", &domain.MeetingChange{ActivityID: id, Slot: nov26, MovedTo: moved2}, moved1.Add(-3*time.Hour + time.Minute), 2, 0, false, moved2},
		{"second move's reminder", nil, moved2.Add(-3 * time.Hour), 0, 2, false, moved2},
		{"claims later add nothing", nil, moved2.Add(-time.Minute), 0, 2, false, moved2},
	} {
		t.Run(st.name, func(t *testing.T) {
			if st.change != nil {
				told, err := f.s.ChangeMeeting(f.ctx, []int64{domain.DefaultBranchID}, *st.change, f.loc, st.at)
				if err != nil || told != st.told {
					t.Fatalf("ChangeMeeting = %d, %v; want %d", told, err, st.told)
				}
				said := notices[domain.MeetingChanged](f, domain.NoticeMeetingChanged)
				if last := said[len(said)-1].Now; st.told > 0 && (last.Cancelled != st.cancelled || !last.Start.Equal(st.start)) {
					t.Fatalf("the last notice says %+v, want cancelled %v start %v", last, st.cancelled, st.start)
				}
			} else {
				f.claim(st.at)
			}
			if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND state != 'expired'`); n != st.reminders {
				t.Fatalf("%d live reminders, want %d", n, st.reminders)
			}
			o := meetingStart(t)
			if o.Cancelled != st.cancelled || !o.Start.Equal(st.start) {
				t.Fatalf("meeting %+v, want cancelled %v start %v", o, st.cancelled, st.start)
			}
		})
	}
	t.Run("listed where it now is", func(t *testing.T) {
		os, err := f.s.Meetings(f.ctx, a, f.loc, nov26.Add(-time.Hour), nov26.Add(6*time.Hour))
		if err != nil || len(os) != 1 || !os[0].Start.Equal(moved2) || !os[0].Slot.Equal(nov26) || !os[0].Moved {
			t.Fatalf("Meetings = %+v, %v", os, err)
		}
	})
}

// TestClaimDST: an activity at 02:30 on Sundays (a time that does not
// exist on the spring switch and exists twice on the autumn one), with a
// reminder 3 h before, claimed every quarter of an hour around each switch
// day: exactly one reminder per follower for that day's meeting, queued
// exactly at the rule's due time (the meeting at 03:30 summer time in
// spring, the earlier 02:30 in autumn; see domain.Wall).
func TestClaimDST(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start time.Time // the meeting, UTC
	}{
		{"spring 2026-03-29", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"autumn 2026-10-25", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"spring 2027-03-28", time.Date(2027, 3, 28, 1, 30, 0, 0, time.UTC)},
		{"autumn 2027-10-31", time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newActFixture(t)
			begin := tc.start.Add(-36 * time.Hour)
			id := f.create(domain.Activity{Name: "Nattecafé", Schedule: "30 2 * * SUN", DurationMin: 60, RemindBeforeMin: 180}, begin)
			f.member(1, "da", begin)
			f.member(2, "ar", begin)
			f.follow(id, 1, begin)
			f.follow(id, 2, begin)
			due := tc.start.Add(-3 * time.Hour)
			var firstAt time.Time
			total := 0
			for now := begin; now.Before(tc.start.Add(12 * time.Hour)); now = now.Add(15 * time.Minute) {
				res := f.claim(now)
				if res.Skipped != 0 {
					t.Fatalf("skipped %d at %v", res.Skipped, now)
				}
				if res.Queued > 0 && firstAt.IsZero() {
					firstAt = now
				}
				total += res.Queued
				if now.Before(due) && !res.Next.Equal(due) {
					t.Fatalf("at %v next due %v, want %v", now, res.Next, due)
				}
			}
			if total != 2 || f.reminders() != 2 || f.reminders(1) != 1 || f.reminders(2) != 1 {
				t.Fatalf("queued %d, rows %d (member 1: %d, member 2: %d); want one each", total, f.reminders(), f.reminders(1), f.reminders(2))
			}
			if !firstAt.Equal(due) {
				t.Fatalf("queued at %v, want %v", firstAt, due)
			}
			if n := f.count(`SELECT count(*) FROM notices WHERE due_at = ? AND subject = ?`, due,
				fmt.Sprintf("activity:%d@%s", id, tc.start.Format(time.RFC3339))); n != 2 {
				t.Fatalf("%d notices for the meeting at %v due %v", n, tc.start, due)
			}
			if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND expires_at = ?`, tc.start); n != 2 {
				t.Fatalf("reminders do not expire at the meeting's start %v", tc.start)
			}
		})
	}
}

// TestClaimConcurrentStores: two processes opened on one database by
// mistake, each claiming from several goroutines at the same due times,
// still queue exactly one reminder per follower per meeting.
func TestClaimConcurrentStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	var stores []*Store
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	id, err := stores[0].CreateActivity(ctx, cafe(), t0)
	if err != nil {
		t.Fatal(err)
	}
	const followers = 12
	for m := int64(1); m <= followers; m++ {
		if _, err := stores[m%2].Register(ctx, domain.Registration{ID: m, ChatID: m, Language: "da"}, t0); err != nil {
			t.Fatal(err)
		}
		if err := stores[(m+1)%2].Follow(ctx, []int64{domain.DefaultBranchID}, id, m, t0); err != nil {
			t.Fatal(err)
		}
	}
	const weeks, goroutines, rounds = 3, 3, 4
	var mu sync.Mutex
	queued := 0
	for w := 0; w < weeks; w++ {
		due := nov26Due.Add(time.Duration(w) * 7 * 24 * time.Hour)
		var wg sync.WaitGroup
		errs := make(chan error, len(stores)*goroutines*rounds)
		for _, s := range stores {
			for g := 0; g < goroutines; g++ {
				wg.Add(1)
				go func(s *Store, g int) {
					defer wg.Done()
					for r := 0; r < rounds; r++ {
						// Same due time, clocks a few seconds apart.
						now := due.Add(time.Duration((g+r)%3) * time.Second)
						res, err := s.ClaimActivityReminders(ctx, loc, now)
						if err != nil {
							errs <- err
							return
						}
						mu.Lock()
						queued += res.Queued
						mu.Unlock()
					}
				}(s, g)
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	ro := &actFixture{t: t, ctx: ctx, s: stores[0], path: path, ro: openRO(t, path), loc: loc}
	if queued != weeks*followers {
		t.Errorf("claims reported %d queued, want %d", queued, weeks*followers)
	}
	if n := ro.reminders(); n != weeks*followers {
		t.Fatalf("%d reminder rows, want %d", n, weeks*followers)
	}
	if n := ro.count(`SELECT count(*) FROM (SELECT member_id, notice_values FROM outbox WHERE kind = 'reminder' GROUP BY member_id, notice_values HAVING count(*) > 1)`); n != 0 {
		t.Fatalf("%d duplicated reminders", n)
	}
	if n := ro.count(`SELECT count(DISTINCT member_id) FROM outbox WHERE kind = 'reminder'`); n != followers {
		t.Fatalf("%d members reminded, want %d", n, followers)
	}
}

func TestClaimNextIsEarliestAcrossActivities(t *testing.T) {
	f := newActFixture(t)
	f.create(cafe(), t0) // due Thursday 26 November 11:00 UTC
	f.create(domain.Activity{Name: "Lektiehjælp", Schedule: "0 16 * * MON,TUE", DurationMin: 120, RemindBeforeMin: 60}, t0)
	f.create(domain.Activity{Name: "Uden påmindelse", Schedule: "0 9 * * SUN", DurationMin: 60, RemindBeforeMin: 0}, t0)
	old := f.create(domain.Activity{Name: "Gammel", Schedule: "0 12 * * SUN", DurationMin: 60, RemindBeforeMin: 60}, t0)
	if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, old, t0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		now  time.Time
		want time.Time
	}{
		// Monday 23 November 16:00 CET = 15:00 UTC, reminder an hour before.
		{"homework help on Monday first", t0, time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC)},
		{"then Tuesday", time.Date(2026, 11, 23, 14, 0, 0, 0, time.UTC), time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)},
		{"then the café", time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC), nov26Due},
		{"then Monday again", nov26Due, time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := f.claim(tc.now); !res.Next.Equal(tc.want) {
				t.Fatalf("next due %v, want %v", res.Next, tc.want)
			}
		})
	}
}

// TestCancelRacingClaim: a coordinator cancels the meeting at the very time
// its reminder falls due, while the scheduler of another process claims.
// Whichever wins, no live reminder for the cancelled meeting remains, and
// every reachable follower is told once.
func TestCancelRacingClaim(t *testing.T) {
	f := newActFixture(t)
	id := cafeWithFollowers(f)
	other, err := Open(f.ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	const weeks = 4
	for w := 0; w < weeks; w++ {
		slot := nov26.Add(time.Duration(w) * 7 * 24 * time.Hour)
		due := slot.Add(-3 * time.Hour)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				if _, err := other.ClaimActivityReminders(f.ctx, f.loc, due.Add(time.Duration(i)*time.Second)); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			told, err := f.s.ChangeMeeting(f.ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: id, Slot: slot, Cancel: true}, f.loc, due.Add(time.Second))
			if err != nil || told != 2 {
				errs <- fmt.Errorf("week %d: told %d, %v", w, told, err)
			}
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		f.claim(due.Add(time.Minute))
		if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND state = 'pending'`); n != 0 {
			t.Fatalf("week %d: %d live reminders for a cancelled meeting", w, n)
		}
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE kind = 'notice'`); n != 2*weeks {
		t.Fatalf("%d notices, want %d", n, 2*weeks)
	}
}

// TestClaimSurvivesABadRow: an activity row whose schedule no longer
// parses (written by an older version) must not stop everyone's reminders.
func TestClaimSurvivesABadRow(t *testing.T) {
	f := newActFixture(t)
	cafeWithFollowers(f)
	if _, err := f.s.w.ExecContext(f.ctx, `INSERT INTO activities (key, name, schedule, created_at, updated_at) VALUES ('old', 'Old', 'every thursday', ?, ?)`, t0, t0); err != nil {
		t.Fatal(err)
	}
	var bad int64
	if err := f.s.w.GetContext(f.ctx, &bad, `SELECT id FROM activities WHERE key = 'old'`); err != nil {
		t.Fatal(err)
	}
	f.follow(bad, 1, t0)
	if res := f.claim(nov26Due); res.Queued != 2 {
		t.Fatalf("queued %d, want 2", res.Queued)
	}
}

// TestQueuedRemindersWithdrawn: a reminder queued but not yet sent is
// withdrawn when its follower stops following, and re-decided with the new
// words when the activity is edited.
func TestQueuedRemindersWithdrawn(t *testing.T) {
	f := newActFixture(t)
	id := cafeWithFollowers(f)
	f.claim(nov26Due.Add(-time.Hour)) // the watermark
	if res := f.claim(nov26Due); res.Queued != 2 {
		t.Fatalf("queued %d, want 2", res.Queued)
	}
	pending := func(member int64) int {
		return f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'reminder' AND state = 'pending'`, member)
	}
	if err := f.s.Unfollow(f.ctx, []int64{domain.DefaultBranchID}, id, 2); err != nil {
		t.Fatal(err)
	}
	if pending(2) != 0 || pending(1) != 1 {
		t.Errorf("after unfollowing: member 2 has %d pending, member 1 %d; want 0 and 1", pending(2), pending(1))
	}
	a, err := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
	if err != nil {
		t.Fatal(err)
	}
	a.Place = "Ballerup Rådhus"
	if err := f.s.UpdateActivity(f.ctx, []int64{domain.DefaultBranchID}, a, nov26Due.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if pending(1) != 0 {
		t.Errorf("an edit left %d old reminders pending", pending(1))
	}
	if res := f.claim(nov26Due.Add(2 * time.Minute)); res.Queued != 1 {
		t.Errorf("after the edit the scheduler queued %d reminders, want the one withdrawn again", res.Queued)
	}
	if pending(1) != 1 || pending(2) != 0 {
		t.Errorf("pending after the edit: member 1 %d, member 2 %d; want 1 and 0", pending(1), pending(2))
	}
	if got := notices[domain.ActivityReminder](f, domain.NoticeActivityReminder, 1); len(got) != 2 || got[1].Activity.Place != "Ballerup Rådhus" {
		t.Errorf("member 1's reminders say %+v, the last one with the new place", got)
	}
}

// TestRestoredMeetingRequeuesReminder: a reminder queued at its due time,
// withdrawn when the date is cancelled, is queued again when the date is
// restored before the meeting — once, and only where it had not been sent.
func TestRestoredMeetingRequeuesReminder(t *testing.T) {
	f := newActFixture(t)
	id := cafeWithFollowers(f)
	f.claim(nov26Due.Add(-time.Hour)) // the watermark
	if res := f.claim(nov26Due); res.Queued != 2 {
		t.Fatalf("queued %d, want 2", res.Queued)
	}
	// Member 2's reminder has gone out already; member 1's waits (paused chat, say).
	if _, err := f.s.w.ExecContext(f.ctx, `UPDATE outbox SET state = 'sent' WHERE member_id = 2 AND kind = 'reminder'`); err != nil {
		t.Fatal(err)
	}
	live := func(member int64) int {
		return f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'reminder' AND state IN ('pending', 'sent')`, member)
	}
	if _, err := f.s.ChangeMeeting(f.ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: id, Slot: nov26, Cancel: true}, f.loc, nov26Due.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	f.claim(nov26Due.Add(15 * time.Minute))
	if live(1) != 0 {
		t.Fatalf("member 1 keeps %d reminders of a cancelled meeting", live(1))
	}
	if _, err := f.s.ChangeMeeting(f.ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: id, Slot: nov26}, f.loc, nov26Due.Add(20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = 1 AND kind = 'reminder' AND state = 'pending'`); n != 1 {
		t.Errorf("after the restore member 1 has %d pending reminders, want 1", n)
	}
	for _, at := range []time.Duration{25 * time.Minute, 2 * time.Hour} {
		f.claim(nov26Due.Add(at))
	}
	if live(1) != 1 || live(2) != 1 {
		t.Errorf("reminders pending or sent: member 1 %d, member 2 %d; want 1 each", live(1), live(2))
	}
}
