package domain

import (
	"errors"
	"testing"
	"time"
)

func TestImpossibleDateIsNotADate(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2026, 11, 1, 10, 0, 0, 0, loc)
	for _, s := range []string{"31.02.2027 15:00", "31.04.2027 10:00", "29.02.2027 12:00"} {
		if _, err := ParseLocalDateTime(s, loc, now); !errors.Is(err, ErrNotADate) {
			t.Errorf("%q: %v, want ErrNotADate", s, err)
		}
	}
	if _, err := ParseLocalDateTime("32.01.2027 15:00", loc, now); err == nil || errors.Is(err, ErrNotADate) {
		t.Errorf("a day 32: %v, want a plain refusal", err)
	}
}
