package people

import (
	"strings"
	"unicode"

	"vejviser/storage/domain"
)

// cleanName makes a Telegram name safe to show to coordinators: it removes
// invisible format characters (zero-width spaces and joiners, bidi marks,
// embeddings, overrides and isolates, the byte order mark) and control
// characters, and folds runs of spaces, so "Carla" with an invisible
// character cannot pose as the coordinator Carla in the member list, and a
// right-to-left override cannot turn a name around. Letters, marks and
// emoji of every script stay as they are.
func cleanName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case domain.Invisible(r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
