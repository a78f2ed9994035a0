package storage

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
	"vejviser/storage/domain"
)

// shiftFixture: a Thursday café with a host shift (2 needed) and a
// standalone town walk with a Tigrinya wish, coordinator 1, volunteers 2-5.
var cphLoc, _ = time.LoadLocation("Europe/Copenhagen")

func shiftFixture(t *testing.T) (*Store, domain.Activity, domain.Shift, domain.Shift) {
	t.Helper()
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	for id := int64(2); id <= 5; id++ {
		register(t, s, id, "da", domain.RoleVolunteer)
	}
	register(t, s, 6, "ar", domain.RoleParticipant)
	start := time.Date(2027, 1, 12, 10, 0, 0, 0, cphLoc)
	end := start.Add(2 * time.Hour)
	_, err := s.ImportPlan(ctx, Plan{
		Activities: []domain.Activity{{Key: "tal-dansk", Name: "Tal Dansk Café", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}},
		Shifts: []PlanShift{
			{Shift: domain.Shift{Key: "host", Role: "Vært", Roles: domain.Texts{"en": "Host"}, Needed: 2}, Activity: "tal-dansk"},
			{Shift: domain.Shift{Key: "walk", Role: "Rundvisning", Needed: 1, Language: "ti", StartsAt: &start, EndsAt: &end, Place: "Ballerup Station"}},
		},
	}, t0)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.ActivityByKey(ctx, domain.DefaultBranchID, "tal-dansk")
	var host, walk domain.Shift
	if err := s.r.Get(&host, `SELECT `+shiftCols+` FROM shifts WHERE key = 'host'`); err != nil {
		t.Fatal(err)
	}
	if err := s.r.Get(&walk, `SELECT `+shiftCols+` FROM shifts WHERE key = 'walk'`); err != nil {
		t.Fatal(err)
	}
	return s, a, host, walk
}

func TestLastPlaceRaceHasOneWinner(t *testing.T) {
	s, _, host, _ := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, slot, 2, now); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i, id := range []int64{3, 4, 5} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, slot, id, now)
		}()
	}
	wg.Wait()
	won, full := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, domain.ErrShiftFull):
			full++
		default:
			t.Errorf("unexpected %v", err)
		}
	}
	if won != 1 || full != 2 {
		t.Errorf("%d won and %d were told it is taken, want 1 and 2", won, full)
	}
	sl, err := s.ShiftSlot(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, slot)
	if err != nil || len(sl.People) != 2 {
		t.Fatalf("%d people on the shift (%v), want 2", len(sl.People), err)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, slot, 6, now); !errors.Is(err, domain.ErrNotVolunteer) {
		t.Errorf("a participant signing up: %v", err)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, slot.Add(time.Hour), 3, now); !errors.Is(err, domain.ErrNoSuchMeeting) {
		t.Errorf("a time that is not a meeting: %v", err)
	}
}

func TestCancelledAndMovedMeetingsCarryShifts(t *testing.T) {
	s, a, host, _ := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	thu := func(d int) time.Time { return time.Date(2027, 1, d, 15, 0, 0, 0, cphLoc) }
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu(21), 2, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeMeeting(ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: a.ID, Slot: thu(14), Cancel: true}, cphLoc, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeMeeting(ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: a.ID, Slot: thu(21), MovedTo: thu(22)}, cphLoc, now); err != nil {
		t.Fatal(err)
	}
	slots, err := s.ShiftSlots(ctx, []int64{domain.DefaultBranchID}, cphLoc, now, thu(29))
	if err != nil {
		t.Fatal(err)
	}
	var starts []time.Time
	for _, sl := range slots {
		if sl.Shift.ID == host.ID {
			starts = append(starts, sl.Start)
			if sl.Start.Equal(thu(22)) && !sl.Has(2) {
				t.Error("the moved meeting lost its sign-up")
			}
		}
	}
	if len(starts) != 2 || !starts[0].Equal(thu(22)) || !starts[1].Equal(thu(28)) {
		t.Errorf("host shifts at %v, want the moved 22 January and 28 January (14 January is cancelled)", starts)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu(14), 3, now); !errors.Is(err, domain.ErrNoSuchMeeting) {
		t.Errorf("sign-up on a cancelled date: %v", err)
	}
}

func TestLateWithdrawalOffersThePlace(t *testing.T) {
	s, _, _, walk := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc) // 25 h before the walk
	if err := s.SetLanguages(ctx, 4, []string{"ti", "da"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, now); err != nil {
		t.Fatal(err)
	}
	late, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, "", now, domain.DefaultShiftSettings)
	if err != nil || !late {
		t.Fatalf("withdraw: late %v, %v", late, err)
	}
	told := queuedNotices(t, s, domain.NoticeShiftWithdrawn)
	if len(told) != 1 || told[0].MemberID != 1 {
		t.Errorf("coordinators told: %v", members(told))
	} else if w := values[domain.WithdrawalValues](t, told[0]); w.Name != "M" || w.Meeting.Shift.ID != walk.ID || w.Meeting.Free != 1 {
		t.Errorf("coordinators told %+v", w)
	}
	// The Tigrinya speaker first, then the others (coordinator 1 included) an hour later.
	offered := queuedNotices(t, s, domain.NoticeShiftCover)
	if len(offered) != 4 || offered[0].MemberID != 4 {
		t.Fatalf("offered to %v, want 4 first and then 1, 3, 5", members(offered))
	}
	later := 0
	for _, o := range offered {
		if o.NotBefore.After(now) {
			later++
		}
		if o.ExpiresAt == nil || !o.ExpiresAt.Equal(*walk.StartsAt) || values[domain.ShiftMeeting](t, o).Shift.ID != walk.ID {
			t.Errorf("offer %+v, want the walk, expiring when it starts", o)
		}
	}
	if later != 3 {
		t.Errorf("%d offers held back, want 3", later)
	}
	if _, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, "", now, domain.DefaultShiftSettings); !errors.Is(err, domain.ErrNotSignedUp) {
		t.Errorf("withdrawing twice: %v", err)
	}
}

func TestShiftNoticesAreClaimedOnce(t *testing.T) {
	s, _, host, _ := shiftFixture(t)
	ctx := context.Background()
	thu := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 2, time.Date(2027, 1, 9, 9, 0, 0, 0, cphLoc)); err != nil {
		t.Fatal(err)
	}
	until := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	if err := s.SetCertificate(ctx, []int64{domain.DefaultBranchID}, 3, 1, until, t0, true); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{
		time.Date(2027, 1, 11, 14, 0, 0, 0, cphLoc), // an hour before the alert of 14 January
		time.Date(2027, 1, 11, 15, 0, 0, 0, cphLoc), // alert due
		time.Date(2027, 1, 11, 15, 1, 0, 0, cphLoc), // again: nothing new
		time.Date(2027, 1, 13, 18, 0, 0, 0, cphLoc), // reminder due
		time.Date(2027, 1, 13, 18, 5, 0, 0, cphLoc),
	} {
		if _, err := s.ClaimShiftNotices(ctx, cphLoc, at, domain.DefaultShiftSettings); err != nil {
			t.Fatal(err)
		}
	}
	// Alerts for 14 January to 1, 3, 4, 5 (2 is on it) and for the walk of
	// 12 January (due since 9 January) to all five; the 21 January
	// meeting's alert is not due before 18 January. Each once.
	alerts := queuedNotices(t, s, domain.NoticeShiftAlert)
	reminders := queuedNotices(t, s, domain.NoticeShiftReminder)
	certs := queuedNotices(t, s, domain.NoticeCertificateExpiring)
	if len(alerts) != 9 || len(reminders) != 1 || len(certs) != 1 {
		t.Fatalf("notices: %d alerts, %d reminders, %d certificate flags; want 9, 1, 1", len(alerts), len(reminders), len(certs))
	}
	if r := reminders[0]; r.MemberID != 2 || r.Kind != domain.KindReminder || r.Priority != domain.PriorityReminder ||
		r.ExpiresAt == nil || !r.ExpiresAt.Equal(thu) || !values[domain.ShiftMeeting](t, r).Start.Equal(thu) {
		t.Errorf("reminder %+v", r)
	}
	for _, a := range alerts {
		v := values[domain.StaffingAlertValues](t, a)
		if a.Kind != domain.KindNotice || a.ExpiresAt == nil || !a.ExpiresAt.Equal(v.Meeting.Start) || a.MemberID == 2 && v.Meeting.Shift.ID == host.ID {
			t.Errorf("alert %+v: %+v", a, v)
		}
		// Neither shift needs a certificate: everyone alerted may take it.
		if !v.CanTake {
			t.Errorf("alert to %d on shift %d without its button", a.MemberID, v.Meeting.Shift.ID)
		}
	}
	if c := certs[0]; c.MemberID != 1 || values[domain.CertificateValues](t, c) != (domain.CertificateValues{Name: "M", ValidUntil: until}) {
		t.Errorf("certificate flag %+v", c)
	}
}

func TestVolunteerHours(t *testing.T) {
	s, _, host, walk := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 1, 9, 0, 0, 0, cphLoc)
	for _, su := range []struct {
		shift int64
		slot  time.Time
		who   int64
	}{
		{host.ID, time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc), 2},
		{host.ID, time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc), 3},
		{host.ID, time.Date(2027, 2, 4, 15, 0, 0, 0, cphLoc), 2},
		{walk.ID, *walk.StartsAt, 4},
	} {
		if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, su.shift, su.slot, su.who, now); err != nil {
			t.Fatal(err)
		}
	}
	// A cancelled meeting with people on it counts nothing.
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, time.Date(2027, 1, 21, 15, 0, 0, 0, cphLoc), 5, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeMeeting(ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: *host.ActivityID, Slot: time.Date(2027, 1, 21, 15, 0, 0, 0, cphLoc), Cancel: true}, cphLoc, now); err != nil {
		t.Fatal(err)
	}
	rep, err := s.VolunteerHoursBetween(ctx, []int64{domain.DefaultBranchID}, cphLoc, time.Date(2027, 1, 1, 0, 0, 0, 0, cphLoc), time.Date(2027, 3, 1, 0, 0, 0, 0, cphLoc))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total != 8 || rep.Volunteers != 3 || rep.Shifts != 4 {
		t.Errorf("total %v h, %d volunteers, %d shifts; want 8, 3, 4", rep.Total, rep.Volunteers, rep.Shifts)
	}
	if len(rep.ByMonth) != 2 || rep.ByMonth[0] != (domain.MonthHours{Month: "2027-01", Hours: 6}) || rep.ByMonth[1] != (domain.MonthHours{Month: "2027-02", Hours: 2}) {
		t.Errorf("by month %+v", rep.ByMonth)
	}
	if len(rep.ByActivity) != 2 || rep.ByActivity[0] != (domain.ActivityHours{Key: "tal-dansk", Title: "Tal Dansk Café", Hours: 6}) || rep.ByActivity[1].Title != "Rundvisning" {
		t.Errorf("by activity %+v", rep.ByActivity)
	}
}

func TestMeetingChangeTellsTheVolunteersOnIt(t *testing.T) {
	s, a, host, _ := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	thu := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 3, now); err != nil {
		t.Fatal(err)
	}
	if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, a.ID, 3, now); err != nil { // following too: told once
		t.Fatal(err)
	}
	if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, a.ID, 6, now); err != nil {
		t.Fatal(err)
	}
	n, err := s.ChangeMeeting(ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: a.ID, Slot: thu, Cancel: true}, cphLoc, now)
	var told []int64
	if err == nil {
		err = s.r.Select(&told, `SELECT member_id FROM outbox WHERE notice = ? ORDER BY id`, domain.NoticeMeetingChanged)
	}
	if err != nil || n != 2 || len(told) != 2 || told[0] != 3 || told[1] != 6 {
		t.Errorf("told %v (%d, %v), want the volunteer on the shift and the follower, once each", told, n, err)
	}
}

func TestExportHoldsShiftData(t *testing.T) {
	s, _, host, _ := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	if exp, err := s.ExportMember(ctx, 3, now); err != nil || exp.Volunteer != nil {
		t.Fatalf("nothing stored yet, export %+v, %v", exp.Volunteer, err)
	}
	if err := s.SetLanguages(ctx, 3, []string{"ti"}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc), 3, now); err != nil {
		t.Fatal(err)
	}
	exp, err := s.ExportMember(ctx, 3, now)
	if err != nil || exp.Volunteer == nil || len(exp.Volunteer.Shifts) != 1 || exp.Volunteer.Shifts[0].Role != "Vært" ||
		len(exp.Volunteer.Languages) != 1 {
		t.Errorf("export %+v, %v", exp.Volunteer, err)
	}
}

// Two processes on one database (a mistake) claiming at the same moment
// still queue each shift notice once.
func TestShiftNoticesOnceAcrossTwoStores(t *testing.T) {
	s, _, host, _ := shiftFixture(t)
	ctx := context.Background()
	thu := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 2, time.Date(2027, 1, 9, 9, 0, 0, 0, cphLoc)); err != nil {
		t.Fatal(err)
	}
	var path string
	if err := s.r.Get(&path, `SELECT file FROM pragma_database_list WHERE name = 'main'`); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	at := time.Date(2027, 1, 13, 18, 0, 0, 0, cphLoc) // the reminder and alerts are due
	var wg sync.WaitGroup
	for _, st := range []*Store{s, other, s, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := st.ClaimShiftNotices(ctx, cphLoc, at, domain.DefaultShiftSettings); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var dup int
	if err := s.r.Get(&dup, `SELECT count(*) FROM (SELECT member_id, notice, notice_values, count(*) AS n FROM outbox GROUP BY member_id, notice, notice_values HAVING n > 1)`); err != nil {
		t.Fatal(err)
	}
	reminders := len(queuedNotices(t, s, domain.NoticeShiftReminder))
	if dup != 0 || reminders != 1 {
		t.Errorf("%d duplicated notices, %d reminders; want none and 1", dup, reminders)
	}
}
