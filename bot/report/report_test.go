package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

var cph, _ = time.LoadLocation("Europe/Copenhagen")

func TestMonthTotalsAndCSV(t *testing.T) {
	rows := []Row{
		{Start: time.Date(2027, 1, 14, 15, 0, 0, 0, cph), Kind: KindActivity, Key: "tal-dansk", Title: "Tal Dansk Café", Meetings: 1, CameAdults: 8, CameChildren: 2, FirstTime: 3},
		{Start: time.Date(2027, 1, 31, 23, 30, 0, 0, cph), Kind: KindEvent, Key: "nytaar", Title: "Nytår, fest", Meetings: 1, YesHouseholds: 3, YesAdults: 5, YesChildren: 4, CameAdults: 4, CameChildren: 5, FirstTime: 1},
		{Start: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), Kind: KindEvent, Key: "fastelavn-2027", Title: "Fastelavnsfest", Meetings: 1, YesHouseholds: 2, YesAdults: 2, YesChildren: 3, CameAdults: 2, CameChildren: 3},
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, rows, cph); err != nil {
		t.Fatal(err)
	}
	raw := b.String()
	if strings.Count(raw, "\r\n") != 7 {
		t.Errorf("want 7 CRLF-ended lines:\n%q", raw)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+3+2+1 {
		t.Fatalf("%d records: %q", len(recs), recs)
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
	if get(4, "date") != "2027-01" || get(4, "kind") != KindMonth || get(4, "meetings") != "2" || get(4, "came_total") != "19" ||
		get(4, "first_time") != "4" || get(4, "returning") != "15" || get(4, "yes_households") != "3" {
		t.Errorf("January totals %q", recs[4])
	}
	if get(5, "date") != "2027-02" || get(5, "came_total") != "5" {
		t.Errorf("February totals %q", recs[5])
	}
	if get(6, "kind") != KindTotal || get(6, "came_total") != "24" || get(6, "yes_children") != "7" {
		t.Errorf("period total %q", recs[6])
	}
}

func TestTextAligns(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, nil, cph); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "date") || !strings.Contains(lines[1], KindTotal) {
		t.Errorf("empty report:\n%s", b.String())
	}
}
