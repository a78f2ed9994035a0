// Package report lays out the § 18 report: one row per event and per
// activity meeting in a period, with the households and people who said yes
// and who came (checked in plus walk-ins), first-time versus returning,
// then totals per month. No names and no Telegram ids ever enter a Row.
//
// After it comes the volunteers' part: hours per month and per activity,
// places filled and distinct volunteers (storage.VolunteerHoursBetween,
// given here as Volunteers).
//
// The report is a few small parts:
//   - storage gathers the Rows (storage.ReportRows) and the volunteer hours;
//   - MonthTotals adds the rows up per month;
//   - Columns names each column and how a Row fills it; VolunteerTable lays
//     out the hours;
//   - WriteCSV and WriteText print both tables, a blank line between.
package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Kinds of row.
const (
	KindEvent    = "event"
	KindActivity = "activity"
	KindMonth    = "month" // totals of a month
	KindTotal    = "total" // totals of the whole period
)

// Row is one event or activity meeting, or a total.
type Row struct {
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
func (r Row) Came() int { return r.CameAdults + r.CameChildren }

// Returning is those who came and had been before.
func (r Row) Returning() int { return r.Came() - r.FirstTime }

// add sums the counts of o into r.
func (r *Row) add(o Row) {
	r.Meetings += o.Meetings
	r.YesHouseholds += o.YesHouseholds
	r.YesAdults += o.YesAdults
	r.YesChildren += o.YesChildren
	r.CameAdults += o.CameAdults
	r.CameChildren += o.CameChildren
	r.FirstTime += o.FirstTime
}

// Column is one column of the report: its header and how a row fills it.
type Column struct {
	Name  string
	Value func(r Row, loc *time.Location) string
}

func num(f func(Row) int) func(Row, *time.Location) string {
	return func(r Row, _ *time.Location) string { return strconv.Itoa(f(r)) }
}

// Columns are the report's columns in order.
var Columns = []Column{
	{"date", func(r Row, loc *time.Location) string {
		switch r.Kind {
		case KindMonth:
			return r.Start.In(loc).Format("2006-01")
		case KindTotal:
			return ""
		}
		return r.Start.In(loc).Format("2006-01-02 15:04")
	}},
	{"kind", func(r Row, _ *time.Location) string { return r.Kind }},
	{"key", func(r Row, _ *time.Location) string { return r.Key }},
	{"title", func(r Row, _ *time.Location) string { return r.Title }},
	{"meetings", num(func(r Row) int { return r.Meetings })},
	{"yes_households", num(func(r Row) int { return r.YesHouseholds })},
	{"yes_adults", num(func(r Row) int { return r.YesAdults })},
	{"yes_children", num(func(r Row) int { return r.YesChildren })},
	{"came_adults", num(func(r Row) int { return r.CameAdults })},
	{"came_children", num(func(r Row) int { return r.CameChildren })},
	{"came_total", num(Row.Came)},
	{"first_time", num(func(r Row) int { return r.FirstTime })},
	{"returning", num(Row.Returning)},
}

// MonthTotals returns rows (sorted by start) followed by one total row per
// month (in loc) and one for the whole period.
func MonthTotals(rows []Row, loc *time.Location) []Row {
	out := append([]Row(nil), rows...)
	var months []Row
	total := Row{Kind: KindTotal}
	for _, r := range rows {
		y, m, _ := r.Start.In(loc).Date()
		first := time.Date(y, m, 1, 0, 0, 0, 0, loc)
		if len(months) == 0 || !months[len(months)-1].Start.Equal(first) {
			months = append(months, Row{Start: first, Kind: KindMonth})
		}
		months[len(months)-1].add(r)
		total.add(r)
	}
	return append(append(out, months...), total)
}

// Table is the report's rows as text cells, with a header row first.
func Table(rows []Row, loc *time.Location) [][]string {
	head := make([]string, len(Columns))
	for i, c := range Columns {
		head[i] = c.Name
	}
	out := [][]string{head}
	for _, r := range rows {
		cells := make([]string, len(Columns))
		for i, c := range Columns {
			cells[i] = c.Value(r, loc)
		}
		out = append(out, cells)
	}
	return out
}

// Hours is the volunteer hours of one month ("2027-01") or one activity.
type Hours struct {
	Name  string
	Hours float64
}

// Volunteers is the volunteers' part of the report for the period.
type Volunteers struct {
	ByMonth, ByActivity []Hours
	Total               float64 // hours
	Places              int     // places filled: one person on one shift meeting
	Distinct            int     // distinct volunteers
}

// VolunteerTable is the volunteers' part of the report as text cells: a
// header, hours per month, hours per activity (standalone shifts under
// their role), then the period's total with places filled and distinct
// volunteers. Hours have at most one decimal, with a point.
func VolunteerTable(v Volunteers) [][]string {
	hours := func(h float64) string { return strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64) }
	out := [][]string{{"volunteers", "month_or_activity", "hours", "places_filled", "distinct_volunteers"}}
	for _, m := range v.ByMonth {
		out = append(out, []string{KindMonth, m.Name, hours(m.Hours), "", ""})
	}
	for _, a := range v.ByActivity {
		out = append(out, []string{KindActivity, a.Name, hours(a.Hours), "", ""})
	}
	return append(out, []string{KindTotal, "", hours(v.Total), strconv.Itoa(v.Places), strconv.Itoa(v.Distinct)})
}

// WriteCSV writes the rows with their totals, an empty record, and the
// volunteers' part, as CSV (RFC 4180, CRLF).
func WriteCSV(w io.Writer, rows []Row, vol Volunteers, loc *time.Location) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	all := append(Table(MonthTotals(rows, loc), loc), []string{})
	if err := cw.WriteAll(append(all, VolunteerTable(vol)...)); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteText writes the same as two aligned tables.
func WriteText(w io.Writer, rows []Row, vol Volunteers, loc *time.Location) error {
	for i, table := range [][][]string{Table(MonthTotals(rows, loc), loc), VolunteerTable(vol)} {
		if i > 0 {
			fmt.Fprintln(w)
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, cells := range table {
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
