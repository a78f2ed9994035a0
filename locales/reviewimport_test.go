package locales

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPluralForms(t *testing.T) {
	forms, sample := PluralForms("ar")
	if !slices.Equal(forms, []string{"zero", "one", "two", "few", "many", "other"}) || sample["few"] != 3 || sample["many"] != 11 {
		t.Errorf("ar: %v %v", forms, sample)
	}
	if forms, _ := PluralForms("da"); !slices.Equal(forms, []string{"one", "other"}) {
		t.Errorf("da: %v", forms)
	}
}

func TestExportRowsCoverEveryText(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ExportRows(Files(), "ar", c)
	if err != nil {
		t.Fatal(err)
	}
	files := loadFiles(t)
	want := 0
	for _, e := range files[Default] {
		if isPlural(e) {
			want += 6
		} else {
			want++
		}
	}
	if len(rows) != want {
		t.Errorf("%d rows, want %d", len(rows), want)
	}
	for _, r := range rows {
		if r.Current == "" || r.Danish == "" || r.English == "" || r.Description == "" || r.Example == "" {
			t.Fatalf("incomplete row %+v", r)
		}
		if strings.Contains(r.Example, "{{") || strings.Contains(r.Example, "⚠️ template") {
			t.Errorf("%s: example %q", rowName(r.ID, r.Form), r.Example)
		}
	}
	i := slices.IndexFunc(rows, func(r ReviewRow) bool { return r.ID == "MembersTitle" && r.Form == "few" })
	if i < 0 || !strings.Contains(rows[i].Example, "3") || rows[i].Current != files["ar"]["MembersTitle"]["few"] {
		t.Errorf("MembersTitle few: %+v", rows[max(i, 0)])
	}
	if _, err := ExportRows(Files(), "da", c); err == nil {
		t.Error("the Danish source was exported for review")
	}
}

var reviewFiles = map[string][]byte{
	"da": []byte(`{"Hi": {"description": "Greeting.", "other": "Hej {{.Name}}"}, "N": {"description": "Count.", "one": "{{.Count}} ting", "other": "{{.Count}} ting"}, "Bye": {"description": "Bye.", "other": "Farvel"}}`),
	"ar": []byte(`{"Hi": {"description": "Greeting.", "other": "مرحبا {{.Name}}"}, "N": {"description": "Count.", "zero": "لا شيء", "one": "شيء", "two": "شيئان", "few": "{{.Count}} أشياء", "many": "{{.Count}} شيئًا", "other": "{{.Count}} شيء"}, "Bye": {"description": "Bye.", "hash": "sha1-old", "other": "وداعا"}}`),
}

func TestApplyReview(t *testing.T) {
	rows := []ReviewRow{
		{Line: 2, ID: "Hi", Corrected: "أهلا {{.Name}} في Vejviser!", OK: true},
		{Line: 3, ID: "N", Form: "zero", OK: true},
		{Line: 4, ID: "N", Form: "one", OK: true},
		{Line: 5, ID: "Bye", Corrected: "مع السلامة"},
	}
	res, err := ApplyReview(reviewFiles, "ar", rows)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := ParseMessageFile(res.File)
	if got := f.Message("Hi").Get("other"); got != "أهلا {{.Name}} في \u2068Vejviser\u2069!" {
		t.Errorf("Hi = %q", got)
	}
	if f.Message("Hi").Get("hash") != SourceHash("Greeting.", "Hej {{.Name}}") {
		t.Error("the confirmed message is not marked reviewed")
	}
	if f.Message("N").Get("hash") != "" {
		t.Error("a plural message with only two of six forms OK was marked reviewed")
	}
	if f.Message("Bye").Get("hash") != "" || f.Message("Bye").Get("other") != "مع السلامة" {
		t.Errorf("Bye changed without OK: %+v", f.Message("Bye"))
	}
	if len(res.Changed) != 2 || !res.Changed[0].AutoIsolation || !slices.Equal(res.Reviewed, []string{"Hi"}) || !slices.Equal(res.Unconfirmed, []string{"Bye"}) {
		t.Errorf("result %+v", res)
	}
	st, _ := ReviewStatus(map[string][]byte{"da": reviewFiles["da"], "ar": res.File})
	if c := Count(st["ar"]); c.Reviewed != 1 || c.MachineDrafted != 2 {
		t.Errorf("status after import: %+v", c)
	}
}

func TestApplyReviewRefuses(t *testing.T) {
	cases := map[string]ReviewRow{
		"placeholder {{.Name}} was removed": {Line: 7, ID: "Hi", Corrected: "مرحبا"},
		"{{.Date}} is not in the Danish":    {Line: 7, ID: "Hi", Corrected: "مرحبا {{.Name}} {{.Date}}"},
		"not a valid template":              {Line: 7, ID: "Hi", Corrected: "مرحبا {{.Name}"},
		"needs one of the forms":            {Line: 7, ID: "N", Form: "dual", Corrected: "x"},
		"has no plural forms":               {Line: 7, ID: "Hi", Form: "few", Corrected: "مرحبا {{.Name}}"},
		"no such message":                   {Line: 7, ID: "Gone", Corrected: "x"},
		"{{.Count}} was removed":            {Line: 7, ID: "N", Form: "few", Corrected: "أشياء"},
	}
	for want, row := range cases {
		_, err := ApplyReview(reviewFiles, "ar", []ReviewRow{{Line: 2, ID: "Bye", Corrected: "سلام", OK: true}, row})
		var re RowErrors
		if !errors.As(err, &re) || len(re) != 1 || re[0].Line != 7 || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "row 7 (") {
			t.Errorf("%q: %v", want, err)
		}
	}
	// The dual may say its number in words.
	if _, err := ApplyReview(reviewFiles, "ar", []ReviewRow{{Line: 2, ID: "N", Form: "two", Corrected: "شيئان اثنان"}}); err != nil {
		t.Errorf("Arabic dual without {{.Count}}: %v", err)
	}
	dup := []ReviewRow{{Line: 2, ID: "Hi", OK: true}, {Line: 3, ID: "Hi", OK: true}}
	if _, err := ApplyReview(reviewFiles, "ar", dup); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Errorf("duplicate row: %v", err)
	}
}

func TestApplyReviewRecordsTheExportedHash(t *testing.T) {
	res, err := ApplyReview(reviewFiles, "ar", []ReviewRow{{Line: 2, ID: "Hi", OK: true, Hash: "sha1-before"}})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := ReviewStatus(map[string][]byte{"da": reviewFiles["da"], "ar": res.File})
	if c := Count(st["ar"]); c.Stale != 2 || !slices.Equal(res.StaleSinceExport, []string{"Hi"}) {
		t.Errorf("a review of an older Danish text: %+v %+v", c, res)
	}
}

func TestIsolateLatin(t *testing.T) {
	cases := map[string]string{
		"اكتب /start الآن":                   "اكتب \u2068/start\u2069 الآن",
		"مقهى Tal Dansk Café، كل خميس.":      "مقهى \u2068Tal Dansk Café\u2069، كل خميس.",
		"في Vejviser.":                       "في \u2068Vejviser\u2069.",
		"اكتب \u2068/help\u2069 و {{.Name}}": "اكتب \u2068/help\u2069 و {{.Name}}",
		"15:00 ✅\nQR":                        "15:00 ✅\n\u2068QR\u2069",
	}
	for in, want := range cases {
		got := IsolateLatin(in)
		if got != want {
			t.Errorf("IsolateLatin(%q) = %q, want %q", in, got, want)
		}
		if runs := unisolatedLatin(placeholderRE.ReplaceAllString(got, "")); len(runs) > 0 {
			t.Errorf("%q still has %q", got, runs)
		}
	}
}
