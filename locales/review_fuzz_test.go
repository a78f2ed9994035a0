package locales

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzIsolateLatin: whatever a reviewer types, isolating never panics, only
// adds isolates, and is done once (isolating again changes nothing).
func FuzzIsolateLatin(f *testing.F) {
	for _, s := range []string{"اكتب /start الآن", "مقهى Tal Dansk Café، كل خميس.", "{{.Name}} و QR", "{{ unclosed Latin", "\u2068a\u2069 b\nc", "\u2069\u2069x{{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := IsolateLatin(s)
		strip := strings.NewReplacer(fsi, "", pdi, "")
		if strip.Replace(got) != strip.Replace(s) {
			t.Fatalf("IsolateLatin(%q) = %q changes more than isolates", s, got)
		}
		if again := IsolateLatin(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

// FuzzMessageFile: a message file that parses is written back to a file
// that parses to the same messages.
func FuzzMessageFile(f *testing.F) {
	f.Add([]byte(`{"A": "x", "B": {"description": "d", "hash": "h", "one": "\u2068o\u2069", "other": "\"q\"\n"}}`))
	f.Add(Files()["ar"][:2000])
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseMessageFile(raw)
		if err != nil {
			return
		}
		again, err := ParseMessageFile(m.Bytes())
		if err != nil {
			t.Fatalf("written file does not parse: %v\n%s", err, m.Bytes())
		}
		if len(again.Messages) != len(m.Messages) {
			t.Fatalf("%d messages became %d", len(m.Messages), len(again.Messages))
		}
		for i, msg := range m.Messages {
			if !reflect.DeepEqual(msg.Keys, again.Messages[i].Keys) || !reflect.DeepEqual(msg.Values, again.Messages[i].Values) {
				t.Fatalf("%s: %+v became %+v", msg.ID, msg, again.Messages[i])
			}
		}
	})
}
