// Package report writes out the § 18 report: one row per event and per
// activity meeting in a period, with the households and people who said yes
// and who came (checked in plus walk-ins), first-time versus returning;
// totals per month and for the period; and the volunteers' hours per month
// and per activity, places filled and distinct volunteers. No names and no
// Telegram ids ever enter a row.
//
// The report is a few small parts:
//   - storage gathers the rows (storage.ReportRows, counted by
//     domain.MeetingRows) and the volunteer hours;
//   - domain.MonthTotals adds the rows up per month;
//   - Report.Tables lays them out as three tables (meetings and events,
//     totals, volunteers), and a fourth of the network families' counts
//     when given (storage.NetworkFigures), with headers and kinds in the
//     report's language
//     (Danish unless asked otherwise; the words are in locales/);
//   - WriteXLSX writes one sheet per table, WriteCSV one table as Danish
//     Excel reads it, WriteText every table aligned.
package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// The tables of the report, as --table names them.
const (
	TableMeetings   = "meetings"
	TableTotals     = "totals"
	TableVolunteers = "volunteers"
)

// Tables are the report's tables in order.
var Tables = []string{TableMeetings, TableTotals, TableVolunteers, TableNetwork}

// Report is the report of one period, ready to be written.
type Report struct {
	Rows       []domain.ReportRow // events and meetings, in order (storage.ReportRows)
	Volunteers domain.VolunteerReport
	// Network are the network families' counts (storage.NetworkFigures);
	// nil leaves their table out.
	Network *domain.NetworkFigures
	Loc     *time.Location
	L       *locales.Localizer // the language of headers and kinds
}

// Table is one table of the report: its name (a sheet's), its header and
// its rows. A cell holds text (string), a count (int), hours (float64), a
// moment (When) or nothing (nil).
type Table struct {
	ID, Name string
	Head     []string
	Rows     [][]any
}

// When is a date and time, or a month, as a cell shows it.
type When struct {
	T     time.Time // in the report's zone
	Month bool      // a month's total: the month only
}

// Table is the table id of the report.
func (r Report) Table(id string) (Table, bool) {
	for _, t := range r.Tables() {
		if t.ID == id {
			return t, true
		}
	}
	return Table{}, false
}

// Tables are the report's three tables.
func (r Report) Tables() []Table {
	T := func(id string) string { return r.L.T(id, nil) }
	counts := []string{T("ReportColMeetings"), T("ReportColYesHouseholds"), T("ReportColYesAdults"), T("ReportColYesChildren"),
		T("ReportColCameAdults"), T("ReportColCameChildren"), T("ReportColCameTotal"), T("ReportColFirstTime"), T("ReportColReturning")}
	meetings := Table{ID: TableMeetings, Name: T("ReportSheetMeetings"),
		Head: append([]string{T("ReportColDate"), T("ReportColKind"), T("ReportColKey"), T("ReportColTitle")}, counts...)}
	for _, row := range r.Rows {
		meetings.Rows = append(meetings.Rows, append([]any{When{T: row.Start.In(r.Loc)}, r.kind(row.Kind), row.Key, row.Title}, countCells(row)...))
	}
	totals := Table{ID: TableTotals, Name: T("ReportSheetTotals"), Head: append([]string{T("ReportColDate"), T("ReportColKind")}, counts...)}
	for _, row := range domain.MonthTotals(r.Rows, r.Loc)[len(r.Rows):] {
		var at any = When{T: row.Start.In(r.Loc), Month: true}
		if row.Kind == domain.RowTotal {
			at = nil
		}
		totals.Rows = append(totals.Rows, append([]any{at, r.kind(row.Kind)}, countCells(row)...))
	}
	v := r.Volunteers
	vol := Table{ID: TableVolunteers, Name: T("ReportSheetVolunteers"),
		Head: []string{T("ReportColKind"), T("ReportColMonthOrActivity"), T("ReportColHours"), T("ReportColPlaces"), T("ReportColVolunteers")}}
	for _, m := range v.ByMonth {
		at, err := time.ParseInLocation("2006-01", m.Name, r.Loc)
		var month any = m.Name
		if err == nil {
			month = When{T: at, Month: true}
		}
		vol.Rows = append(vol.Rows, []any{r.kind(domain.RowMonth), month, hours(m.Hours), nil, nil})
	}
	for _, a := range v.ByActivity {
		vol.Rows = append(vol.Rows, []any{r.kind(domain.RowActivity), a.Name, hours(a.Hours), nil, nil})
	}
	vol.Rows = append(vol.Rows, []any{r.kind(domain.RowTotal), nil, hours(v.Total), v.Places, v.Distinct})
	if r.Network != nil {
		return []Table{meetings, totals, vol, r.networkTable(*r.Network)}
	}
	return []Table{meetings, totals, vol}
}

func countCells(r domain.ReportRow) []any {
	return []any{r.Meetings, r.YesHouseholds, r.YesAdults, r.YesChildren, r.CameAdults, r.CameChildren, r.Came(), r.FirstTime, r.Returning()}
}

// kind is a row's kind in the report's language.
func (r Report) kind(k string) string {
	id := map[string]string{domain.RowEvent: "ReportKindEvent", domain.RowActivity: "ReportKindActivity",
		domain.RowMonth: "ReportKindMonth", domain.RowTotal: "ReportKindTotal"}[k]
	return r.L.T(id, nil)
}

func (r Report) lang() string { return r.L.Lang() }

// hours rounds to one decimal.
func hours(h float64) float64 { return math.Round(h*10) / 10 }

// Neutralise makes a text cell that a spreadsheet would read as a formula
// (it begins with =, +, -, @, a tab or a carriage return: a title a
// coordinator typed) plain text, by a leading apostrophe, as OWASP
// recommends for CSV files.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// text is a cell as text in the report's language: Danish dates as Danish
// Excel reads them (31-01-2027 13:00), decimal commas in Danish.
func (r Report) text(v any) string {
	da := r.L.Lang() == domain.DefaultLanguage
	switch c := v.(type) {
	case nil:
		return ""
	case string:
		return Neutralise(c)
	case int:
		return strconv.Itoa(c)
	case float64:
		s := strconv.FormatFloat(c, 'f', -1, 64)
		if da {
			s = strings.ReplaceAll(s, ".", ",")
		}
		return s
	case When:
		switch {
		case c.Month && da:
			return c.T.Format("01-2006")
		case c.Month:
			return c.T.Format("2006-01")
		case da:
			return c.T.Format("02-01-2006 15:04")
		}
		return c.T.Format("2006-01-02 15:04")
	}
	return fmt.Sprint(v)
}
