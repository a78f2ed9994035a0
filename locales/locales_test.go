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

// wordsForCount reports whether a plural form may say its number in words
// and leave out {{.Count}}: natural Arabic writes the zero, one and two forms
// without a digit ("عضوان", not "2 عضوان").
func wordsForCount(lang, form string) bool {
	return lang == "ar" && (form == "zero" || form == "one" || form == "two")
}

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
				got := placeholders(text)
				if got != want && !(wordsForCount(lang, f) && got == placeholders(strings.ReplaceAll(base["other"], "{{.Count}}", ""))) {
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

// TestArabicDualNeedsNoDigit: the locale test accepts Arabic zero/one/two
// forms without {{.Count}}, and the catalogue uses it where it reads better.
func TestArabicDualNeedsNoDigit(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := c.For("ar").N("MembersTitle", 2, Data{"Page": 1, "Pages": 1})
	if strings.Contains(got, "2") && !strings.Contains(got, "1") {
		t.Errorf("Arabic dual carries a digit: %q", got)
	}
	if strings.HasPrefix(got, "2 ") {
		t.Errorf("Arabic dual starts with a digit: %q", got)
	}
}

// bidiControls are the invisible direction marks a translation tool can
// silently strip or a translator cannot see: the JSON files must spell them
// as escapes (\u2068 … \u2069), never as raw characters.
var bidiControls = []rune{'\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\ufeff'}

func TestNoRawInvisibleCharactersInMessageFiles(t *testing.T) {
	defer func() {
		if t.Failed() {
			t.Log(`fix the isolates mechanically: sed -i 's/\xe2\x81\xa8/\\u2068/g; s/\xe2\x81\xa9/\\u2069/g' locales/*.json`)
		}
	}()
	for lang, raw := range Files() {
		for i, line := range strings.Split(string(raw), "\n") {
			for _, r := range bidiControls {
				if strings.ContainsRune(line, r) {
					t.Errorf("%s.json line %d: raw invisible character U+%04X; write it as the escape \\u%04x", lang, i+1, r, r)
				}
			}
		}
	}
}

// unisolatedLatin returns the Latin runs of s that stand outside any Unicode
// isolate (FSI/LRI/RLI … PDI). Digits and punctuation are weak or neutral and
// do not count; a letter A–Z does.
func unisolatedLatin(s string) []string {
	var out []string
	depth, start := 0, -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, s[start:end])
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case r == '\u2066' || r == '\u2067' || r == '\u2068':
			flush(i)
			depth++
		case r == '\u2069':
			flush(i)
			if depth > 0 {
				depth--
			}
		case r == '\n':
			flush(i)
			depth = 0 // a paragraph ends every isolate
		case depth == 0 && ((r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z')):
			if start < 0 {
				start = i
			}
		case r == ' ' || r == '\u060c' || r == '.' || r == ':' || r == '(' || r == ')':
			flush(i)
		}
	}
	flush(len(s))
	return out
}

func TestUnisolatedLatin(t *testing.T) {
	cases := map[string]int{
		"اكتب \u2068/help\u2069 الآن": 0, "اكتب /help الآن": 1, "\u2068Tal Dansk Café\u2069 و Vejviser": 1,
		"\u2068a\u2069\nb": 1, "15:00 ✅": 0,
	}
	for s, want := range cases {
		if got := unisolatedLatin(s); len(got) != want {
			t.Errorf("unisolatedLatin(%q) = %q, want %d runs", s, got, want)
		}
	}
}

// TestArabicIsolatesEveryLatinRunAndPlaceholder renders every Arabic message
// with Latin values in every placeholder (as names, links and commands are)
// and fails on any Latin letter outside an isolate: the isolates come from the
// escapes in ar.json for fixed words and from the code for values.
func TestArabicIsolatesEveryLatinRunAndPlaceholder(t *testing.T) {
	files := loadFiles(t)
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	L := c.For("ar")
	for _, id := range c.IDs() {
		data := Data{}
		for _, m := range rePlaceholder.FindAllStringSubmatch(files[Default][id]["other"], -1) {
			data[m[1]] = "Xy" + m[1]
		}
		var outs []string
		if isPlural(files[Default][id]) {
			for _, n := range pluralSamples {
				outs = append(outs, L.N(id, n, data))
			}
		} else {
			outs = append(outs, L.T(id, data))
		}
		for _, out := range outs {
			if runs := unisolatedLatin(out); len(runs) > 0 {
				t.Errorf("ar.%s: Latin outside isolates %q in %q", id, runs, out)
			}
		}
	}
}

func TestListIsolatesEachValueOnce(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	got := c.For("ar").T("MyDataFollows", Data{"Activities": c.For("ar").List([]string{"Tal Dansk Café", "Lektiehjælp"})})
	if !strings.Contains(got, ": \u2068Tal Dansk Café\u2069، \u2068Lektiehjælp\u2069") || strings.Count(got, "\u2068") != 2 {
		t.Errorf("Arabic list: %q", got)
	}
	if got := c.For("da").List([]string{"a", "b"}); got != "a, b" {
		t.Errorf("Danish list: %q", got)
	}
}
