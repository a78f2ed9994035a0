package locales

import (
	"strings"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func TestWrittenMarksAnotherLanguage(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	danish := domain.Texts{"da": "Julefest"}
	both := domain.Texts{"da": "Julefest", "en": "Christmas party", "ar": "حفلة الميلاد"}
	for _, tc := range []struct {
		name string
		r    domain.Reader
		t    domain.Texts
		want Isolated
	}{
		{"Danish reader: no mark", domain.Reader{Lang: "da"}, danish, "Julefest"},
		{"Arabic reader, Danish only", domain.Reader{Lang: "ar"}, danish, "\u2068Julefest\u2069 (بالدنماركية)"},
		{"Arabic reader, own text", domain.Reader{Lang: "ar", Second: "en"}, both, "\u2068حفلة الميلاد\u2069"},
		{"Tigrinya reader with English second", domain.Reader{Lang: "ti", Second: "en"}, both, "Christmas party (ብእንግሊዝኛ)"},
		{"Tigrinya reader without second", domain.Reader{Lang: "ti"}, both, "Julefest (ብዴንማርክኛ)"},
		{"English reader, Danish only", domain.Reader{Lang: "en", Second: "ar"}, danish, "Julefest (in Danish)"},
		{"nothing written", domain.Reader{Lang: "ar"}, domain.Texts{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.Reader(tc.r).Written(tc.t); got != tc.want {
				t.Errorf("Written = %q, want %q", got, tc.want)
			}
		})
	}
	if got := c.Reader(domain.Reader{Lang: "ti", Second: "en"}).Plain(both); got != "Christmas party" {
		t.Errorf("Plain = %q", got)
	}
	if c.Reader(domain.Reader{Lang: "ar"}) != c.For("ar") {
		t.Error("a reader without a second language should share the language's localizer")
	}
}

// A screen names a language in its reader's language; only LanguageName is
// the language's own name, for the pickers.
func TestNameIsInTheReadersLanguage(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ reader, lang, want string }{
		{"da", "ti", "tigrinya"}, {"da", "ar", "arabisk"}, {"en", "da", "Danish"},
		{"ar", "ti", "التغرينية"}, {"ar", "en", "الإنجليزية"}, {"ti", "ar", "ዓረብኛ"}, {"ti", "ti", "ትግርኛ"},
	} {
		if got := c.For(tc.reader).Name(tc.lang); got != tc.want {
			t.Errorf("%s reader, %s: %q, want %q", tc.reader, tc.lang, got, tc.want)
		}
	}
}

// Tigrinya has one colon style, the ASCII colon; the Ethiopic preface colon
// and the word separator (once used as a colon or comma) do not come back.
func TestTigrinyaOneColonStyle(t *testing.T) {
	raw := string(Files()["ti"])
	for _, r := range []string{"፦", "፡"} {
		if n := strings.Count(raw, r); n > 0 {
			t.Errorf("ti.json has %q %d times", r, n)
		}
	}
}
