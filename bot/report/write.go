package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes one table (TableMeetings, TableTotals, TableVolunteers)
// as Danish Excel opens it: UTF-8 with a byte order mark (else æøå are
// garbled), fields separated by semicolons (Danish Excel's list
// separator, since the comma is the decimal mark), CRLF line ends.
func (r Report) WriteCSV(w io.Writer, table string) error {
	return writeCSV(w, r, table)
}

// workbook is what the writers write: the § 18 report or the national one.
type workbook interface {
	Tables() []Table
	text(v any) string
	lang() string
}

func writeCSV(w io.Writer, r workbook, table string) error {
	var t Table
	ok := false
	for _, tt := range r.Tables() {
		if tt.ID == table {
			t, ok = tt, true
		}
	}
	if !ok {
		ids := []string{}
		for _, tt := range r.Tables() {
			ids = append(ids, tt.ID)
		}
		return fmt.Errorf("no table %q; use %s", table, strings.Join(ids, ", "))
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(t.Head); err != nil {
		return err
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = r.text(v)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteText writes every table aligned, a title above each and a blank
// line between.
func (r Report) WriteText(w io.Writer) error { return writeText(w, r) }

func writeText(w io.Writer, r workbook) error {
	for i, t := range r.Tables() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, t.Name)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.Head, "\t"))
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for j, v := range row {
				cells[j] = r.text(v)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// WriteXLSX writes the report as an Excel workbook (github.com/xuri/excelize):
// one sheet per table, a bold header row, counts and hours as numbers,
// dates as dates (month totals as months), text as text.
func (r Report) WriteXLSX(w io.Writer) error { return writeXLSX(w, r) }

func writeXLSX(w io.Writer, r workbook) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f, r.lang() == "da")
	if err != nil {
		return err
	}
	for i, t := range r.Tables() {
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Name)
		} else {
			_, err = f.NewSheet(t.Name)
		}
		if err != nil {
			return fmt.Errorf("report sheet %q: %w", t.Name, err)
		}
		if err := writeSheet(f, t, styles); err != nil {
			return fmt.Errorf("report sheet %q: %w", t.Name, err)
		}
	}
	return f.Write(w)
}

type xlsxStyles struct{ head, dateTime, month int }

func newStyles(f *excelize.File, da bool) (xlsxStyles, error) {
	dt, month := "yyyy-mm-dd hh:mm", "yyyy-mm"
	if da {
		dt, month = "dd-mm-yyyy hh:mm", "mm-yyyy"
	}
	var s xlsxStyles
	var err1, err2, err3 error
	s.head, err1 = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	s.dateTime, err2 = f.NewStyle(&excelize.Style{CustomNumFmt: &dt})
	s.month, err3 = f.NewStyle(&excelize.Style{CustomNumFmt: &month})
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeSheet(f *excelize.File, t Table, st xlsxStyles) error {
	for c, h := range t.Head {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := f.SetCellStr(t.Name, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(t.Name, cell, cell, st.head); err != nil {
			return err
		}
		width := float64(len([]rune(h))) + 2
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(t.Name, col, col, max(width, 12)); err != nil {
			return err
		}
	}
	for i, row := range t.Rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, i+2)
			if err := setCell(f, t.Name, cell, v, st); err != nil {
				return err
			}
		}
	}
	return f.SetPanes(t.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func setCell(f *excelize.File, sheet, cell string, v any, st xlsxStyles) error {
	switch c := v.(type) {
	case nil:
		return nil
	case string:
		return f.SetCellStr(sheet, cell, Neutralise(c))
	case When:
		// excelize counts from its epoch in absolute time: give it the
		// wall clock of the report's zone as if it were UTC.
		wall := time.Date(c.T.Year(), c.T.Month(), c.T.Day(), c.T.Hour(), c.T.Minute(), 0, 0, time.UTC)
		if err := f.SetCellValue(sheet, cell, wall); err != nil {
			return err
		}
		style := st.dateTime
		if c.Month {
			style = st.month
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	return f.SetCellValue(sheet, cell, v)
}
