package domain

import (
	"slices"
	"strings"
)

// Reader is whom a text written by a person (a title, a note, a role, a
// broadcast, an answer) is shown to: their own language and, optionally, a
// second language they read better than Danish ("" for none).
type Reader struct {
	Lang   string
	Second string
}

// Reader is the member as a reader of texts written by people.
func (m Member) Reader() Reader { return Reader{Lang: m.Language, Second: m.SecondLanguage} }

// Chain is the order in which languages are tried for r: own language, then
// the second language, then Danish, each once. It is the one fallback rule for
// every text a person wrote.
func (r Reader) Chain() []string {
	out := make([]string, 0, 3)
	for _, l := range []string{r.Lang, r.Second, DefaultLanguage} {
		if SupportedLanguage(l) && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// For is the text r reads and the language it is in: the first language of
// r.Chain() with a text that is not blank. Both are "" when there is none
// (an event without a note).
func (t Texts) For(r Reader) (text, lang string) {
	for _, l := range r.Chain() {
		if s := t[l]; strings.TrimSpace(s) != "" {
			return s, l
		}
	}
	return "", ""
}

// With is t with the Danish text set to da (titles keep their Danish text in
// a column of its own; this joins the two for For).
func (t Texts) With(da string) Texts {
	out := make(Texts, len(t)+1)
	for k, v := range t {
		out[k] = v
	}
	out[DefaultLanguage] = da
	return out
}

// Received counts, for every reader language, how many readers would get each
// language of t: Received(t, counts)["ar"]["da"] is the Arabic readers who get
// the Danish text. counts is the audience by reader.
func (t Texts) Received(counts map[Reader]int) map[string]map[string]int {
	out := map[string]map[string]int{}
	for r, n := range counts {
		if n == 0 {
			continue
		}
		_, got := t.For(r)
		if got == "" {
			continue
		}
		if out[r.Lang] == nil {
			out[r.Lang] = map[string]int{}
		}
		out[r.Lang][got] += n
	}
	return out
}

// TitleTexts is the event's title in every language it has, Danish included.
func (e Event) TitleTexts() Texts { return e.Titles.With(e.Title) }

// TitleTexts is the activity's title in every language it has, Danish included.
func (a Activity) TitleTexts() Texts { return a.Titles.With(a.Name) }

// RoleTexts is the shift's role in every language it has, Danish included.
func (s Shift) RoleTexts() Texts { return s.Roles.With(s.Role) }
