package storage

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// actBranches is the shift fixture (the first branch: coordinator 1,
// volunteers 2–5, participant 6, Tal Dansk Café with its host shift and a
// walk) with a second branch, Herlev: coordinator 7, volunteer 8, and its
// own café (same key) with a host shift. Lars (2) volunteers in both.
type actBranches struct {
	s                 *Store
	herlev            int64
	cafe, herlevCafe  domain.Activity
	host, walk, hHost domain.Shift
}

func newTwoBranches(t *testing.T) actBranches {
	t.Helper()
	s, cafe, host, walk := shiftFixture(t)
	ctx := context.Background()
	b, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for id, role := range map[int64]domain.Role{7: domain.RoleCoordinator, 8: domain.RoleVolunteer} {
		if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("H", id), Language: "da", Role: role, BranchID: b.ID}, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.JoinBranch(ctx, 2, b.ID, domain.RoleVolunteer, t0); err != nil {
		t.Fatal(err)
	}
	hc := domain.Activity{BranchID: b.ID, Key: "tal-dansk", Name: "Tal Dansk Café Herlev", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}
	if hc.ID, err = s.CreateActivity(ctx, hc, t0); err != nil {
		t.Fatal(err)
	}
	hh := domain.Shift{ActivityID: &hc.ID, Role: "Vært", Needed: 2}
	if hh.ID, err = s.CreateShift(ctx, hh, t0); err != nil {
		t.Fatal(err)
	}
	if hh, err = s.Shift(ctx, []int64{b.ID}, hh.ID); err != nil || hh.BranchID != b.ID {
		t.Fatalf("Herlev's shift in branch %d (%v), want %d: a shift goes with its activity", hh.BranchID, err, b.ID)
	}
	hc.BranchID = b.ID
	return actBranches{s: s, herlev: b.ID, cafe: cafe, herlevCafe: hc, host: host, walk: walk, hHost: hh}
}

// snapshot is everything of the first branch's activities and shifts, to
// show that nothing of it changed.
func (f actBranches) snapshot(t *testing.T) string {
	t.Helper()
	var out string
	for _, q := range []string{
		`SELECT group_concat(id || name || place || schedule || coalesce(archived_at, ''), ';') FROM activities WHERE branch_id = 1`,
		`SELECT group_concat(id || role || needed || coalesce(archived_at, ''), ';') FROM shifts WHERE branch_id = 1`,
		`SELECT count(*) FROM activity_followers f JOIN activities a ON a.id = f.activity_id WHERE a.branch_id = 1`,
		`SELECT count(*) FROM occurrence_changes c JOIN activities a ON a.id = c.activity_id WHERE a.branch_id = 1`,
		`SELECT count(*) FROM headcount_taps c JOIN activities a ON a.id = c.activity_id WHERE a.branch_id = 1`,
		`SELECT count(*) FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id WHERE sh.branch_id = 1`,
		`SELECT group_concat(member_id || coalesce(cert_valid_until, ''), ';') FROM volunteer_profiles`,
		`SELECT count(*) FROM outbox`,
	} {
		var v *string
		if err := f.s.r.Get(&v, q); err != nil {
			t.Fatal(err)
		}
		if v != nil {
			out += *v
		}
		out += "|"
	}
	return out
}

// TestBranchScopedQueries: every storage method of activities and shifts
// that acts for a person, called with the scope of Herlev's coordinator or
// volunteer against the first branch's activity, meeting, shift or
// volunteer, finds nothing and changes nothing.
func TestBranchScopedQueries(t *testing.T) {
	f := newTwoBranches(t)
	s, ctx := f.s, context.Background()
	herlev := []int64{f.herlev}
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	// Something of the first branch to take away or change.
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, f.host.ID, slot, 3, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, f.cafe.ID, 6, now); err != nil {
		t.Fatal(err)
	}
	counter := domain.Counter{MemberID: 7, Coordinator: true, OnTheDay: true, Begun: true}
	edited := f.cafe
	edited.Place = "elsewhere"
	before := f.snapshot(t)
	for _, c := range []struct {
		name string
		try  func() error
	}{
		{"Activity", func() error { _, err := s.Activity(ctx, herlev, f.cafe.ID); return err }},
		{"UpdateActivity", func() error { return s.UpdateActivity(ctx, herlev, edited, now) }},
		{"ArchiveActivity", func() error { return s.ArchiveActivity(ctx, herlev, f.cafe.ID, now) }},
		{"Follow", func() error { return s.Follow(ctx, herlev, f.cafe.ID, 8, now) }},
		{"Unfollow", func() error { return s.Unfollow(ctx, herlev, f.cafe.ID, 6) }},
		{"ChangeMeeting", func() error {
			_, err := s.ChangeMeeting(ctx, herlev, domain.MeetingChange{ActivityID: f.cafe.ID, Slot: slot, Cancel: true}, cphLoc, now)
			return err
		}},
		{"OpenHeadCount", func() error { _, err := s.OpenHeadCount(ctx, herlev, counter, f.cafe.ID, slot); return err }},
		{"TapHeadCount", func() error {
			_, err := s.TapHeadCount(ctx, herlev, counter, f.cafe.ID, slot, domain.TapAdult, slot)
			return err
		}},
		{"UndoHeadCount", func() error { _, err := s.UndoHeadCount(ctx, herlev, counter, f.cafe.ID, slot); return err }},
		{"Changes", func() error { _, err := s.Changes(ctx, herlev, f.cafe.ID, now, slot); return err }},
		{"HeadCountOf", func() error { _, err := s.HeadCountOf(ctx, herlev, f.cafe.ID, slot); return err }},
		{"Shift", func() error { _, err := s.Shift(ctx, herlev, f.host.ID); return err }},
		{"UpdateShift", func() error { sh := f.host; sh.Needed = 5; return s.UpdateShift(ctx, herlev, sh, now) }},
		{"ArchiveShift", func() error { _, err := s.ArchiveShift(ctx, herlev, cphLoc, f.walk.ID, now); return err }},
		{"ShiftSlot", func() error { _, err := s.ShiftSlot(ctx, herlev, cphLoc, f.host.ID, slot); return err }},
		{"SignUp", func() error { _, err := s.SignUp(ctx, herlev, cphLoc, f.host.ID, slot, 8, now); return err }},
		{"Withdraw", func() error {
			_, err := s.Withdraw(ctx, herlev, cphLoc, f.host.ID, slot, 3, "", now, domain.DefaultShiftSettings)
			return err
		}},
		{"AddToShift", func() error { _, err := s.AddToShift(ctx, herlev, cphLoc, f.host.ID, slot, 4, 7, now); return err }},
		{"AddToShift another branch's volunteer", func() error {
			_, err := s.AddToShift(ctx, herlev, cphLoc, f.hHost.ID, slot, 4, 7, now)
			return err
		}},
		{"RemoveFromShift", func() error { _, err := s.RemoveFromShift(ctx, herlev, cphLoc, f.host.ID, slot, 3, now); return err }},
		{"BranchVolunteer", func() error { _, err := s.BranchVolunteer(ctx, herlev, 3); return err }},
		{"SetCertificate", func() error { return s.SetCertificate(ctx, herlev, 3, 7, slot, now, true) }},
		{"no scope at all", func() error { _, err := s.Activity(ctx, nil, f.herlevCafe.ID); return err }},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.try()
			if !errors.Is(err, domain.ErrNotFound) && !errors.Is(err, domain.ErrNoSuchMeeting) {
				t.Errorf("err = %v, want not found (as a stale button)", err)
			}
			if after := f.snapshot(t); after != before {
				t.Errorf("the first branch changed:\n%s\n%s", before, after)
			}
		})
	}
}

// TestBranchScopedLists: lists hold only the branches asked for; Lars, in
// both, sees and takes both branches' shifts.
func TestBranchScopedLists(t *testing.T) {
	f := newTwoBranches(t)
	s, ctx := f.s, context.Background()
	first, herlev, both := []int64{domain.DefaultBranchID}, []int64{f.herlev}, []int64{domain.DefaultBranchID, f.herlev}
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	ids := func(as []domain.Activity) (out []int64) {
		for _, a := range as {
			out = append(out, a.ID)
		}
		return out
	}
	for _, c := range []struct {
		scope []int64
		want  []int64
	}{{first, []int64{f.cafe.ID}}, {herlev, []int64{f.herlevCafe.ID}}, {nil, nil}} {
		as, err := s.Activities(ctx, c.scope)
		if err != nil || fmt.Sprint(ids(as)) != fmt.Sprint(c.want) {
			t.Errorf("Activities(%v) = %v (%v), want %v", c.scope, ids(as), err, c.want)
		}
	}
	if _, err := s.ActivityByKey(ctx, f.herlev, "tal-dansk"); err != nil {
		t.Errorf("Herlev's tal-dansk: %v (keys are per branch)", err)
	}
	shifts := func(scope []int64) map[int64]bool {
		sls, err := s.ShiftSlots(ctx, scope, cphLoc, now, now.AddDate(0, 0, 7))
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]bool{}
		for _, sl := range sls {
			out[sl.Shift.BranchID] = true
		}
		return out
	}
	if got := shifts(herlev); len(got) != 1 || !got[f.herlev] {
		t.Errorf("Herlev's shift list holds branches %v", got)
	}
	if got := shifts(both); len(got) != 2 {
		t.Errorf("Lars's shift list holds branches %v, want both", got)
	}
	for _, sh := range []int64{f.host.ID, f.hHost.ID} {
		if _, err := s.SignUp(ctx, both, cphLoc, sh, slot, 2, now); err != nil {
			t.Errorf("Lars taking shift %d: %v", sh, err)
		}
	}
	if mine, err := s.MyShifts(ctx, both, cphLoc, 2, now); err != nil || len(mine) != 2 {
		t.Errorf("Lars's shifts: %d (%v), want 2", len(mine), err)
	}
	if mine, err := s.MyShifts(ctx, herlev, cphLoc, 2, now); err != nil || len(mine) != 1 {
		t.Errorf("Lars's Herlev shifts: %d (%v), want 1", len(mine), err)
	}
	vs, err := s.Volunteers(ctx, herlev)
	var names []int64
	for _, v := range vs {
		names = append(names, v.ID)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	if err != nil || fmt.Sprint(names) != "[2 7 8]" {
		t.Errorf("Herlev's volunteers %v (%v), want [2 7 8]", names, err)
	}
	if cs, err := s.CoordinatorsOf(ctx, f.herlev); err != nil || len(cs) != 1 || cs[0].ID != 7 {
		t.Errorf("Herlev's coordinators %v (%v), want 7", cs, err)
	}
	if h, err := s.VolunteerHoursBetween(ctx, herlev, cphLoc, now, now.AddDate(0, 0, 7)); err != nil || h.Shifts != 1 {
		t.Errorf("Herlev's volunteer hours count %d shifts (%v), want 1", h.Shifts, err)
	}
}

// TestBranchNoticesStayInTheBranch: a late withdrawal from Herlev's shift
// offers the place to Herlev's volunteers and tells Herlev's coordinator
// only; staffing alerts go to the shift's own branch.
func TestBranchNoticesStayInTheBranch(t *testing.T) {
	f := newTwoBranches(t)
	s, ctx := f.s, context.Background()
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	now := slot.Add(-3 * time.Hour)
	if _, err := s.SignUp(ctx, []int64{f.herlev}, cphLoc, f.hHost.ID, slot, 8, now.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Withdraw(ctx, []int64{f.herlev}, cphLoc, f.hHost.ID, slot, 8, "", now, domain.DefaultShiftSettings); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimShiftNotices(ctx, cphLoc, now.Add(-time.Hour), domain.DefaultShiftSettings); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Member  int64  `db:"member_id"`
		Subject string `db:"subject"`
	}
	if err := s.r.Select(&rows, `SELECT member_id, subject FROM notices WHERE member_id IS NOT NULL ORDER BY member_id`); err != nil {
		t.Fatal(err)
	}
	herlevShift := fmt.Sprintf("shift:%d@", f.hHost.ID)
	inHerlev := map[int64]bool{2: true, 7: true, 8: true}
	reached := 0
	for _, r := range rows {
		if len(r.Subject) > len(herlevShift) && r.Subject[:len(herlevShift)] == herlevShift {
			reached++
			if !inHerlev[r.Member] {
				t.Errorf("member %d of the first branch heard of Herlev's shift (%s)", r.Member, r.Subject)
			}
		} else if r.Member == 7 || r.Member == 8 {
			t.Errorf("Herlev's member %d heard of the first branch's %s", r.Member, r.Subject)
		}
	}
	if reached == 0 {
		t.Error("nobody in Herlev heard of the freed place")
	}
}
