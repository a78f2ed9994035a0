// Package locales owns every word a user sees: the go-i18n message files
// embedded per language (da, the default, ar, ti and en), plural forms,
// Unicode isolates around left-to-right values in Arabic text, and dates
// spelled out per language in the configured time zone.
package locales

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"vejviser/storage/domain"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.json
var files embed.FS

// Default is the language used when a member has none or a text is missing
// (domain.DefaultLanguage: Danish).
const Default = domain.DefaultLanguage

// Languages lists the supported languages in the order the picker shows them:
// domain.Languages, the one list.
var Languages = domain.Languages

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool { return domain.SupportedLanguage(lang) }

// RTL reports whether lang is written right to left.
func RTL(lang string) bool { return lang == "ar" }

// Guess maps Telegram's language_code to a supported language through an
// allow-list. Only exact primary subtags count: go-i18n's own matcher would
// turn Amharic ("am") into Tigrinya, which is a different language.
func Guess(code string) (string, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(code)), "-")
	if Supported(primary) {
		return primary, true
	}
	switch primary {
	case "nb", "nn", "no", "sv":
		return "da", true // Scandinavian readers manage Danish better than English
	}
	return Default, false
}

// Catalog holds the loaded bundle and one localizer per language.
type Catalog struct {
	bundle *i18n.Bundle
	loc    *time.Location
	locs   map[string]*Localizer
	ids    []string
	// OnMissing, when set, is told about a message that fell back or failed.
	OnMissing func(lang, id string, err error)
}

// New loads the embedded message files. loc is the time zone for dates.
func New(loc *time.Location) (*Catalog, error) {
	if loc == nil {
		loc = time.UTC
	}
	b := i18n.NewBundle(language.Danish)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, loc: loc, locs: map[string]*Localizer{}}
	for _, lang := range Languages {
		mf, err := b.LoadMessageFileFS(files, lang+".json")
		if err != nil {
			return nil, fmt.Errorf("load %s.json: %w", lang, err)
		}
		if lang == Default {
			for _, m := range mf.Messages {
				c.ids = append(c.ids, m.ID)
			}
		}
	}
	for _, lang := range Languages {
		c.locs[lang] = &Localizer{c: c, lang: lang, l: i18n.NewLocalizer(b, lang, Default)}
	}
	return c, nil
}

// Reader returns the localizer of r's language that picks texts written by
// people for r: own language, then r's second language, then Danish.
func (c *Catalog) Reader(r domain.Reader) *Localizer {
	base := c.For(r.Lang)
	if !domain.SupportedLanguage(r.Second) || r.Second == base.lang {
		return base
	}
	l := *base
	l.second = r.Second
	return &l
}

// Location is the time zone dates are shown in, and the one meetings are in.
func (c *Catalog) Location() *time.Location { return c.loc }

// IDs lists every message id of the default language.
func (c *Catalog) IDs() []string { return append([]string(nil), c.ids...) }

// For returns the localizer of lang, or of the default language.
func (c *Catalog) For(lang string) *Localizer {
	if l, ok := c.locs[lang]; ok {
		return l
	}
	return c.locs[Default]
}

// Localizer renders messages in one language. It never panics: a missing
// message falls back to Danish, and a broken one to its id.
type Localizer struct {
	c      *Catalog
	lang   string
	second string // the reader's second language, for texts written by people
	l      *i18n.Localizer
}

// Lang is the localizer's language code.
func (l *Localizer) Lang() string { return l.lang }

// Data is the named placeholders of a message.
type Data map[string]any

const (
	fsi = "\u2068" // FIRST STRONG ISOLATE
	pdi = "\u2069" // POP DIRECTIONAL ISOLATE
)

// Isolate wraps s in Unicode isolates when the language is right to left,
// so a name, time or link keeps its own direction inside Arabic text.
func (l *Localizer) Isolate(s string) string {
	if !RTL(l.lang) || s == "" {
		return s
	}
	return fsi + s + pdi
}

// LineMark is what a line that starts with a value or a Latin name needs in
// right-to-left text: a RIGHT-TO-LEFT MARK, so the line is laid out right to
// left though its first letter is Latin; "" in left-to-right languages.
func (l *Localizer) LineMark() string {
	if RTL(l.lang) {
		return "\u200f"
	}
	return ""
}

// Isolated is text whose right-to-left isolates are already in place; as a
// placeholder value it is not wrapped again.
type Isolated string

// List joins values with the language's comma ("، " in Arabic, "፣ " in
// Tigrinya), each value
// isolated on its own in right-to-left text, so a list of Latin names reads in
// the Arabic order.
func (l *Localizer) List(values []string) Isolated {
	sep := ", "
	switch l.lang {
	case "ar":
		sep = "، "
	case "ti":
		sep = "፣ "
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = l.Isolate(v)
	}
	return Isolated(strings.Join(out, sep))
}

// T renders message id with data.
func (l *Localizer) T(id string, data Data) string {
	return l.render(id, nil, l.wrap(data))
}

// N renders plural message id for count; data may add more placeholders.
func (l *Localizer) N(id string, count int, data Data) string {
	d := l.wrap(data)
	if d == nil {
		d = Data{}
	}
	d["Count"] = count
	return l.render(id, count, d)
}

// Decimal renders plural message id for a number written with a decimal
// point ("7.5"): the plural form follows the number as written, and
// {{.Count}} shows it with the language's decimal sign ("7,5" in Danish).
func (l *Localizer) Decimal(id, number string, data Data) string {
	d := l.wrap(data)
	if d == nil {
		d = Data{}
	}
	d["Count"] = number
	if l.lang == "da" {
		d["Count"] = strings.Replace(number, ".", ",", 1)
	}
	return l.render(id, number, d)
}

// wrap isolates every string value for right-to-left languages.
func (l *Localizer) wrap(data Data) Data {
	if data == nil || !RTL(l.lang) {
		return data
	}
	out := make(Data, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok {
			v = l.Isolate(s)
		}
		out[k] = v
	}
	return out
}

func (l *Localizer) render(id string, count any, data Data) string {
	var d any
	if data != nil {
		d = map[string]any(data)
	}
	s, tag, err := l.l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
	if err != nil {
		if l.c.OnMissing != nil {
			l.c.OnMissing(l.lang, id, err)
		}
		if s == "" {
			return id
		}
		return s
	}
	if base, _ := tag.Base(); base.String() != l.lang && l.c.OnMissing != nil {
		l.c.OnMissing(l.lang, id, fmt.Errorf("fell back to %s", tag))
	}
	return s
}

// Date spells out the calendar day of t, e.g. "torsdag den 26. november 2026".
func (l *Localizer) Date(t time.Time) string { return l.date("DateLong", t) }

// DateTime spells out t with a 24-hour time, e.g. "torsdag den 26. november 2026 kl. 15:00".
func (l *Localizer) DateTime(t time.Time) string { return l.date("DateTimeLong", t) }

// Weekday names a day of the week, e.g. "torsdag".
func (l *Localizer) Weekday(d time.Weekday) string {
	return l.render("Weekday"+strconv.Itoa(int(d)), nil, nil)
}

// WeekdayShort names a day of the week briefly, for buttons, e.g. "tor".
func (l *Localizer) WeekdayShort(d time.Weekday) string {
	return l.render("WeekdayShort"+strconv.Itoa(int(d)), nil, nil)
}

// Month names a month, e.g. "januar".
func (l *Localizer) Month(m time.Month) string {
	return l.render("Month"+strconv.Itoa(int(m)), nil, nil)
}

// Clock is t's time of day in the catalogue's time zone, e.g. "15:00".
func (l *Localizer) Clock(t time.Time) string { return t.In(l.c.loc).Format("15:04") }

func (l *Localizer) date(id string, t time.Time) string {
	t = t.In(l.c.loc)
	return l.render(id, nil, Data{
		"Weekday": l.Weekday(t.Weekday()),
		"Day":     strconv.Itoa(t.Day()),
		"Month":   l.Month(t.Month()),
		"Year":    strconv.Itoa(t.Year()),
		"Time":    t.Format("15:04"),
	})
}

// Files returns the raw message files, for the completeness tests.
func Files() map[string][]byte {
	out := map[string][]byte{}
	for _, lang := range Languages {
		b, err := files.ReadFile(lang + ".json")
		if err == nil {
			out[lang] = b
		}
	}
	return out
}
