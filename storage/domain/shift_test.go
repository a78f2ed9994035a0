package domain

import (
	"errors"
	"testing"
	"time"
)

var cphLoc, _ = time.LoadLocation("Europe/Copenhagen")

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestMayTake(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, cphLoc)
	start := time.Date(2027, 1, 12, 16, 0, 0, 0, cphLoc)
	vol := Volunteer{Member: Member{ID: 1, Role: RoleVolunteer}}
	coord := Volunteer{Member: Member{ID: 2, Role: RoleCoordinator}}
	part := Volunteer{Member: Member{ID: 3, Role: RoleParticipant}}
	certOK := vol
	certOK.CertValidUntil = day(2027, 1, 12) // valid through the shift's day
	certOld := vol
	certOld.CertValidUntil = day(2027, 1, 11)
	plain := Shift{Needed: 2}
	kids := Shift{Needed: 2, RequiresCert: true}
	for _, c := range []struct {
		name  string
		v     Volunteer
		s     Shift
		start time.Time
		taken int
		want  error
	}{
		{"volunteer, free place", vol, plain, start, 0, nil},
		{"coordinators count as volunteers", coord, plain, start, 1, nil},
		{"participants do not take shifts", part, plain, start, 0, ErrNotVolunteer},
		{"last place taken", vol, plain, start, 2, ErrShiftFull},
		{"begun", vol, plain, now, 0, ErrShiftStarted},
		{"certificate required, none", vol, kids, start, 0, ErrNeedsCertificate},
		{"certificate valid on the day", certOK, kids, start, 0, nil},
		{"certificate ran out the day before", certOld, kids, start, 0, ErrNeedsCertificate},
		{"certificate not needed", certOld, plain, start, 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := MayTake(c.v, c.s, c.start, now, c.taken, cphLoc); !errors.Is(got, c.want) || (got == nil) != (c.want == nil) {
				t.Errorf("MayTake = %v, want %v", got, c.want)
			}
		})
	}
}

func TestCoverOrder(t *testing.T) {
	v := func(id int64, langs ...string) Volunteer { return Volunteer{Member: Member{ID: id}, Languages: langs} }
	ids := func(vs []Volunteer) []int64 {
		var out []int64
		for _, x := range vs {
			out = append(out, x.ID)
		}
		return out
	}
	for _, c := range []struct {
		name         string
		lang         string
		cands        []Volunteer
		first, later []int64
	}{
		{"no wish: everyone at once, by id", "", []Volunteer{v(3), v(1, "ti"), v(2)}, []int64{1, 2, 3}, nil},
		{"speakers first", "ti", []Volunteer{v(3), v(1, "da"), v(2, "ti", "da")}, []int64{2}, []int64{1, 3}},
		{"nobody speaks it: nobody waits", "ar", []Volunteer{v(2), v(1)}, []int64{1, 2}, nil},
		{"nobody at all", "ti", nil, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, l := CoverOrder(Shift{Language: c.lang}, c.cands)
			if got := ids(f); len(got) != len(c.first) || (len(got) > 0 && !equalIDs(got, c.first)) {
				t.Errorf("first %v, want %v", got, c.first)
			}
			if got := ids(l); len(got) != len(c.later) || (len(got) > 0 && !equalIDs(got, c.later)) {
				t.Errorf("later %v, want %v", got, c.later)
			}
		})
	}
}

func equalIDs(a, b []int64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestLateWithdrawal(t *testing.T) {
	start := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	for _, c := range []struct {
		name string
		now  time.Time
		want bool
	}{
		{"a week before", start.AddDate(0, 0, -7), false},
		{"exactly 48 h before", start.Add(-48 * time.Hour), false},
		{"47 h before", start.Add(-47 * time.Hour), true},
		{"an hour before", start.Add(-time.Hour), true},
		{"begun", start, false},
	} {
		if got := LateWithdrawal(start, c.now, 48*time.Hour); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestShiftDueTimes(t *testing.T) {
	set := DefaultShiftSettings
	start := time.Date(2027, 3, 29, 16, 0, 0, 0, cphLoc) // the Monday after the spring switch
	if got, want := set.ReminderDue(start, cphLoc), time.Date(2027, 3, 28, 18, 0, 0, 0, cphLoc); !got.Equal(want) {
		t.Errorf("reminder due %s, want %s (18:00 local the day before)", got, want)
	}
	for _, c := range []struct {
		name   string
		lang   string
		speaks bool
		want   time.Time
	}{
		{"no wish", "", true, time.Date(2027, 3, 26, 16, 0, 0, 0, cphLoc)},
		{"wish, does not speak it", "ti", false, time.Date(2027, 3, 26, 16, 0, 0, 0, cphLoc)},
		{"wish, speaks it: a day earlier", "ti", true, time.Date(2027, 3, 25, 16, 0, 0, 0, cphLoc)},
	} {
		if got := set.AlertDue(Shift{Language: c.lang}, start, cphLoc, c.speaks); !got.Equal(c.want) {
			t.Errorf("%s: alert due %s, want %s", c.name, got, c.want)
		}
	}
}

func TestCertificateExpiring(t *testing.T) {
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, cphLoc)
	for _, c := range []struct {
		name  string
		until *time.Time
		want  bool
	}{
		{"none recorded", nil, false},
		{"in 31 days", day(2027, 2, 10), false},
		{"in 30 days", day(2027, 2, 9), true},
		{"today", day(2027, 1, 10), true},
		{"ran out yesterday", day(2027, 1, 9), false},
	} {
		if got := CertificateExpiring(c.until, now, cphLoc); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMayRetake(t *testing.T) {
	for drops, want := range map[int]error{0: nil, 1: nil, MaxShiftDrops - 1: nil, MaxShiftDrops: ErrShiftDroppedOften, MaxShiftDrops + 5: ErrShiftDroppedOften} {
		if got := MayRetake(drops); got != want {
			t.Errorf("MayRetake(%d) = %v, want %v", drops, got, want)
		}
	}
}
