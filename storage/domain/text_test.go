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

// CleanText removes from a typed text what names lose (invisible format
// characters and controls) and keeps its letters, emoji and lines.
func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"Sommerfest":                   "Sommerfest",
		"\u202eSommerfest":             "Sommerfest",
		"Som\u200bmer\u200dfest\ufeff": "Sommerfest",
		"Sommer\x00fest\x1b":           "Sommerfest",
		"\u2067أين المقهى؟\u2069":      "\u2067أين المقهى؟\u2069",
		"\u2068Tal Dansk\u200f":        "\u2068Tal Dansk\u200f\u2069",
		"a\u2069b\u202ac\u202c":        "abc",
		"\u2066a\nb":                   "\u2066a\u2069\nb",
		"Hej\nmed dig\tog 🎉":           "Hej\nmed dig\tog 🎉",
		"ሰላም\r\n":                      "ሰላም\n",
	} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
