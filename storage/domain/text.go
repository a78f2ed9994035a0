package domain

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// MaxText is Telegram's limit on a message's text.
const MaxText = 4096

// TextLength counts s as Telegram counts its limits: in UTF-16 code units,
// so an emoji outside the Basic Multilingual Plane counts two. (Telegram
// counts its 4,096 after entities are parsed; we send plain text, where the
// two are the same.)
func TextLength(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1) // an invalid byte is sent as U+FFFD: one unit
	}
	return n
}

// Blank reports whether s has nothing to read once white space, control
// characters and invisible format characters (zero-width spaces and
// joiners, direction marks, the byte-order mark) are removed. Telegram
// refuses such a message, and a member would see an empty bubble.
func Blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// Invisible reports whether r is a character a person's text must not
// carry: an invisible format character (zero-width spaces and joiners,
// bidi marks, embeddings, overrides and isolates, the byte order mark) or a
// control character other than a line break or a tab. A right-to-left
// override turns what follows around; a zero-width character lets
// "Carla" pose as another "Carla"; NUL cuts a text short in other programs.
func Invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && r != '\t' && r != '\n'
}

// CleanText removes the Invisible characters from a text a person typed (a
// question, a title, an answer), as names are cleaned, keeping its lines and
// what right-to-left writing needs: direction marks (they only place the
// punctuation beside them) and isolates (a Danish name inside an Arabic
// title) that are closed, each line closing what it opened. Overrides and
// embeddings, which turn the text after them around, go.
func CleanText(s string) string {
	var b strings.Builder
	open := 0
	closeAll := func() {
		for ; open > 0; open-- {
			b.WriteRune('\u2069')
		}
	}
	for _, r := range s {
		switch {
		case r == '\u2066' || r == '\u2067' || r == '\u2068': // LRI, RLI, FSI
			open++
		case r == '\u2069': // PDI closes only what was opened
			if open == 0 {
				continue
			}
			open--
		case r == '\u200e' || r == '\u200f' || r == '\u061c': // LRM, RLM, ALM
		case r == '\n':
			closeAll()
		case Invisible(r):
			continue
		}
		b.WriteRune(r)
	}
	closeAll()
	return b.String()
}

// CheckText applies both rules to a text of the bot's to send.
func CheckText(s string) error {
	if Blank(s) {
		return ErrTextBlank
	}
	if n := TextLength(s); n > MaxText {
		return fmt.Errorf("%w: %d of %d", ErrTextTooLong, n, MaxText)
	}
	return nil
}

// Truncate cuts s to at most units UTF-16 code units, at a character boundary.
func Truncate(s string, units int) string {
	n := 0
	for i, r := range s {
		n += max(utf16.RuneLen(r), 1)
		if n > units {
			return s[:i]
		}
	}
	return s
}

// Texts holds a text per language (titles, notes). Danish ("da") is the
// source and serves every language without its own text.
type Texts map[string]string

// In is the text in lang, or the Danish one: For with no second language.
func (t Texts) In(lang string) string {
	s, _ := t.For(Reader{Lang: lang})
	return s
}

// Value stores the translations as JSON, leaving out empty ones.
func (t Texts) Value() (driver.Value, error) {
	clean := map[string]string{}
	for k, v := range t {
		if strings.TrimSpace(v) != "" {
			clean[k] = v
		}
	}
	b, err := json.Marshal(clean)
	return string(b), err
}

// Scan reads the JSON form.
func (t *Texts) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		*t = Texts{}
		return nil
	default:
		return fmt.Errorf("texts: cannot scan %T", src)
	}
	m := Texts{}
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("texts: %w", err)
		}
	}
	*t = m
	return nil
}

// UnmarshalJSON reads the JSON form, and also a plain string as the Danish
// text: notices queued while a text had one language carry it so, and must
// still render after the upgrade.
func (t *Texts) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*t = Texts{}
		if s != "" {
			(*t)[DefaultLanguage] = s
		}
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*t = Texts(m)
	return nil
}

// Equal reports whether two sets of texts say the same (empty = absent).
func (t Texts) Equal(o Texts) bool {
	a, _ := t.Value()
	b, _ := o.Value()
	return a == b
}
