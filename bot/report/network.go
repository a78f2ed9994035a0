package report

import (
	"math"
	"sort"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// TableNetwork is the network families' table: counts only.
const TableNetwork = "network"

// endReasonIDs name the reasons a match ended, as the chat's buttons do.
var endReasonIDs = map[string]string{"goal": "BtnEndGoal", "moved": "BtnEndMoved", "no_time": "BtnEndNoTime", "not_working": "BtnEndNotWorking",
	"other": "BtnEndOther", domain.EndConsent: "ReportNetEndGone", domain.EndForgotten: "ReportNetEndGone"}

// networkTable lays out the network families' figures: the period's counts
// first (no month), then the matches started and ended per month, the
// endings by reason.
func (r Report) networkTable(n domain.NetworkFigures) Table {
	T := func(id string) string { return r.L.T(id, nil) }
	t := Table{ID: TableNetwork, Name: T("ReportSheetNetwork"), Head: []string{T("ReportColDate"), T("ReportColNetFigure"), T("ReportColNetValue")}}
	for _, row := range []struct {
		id string
		v  any
	}{
		{"ReportNetReferrals", n.Referrals}, {"ReportNetWaiting", n.Waiting}, {"ReportNetMedianWait", hours(n.MedianWaitDays)},
		{"ReportNetProposed", n.Proposed}, {"ReportNetAccepted", n.Accepted}, {"ReportNetDeclined", n.Declined}, {"ReportNetLapsed", n.Lapsed},
		{"ReportNetActive", n.Active}, {"ReportNetCheckins", n.Checkins}, {"ReportNetMetRate", math.Round(n.MetRate() * 100)},
	} {
		t.Rows = append(t.Rows, []any{nil, T(row.id), row.v})
	}
	for _, m := range n.Months {
		var month any = m.Month
		if at, err := time.ParseInLocation("2006-01", m.Month, r.Loc); err == nil {
			month = When{T: at, Month: true}
		}
		if m.Started > 0 {
			t.Rows = append(t.Rows, []any{month, T("ReportNetStarted"), m.Started})
		}
		ended := map[string]int{}
		for reason, c := range m.Ended {
			ended[T(endReasonIDs[reason])] += c
		}
		var names []string
		for name := range ended {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			t.Rows = append(t.Rows, []any{month, r.L.T("ReportNetEnded", locales.Data{"Reason": name}), ended[name]})
		}
	}
	return t
}
