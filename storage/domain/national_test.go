package domain

import "testing"

func TestShowCount(t *testing.T) {
	for _, c := range []struct {
		n          int
		want       string
		suppressed bool
	}{
		{0, "0", false},
		{1, "<5", true},
		{2, "<5", true},
		{4, "<5", true},
		{5, "5", false},
		{6, "6", false},
		{120, "120", false},
		{-1, "-1", false}, // never a count; shown as it is rather than hidden
	} {
		if got := ShowCount(c.n); got != c.want {
			t.Errorf("ShowCount(%d) = %q, want %q", c.n, got, c.want)
		}
		if got := Suppressed(c.n); got != c.suppressed {
			t.Errorf("Suppressed(%d) = %v, want %v", c.n, got, c.suppressed)
		}
	}
}

func TestBranchFiguresAddRows(t *testing.T) {
	var f BranchFigures
	f.AddRows([]ReportRow{
		{Kind: RowEvent, Meetings: 1, CameAdults: 10, CameChildren: 5, FirstTime: 3},
		{Kind: RowActivity, Meetings: 1, CameAdults: 4, FirstTime: 1},
	})
	if f.Meetings != 2 || f.Attendance != 19 || f.FirstTime != 4 {
		t.Fatalf("got %+v", f)
	}
}
