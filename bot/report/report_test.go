package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vejviser/locales"
	"vejviser/storage/domain"
)

var cph, _ = time.LoadLocation("Europe/Copenhagen")

func sample(t *testing.T, lang string) Report {
	t.Helper()
	cat, err := locales.New(cph)
	if err != nil {
		t.Fatal(err)
	}
	rows := []domain.ReportRow{
		{Start: time.Date(2027, 1, 14, 15, 0, 0, 0, cph), Kind: domain.RowActivity, Key: "tal-dansk", Title: "Tal Dansk Café", Meetings: 1, CameAdults: 8, CameChildren: 2, FirstTime: 3},
		{Start: time.Date(2027, 1, 31, 23, 30, 0, 0, cph), Kind: domain.RowEvent, Key: "nytaar", Title: "=HYPERLINK(\"x\";\"Nytår; fest\")", Meetings: 1, YesHouseholds: 3, YesAdults: 5, YesChildren: 4, CameAdults: 4, CameChildren: 5, FirstTime: 1},
		{Start: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), Kind: domain.RowEvent, Key: "fastelavn-2027", Title: "Fastelavnsfest", Meetings: 1, YesHouseholds: 2, YesAdults: 2, YesChildren: 3, CameAdults: 2, CameChildren: 3},
	}
	vol := domain.VolunteerReport{ByMonth: []domain.NamedHours{{Name: "2027-01", Hours: 12}, {Name: "2027-02", Hours: 2.25}},
		ByActivity: []domain.NamedHours{{Name: "Tal Dansk Café", Hours: 12}, {Name: "-Byvandring", Hours: 2.25}}, Total: 14.25, Places: 7, Distinct: 3}
	return Report{Rows: rows, Volunteers: vol, Loc: cph, L: cat.For(lang)}
}

// readCSV checks the byte order mark and reads the table back with Go's
// CSV reader set as Danish Excel reads: semicolons.
func readCSV(t *testing.T, rep Report, table string) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteCSV(&b, table); err != nil {
		t.Fatal(err)
	}
	raw, ok := bytes.CutPrefix(b.Bytes(), []byte("\ufeff"))
	if !ok {
		t.Fatalf("no byte order mark: %q", b.Bytes()[:10])
	}
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Errorf("lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma = ';'
	recs, err := r.ReadAll() // every record as many fields as the header
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// The CSV is one table per file, in Danish, as Danish Excel opens it, with
// a title that would run as a formula made text.
func TestCSVForDanishExcel(t *testing.T) {
	rep := sample(t, "da")
	recs := readCSV(t, rep, TableMeetings)
	want := [][]string{
		{"Dato", "Type", "Nøgle", "Titel", "Antal møder", "Husstande tilmeldt", "Voksne tilmeldt", "Børn tilmeldt", "Voksne mødt", "Børn mødt", "Mødt i alt", "Første gang", "Kommet før"},
		{"14-01-2027 15:00", "Aktivitet", "tal-dansk", "Tal Dansk Café", "1", "0", "0", "0", "8", "2", "10", "3", "7"},
		{"31-01-2027 23:30", "Arrangement", "nytaar", "'=HYPERLINK(\"x\";\"Nytår; fest\")", "1", "3", "5", "4", "4", "5", "9", "1", "8"},
		{"07-02-2027 13:00", "Arrangement", "fastelavn-2027", "Fastelavnsfest", "1", "2", "2", "3", "2", "3", "5", "0", "5"},
	}
	if strings.Join(flat(recs), "|") != strings.Join(flat(want), "|") {
		t.Errorf("meetings:\n got %q\nwant %q", recs, want)
	}
	// January: both rows (23:30 on the 31st is January in Copenhagen, February in UTC).
	totals := readCSV(t, rep, TableTotals)
	wantTotals := [][]string{
		{"01-2027", "Måned", "2", "3", "5", "4", "12", "7", "19", "4", "15"},
		{"02-2027", "Måned", "1", "2", "2", "3", "2", "3", "5", "0", "5"},
		{"", "I alt", "3", "5", "7", "7", "14", "10", "24", "4", "20"},
	}
	if strings.Join(flat(totals[1:]), "|") != strings.Join(flat(wantTotals), "|") {
		t.Errorf("totals:\n got %q\nwant %q", totals[1:], wantTotals)
	}
	vol := readCSV(t, rep, TableVolunteers)
	wantVol := [][]string{
		{"Type", "Måned eller aktivitet", "Timer", "Vagter besat", "Forskellige frivillige"},
		{"Måned", "01-2027", "12", "", ""}, {"Måned", "02-2027", "2,3", "", ""},
		{"Aktivitet", "Tal Dansk Café", "12", "", ""}, {"Aktivitet", "'-Byvandring", "2,3", "", ""},
		{"I alt", "", "14,3", "7", "3"},
	}
	if strings.Join(flat(vol), "|") != strings.Join(flat(wantVol), "|") {
		t.Errorf("volunteers:\n got %q\nwant %q", vol, wantVol)
	}
	if err := rep.WriteCSV(&bytes.Buffer{}, "people"); err == nil {
		t.Error("an unknown table was written")
	}
}

// --lang en: English headers and values.
func TestCSVInEnglish(t *testing.T) {
	recs := readCSV(t, sample(t, "en"), TableMeetings)
	if recs[0][0] != "Date" || recs[0][5] != "Households who said yes" || recs[1][1] != "Activity" || recs[1][0] != "2027-01-14 15:00" {
		t.Errorf("English: %q", recs[:2])
	}
}

// The workbook, read back with the library: three sheets with Danish
// headers, dates as dates, counts as numbers, formulas as text.
func TestXLSXReadBack(t *testing.T) {
	var b bytes.Buffer
	if err := sample(t, "da").WriteXLSX(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Møder og arrangementer|I alt|Frivillige" {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("Møder og arrangementer")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "Dato" || rows[0][5] != "Husstande tilmeldt" || rows[2][1] != "Arrangement" {
		t.Errorf("rows %q", rows)
	}
	if rows[2][0] != "31-01-2027 23:30" {
		t.Errorf("date shown as %q", rows[2][0])
	}
	raw, _ := f.GetCellValue("Møder og arrangementer", "A3", excelize.Options{RawCellValue: true})
	if raw != "46418.979166666664" && !strings.HasPrefix(raw, "46418.97916") { // 31 January 2027, 23:30
		t.Errorf("date cell holds %q, want an Excel date", raw)
	}
	if typ, _ := f.GetCellType("Møder og arrangementer", "K3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("came total is a %v cell", typ)
	}
	if v, _ := f.GetCellValue("Møder og arrangementer", "K3"); v != "9" {
		t.Errorf("came total %q", v)
	}
	if formula, _ := f.GetCellFormula("Møder og arrangementer", "D3"); formula != "" {
		t.Errorf("a title became the formula %q", formula)
	}
	if v, _ := f.GetCellValue("Møder og arrangementer", "D3"); !strings.HasPrefix(v, "'=") {
		t.Errorf("title %q", v)
	}
	totals, _ := f.GetRows("I alt")
	if len(totals) != 4 || totals[3][1] != "I alt" || totals[3][10] != "20" || totals[1][0] != "01-2027" {
		t.Errorf("totals %q", totals)
	}
	vol, _ := f.GetRows("Frivillige")
	if len(vol) != 6 || vol[5][2] != "14.3" || vol[5][4] != "3" {
		t.Errorf("volunteers %q", vol)
	}
}

func TestTextHasEveryTable(t *testing.T) {
	var b bytes.Buffer
	rep := sample(t, "da")
	rep.Rows, rep.Volunteers = nil, domain.VolunteerReport{}
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 10 || lines[0] != "Møder og arrangementer" || !strings.HasPrefix(lines[1], "Dato") || lines[2] != "" || lines[3] != "I alt" ||
		!strings.HasPrefix(strings.TrimSpace(lines[5]), "I alt") || lines[7] != "Frivillige" || !strings.HasPrefix(lines[9], "I alt") {
		t.Errorf("empty report:\n%s", b.String())
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+45 12": "'+45 12", "-x": "'-x", "@SUM": "'@SUM", "\tx": "'\tx", "Café": "Café", "": ""} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func flat(rs [][]string) []string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.Join(r, ";"))
	}
	return out
}
