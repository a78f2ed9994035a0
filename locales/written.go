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
