package domain

import "strconv"

// MinShownCount is the smallest count that figures leaving a branch show as
// it is: a count from 1 to MinShownCount-1 is shown as "<5", so that no one
// can be singled out in a small branch. 0 is shown: it names nobody.
const MinShownCount = 5

// Suppressed reports whether the count n is too small to be shown outside
// its branch.
func Suppressed(n int) bool { return n >= 1 && n < MinShownCount }

// ShowCount is n as national figures show it: "<5" for 1 to 4.
func ShowCount(n int) string {
	if Suppressed(n) {
		return "<" + strconv.Itoa(MinShownCount)
	}
	return strconv.Itoa(n)
}

// BranchFigures are one branch's national figures for a period (or, with
// an empty Key, every branch's together): counts only, never a name.
type BranchFigures struct {
	Key, Name string // the branch's key and Danish name
	// Reached are the distinct participants who said yes to or came to an
	// event, or follow an activity that met in the period.
	Reached    int
	FirstTime  int // people who came for the first time (events and meetings)
	Meetings   int // events and activity meetings held
	Attendance int // everyone who came, all events and meetings together
	Volunteers int // distinct volunteers who took shifts
	Hours      float64
}

// AddRows sums the § 18 report's rows (events and meetings) into f.
func (f *BranchFigures) AddRows(rows []ReportRow) {
	for _, r := range rows {
		f.Meetings += r.Meetings
		f.Attendance += r.Came()
		f.FirstTime += r.FirstTime
	}
}
