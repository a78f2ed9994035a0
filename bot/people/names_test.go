package people

import "testing"

func TestCleanName(t *testing.T) {
	cases := map[string]string{
		"Carla":                "Carla",
		"Carla\u200b":          "Carla", // zero-width space
		"Ca\u200drla":          "Carla", // zero-width joiner
		"\u202eCarla":          "Carla", // right-to-left override
		"\u2068Carla\u2069":    "Carla", // isolates
		"Carla\u200f\u200e":    "Carla", // bidi marks
		"\ufeffCarla":          "Carla", // byte order mark
		"Car\x00la\x1b":        "Carla", // control characters
		"  Amina \t  Hassan\n": "Amina Hassan",
		"أمينة حسن":            "أمينة حسن",
		"ሳባ ተስፋይ":              "ሳባ ተስፋይ",
		"Zoë Sørensen":         "Zoë Sørensen",
		"\u200b\u200c":         "",
	}
	for in, want := range cases {
		if got := cleanName(in); got != want {
			t.Errorf("cleanName(%q) = %q, want %q", in, got, want)
		}
	}
}
