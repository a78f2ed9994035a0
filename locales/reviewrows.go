package locales

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// ReviewRow is one line of a review sheet: one text of one message in one
// plural form, with what a reviewer needs beside it and, once they have filled
// it in, their corrected text and whether they confirm it.
type ReviewRow struct {
	// Line is the row's number in the sheet, to name it in an error.
	Line int
	ID   string
	// Form is the plural form ("zero" … "other") of a plural message and
	// empty for a message without plural forms.
	Form                     string
	Description              string
	Danish, English, Current string
	// Example is Current rendered with sample values.
	Example string
	// Hash is the Danish source hash the row was exported with: confirming
	// the row records it, so a Danish change since then shows as stale.
	Hash      string
	Corrected string
	OK        bool
}

// pluralOrder is CLDR's order of plural forms.
var pluralOrder = []string{"zero", "one", "two", "few", "many", "other"}

var formNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// PluralForms lists the plural forms lang needs, in CLDR order, each with a
// whole number that selects it (for the sample rendering).
func PluralForms(lang string) (forms []string, sample map[string]int) {
	tag := language.MustParse(lang)
	sample = map[string]int{}
	for n := 0; n <= 1000; n++ {
		f := formNames[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
		if _, ok := sample[f]; !ok {
			sample[f] = n
		}
	}
	for _, f := range pluralOrder {
		if _, ok := sample[f]; ok {
			forms = append(forms, f)
		}
	}
	return forms, sample
}

// ExportRows lists the review rows of lang in the order of the Danish file:
// one row for a plain message, one per plural form of lang for a plural one.
// cat spells out the sample dates in lang.
func ExportRows(files map[string][]byte, lang string, cat *Catalog) ([]ReviewRow, error) {
	if lang == Default || !Supported(lang) {
		return nil, fmt.Errorf("%q: choose one of the translated languages", lang)
	}
	parsed := map[string]*MessageFile{}
	for _, l := range []string{Default, "en", lang} {
		f, err := ParseMessageFile(files[l])
		if err != nil {
			return nil, fmt.Errorf("%s.json: %w", l, err)
		}
		parsed[l] = f
	}
	forms, counts := PluralForms(lang)
	var rows []ReviewRow
	for _, src := range parsed[Default].Messages {
		fs := []string{""}
		if src.Plural() {
			fs = forms
		}
		for _, form := range fs {
			r := ReviewRow{ID: src.ID, Form: form, Description: src.Get("description"),
				Hash: SourceHash(src.Get("description"), src.Get("other"))}
			r.Danish = formText(src, form)
			if en := parsed["en"].Message(src.ID); en != nil {
				r.English = formText(en, form)
			}
			if m := parsed[lang].Message(src.ID); m != nil {
				r.Current = formText(m, form)
				if r.Current != "" {
					r.Example = renderSample(cat.For(lang), r.Current, counts[orOther(form)])
				}
			}
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// formText is the text of form, falling back to "other" where a language has
// fewer forms than the row (Danish beside an Arabic "few").
func formText(m *FileMessage, form string) string {
	if v, ok := m.Values[orOther(form)]; ok {
		return v
	}
	return m.Get("other")
}

func orOther(form string) string {
	if form == "" {
		return "other"
	}
	return form
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// Placeholders returns the names of the {{.Name}} placeholders of s, sorted.
func Placeholders(s string) []string {
	set := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		set[m[1]] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sampleTime is the moment sample dates show: a Thursday afternoon.
var sampleTime = time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)

// renderSample renders text as a reader would see it, with a plausible value
// in every placeholder (isolated in right-to-left text, as the program does).
func renderSample(l *Localizer, text string, count int) string {
	tmpl, err := template.New("").Parse(text)
	if err != nil {
		return "⚠️ " + err.Error()
	}
	data := map[string]any{}
	for _, name := range Placeholders(text) {
		data[name] = sampleValue(l, name, count)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, l.wrap(data)); err != nil {
		return "⚠️ " + err.Error()
	}
	return b.String()
}

func sampleValue(l *Localizer, name string, count int) any {
	t := sampleTime.In(l.c.loc)
	switch name {
	case "Count":
		return count
	case "Date", "Since", "From", "To":
		return l.Date(t)
	case "When", "Was", "Expires":
		return l.DateTime(t)
	case "Weekday", "Days":
		return l.Weekday(t.Weekday())
	case "Month":
		return l.Month(t.Month())
	case "Day":
		return fmt.Sprint(t.Day())
	case "Year":
		return fmt.Sprint(t.Year())
	case "Time", "Start":
		return "15:00"
	case "End":
		return "17:00"
	case "Duration":
		return "2 t"
	case "Name", "Coordinator", "Creator", "Names", "Coordinators":
		return "Amina"
	case "Title", "Event", "Activities":
		return "Tal Dansk Café"
	case "Group":
		return "Røde Kors Ballerup"
	case "Link":
		return "https://t.me/vejviser_bot?start=x7k2"
	case "Language", "Languages":
		return l.render("LanguageName", nil, nil)
	case "Role":
		return l.render("RoleVolunteer", nil, nil)
	case "Mark":
		return "✅"
	case "Page":
		return 1
	case "Text", "Reason", "Answer", "Key", "Spec":
		return "…"
	}
	return 3
}
