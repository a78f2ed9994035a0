package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"vejviser/storage/domain"
)

var cph, _ = time.LoadLocation("Europe/Copenhagen")

func TestMonthTotalsAndCSV(t *testing.T) {
	rows := []domain.ReportRow{
		{Start: time.Date(2027, 1, 14, 15, 0, 0, 0, cph), Kind: domain.RowActivity, Key: "tal-dansk", Title: "Tal Dansk Café", Meetings: 1, CameAdults: 8, CameChildren: 2, FirstTime: 3},
		{Start: time.Date(2027, 1, 31, 23, 30, 0, 0, cph), Kind: domain.RowEvent, Key: "nytaar", Title: "Nytår, fest", Meetings: 1, YesHouseholds: 3, YesAdults: 5, YesChildren: 4, CameAdults: 4, CameChildren: 5, FirstTime: 1},
		{Start: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), Kind: domain.RowEvent, Key: "fastelavn-2027", Title: "Fastelavnsfest", Meetings: 1, YesHouseholds: 2, YesAdults: 2, YesChildren: 3, CameAdults: 2, CameChildren: 3},
	}
	vol := domain.VolunteerReport{ByMonth: []domain.NamedHours{{Name: "2027-01", Hours: 12}, {Name: "2027-02", Hours: 2.25}}, ByActivity: []domain.NamedHours{{Name: "Tal Dansk Café", Hours: 12}, {Name: "Byvandring", Hours: 2.25}},
		Total: 14.25, Places: 7, Distinct: 3}
	var b bytes.Buffer
	if err := WriteCSV(&b, rows, vol, cph); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	if strings.Count(raw, "\r\n") != 7+1+6 {
		t.Errorf("want 14 CRLF-ended lines (the rows, an empty one, the volunteers):\n%q", raw)
	}
	r := csv.NewReader(&b)
	r.FieldsPerRecord = -1  // two tables
	all, err := r.ReadAll() // an empty line is skipped
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1+3+2+1+6 {
		t.Fatalf("%d records: %q", len(all), all)
	}
	recs, volRecs := all[:7], all[7:]
	want := [][]string{
		{"volunteers", "month_or_activity", "hours", "places_filled", "distinct_volunteers"},
		{"month", "2027-01", "12", "", ""}, {"month", "2027-02", "2.3", "", ""},
		{"activity", "Tal Dansk Café", "12", "", ""}, {"activity", "Byvandring", "2.3", "", ""},
		{"total", "", "14.3", "7", "3"},
	}
	for i := range want {
		if strings.Join(volRecs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("volunteers' record %d = %q, want %q", i, volRecs[i], want[i])
		}
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	get := func(r int, name string) string { return recs[r][col[name]] }
	if get(2, "title") != "Nytår, fest" || get(2, "date") != "2027-01-31 23:30" {
		t.Errorf("event row %q", recs[2])
	}
	// January: both rows (23:30 on the 31st is January in Copenhagen, February in UTC).
	if get(4, "date") != "2027-01" || get(4, "kind") != domain.RowMonth || get(4, "meetings") != "2" || get(4, "came_total") != "19" ||
		get(4, "first_time") != "4" || get(4, "returning") != "15" || get(4, "yes_households") != "3" {
		t.Errorf("January totals %q", recs[4])
	}
	if get(5, "date") != "2027-02" || get(5, "came_total") != "5" {
		t.Errorf("February totals %q", recs[5])
	}
	if get(6, "kind") != domain.RowTotal || get(6, "came_total") != "24" || get(6, "yes_children") != "7" {
		t.Errorf("period total %q", recs[6])
	}
}

func TestTextAligns(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, nil, domain.VolunteerReport{}, cph); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "date") || !strings.Contains(lines[1], domain.RowTotal) || lines[2] != "" ||
		!strings.HasPrefix(lines[3], "volunteers") || !strings.HasPrefix(lines[4], domain.RowTotal) {
		t.Errorf("empty report:\n%s", b.String())
	}
}
