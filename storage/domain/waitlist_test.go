package domain

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2027, 2, 1, 12, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestDecideYes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		capacity int
		hs       []Household
		id       int64
		heads    int
		want     YesOutcome
	}{
		{"no limit", 0, []Household{{ID: 1, Answer: AnswerYes, Heads: 500}}, 2, 7, Seated},
		{"fits exactly", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 6}}, 2, 4, Seated},
		{"one too many", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 6}}, 2, 5, Waitlist},
		{"offered seats are held", 10, []Household{{ID: 1, Answer: AnswerOffered, Heads: 6, OfferUntil: at(60)}}, 2, 5, Waitlist},
		{"waiting and maybe hold none", 10, []Household{{ID: 1, Answer: AnswerWaiting, Heads: 11, WaitingSince: at(0)}, {ID: 3, Answer: AnswerMaybe, Heads: 9}}, 2, 10, Seated},
		{"own seats count as free when changing", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 6}, {ID: 2, Answer: AnswerYes, Heads: 4}}, 2, 4, Seated},
		{"coming, more do not fit: kept", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 6}, {ID: 2, Answer: AnswerYes, Heads: 4}}, 2, 5, Kept},
		{"coming, fewer: seated", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 6}, {ID: 2, Answer: AnswerYes, Heads: 4}}, 2, 1, Seated},
		{"a waiting household that fits goes first", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 7}, {ID: 3, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(0)}}, 2, 2, Waitlist},
		{"a waiting household too big does not block", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 7}, {ID: 3, Answer: AnswerWaiting, Heads: 5, WaitingSince: at(0)}}, 2, 2, Seated},
		{"waiting, shrinks, nobody ahead fits: seated", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 8}, {ID: 2, Answer: AnswerWaiting, Heads: 5, WaitingSince: at(1)}, {ID: 3, Answer: AnswerWaiting, Heads: 4, WaitingSince: at(0)}}, 2, 2, Seated},
		{"waiting, shrinks, one ahead fits: stays", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 8}, {ID: 2, Answer: AnswerWaiting, Heads: 5, WaitingSince: at(1)}, {ID: 3, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(0)}}, 2, 2, Waitlist},
		{"full", 4, []Household{{ID: 1, Answer: AnswerYes, Heads: 4}}, 2, 1, Waitlist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideYes(tc.capacity, tc.hs, tc.id, tc.heads); got != tc.want {
				t.Errorf("DecideYes = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPromote(t *testing.T) {
	for _, tc := range []struct {
		name     string
		capacity int
		hs       []Household
		want     []int64
	}{
		{"nobody waits", 10, []Household{{ID: 1, Answer: AnswerYes, Heads: 5}}, nil},
		{"earliest first", 10, []Household{
			{ID: 1, Answer: AnswerYes, Heads: 6},
			{ID: 2, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(5)},
			{ID: 3, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(1)},
			{ID: 4, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(9)},
		}, []int64{3, 2}},
		{"five never blocks two behind it", 10, []Household{
			{ID: 1, Answer: AnswerYes, Heads: 8},
			{ID: 2, Answer: AnswerWaiting, Heads: 5, WaitingSince: at(1)},
			{ID: 3, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(2)},
		}, []int64{3}},
		{"offers hold seats", 10, []Household{
			{ID: 1, Answer: AnswerYes, Heads: 6},
			{ID: 2, Answer: AnswerOffered, Heads: 3, WaitingSince: at(0), OfferUntil: at(100)},
			{ID: 3, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(2)},
			{ID: 4, Answer: AnswerWaiting, Heads: 1, WaitingSince: at(3)},
		}, []int64{4}},
		{"no seats", 4, []Household{{ID: 1, Answer: AnswerYes, Heads: 4}, {ID: 2, Answer: AnswerWaiting, Heads: 1, WaitingSince: at(0)}}, nil},
		{"no limit: all", 0, []Household{{ID: 2, Answer: AnswerWaiting, Heads: 9, WaitingSince: at(1)}, {ID: 3, Answer: AnswerWaiting, Heads: 9, WaitingSince: at(0)}}, []int64{3, 2}},
		{"same time: lower id first", 3, []Household{{ID: 9, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(0)}, {ID: 8, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(0)}}, []int64{8}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PromoteWaiting(tc.capacity, tc.hs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Promote = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	hs := []Household{
		{ID: 1, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(3)},
		{ID: 2, Answer: AnswerWaiting, Heads: 2, WaitingSince: at(1)},
		{ID: 3, Answer: AnswerYes, Heads: 2},
		{ID: 4, Answer: AnswerOffered, Heads: 2, WaitingSince: at(0), OfferUntil: at(9)},
	}
	for id, want := range map[int64]int{1: 2, 2: 1, 3: 0, 4: 0, 5: 0} {
		if got := WaitlistPosition(hs, id); got != want {
			t.Errorf("Place(%d) = %d, want %d", id, got, want)
		}
	}
}

func TestOfferUntilAndLapsed(t *testing.T) {
	start := at(48 * 60)
	for _, tc := range []struct {
		name   string
		now    time.Time
		window time.Duration
		want   time.Time
	}{
		{"a day", at(0), 24 * time.Hour, at(24 * 60)},
		{"never after the start", at(40 * 60), 24 * time.Hour, start},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := OfferUntil(tc.now, tc.window, start); !got.Equal(tc.want) {
				t.Errorf("OfferUntil = %v, want %v", got, tc.want)
			}
		})
	}
	h := Household{Answer: AnswerOffered, OfferUntil: at(60)}
	for _, tc := range []struct {
		now  time.Time
		h    Household
		want bool
	}{
		{at(59), h, false}, {at(60), h, true}, {at(61), h, true},
		{at(61), Household{Answer: AnswerYes}, false},
	} {
		if got := OfferLapsed(tc.h, tc.now); got != tc.want {
			t.Errorf("Lapsed(%v at %v) = %v, want %v", tc.h.Answer, tc.now, got, tc.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	deadline, start := at(60), at(120)
	offered := Household{Answer: AnswerOffered, OfferUntil: at(100)}
	for _, tc := range []struct {
		name string
		c    AnswerChange
		h    Household
		now  time.Time
		want error
	}{
		{"answer before the deadline", Answering, Household{}, at(59), nil},
		{"answer at the deadline", Answering, Household{}, at(60), nil},
		{"answer after the deadline", Answering, Household{}, at(61), ErrAnswerDeadline},
		{"no after the deadline", Declining, Household{Answer: AnswerYes}, at(90), nil},
		{"no after the start", Declining, Household{Answer: AnswerYes}, at(120), ErrEventStarted},
		{"confirm an offer after the deadline", Confirming, offered, at(90), nil},
		{"confirm a lapsed offer", Confirming, offered, at(100), ErrOfferLapsed},
		{"confirm without an offer", Confirming, Household{Answer: AnswerWaiting}, at(10), ErrNoOffer},
		{"anything after the start", Answering, Household{}, at(121), ErrEventStarted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AnswerAllowed(tc.c, tc.h, tc.now, deadline, start); !errors.Is(got, tc.want) {
				t.Errorf("Allowed = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNoticeDue(t *testing.T) {
	due, start := at(0), at(24*60)
	for _, tc := range []struct {
		name          string
		now, answered time.Time
		want          bool
	}{
		{"before it is due", at(-1), at(-100), false},
		{"when due", at(0), at(-100), true},
		{"late but before the start (after downtime)", at(23 * 60), at(-100), true},
		{"at the start", at(24 * 60), at(-100), false},
		{"answered after it was due", at(10), at(5), false},
		{"answered exactly when due", at(10), at(0), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NoticeDue(due, start, tc.now, tc.answered); got != tc.want {
				t.Errorf("NoticeDue = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestJoinAt(t *testing.T) {
	hs := []Household{
		{ID: 1, Answer: AnswerWaiting, WaitingSince: at(10)},
		{ID: 2, Answer: AnswerOffered, WaitingSince: at(10).Add(time.Microsecond), OfferUntil: at(99)},
		{ID: 3, Answer: AnswerYes},
	}
	for _, tc := range []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"later than everyone waiting", at(11), at(11)},
		{"the same clock reading as the last", at(10), at(10).Add(2 * time.Microsecond)},
		{"a clock behind", at(5), at(10).Add(2 * time.Microsecond)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := JoinAt(hs, tc.now); !got.Equal(tc.want) {
				t.Errorf("JoinAt = %v, want %v", got, tc.want)
			}
		})
	}
}
