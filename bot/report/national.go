package report

import (
	"io"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// TableNational is the national report's one table.
const TableNational = "national"

// National is the national administrators' report of one period: per
// branch and in total, participants reached, first-timers, meetings held,
// attendance, volunteers and their hours. Counts only, and every count from
// 1 to 4 shown as "<5" (domain.ShowCount), so that no one in a small
// branch can be singled out.
type National struct {
	Branches []domain.BranchFigures // storage.NationalFigures
	Total    domain.BranchFigures
	L        *locales.Localizer
}

// Tables is the national report's one table: a row per branch (by its
// Danish name) and the total.
func (n National) Tables() []Table {
	T := func(id string) string { return n.L.T(id, nil) }
	t := Table{ID: TableNational, Name: T("ReportSheetNational"),
		Head: []string{T("ReportColBranch"), T("ReportColReached"), T("ReportColFirstTime"), T("ReportColMeetings"),
			T("ReportColCameTotal"), T("ReportColVolunteers"), T("ReportColHours")}}
	for _, b := range n.Branches {
		t.Rows = append(t.Rows, figureCells(b.Name, b))
	}
	t.Rows = append(t.Rows, figureCells(T("ReportKindTotal"), n.Total))
	return []Table{t}
}

// figureCells are one row's cells: a count as a number, or "<5" as text.
func figureCells(name string, f domain.BranchFigures) []any {
	cells := []any{name}
	for _, c := range []int{f.Reached, f.FirstTime, f.Meetings, f.Attendance, f.Volunteers} {
		if domain.Suppressed(c) {
			cells = append(cells, domain.ShowCount(c))
		} else {
			cells = append(cells, c)
		}
	}
	return append(cells, hours(f.Hours))
}

func (n National) text(v any) string { return Report{L: n.L}.text(v) }
func (n National) lang() string      { return n.L.Lang() }

// WriteCSV writes the national table as Danish Excel opens it (see
// Report.WriteCSV).
func (n National) WriteCSV(w io.Writer) error { return writeCSV(w, n, TableNational) }

// WriteText writes the national table aligned.
func (n National) WriteText(w io.Writer) error { return writeText(w, n) }

// WriteXLSX writes the national table as an Excel workbook.
func (n National) WriteXLSX(w io.Writer) error { return writeXLSX(w, n) }
