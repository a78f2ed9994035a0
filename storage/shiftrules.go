package storage

import (
	"errors"
	"sort"
	"time"

	"vejviser/bot/schedule"
)

// The rules of volunteer shifts, as plain functions without I/O: who may
// take a place, who is offered a cover first, when a reminder or a staffing
// alert falls due. The storage transactions that take places and decide
// notices call them, so the rule and the write are one atomic step.

// Domain errors of shifts: outcomes the volunteer is told about.
var (
	ErrShiftFull        = errors.New("the shift has no free place")
	ErrNeedsCertificate = errors.New("the shift needs a valid child protection certificate")
	ErrShiftStarted     = errors.New("the shift has begun")
	ErrNotVolunteer     = errors.New("only volunteers and coordinators take shifts")
	ErrAlreadySignedUp  = errors.New("already signed up for this shift")
	ErrNotSignedUp      = errors.New("not signed up for this shift")
	ErrNoSuchMeeting    = errors.New("the shift has no meeting at that time")
	ErrInvalidShift     = errors.New("invalid shift")
)

// CertificateWarning is how long before it runs out a certificate is
// flagged to the coordinators.
const CertificateWarning = 30 * 24 * time.Hour

// ShiftSettings are the configurable times of shifts.
type ShiftSettings struct {
	RemindAt   schedule.Clock // time of day of the reminder, the day before the shift
	AlertDays  int            // the staffing alert goes out this many days before a shift that lacks people
	LateWindow time.Duration  // a withdrawal this close to the start tells the coordinators and offers the place
}

// DefaultShiftSettings: reminder at 18:00 the day before, staffing alert 3
// days before, late withdrawal within 48 hours.
var DefaultShiftSettings = ShiftSettings{RemindAt: schedule.Clock{Hour: 18}, AlertDays: 3, LateWindow: 48 * time.Hour}

// MayTake is the rule for taking a place: a volunteer or coordinator, not
// already on it, before it begins, while a place is free, and with a
// certificate valid on the day when the shift requires one. taken counts
// the people signed up now.
func MayTake(v Volunteer, s Shift, start, now time.Time, taken int, loc *time.Location) error {
	switch {
	case v.Role.Rank() < RoleVolunteer.Rank():
		return ErrNotVolunteer
	case !start.After(now):
		return ErrShiftStarted
	case taken >= s.Needed:
		return ErrShiftFull
	case s.RequiresCert && !v.CertValidOn(start, loc):
		return ErrNeedsCertificate
	}
	return nil
}

// CertValidOn reports whether the volunteer's certificate is valid on the
// (local) day of t: its valid-until date is that day or later.
func (v Volunteer) CertValidOn(t time.Time, loc *time.Location) bool {
	return v.CertValidUntil != nil && !DayOf(t, loc).After(*v.CertValidUntil)
}

// DayOf is the local calendar day of t, as midnight UTC of that date (the
// form certificate dates are stored in).
func DayOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CoverOrder orders the volunteers to offer a freed place to: those who
// speak the shift's language wish first, then the rest, each group by id so
// the order is stable. Without a language wish everyone is first.
func CoverOrder(s Shift, cands []Volunteer) (first, later []Volunteer) {
	sorted := append([]Volunteer(nil), cands...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, v := range sorted {
		if s.Language == "" || v.Speaks(s.Language) {
			first = append(first, v)
		} else {
			later = append(later, v)
		}
	}
	if len(first) == 0 { // nobody speaks it: nobody waits
		return later, nil
	}
	return first, later
}

// CoverHeadStart is how long volunteers who speak a shift's language wish
// have a freed place to themselves before the others are offered it.
const CoverHeadStart = time.Hour

// LateWithdrawal reports whether withdrawing at now from a shift starting
// at start is late: within the window, so the coordinators are told and
// the place is offered to others.
func LateWithdrawal(start, now time.Time, window time.Duration) bool {
	return start.After(now) && start.Sub(now) < window
}

// ReminderDue is when the reminder of a shift starting at start falls due:
// the day before, at the configured time of day.
func (c ShiftSettings) ReminderDue(start time.Time, loc *time.Location) time.Time {
	y, m, d := start.In(loc).AddDate(0, 0, -1).Date()
	return schedule.Wall(time.Date(y, m, d, c.RemindAt.Hour, c.RemindAt.Minute, 0, 0, time.UTC), loc)
}

// AlertDue is when the staffing alert of a shift starting at start falls
// due for one volunteer: AlertDays before (at the shift's time of day), and
// a day earlier for those who speak the shift's language wish.
func (c ShiftSettings) AlertDue(s Shift, start time.Time, loc *time.Location, speaks bool) time.Time {
	days := c.AlertDays
	if s.Language != "" && speaks {
		days++
	}
	return start.In(loc).AddDate(0, 0, -days)
}

// CertificateExpiring reports whether a certificate valid until until is
// to be flagged at now: it runs out within CertificateWarning (or has just
// run out today).
func CertificateExpiring(until *time.Time, now time.Time, loc *time.Location) bool {
	if until == nil {
		return false
	}
	today := DayOf(now, loc)
	return !until.Before(today) && until.Sub(today) <= CertificateWarning
}
