package locales

import "vejviser/storage/domain"

// Reader is whom the localizer picks texts written by people for.
func (l *Localizer) Reader() domain.Reader { return domain.Reader{Lang: l.lang, Second: l.second} }

// Written is the text of t this localizer's reader reads (domain.Texts.For:
// own language, second language, Danish), isolated in right-to-left text and,
// when it is not in the reader's own language, marked so in their language:
// "Julefest (بالدنماركية)". It is "" when t has no text at all.
func (l *Localizer) Written(t domain.Texts) Isolated {
	s, lang := t.For(l.Reader())
	if lang == "" {
		return ""
	}
	if lang == l.lang {
		return Isolated(l.Isolate(s))
	}
	return Isolated(l.Isolate(s) + " " + l.Mark(lang))
}

// Plain is the text of t this localizer's reader reads, unmarked: for files
// (a calendar entry) where the mark would travel without its reader.
func (l *Localizer) Plain(t domain.Texts) string {
	s, _ := t.For(l.Reader())
	return s
}

// Mark is the short note that a text is in lang, in this localizer's
// language: "(in Danish)".
func (l *Localizer) Mark(lang string) string {
	return l.T("WrittenMark", Data{"In": Isolated(l.In(lang))})
}

// In names lang as a text's language in this localizer's language: "in
// Danish", "بالدنماركية".
func (l *Localizer) In(lang string) string {
	switch lang {
	case "ar":
		return l.T("WrittenInArabic", nil)
	case "ti":
		return l.T("WrittenInTigrinya", nil)
	case "en":
		return l.T("WrittenInEnglish", nil)
	}
	return l.T("WrittenInDanish", nil)
}

// Name names lang in this localizer's language ("arabisk" to a Danish
// reader), for every screen that names a language; the language pickers and
// the ➕/✏️ buttons show each language's own name (LanguageName) instead.
func (l *Localizer) Name(lang string) string {
	switch lang {
	case "ar":
		return l.T("LanguageArabic", nil)
	case "ti":
		return l.T("LanguageTigrinya", nil)
	case "en":
		return l.T("LanguageEnglish", nil)
	}
	return l.T("LanguageDanish", nil)
}

// WrittenButton is Button for a label showing, under key, the text of t this
// localizer's reader reads (marked when it is in another language): the text
// is shortened until the label fits MaxButton, and the mark left out when
// keeping it would leave less than eight letters of the text.
func (l *Localizer) WrittenButton(id string, data Data, key string, t domain.Texts) string {
	s, lang := t.For(l.Reader())
	mark := ""
	if lang != "" && lang != l.lang {
		mark = " " + l.Mark(lang)
	}
	d := make(Data, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	for n := Width(s); ; {
		text := s
		if n < Width(s) {
			text = cut(s, n)
		}
		d[key] = Isolated(l.Isolate(text) + mark)
		if lang == "" {
			d[key] = Isolated("")
		}
		out := l.T(id, d)
		over := Width(out) - MaxButton
		if over <= 0 || n <= 1 {
			return out
		}
		if n-over < min(8, Width(s)) && mark != "" {
			// A title cut to a few letters says nothing: on a button the
			// title wins over the mark (the screen it opens shows both).
			mark, n = "", Width(s)
			continue
		}
		n = max(n-over, 1)
	}
}
