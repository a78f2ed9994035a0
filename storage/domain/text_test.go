package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestTextRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		units int
		err   error
	}{
		{"latin", "Husk julefesten", 15, nil},
		{"Ge'ez: one unit a letter, three bytes", "ሰላም", 3, nil},
		{"Arabic", "مرحبا", 5, nil},
		{"emoji: two units", "🎉", 2, nil},
		{"4,096 letters", strings.Repeat("a", 4096), 4096, nil},
		{"2,048 emoji", strings.Repeat("🎉", 2048), 4096, nil},
		{"4,096 emoji: 8,192 units", strings.Repeat("🎉", 4096), 8192, ErrTextTooLong},
		{"4,097 letters", strings.Repeat("a", 4097), 4097, ErrTextTooLong},
		{"empty", "", 0, ErrTextBlank},
		{"spaces and new lines", " \n\t ", 4, ErrTextBlank},
		{"zero-width space, joiner, BOM, direction marks", "\u200b\u200d\ufeff\u200e\u200f\u2068\u2069", 7, ErrTextBlank},
		{"control characters", "\x00\x07\u0085", 3, ErrTextBlank},
		{"a letter among invisibles", "\u200b a \u200b", 5, nil},
		{"invalid UTF-8 counts one unit a byte", "\xff\xfe", 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TextLength(tc.text); got != tc.units {
				t.Errorf("TextLength = %d, want %d", got, tc.units)
			}
			if err := CheckText(tc.text); !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
				t.Errorf("CheckText = %v, want %v", err, tc.err)
			}
		})
	}
	t.Run("Truncate keeps whole characters", func(t *testing.T) {
		if got := Truncate("a🎉b", 2); got != "a" {
			t.Errorf("Truncate = %q, want %q (the emoji does not fit)", got, "a")
		}
		if got := Truncate("a🎉b", 3); got != "a🎉" {
			t.Errorf("Truncate = %q", got)
		}
	})
}
