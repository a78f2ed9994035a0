package domain

import (
	"testing"
	"time"
)

func TestJoinsBurst(t *testing.T) {
	at := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
	open := AskLast{Head: 7, Parts: 1, At: at, Open: true}
	with := func(f func(*AskLast)) AskLast { l := open; f(&l); return l }
	cases := []struct {
		name string
		last AskLast
		now  time.Time
		want bool
	}{
		{"first message ever", AskLast{}, at, false},
		{"right after", open, at.Add(3 * time.Second), true},
		{"at the same instant", open, at, true},
		{"at the window's end", open, at.Add(AskBurstWindow), true},
		{"just past the window", open, at.Add(AskBurstWindow + time.Second), false},
		{"clock went back", open, at.Add(-time.Second), false},
		{"answered or closed", with(func(l *AskLast) { l.Open = false }), at.Add(time.Second), false},
		{"one short of the limit", with(func(l *AskLast) { l.Parts = AskBurstMax - 1 }), at.Add(time.Second), true},
		{"bursts off", open, at, false},
		{"card full", with(func(l *AskLast) { l.Parts = AskBurstMax }), at.Add(time.Second), false},
	}
	for _, c := range cases {
		window := AskBurstWindow
		if c.name == "bursts off" {
			window = 0
		}
		if got := JoinsBurst(c.last, c.now, window); got != c.want {
			t.Errorf("%s: JoinsBurst = %v, want %v", c.name, got, c.want)
		}
	}
}
