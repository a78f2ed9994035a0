package locales

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// pluralForms are the CLDR plural categories each language needs.
var pluralForms = map[string][]string{
	"da": {"one", "other"},
	"ar": {"zero", "one", "two", "few", "many", "other"},
	"ti": {"one", "other"},
	"en": {"one", "other"},
}

// pluralSamples are counts that select each Arabic form (CLDR), so every form is rendered.
var pluralSamples = []int{0, 1, 2, 3, 11, 100, 1000, 5}

type entry map[string]string

func loadFiles(t *testing.T) map[string]map[string]entry {
	t.Helper()
	out := map[string]map[string]entry{}
	for lang, raw := range Files() {
		var m map[string]entry
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s.json: %v", lang, err)
		}
		out[lang] = m
	}
	if len(out) != len(Languages) {
		t.Fatalf("loaded %d message files, want %d", len(out), len(Languages))
	}
	return out
}

var rePlaceholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) string {
	set := map[string]bool{}
	for _, m := range rePlaceholder.FindAllStringSubmatch(s, -1) {
		set[m[1]] = true
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func isPlural(e entry) bool { _, ok := e["one"]; return ok }

func TestEveryMessageInEveryLanguage(t *testing.T) {
	files := loadFiles(t)
	for id, base := range files[Default] {
		want := placeholders(base["other"])
		for _, lang := range Languages {
			e, ok := files[lang][id]
			if !ok {
				t.Errorf("%s: missing in %s", id, lang)
				continue
			}
			if strings.TrimSpace(e["description"]) == "" {
				t.Errorf("%s.%s: no description for translators", lang, id)
			}
			forms := []string{"other"}
			if isPlural(base) {
				forms = pluralForms[lang]
			}
			for _, f := range forms {
				text, ok := e[f]
				if !ok || strings.TrimSpace(text) == "" {
					t.Errorf("%s.%s: plural form %q missing", lang, id, f)
					continue
				}
				if got := placeholders(text); got != want {
					t.Errorf("%s.%s[%s]: placeholders {%s}, Danish has {%s}", lang, id, f, got, want)
				}
			}
		}
	}
	for _, lang := range Languages {
		for id := range files[lang] {
			if _, ok := files[Default][id]; !ok {
				t.Errorf("%s.%s: not in da.json (stale key)", lang, id)
			}
		}
	}
}

// TestEveryMessageRenders renders every message in every language with every
// placeholder filled, through the real bundle, and fails on a template error
// or a fallback to another language.
func TestEveryMessageRenders(t *testing.T) {
	files := loadFiles(t)
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	c, err := New(loc)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	c.OnMissing = func(lang, id string, err error) { problems = append(problems, lang+"."+id+": "+err.Error()) }
	for _, lang := range Languages {
		L := c.For(lang)
		for _, id := range c.IDs() {
			data := Data{}
			for _, m := range rePlaceholder.FindAllStringSubmatch(files[Default][id]["other"], -1) {
				data[m[1]] = "X" + m[1]
			}
			if isPlural(files[Default][id]) {
				for _, n := range pluralSamples {
					out := L.N(id, n, data)
					if strings.Contains(out, "{{") || strings.Contains(out, "<no value>") || out == id {
						t.Errorf("%s.%s(%d) rendered %q", lang, id, n, out)
					}
				}
				continue
			}
			out := L.T(id, data)
			if strings.Contains(out, "{{") || strings.Contains(out, "<no value>") || out == id {
				t.Errorf("%s.%s rendered %q", lang, id, out)
			}
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func TestArabicIsolatesValues(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := c.For("ar").T("Welcome", Data{"Name": "Lars Jensen"})
	if !strings.Contains(got, "\u2068Lars Jensen\u2069") {
		t.Errorf("Arabic welcome does not isolate the name: %q", got)
	}
	if got := c.For("da").T("Welcome", Data{"Name": "Lars"}); strings.ContainsAny(got, "\u2068\u2069") {
		t.Errorf("Danish text has isolates: %q", got)
	}
}

func TestDatesAreSpelledOut(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	c, err := New(loc)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC) // 15:00 in Copenhagen (CET)
	cases := map[string]string{
		"da": "torsdag den 26. november 2026 kl. 15:00",
		"en": "Thursday 26 November 2026 at 15:00",
	}
	for lang, want := range cases {
		if got := c.For(lang).DateTime(at); got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
	for lang, words := range map[string][]string{"ar": {"الخميس", "نوفمبر", "15:00"}, "ti": {"ሓሙስ", "ሕዳር", "15:00"}} {
		got := c.For(lang).DateTime(at)
		for _, w := range words {
			if !strings.Contains(got, w) {
				t.Errorf("%s date %q lacks %q", lang, got, w)
			}
		}
	}
	summer := time.Date(2026, 7, 2, 13, 30, 0, 0, time.UTC) // CEST: 15:30
	if got := c.For("da").DateTime(summer); !strings.HasSuffix(got, "kl. 15:30") {
		t.Errorf("summer time not applied: %q", got)
	}
}

func TestGuessAllowList(t *testing.T) {
	cases := map[string]struct {
		lang string
		ok   bool
	}{
		"da": {"da", true}, "ar": {"ar", true}, "ar-SY": {"ar", true}, "ti": {"ti", true}, "en-GB": {"en", true},
		"am":  {"da", false}, // Amharic is not Tigrinya
		"tig": {"da", false}, "": {"da", false}, "nb": {"da", true}, "fa": {"da", false},
	}
	for code, want := range cases {
		lang, ok := Guess(code)
		if lang != want.lang || ok != want.ok {
			t.Errorf("Guess(%q) = %q, %v; want %q, %v", code, lang, ok, want.lang, want.ok)
		}
	}
}

func TestMissingMessageNeverPanics(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	var reported bool
	c.OnMissing = func(string, string, error) { reported = true }
	if got := c.For("ti").T("NoSuchMessage", nil); got != "NoSuchMessage" {
		t.Errorf("missing message rendered %q", got)
	}
	if !reported {
		t.Error("missing message was not reported")
	}
	if c.For("xx").Lang() != Default {
		t.Error("unknown language did not fall back to Danish")
	}
}
