package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"vejviser/locales"
)

// The review sheet's columns. Import finds them by their heading, so a
// reviewer who moves or adds a column does no harm; the Danish hash column is
// hidden and records which Danish text the reviewer saw.
const (
	colID, colForm, colWhere, colDanish, colEnglish  = "Message", "Plural form", "Where it is shown", "Danish", "English"
	colNow, colExample, colCorrected, colOK, colHash = "Now", "Example", "Corrected text", "OK", "Danish hash"
)

var sheetColumns = []string{colID, colForm, colWhere, colDanish, colEnglish, colNow, colExample, colCorrected, colOK, colHash}

// readMe is the first sheet: what a reviewer does, in the plainest English.
var readMe = []string{
	"How to review",
	"Each row is one text the bot shows. \"Now\" is the text today; \"Example\" shows it with sample values.",
	"If the text is good: write OK in the OK column.",
	"If it needs a change: write the whole better text in \"Corrected text\". Write OK too when you are sure of it.",
	"Keep every {{.Placeholder}} exactly as it is: the bot fills in a name, a date or a number there.",
	"Plural texts have one row per form (zero, one, two, few, many, other): each form is used for the numbers its name says.",
	"Do not change the other columns. Send the file back when you are done, even if you only did a part.",
}

// writeReviewSheet writes rows as an xlsx workbook: a short guide and a
// sheet named after the language, one row per text.
func writeReviewSheet(path, lang string, rows []locales.ReviewRow) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", lang); err != nil {
		return err
	}
	if _, err := f.NewSheet("Read me"); err != nil {
		return err
	}
	for i, line := range readMe {
		if err := f.SetCellStr("Read me", fmt.Sprintf("A%d", i+1), line); err != nil {
			return err
		}
	}
	head := append([]string(nil), sheetColumns...)
	head[5] = colNow + " (" + lang + ")"
	if err := f.SetSheetRow(lang, "A1", &head); err != nil {
		return err
	}
	for i, r := range rows {
		cells := []any{r.ID, r.Form, r.Description, r.Danish, r.English, r.Current, r.Example, "", "", r.Hash}
		if err := f.SetSheetRow(lang, fmt.Sprintf("A%d", i+2), &cells); err != nil {
			return err
		}
	}
	if err := layoutReviewSheet(f, lang, len(rows)); err != nil {
		return err
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// layoutReviewSheet makes the sheet readable: wrapped text, the heading kept
// in view, right-to-left cells for a right-to-left language, an OK drop-down.
func layoutReviewSheet(f *excelize.File, lang string, n int) error {
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	order := 1
	if locales.RTL(lang) {
		order = 2
	}
	text, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", ReadingOrder: uint64(order)}})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	ok := excelize.NewDataValidation(true)
	ok.Sqref = fmt.Sprintf("I2:I%d", n+1)
	errs := []error{
		f.SetColWidth(lang, "A", "B", 16), f.SetColWidth(lang, "C", "C", 40),
		f.SetColWidth(lang, "D", "H", 36), f.SetColWidth(lang, "I", "I", 6),
		f.SetColStyle(lang, "A:E", wrap), f.SetColStyle(lang, "F:H", text),
		f.SetRowStyle(lang, 1, 1, bold), f.SetColVisible(lang, "J", false),
		f.SetPanes(lang, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
		ok.SetDropList([]string{"OK"}), f.SetColWidth("Read me", "A", "A", 110),
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return f.AddDataValidation(lang, ok)
}

// readReviewSheet reads the rows of a filled-in review sheet, and its
// language from the sheet's name.
func readReviewSheet(path string) (string, []locales.ReviewRow, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	var lang string
	for _, name := range f.GetSheetList() {
		if name != locales.Default && locales.Supported(name) {
			lang = name
			break
		}
	}
	if lang == "" {
		return "", nil, fmt.Errorf("%s: no sheet named ar, ti or en; is this an exported review sheet?", path)
	}
	cells, err := f.GetRows(lang)
	if err != nil {
		return "", nil, err
	}
	if len(cells) == 0 {
		return "", nil, fmt.Errorf("%s: the %s sheet is empty", path, lang)
	}
	col := map[string]int{}
	for i, h := range cells[0] {
		name, _, _ := strings.Cut(strings.TrimSpace(h), " (")
		col[name] = i
	}
	for _, need := range []string{colID, colForm, colCorrected, colOK} {
		if _, ok := col[need]; !ok {
			return "", nil, fmt.Errorf("%s: the %s sheet has no column %q", path, lang, need)
		}
	}
	var rows []locales.ReviewRow
	for i, c := range cells[1:] {
		get := func(name string) string {
			if j, ok := col[name]; ok && j < len(c) {
				return c[j]
			}
			return ""
		}
		r := locales.ReviewRow{Line: i + 2, ID: strings.TrimSpace(get(colID)), Form: strings.TrimSpace(get(colForm)),
			Corrected: get(colCorrected), OK: isOK(get(colOK)), Hash: strings.TrimSpace(get(colHash))}
		if r.ID != "" {
			rows = append(rows, r)
		}
	}
	return lang, rows, nil
}

// isOK reads the OK column generously: any mark but an explicit no.
func isOK(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "nej", "n", "0", "false", "-", "✗", "❌", "لا", "ኣይ":
		return false
	}
	return true
}

// writeFileAtomic replaces path in one step, so a failed write never leaves
// a half-written message file.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".review-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// printImport says what the import changed, text by text.
func printImport(w io.Writer, lang, dir string, res *locales.ImportResult) {
	for _, c := range res.Changed {
		name := c.ID
		if c.Form != "" {
			name += " [" + c.Form + "]"
		}
		fmt.Fprintf(w, "row %d: %s.%s changed\n  was: %q\n  now: %q\n", c.Line, lang, name, c.Was, c.Now)
		if c.AutoIsolation {
			fmt.Fprintln(w, "  (Latin words wrapped in isolates for right-to-left text)")
		}
	}
	for _, id := range res.Unconfirmed {
		fmt.Fprintf(w, "%s.%s: changed without OK, so it counts as not reviewed\n", lang, id)
	}
	for _, id := range res.StaleSinceExport {
		fmt.Fprintf(w, "%s.%s: the Danish text changed after the export; marked reviewed against the old one (stale)\n", lang, id)
	}
	fmt.Fprintf(w, "%s/%s.json: %s changed, %s marked reviewed\n", dir, lang,
		counted(len(res.Changed), "text", "texts"), counted(len(res.Reviewed), "message", "messages"))
}

func counted(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}
