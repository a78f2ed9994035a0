package askus

import (
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// In Arabic a history line starts with a Latin name; a right-to-left mark
// keeps it laid out right to left, as its neighbours are.
func TestHistoryLinesStartRightToLeftInArabic(t *testing.T) {
	cat := chattest.Catalog(t)
	at := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	items := []domain.AskItem{{Direction: "in", Kind: "text", Text: "Hej", CreatedAt: at},
		{Direction: "out", Kind: "text", Text: "Hej Amina", CoordinatorName: "Mette", CreatedAt: at}}
	for lang, mark := range map[string]bool{"ar": true, "da": false} {
		text := historyText(cat.For(lang), domain.Member{DisplayName: "Amina Hassan"}, items)
		for _, arrow := range []string{"➡️", "⬅️"} {
			if got := strings.Contains(text, "\n\u200f"+arrow); got != mark {
				t.Errorf("%s: line %s starts with a right-to-left mark: %v, want %v\n%q", lang, arrow, got, mark, text)
			}
		}
	}
}
