package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// MaxReportYears is the longest period one report covers: a § 18 report is
// yearly, and a longer period only makes a file nobody reads (and work the
// bot does while members wait).
const MaxReportYears = 2

// ErrReportPeriod is a report period that is empty, reversed or longer than
// MaxReportYears.
var ErrReportPeriod = errors.New("the report's period must end after it begins and be at most 2 years")

// CheckReportPeriod checks the period [from, to) of a report.
func CheckReportPeriod(from, to time.Time) error {
	if !to.After(from) || to.After(from.AddDate(MaxReportYears, 0, 0)) {
		return ErrReportPeriod
	}
	return nil
}

// ReportActivity is one activity as the report reads it: its schedule, when
// it began and ended, its changed dates and the head counts of its meetings.
type ReportActivity struct {
	Key, Title string
	Spec       Spec
	First      time.Time           // its first day: the plan's from, or the day it was created
	Archived   time.Time           // when it was archived; zero while it runs
	Changes    []DateChange        // cancelled and moved dates
	Counts     map[int64]HeadCount // head counts by slot (Unix seconds)
}

// MeetingRows is the report's rule for activities: a meeting is counted when
// its slot is on or after the activity's first day (in loc) and before it
// was archived, it is not cancelled, it begins in [from, to) where it now
// begins (a moved meeting on its new date) and it has begun by now (a later
// one has no count yet). Its counts are its head count.
func MeetingRows(acts []ReportActivity, loc *time.Location, from, to, now time.Time) []ReportRow {
	var out []ReportRow
	for _, a := range acts {
		y, m, d := a.First.In(loc).Date()
		first := time.Date(y, m, d, 0, 0, 0, 0, loc)
		end := to
		if now.Before(end) {
			end = now
		}
		if !a.Archived.IsZero() && a.Archived.Before(end) {
			end = a.Archived
		}
		start := from
		if first.After(start) {
			start = first
		}
		if !start.Before(end) {
			continue
		}
		for _, o := range Occurrences(a.Spec, loc, a.Changes, start, end) {
			if o.Cancelled || o.Slot.Before(first) || (!a.Archived.IsZero() && !o.Slot.Before(a.Archived)) {
				continue
			}
			h := a.Counts[o.Slot.Unix()]
			out = append(out, ReportRow{Start: o.Start, Kind: RowActivity, Key: a.Key, Title: a.Title, Meetings: 1,
				CameAdults: h.Adults, CameChildren: h.Children, FirstTime: h.FirstTime})
		}
	}
	return out
}

// ReportRows is the report's rows of a period: the events (one row each,
// counted by storage) and the activities' meetings (MeetingRows), in order
// of start.
func ReportRows(events []ReportRow, acts []ReportActivity, loc *time.Location, from, to, now time.Time) []ReportRow {
	rows := append(append([]ReportRow(nil), events...), MeetingRows(acts, loc, from, to, now)...)
	sort.SliceStable(rows, func(i, j int) bool {
		if !rows[i].Start.Equal(rows[j].Start) {
			return rows[i].Start.Before(rows[j].Start)
		}
		return rows[i].Key < rows[j].Key
	})
	return rows
}

// ParseDate reads a day as coordinators type it, "01.07.2027" (also with /
// or -) or "2027-07-01", and returns its local midnight in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if strings.Count(strings.NewReplacer("/", ".", "-", ".").Replace(s), ".") != 2 || strings.ContainsAny(s, " \t") {
		return time.Time{}, fmt.Errorf("%w: %q is not a date like 01.07.2027", ErrSpec, s)
	}
	t, err := ParseLocalDateTime(s+" 00:00", loc, time.Time{})
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a date like 01.07.2027", ErrSpec, s)
	}
	return t, nil
}
