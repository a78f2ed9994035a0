package domain

import (
	"sort"
	"time"
)

// NetworkFigures are the network families' counts for a period: no names,
// nothing about anyone, only how many.
type NetworkFigures struct {
	Referrals      int     // referrals received in the period
	Waiting        int     // households waiting now
	MedianWaitDays float64 // how long those waiting have waited, the median in days
	Proposed       int     // proposals made in the period
	Accepted       int     // proposals both sides said yes to
	Declined       int
	Lapsed         int
	Active         int // matches active now
	Checkins       int // check-ins answered in the period
	Met            int // of which "we met"
	// Months are the matches started and ended per month of the period,
	// the endings by reason.
	Months []NetworkMonth
}

// NetworkMonth is one month's starts and endings.
type NetworkMonth struct {
	Month   string // 2027-02
	Started int
	Ended   map[string]int // by reason: EndReasons, EndConsent, EndForgotten
}

// MetRate is the share of answered check-ins that said "we met", 0-1.
func (f NetworkFigures) MetRate() float64 {
	if f.Checkins == 0 {
		return 0
	}
	return float64(f.Met) / float64(f.Checkins)
}

// MedianDays is the median of how long each of since has waited at now, in
// days (0 for none).
func MedianDays(since []time.Time, now time.Time) float64 {
	if len(since) == 0 {
		return 0
	}
	days := make([]float64, len(since))
	for i, s := range since {
		days[i] = now.Sub(s).Hours() / 24
	}
	sort.Float64s(days)
	n := len(days)
	if n%2 == 1 {
		return days[n/2]
	}
	return (days[n/2-1] + days[n/2]) / 2
}
