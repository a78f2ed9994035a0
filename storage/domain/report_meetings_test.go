package domain

import (
	"testing"
	"time"
)

func TestMeetingRows(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	spec, err := ParseSpec("0 15 * * THU")
	if err != nil {
		t.Fatal(err)
	}
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, cph) }
	created := day(10, 1, 18) // a Thursday, after that day's meeting began: it still counts
	base := ReportActivity{Key: "cafe", Title: "Café", Spec: spec, First: created,
		Counts: map[int64]HeadCount{day(10, 8, 15).Unix(): {Adults: 3, Children: 1, FirstTime: 1}}}
	now := day(12, 31, 12) // a Thursday before its meeting
	y2026, y2027 := time.Date(2026, 1, 1, 0, 0, 0, 0, cph), time.Date(2027, 1, 1, 0, 0, 0, 0, cph)
	tests := []struct {
		name      string
		change    func(a *ReportActivity)
		from, to  time.Time
		n         int
		has, hasn []time.Time
	}{
		{"from the day it was created to now", func(*ReportActivity) {}, y2026, y2027, 13,
			[]time.Time{day(10, 1, 15), day(12, 24, 15)}, []time.Time{day(9, 24, 15), day(12, 31, 15)}},
		{"a year before it existed has none", func(*ReportActivity) {}, y2026.AddDate(-1, 0, 0), y2026, 0, nil, nil},
		{"from the plan's first day", func(a *ReportActivity) { a.First = day(11, 5, 0) }, y2026, y2027, 8,
			[]time.Time{day(11, 5, 15)}, []time.Time{day(10, 29, 15)}},
		{"until archived", func(a *ReportActivity) { a.Archived = day(11, 20, 9) }, y2026, y2027, 8,
			[]time.Time{day(11, 19, 15)}, []time.Time{day(11, 26, 15)}},
		{"minus a cancelled date", func(a *ReportActivity) {
			a.Changes = []DateChange{{Slot: day(10, 15, 15), Cancelled: true}}
		}, y2026, y2027, 12, nil, []time.Time{day(10, 15, 15)}},
		{"a moved one on its new date", func(a *ReportActivity) {
			a.Changes = []DateChange{{Slot: day(10, 22, 15), MovedTo: day(10, 23, 10)}}
		}, y2026, y2027, 13, []time.Time{day(10, 23, 10)}, []time.Time{day(10, 22, 15)}},
		{"a meeting moved out of the period leaves it", func(a *ReportActivity) {
			a.Changes = []DateChange{{Slot: day(10, 29, 15), MovedTo: day(11, 2, 15)}}
		}, y2026, day(11, 1, 0), 4, nil, []time.Time{day(10, 29, 15)}},
		{"one month", func(*ReportActivity) {}, day(11, 1, 0), day(12, 1, 0), 4, []time.Time{day(11, 26, 15)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			tt.change(&a)
			rows := MeetingRows([]ReportActivity{a}, cph, tt.from, tt.to, now)
			if len(rows) != tt.n {
				t.Errorf("%d meetings, want %d: %v", len(rows), tt.n, rows)
			}
			starts := map[int64]ReportRow{}
			for _, r := range rows {
				starts[r.Start.Unix()] = r
			}
			for _, h := range tt.has {
				if _, ok := starts[h.Unix()]; !ok {
					t.Errorf("no meeting at %v", h)
				}
			}
			for _, h := range tt.hasn {
				if _, ok := starts[h.Unix()]; ok {
					t.Errorf("a meeting at %v", h)
				}
			}
		})
	}
	rows := MeetingRows([]ReportActivity{base}, cph, y2026, y2027, now)
	if r := rows[1]; r.CameAdults != 3 || r.CameChildren != 1 || r.FirstTime != 1 || r.Key != "cafe" || r.Kind != RowActivity {
		t.Errorf("the counted meeting: %+v", r)
	}
}

func TestCheckReportPeriod(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		to time.Time
		ok bool
	}{{from.AddDate(1, 0, 0), true}, {from.AddDate(2, 0, 0), true}, {from.AddDate(2, 0, 1), false}, {from, false}, {from.AddDate(-1, 0, 0), false}} {
		if err := CheckReportPeriod(from, tt.to); (err == nil) != tt.ok {
			t.Errorf("to %v: %v", tt.to, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	want := time.Date(2027, 7, 1, 0, 0, 0, 0, cph)
	for _, s := range []string{"01.07.2027", "1.7.2027", "01/07/2027", "2027-07-01", " 01.07.2027 "} {
		if got, err := ParseDate(s, cph); err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"31.02.2027", "01.07", "2027", "01.07.2027 15:00", "x.y.z", ""} {
		if got, err := ParseDate(s, cph); err == nil {
			t.Errorf("ParseDate(%q) = %v", s, got)
		}
	}
}
