package locales

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
)

// RowError is a row of a review sheet the import refuses, and why.
type RowError struct {
	Line     int
	ID, Form string
	Msg      string
}

func (e RowError) Error() string {
	return fmt.Sprintf("row %d (%s): %s", e.Line, rowName(e.ID, e.Form), e.Msg)
}

// RowErrors is every refused row; the import writes nothing when there is one.
type RowErrors []RowError

func (es RowErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func rowName(id, form string) string {
	if form == "" {
		return id
	}
	return id + " [" + form + "]"
}

// ReviewChange is one text the import replaced.
type ReviewChange struct {
	Line          int
	ID, Form      string
	Was, Now      string
	AutoIsolation bool
}

// ImportResult is what an import did to one language's message file.
type ImportResult struct {
	File    []byte
	Changed []ReviewChange
	// Reviewed lists the messages newly marked reviewed; Unconfirmed the
	// ones whose text changed without an OK (their old review no longer
	// holds); StaleSinceExport the confirmed ones whose Danish text changed
	// after the sheet was exported (recorded, and shown as stale).
	Reviewed, Unconfirmed, StaleSinceExport []string
}

// ApplyReview takes a filled-in review sheet of lang back into the message
// files: each corrected text replaces the current one once its placeholders
// and plural form check out, and each message whose every row is marked OK
// records the Danish hash it was reviewed against. Latin words a reviewer
// typed into Arabic text are wrapped in isolates, as the catalogue requires.
// On any refused row it returns RowErrors and changes nothing.
func ApplyReview(files map[string][]byte, lang string, rows []ReviewRow) (*ImportResult, error) {
	if lang == Default || !Supported(lang) {
		return nil, fmt.Errorf("%q is not a translated language", lang)
	}
	src, err := ParseMessageFile(files[Default])
	if err != nil {
		return nil, fmt.Errorf("%s.json: %w", Default, err)
	}
	dst, err := ParseMessageFile(files[lang])
	if err != nil {
		return nil, fmt.Errorf("%s.json: %w", lang, err)
	}
	forms, _ := PluralForms(lang)
	res := &ImportResult{}
	errs, confirmed := checkRows(src, lang, forms, rows)
	touched := map[string]int{}
	for _, r := range rows {
		if len(errs) > 0 || strings.TrimSpace(r.Corrected) == "" {
			continue
		}
		m := dst.Message(r.ID)
		if m == nil {
			m = &FileMessage{ID: r.ID, Values: map[string]string{}}
			m.Set("description", src.Message(r.ID).Get("description"))
			dst.Messages = append(dst.Messages, m)
			dst.index[r.ID] = m
		}
		now, auto := cleanCorrection(lang, r.Corrected)
		if was := m.Values[orOther(r.Form)]; now != was {
			m.Set(orOther(r.Form), now)
			res.Changed = append(res.Changed, ReviewChange{Line: r.Line, ID: r.ID, Form: r.Form, Was: was, Now: now, AutoIsolation: auto})
			touched[r.ID] = r.Line
		}
	}
	errs = append(errs, checkComplete(src, dst, forms, touched)...)
	if len(errs) > 0 {
		return nil, errs
	}
	res.mark(src, dst, rows, confirmed, touched)
	res.File = dst.Bytes()
	return res, nil
}

// mark records the review of each confirmed message and drops the review of
// each message whose text changed without a confirmation.
func (res *ImportResult) mark(src, dst *MessageFile, rows []ReviewRow, confirmed map[string]bool, touched map[string]int) {
	for _, m := range dst.Messages {
		s := src.Message(m.ID)
		if s == nil {
			continue
		}
		current := SourceHash(s.Get("description"), s.Get("other"))
		if !confirmed[m.ID] {
			if _, ok := touched[m.ID]; ok {
				m.Delete("hash")
				res.Unconfirmed = append(res.Unconfirmed, m.ID)
			}
			continue
		}
		hash := current
		if i := slices.IndexFunc(rows, func(r ReviewRow) bool { return r.ID == m.ID && r.Hash != "" }); i >= 0 {
			hash = rows[i].Hash
		}
		if hash != current {
			res.StaleSinceExport = append(res.StaleSinceExport, m.ID)
		}
		if m.Get("hash") != hash {
			m.Set("hash", hash)
			res.Reviewed = append(res.Reviewed, m.ID)
		}
	}
}

// checkRows refuses rows that name no message, a plural form the message or
// language does not have, a row twice, or a correction whose placeholders
// differ from the Danish text's; and reports which messages have every row
// marked OK.
func checkRows(src *MessageFile, lang string, forms []string, rows []ReviewRow) (RowErrors, map[string]bool) {
	var errs RowErrors
	seen := map[string]int{}
	oks := map[string]int{}
	for _, r := range rows {
		fail := func(format string, args ...any) {
			errs = append(errs, RowError{Line: r.Line, ID: r.ID, Form: r.Form, Msg: fmt.Sprintf(format, args...)})
		}
		s := src.Message(r.ID)
		switch {
		case s == nil:
			fail("there is no such message (any more); leave the row out")
			continue
		case s.Plural() && !slices.Contains(forms, r.Form):
			fail("a plural message needs one of the forms %s", strings.Join(forms, ", "))
			continue
		case !s.Plural() && r.Form != "":
			fail("this message has no plural forms")
			continue
		}
		key := rowName(r.ID, r.Form)
		if line, dup := seen[key]; dup {
			fail("the same text is on row %d too", line)
			continue
		}
		seen[key] = r.Line
		if r.OK {
			oks[r.ID]++
		}
		if strings.TrimSpace(r.Corrected) != "" {
			if msg := checkText(lang, r.Form, s.Get("other"), r.Corrected); msg != "" {
				fail("%s", msg)
			}
		}
	}
	confirmed := map[string]bool{}
	for id, n := range oks {
		need := 1
		if src.Message(id).Plural() {
			need = len(forms)
		}
		confirmed[id] = n == need
	}
	return errs, confirmed
}

// checkText checks a corrected text against the Danish: it must be a valid
// template with the same placeholders, except that the Arabic zero, one and
// two forms may say their number in words and leave out {{.Count}}.
func checkText(lang, form, danish, text string) string {
	if _, err := template.New("").Parse(text); err != nil {
		return "the text is not a valid template: " + err.Error()
	}
	want, got := Placeholders(danish), Placeholders(text)
	for _, p := range want {
		if !slices.Contains(got, p) && !(p == "Count" && lang == "ar" && (form == "zero" || form == "one" || form == "two")) {
			return fmt.Sprintf("the placeholder {{.%s}} was removed; it must stay exactly as it is", p)
		}
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			return fmt.Sprintf("the placeholder {{.%s}} is not in the Danish text", p)
		}
	}
	return ""
}

// checkComplete refuses a changed plural message that still lacks one of
// the language's forms.
func checkComplete(src, dst *MessageFile, forms []string, touched map[string]int) RowErrors {
	var errs RowErrors
	for _, m := range dst.Messages {
		line, ok := touched[m.ID]
		if !ok || !src.Message(m.ID).Plural() {
			continue
		}
		var missing []string
		for _, f := range forms {
			if strings.TrimSpace(m.Get(f)) == "" {
				missing = append(missing, f)
			}
		}
		if len(missing) > 0 {
			errs = append(errs, RowError{Line: line, ID: m.ID, Msg: "the plural forms " + strings.Join(missing, ", ") + " are missing"})
		}
	}
	return errs
}

// cleanCorrection normalises a text typed into a spreadsheet: Windows line
// breaks, spaces around it, and in Arabic every Latin word outside an
// isolate wrapped in one. It reports whether it added isolates.
func cleanCorrection(lang, s string) (string, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if !RTL(lang) {
		return s, false
	}
	out := IsolateLatin(s)
	return out, out != s
}
