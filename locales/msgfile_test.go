package locales

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// TestMessageFileRoundTrip: reading and writing each real message file gives
// back the very same bytes, so the review import changes only the lines of the
// texts it changes.
func TestMessageFileRoundTrip(t *testing.T) {
	for lang, raw := range Files() {
		f, err := ParseMessageFile(raw)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if got := f.Bytes(); !bytes.Equal(got, raw) {
			t.Errorf("%s.json changes when written back:\n%s", lang, firstDiff(raw, got))
		}
	}
}

func TestMessageFileEdits(t *testing.T) {
	f, err := ParseMessageFile([]byte(`{"A": "bare", "B": {"description": "d", "other": "x\u2068y\u2069"}}`))
	if err != nil {
		t.Fatal(err)
	}
	b := f.Message("B")
	if b.Get("other") != "x\u2068y\u2069" || f.Message("A").Get("other") != "bare" {
		t.Fatalf("parsed %+v %+v", f.Message("A"), b)
	}
	b.Set("hash", "sha1-1")
	b.Set("other", "z\u200f")
	b.Set("few", "f")
	if !reflect.DeepEqual(b.Keys, []string{"hash", "description", "other", "few"}) {
		t.Errorf("keys %v", b.Keys)
	}
	b.Delete("few")
	out := f.Bytes()
	if !bytes.Contains(out, []byte(`"other": "z\u200f"`)) {
		t.Errorf("invisible mark not escaped:\n%s", out)
	}
	var m map[string]map[string]string
	if err := json.Unmarshal(out, &m); err != nil || m["B"]["hash"] != "sha1-1" || m["A"]["other"] != "bare" || len(m["B"]) != 3 {
		t.Errorf("%v %v", m, err)
	}
	if _, err := ParseMessageFile([]byte(`{"A": "x", "A": "y"}`)); err == nil {
		t.Error("a duplicate id was accepted")
	}
	if _, err := ParseMessageFile([]byte(`{"A": {"other": "x", "other": "y"}}`)); err == nil {
		t.Error("a duplicate key was accepted")
	}
	if _, err := ParseMessageFile([]byte(`{"A": {"other": 3}}`)); err == nil {
		t.Error("a number was accepted as a text")
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "want …" + string(a[lo:min(len(a), i+80)]) + "…\ngot  …" + string(b[lo:min(len(b), i+80)]) + "…"
}
