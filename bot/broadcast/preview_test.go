package broadcast

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

func TestPreviewMentionsFallbackOnlyForMissingTexts(t *testing.T) {
	a := New(chattest.Env(t))
	L := a.Cat.For("en")
	got, _ := a.previewText(L, draft{Texts: map[string]string{"da": "Hej", "ti": "ሰላም"}},
		domain.AudienceCount{ByLanguage: map[string]int{"ar": 2, "ti": 1}, Reachable: 3})
	if !strings.Contains(got, "Arabic: 2 (Danish text)") {
		t.Errorf("Arabic without its own text should fall back: %q", got)
	}
	if strings.Contains(got, "Tigrinya: 1 (") {
		t.Errorf("Tigrinya has its own text: %q", got)
	}
	if !strings.Contains(got, "It goes to 3 people") {
		t.Errorf("total missing: %q", got)
	}
	long := strings.Repeat("x", domain.MaxText)
	all := domain.AudienceCount{ByLanguage: map[string]int{"da": 1, "ar": 1, "ti": 1, "en": 1}, Reachable: 4, Unreachable: 5}
	full := draft{Texts: map[string]string{"da": long, "ar": long, "ti": long, "en": long}}
	if text, _ := a.previewText(L, full, all); domain.TextLength(text) > domain.MaxText {
		t.Errorf("preview of four maximal texts is %d UTF-16 units, over Telegram's limit", domain.TextLength(text))
	}
}

// The preview carries each version's formatting to where that version
// stands in it; formatting past a cut is dropped.
func TestPreviewKeepsFormatting(t *testing.T) {
	a := New(chattest.Env(t))
	L := a.Cat.For("da")
	d := draft{Texts: map[string]string{"da": "Husk festen", "ar": "تذكير بالحفلة"},
		Entities: map[string][]models.MessageEntity{
			"da": {{Type: models.MessageEntityTypeBold, Offset: 5, Length: 6}},
			"ar": {{Type: models.MessageEntityTypeItalic, Offset: 6, Length: 7}},
		}}
	text, es := a.previewText(L, d, domain.AudienceCount{ByLanguage: map[string]int{"da": 1, "ar": 2}, Reachable: 3})
	slice := func(e models.MessageEntity) string {
		u := utf16.Encode([]rune(text))
		return string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
	}
	var got []string
	for _, e := range es {
		got = append(got, string(e.Type)+":"+slice(e))
	}
	want := []string{"bold:" + a.GroupName, "bold:festen", "bold:" + a.Group("ar"), "italic:بالحفلة"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("preview entities %q, want %q", got, want)
	}
	d.Texts["da"] = strings.Repeat("æ", 2000) + " slut"
	d.Entities["da"] = []models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: 2001, Length: 4}}
	_, es = a.previewText(L, d, domain.AudienceCount{ByLanguage: map[string]int{"da": 1, "ar": 2}, Reachable: 3})
	for _, e := range es {
		if e.Type == models.MessageEntityTypeBold && e.Length == 4 {
			t.Errorf("formatting of text cut from the preview kept: %+v", e)
		}
	}
}
