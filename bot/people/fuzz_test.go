package people

import (
	"strings"
	"testing"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
)

// The fuzz targets run in CI for a few seconds each (.ci/run); their corpus
// is in testdata/fuzz. Run one longer with e.g.
//
//	go test -run '^$' -fuzz '^FuzzStartCode$' -fuzztime 1m ./bot/people

// The /start payload comes from any link: it is classified without
// panicking, and what rides on in the consent button always fits
// Telegram's 64 bytes of callback data.
func FuzzStartCode(f *testing.F) {
	for _, s := range []string{"", "hej", "abcdefghijklmnop", strings.Repeat("a", 64), strings.Repeat("a", 65), "../../etc", "ሰላም", " hej "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		code := startCode(text)
		if !utf8.ValidString(code) || strings.Contains(code, ":") {
			t.Fatalf("startCode(%q) = %q", text, code)
		}
		for _, lang := range locales.Languages {
			_ = chat.Payload(ActConsent, lang, "ask", code) // panics if it does not fit
		}
	})
}
