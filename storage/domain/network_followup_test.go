package domain

import (
	"testing"
	"time"
)

func TestDecideProposal(t *testing.T) {
	p := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	for _, c := range []struct {
		name     string
		reminded time.Time
		now      time.Time
		want     ProposalStep
		next     time.Time
	}{
		{"just proposed", time.Time{}, p, ProposalWait, p.Add(3 * day)},
		{"a moment before three days", time.Time{}, p.Add(3*day - time.Minute), ProposalWait, p.Add(3 * day)},
		{"three days", time.Time{}, p.Add(3 * day), ProposalRemind, p.Add(7 * day)},
		{"reminded", p.Add(3 * day), p.Add(5 * day), ProposalWait, p.Add(7 * day)},
		{"seven days, reminded", p.Add(3 * day), p.Add(7 * day), ProposalLapse, time.Time{}},
		{"seven days, never reminded (the scheduler was down)", time.Time{}, p.Add(8 * day), ProposalLapse, time.Time{}},
	} {
		got, next := DecideProposal(p, c.reminded, c.now)
		if got != c.want || !next.Equal(c.next) {
			t.Errorf("%s: %v, %v; want %v, %v", c.name, got, next, c.want, c.next)
		}
	}
}

func TestCheckinDue(t *testing.T) {
	s := time.Date(2027, 2, 1, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		last time.Time
		days int
		now  time.Time
		due  bool
		next time.Time
	}{
		{"the day it started", time.Time{}, 14, s, false, s.AddDate(0, 0, 14)},
		{"fourteen days after", time.Time{}, 14, s.AddDate(0, 0, 14), true, s.AddDate(0, 0, 28)},
		{"asked a week ago", s.AddDate(0, 0, 14), 14, s.AddDate(0, 0, 21), false, s.AddDate(0, 0, 28)},
		{"a branch's seven days", time.Time{}, 7, s.AddDate(0, 0, 7), true, s.AddDate(0, 0, 14)},
		{"no setting", time.Time{}, 0, s.AddDate(0, 0, 13), false, s.AddDate(0, 0, 14)},
	} {
		due, next := CheckinDue(s, c.last, c.days, c.now)
		if due != c.due || !next.Equal(c.next) {
			t.Errorf("%s: %v, %v; want %v, %v", c.name, due, next, c.due, c.next)
		}
	}
}

func TestCheckinDays(t *testing.T) {
	for in, want := range map[string]int{`{}`: 14, `{"checkin_days": 21}`: 21, `{"checkin_days": 0}`: 14, `bad`: 14, `{"checkin_days": "7"}`: 7, `{"checkin_days": "x"}`: 14, `{"checkin_days": 400}`: 14} {
		if got := CheckinDays(in); got != want {
			t.Errorf("%s: %d, want %d", in, got, want)
		}
	}
}
