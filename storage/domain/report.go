package domain

import (
	"time"
)

// The § 18 report's data: one row per event and per activity meeting in a
// period, with the households and people who said yes and who came (checked
// in plus walk-ins), first-time versus returning, then totals per month. No
// names and no Telegram ids ever enter a ReportRow. bot/report writes it out.

// Kinds of row.
const (
	RowEvent    = "event"
	RowActivity = "activity"
	RowMonth    = "month" // totals of a month
	RowTotal    = "total" // totals of the whole period
)

// ReportRow is one event or activity meeting, or a total.
type ReportRow struct {
	Start         time.Time `db:"starts_at"` // when it began; a month total: the first of the month
	Kind          string
	Key           string `db:"key"`   // the plan key; empty for totals
	Title         string `db:"title"` // the Danish title; empty for totals
	Meetings      int    // events and meetings counted (1 for one)
	YesHouseholds int    `db:"yes_households"` // households who said yes (events only)
	YesAdults     int    `db:"yes_adults"`
	YesChildren   int    `db:"yes_children"`
	CameAdults    int    `db:"came_adults"` // checked in and walk-ins, or the head count of a meeting
	CameChildren  int    `db:"came_children"`
	FirstTime     int    `db:"first_time"` // people who came for the first time
}

// Came is everyone who came.
func (r ReportRow) Came() int { return r.CameAdults + r.CameChildren }

// Returning is those who came and had been before.
func (r ReportRow) Returning() int { return r.Came() - r.FirstTime }

// add sums the counts of o into r.
func (r *ReportRow) add(o ReportRow) {
	r.Meetings += o.Meetings
	r.YesHouseholds += o.YesHouseholds
	r.YesAdults += o.YesAdults
	r.YesChildren += o.YesChildren
	r.CameAdults += o.CameAdults
	r.CameChildren += o.CameChildren
	r.FirstTime += o.FirstTime
}

// MonthTotals returns rows (sorted by start) followed by one total row per
// month (in loc) and one for the whole period.
func MonthTotals(rows []ReportRow, loc *time.Location) []ReportRow {
	out := append([]ReportRow(nil), rows...)
	var months []ReportRow
	total := ReportRow{Kind: RowTotal}
	for _, r := range rows {
		y, m, _ := r.Start.In(loc).Date()
		first := time.Date(y, m, 1, 0, 0, 0, 0, loc)
		if len(months) == 0 || !months[len(months)-1].Start.Equal(first) {
			months = append(months, ReportRow{Start: first, Kind: RowMonth})
		}
		months[len(months)-1].add(r)
		total.add(r)
	}
	return append(append(out, months...), total)
}

// NamedHours is the volunteer hours of one month ("2027-01") or one activity.
type NamedHours struct {
	Name  string
	Hours float64
}

// VolunteerReport is the volunteers' part of the report for the period.
type VolunteerReport struct {
	ByMonth, ByActivity []NamedHours
	Total               float64 // hours
	Places              int     // places filled: one person on one shift meeting
	Distinct            int     // distinct volunteers
}

// VolunteerHours is the volunteers' part of the report for a period: the
// hours of the shifts they took, per month and per activity, and how many
// different people took them.
type VolunteerHours struct {
	From, To   time.Time
	ByMonth    []MonthHours    // in month order; only months with hours
	ByActivity []ActivityHours // most hours first; standalone shifts under their own role
	Total      float64         // hours
	Volunteers int             // distinct people
	Shifts     int             // places filled (one person on one shift meeting)
}

// MonthHours is the hours of one calendar month ("2027-01").
type MonthHours struct {
	Month string
	Hours float64
}

// ActivityHours is the hours of one activity (Key, Title as in Danish) or,
// for standalone shifts, one role (Key "").
type ActivityHours struct {
	Key   string
	Title string
	Hours float64
}

// Report is the hours as the report lays them out.
func (v VolunteerHours) Report() VolunteerReport {
	out := VolunteerReport{Total: v.Total, Places: v.Shifts, Distinct: v.Volunteers}
	for _, m := range v.ByMonth {
		out.ByMonth = append(out.ByMonth, NamedHours{Name: m.Month, Hours: m.Hours})
	}
	for _, a := range v.ByActivity {
		out.ByActivity = append(out.ByActivity, NamedHours{Name: a.Title, Hours: a.Hours})
	}
	return out
}
