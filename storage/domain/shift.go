package domain

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// The rules of volunteer shifts, as plain functions without I/O: who may
// take a place, who is offered a cover first, when a reminder or a staffing
// alert falls due. The storage transactions that take places and decide
// notices call them, so the rule and the write are one atomic step.

// CertificateWarning is how long before it runs out a certificate is
// flagged to the coordinators.
const CertificateWarning = 30 * 24 * time.Hour

// ShiftSettings are the configurable times of shifts.
type ShiftSettings struct {
	RemindAt   Clock         // time of day of the reminder, the day before the shift
	AlertDays  int           // the staffing alert goes out this many days before a shift that lacks people
	LateWindow time.Duration // a withdrawal this close to the start tells the coordinators and offers the place
}

// DefaultShiftSettings: reminder at 18:00 the day before, staffing alert 3
// days before, late withdrawal within 48 hours.
var DefaultShiftSettings = ShiftSettings{RemindAt: Clock{Hour: 18}, AlertDays: 3, LateWindow: 48 * time.Hour}

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

// MaxShiftDrops is how often a volunteer may leave the same shift meeting
// and still take it again themselves: each late withdrawal tells the
// coordinators and offers the place to others, so taking and leaving again
// and again would flood them (a coordinator can still add the volunteer).
const MaxShiftDrops = 3

// MayRetake is the rule for taking a shift meeting one has left drops times.
func MayRetake(drops int) error {
	if drops >= MaxShiftDrops {
		return ErrShiftDroppedOften
	}
	return nil
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
	return Wall(time.Date(y, m, d, c.RemindAt.Hour, c.RemindAt.Minute, 0, 0, time.UTC), loc)
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

// Shift is a volunteer role that needs people: at every meeting of an
// activity (ActivityID set), or once between StartsAt and EndsAt.
type Shift struct {
	ID           int64      `db:"id"`
	BranchID     int64      `db:"branch_id"` // 0 when created: its activity's, else the first branch
	Key          string     `db:"key"`
	ActivityID   *int64     `db:"activity_id"`
	StartsAt     *time.Time `db:"starts_at"`
	EndsAt       *time.Time `db:"ends_at"`
	Place        string     `db:"place"`
	Role         string     `db:"role"`  // Danish role title
	Roles        Texts      `db:"roles"` // role titles in other languages
	Needed       int        `db:"needed"`
	RequiresCert bool       `db:"requires_cert"`
	Language     string     `db:"language"` // language wish, "" for none
	ArchivedAt   *time.Time `db:"archived_at"`
}

// RoleTitle is the role in lang, or the Danish one (the reader rule without
// a second language).
func (s Shift) RoleTitle(lang string) string { return s.RoleTexts().In(lang) }

// Volunteer is a member who takes shifts (a volunteer or a coordinator)
// with their profile.
type Volunteer struct {
	Member
	Languages      []string
	CertValidUntil *time.Time // the last valid day (midnight UTC of that date)
	// Branches are, when read for a coordinator's branches, those of them
	// the volunteer belongs to (to label a list spanning several).
	Branches []int64
}

// Speaks reports whether the volunteer speaks lang.
func (v Volunteer) Speaks(lang string) bool {
	for _, l := range v.Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// ShiftSlot is one shift on one meeting: when, where, and who is on it.
type ShiftSlot struct {
	Shift    Shift
	Activity *Activity // nil for a standalone shift
	Slot     time.Time // names the meeting (stable when it moves)
	Start    time.Time
	End      time.Time
	People   []Member // signed up, first come first
}

// Free is the number of places still open.
func (s ShiftSlot) Free() int { return max(0, s.Shift.Needed-len(s.People)) }

// Place is where the shift is: the activity's place or its own.
func (s ShiftSlot) Place() string {
	if s.Activity != nil {
		return s.Activity.Place
	}
	return s.Shift.Place
}

// Has reports whether member id is signed up.
func (s ShiftSlot) Has(id int64) bool {
	for _, m := range s.People {
		if m.ID == id {
			return true
		}
	}
	return false
}

// Validate checks what the database's CHECKs would refuse, with reasons.
func (s *Shift) Validate() error {
	s.Role = strings.TrimSpace(s.Role)
	s.Place = strings.TrimSpace(s.Place)
	switch {
	case s.Role == "" || len([]rune(s.Role)) > 100:
		return fmt.Errorf("%w: role must have 1 to 100 characters", ErrInvalidShift)
	case s.Needed < 1 || s.Needed > 50:
		return fmt.Errorf("%w: needed %d, 1 to 50", ErrInvalidShift, s.Needed)
	case s.Key != "" && !ValidKey(s.Key):
		return fmt.Errorf("%w: key %q", ErrInvalidShift, s.Key)
	case s.Language != "" && !SupportedLanguage(s.Language):
		return fmt.Errorf("%w: language %q", ErrInvalidShift, s.Language)
	case (s.ActivityID == nil) == (s.StartsAt == nil):
		return fmt.Errorf("%w: give an activity or a start and end", ErrInvalidShift)
	case s.StartsAt != nil && (s.EndsAt == nil || !s.EndsAt.After(*s.StartsAt)):
		return fmt.Errorf("%w: the end must come after the start", ErrInvalidShift)
	}
	if s.Roles == nil {
		s.Roles = Texts{}
	}
	delete(s.Roles, DefaultLanguage)
	return nil
}
