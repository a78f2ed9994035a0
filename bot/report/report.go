// Package report writes out the § 18 report: one row per event and per
// activity meeting in a period, with the households and people who said yes
// and who came (checked in plus walk-ins), first-time versus returning,
// then totals per month. No names and no Telegram ids ever enter a row.
//
// After it comes the volunteers' part: hours per month and per activity,
// places filled and distinct volunteers (storage.VolunteerHoursBetween,
// given here as domain.VolunteerReport).
//
// The report is a few small parts:
//   - storage gathers the rows (storage.ReportRows) and the volunteer hours;
//   - domain.MonthTotals adds the rows up per month;
//   - domain.ReportColumns names each column and how a row fills it;
//     VolunteerTable lays out the hours;
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
	"vejviser/storage/domain"
)

// Table is the report's rows as text cells, with a header row first.
func Table(rows []domain.ReportRow, loc *time.Location) [][]string {
	head := make([]string, len(domain.ReportColumns))
	for i, c := range domain.ReportColumns {
		head[i] = c.Name
	}
	out := [][]string{head}
	for _, r := range rows {
		cells := make([]string, len(domain.ReportColumns))
		for i, c := range domain.ReportColumns {
			cells[i] = c.Value(r, loc)
		}
		out = append(out, cells)
	}
	return out
}

// VolunteerTable is the volunteers' part of the report as text cells: a
// header, hours per month, hours per activity (standalone shifts under
// their role), then the period's total with places filled and distinct
// volunteers. Hours have at most one decimal, with a point.
func VolunteerTable(v domain.VolunteerReport) [][]string {
	hours := func(h float64) string { return strconv.FormatFloat(math.Round(h*10)/10, 'f', -1, 64) }
	out := [][]string{{"volunteers", "month_or_activity", "hours", "places_filled", "distinct_volunteers"}}
	for _, m := range v.ByMonth {
		out = append(out, []string{domain.RowMonth, m.Name, hours(m.Hours), "", ""})
	}
	for _, a := range v.ByActivity {
		out = append(out, []string{domain.RowActivity, a.Name, hours(a.Hours), "", ""})
	}
	return append(out, []string{domain.RowTotal, "", hours(v.Total), strconv.Itoa(v.Places), strconv.Itoa(v.Distinct)})
}

// WriteCSV writes the rows with their totals, an empty record, and the
// volunteers' part, as CSV (RFC 4180, CRLF).
func WriteCSV(w io.Writer, rows []domain.ReportRow, vol domain.VolunteerReport, loc *time.Location) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	all := append(Table(domain.MonthTotals(rows, loc), loc), []string{})
	if err := cw.WriteAll(append(all, VolunteerTable(vol)...)); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteText writes the same as two aligned tables.
func WriteText(w io.Writer, rows []domain.ReportRow, vol domain.VolunteerReport, loc *time.Location) error {
	for i, table := range [][][]string{Table(domain.MonthTotals(rows, loc), loc), VolunteerTable(vol)} {
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
