package domain

import "slices"

// DefaultLanguage is Danish: the language of a member who has none, the one
// every text must have, and the one a missing translation falls back to.
const DefaultLanguage = "da"

// Languages lists the supported languages, Danish first, in the order the
// language picker shows them. It is the one list: locales, the volunteers'
// languages and a shift's language all check against it (the schema's CHECKs
// repeat it, as a database must).
var Languages = []string{DefaultLanguage, "ar", "ti", "en"}

// SupportedLanguage reports whether lang is one of Languages.
func SupportedLanguage(lang string) bool { return slices.Contains(Languages, lang) }
