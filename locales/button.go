package locales

import (
	"strings"
	"unicode"
)

// MaxButton is the longest button label, in characters, that a full-width
// button on a phone shows whole.
const MaxButton = 32

// Width counts the characters of s a reader sees: Unicode isolates, marks of
// direction and emoji variation selectors take no room.
func Width(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Variation_Selector, r) {
			n++
		}
	}
	return n
}

// Button renders button label id like T, and when the label would be wider
// than MaxButton shortens its longest text value (a role, a title, a name)
// with "…" until it fits, so the words of the catalogue and the date stay.
// Values of type Isolated are kept whole.
func (l *Localizer) Button(id string, data Data) string {
	out := l.T(id, data)
	for range 4 {
		over := Width(out) - MaxButton
		if over <= 0 {
			return out
		}
		key, longest := "", 0
		for k, v := range data {
			if s, ok := v.(string); ok && Width(s) > longest {
				key, longest = k, Width(s)
			}
		}
		if longest <= 1 {
			return out
		}
		short := make(Data, len(data))
		for k, v := range data {
			short[k] = v
		}
		short[key] = cut(data[key].(string), max(longest-over-1, 1))
		data = short
		out = l.T(id, data)
	}
	return out
}

// cut keeps the first n visible characters of s and adds "…", closing any
// isolate the cut left open.
func cut(s string, n int) string {
	var b strings.Builder
	open := 0
	for _, r := range s {
		if n == 0 {
			break
		}
		switch r {
		case '\u2066', '\u2067', '\u2068':
			open++
		case '\u2069':
			open--
		}
		b.WriteRune(r)
		if Width(string(r)) > 0 {
			n--
		}
	}
	return strings.TrimSpace(b.String()) + "…" + strings.Repeat("\u2069", max(open, 0))
}
