package broadcast

import (
	"encoding/json"
	"strings"
	"unicode"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// What members receive of a broadcast: the group's name in bold as the
// first line, so they know who writes, then the coordinator's text with
// the formatting they typed.

// headerLen is the room the group's name and the longest mark take in a
// broadcast, in characters: its longest name, whichever language a text is
// in, and the longest mark.
func (f *Feature) headerLen() int {
	mark := 0
	for _, reader := range locales.Languages {
		for _, lang := range locales.Languages {
			mark = max(mark, domain.TextLength(f.Cat.For(reader).Mark(lang))+1)
		}
	}
	n := len([]rune(f.GroupName))
	for _, name := range f.GroupNames {
		n = max(n, len([]rune(name)))
	}
	return n + 2 + mark
}

// marker gives what a reader of language reader receives when the text
// reaching them is in lang, another language (storage.NewBroadcast.Mark):
// under the group's name as the reader knows it, the mark in the reader's
// language on a line of its own above the text, the text's formatting moved
// after it.
func marker(cat *locales.Catalog, group func(lang string) string, texts map[string]string, entities map[string][]models.MessageEntity) func(reader, lang string) (string, string) {
	return func(reader, lang string) (string, string) {
		mark := cat.For(reader).Mark(lang) + "\n"
		t, es := withSender(group(reader), mark+texts[lang], chat.Shifted(entities[lang], chat.UTF16Len(mark)))
		return t, encodeEntities(es)
	}
}

// withSender puts the group's name in bold above text and moves the text's
// entities after it.
func withSender(group, text string, es []models.MessageEntity) (string, []models.MessageEntity) {
	prefix := group + "\n\n"
	return prefix + text, append([]models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: 0, Length: chat.UTF16Len(group)}},
		chat.Shifted(es, chat.UTF16Len(prefix))...)
}

// encodeEntities is entities as the outbox stores them ("" for none).
func encodeEntities(es []models.MessageEntity) string {
	if len(es) == 0 {
		return ""
	}
	b, err := json.Marshal(es)
	if err != nil {
		return ""
	}
	return string(b)
}

// received is the texts and entities per language as members get them.
// The first text also serves as the Danish fallback of a one-language
// audience (nobody else is in it).
func (f *Feature) received(d draft) (map[string]string, map[string][]models.MessageEntity) {
	texts, entities := map[string]string{}, map[string][]models.MessageEntity{}
	for lang, t := range d.Texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		texts[lang], entities[lang] = withSender(f.Group(lang), t, d.Entities[lang])
	}
	if p := d.primary(); texts["da"] == "" {
		texts["da"], entities["da"] = texts[p], entities[p]
	}
	return texts, entities
}

// trimmedEntities are the entities of what a person typed, fitted to the
// text with surrounding space trimmed (as the draft keeps it).
func trimmedEntities(raw string, msg *models.Message) []models.MessageEntity {
	if msg == nil || len(msg.Entities) == 0 || domain.CleanText(raw) != raw { // cleaning moved the offsets
		return nil
	}
	lead := chat.UTF16Len(raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))])
	size := chat.UTF16Len(strings.TrimSpace(raw))
	var out []models.MessageEntity
	for _, e := range msg.Entities {
		e.Offset -= lead
		if e.Offset < 0 || e.Offset+e.Length > size || e.Type == models.MessageEntityTypeBotCommand {
			continue
		}
		out = append(out, e)
	}
	return out
}

// Preview is the preview of a draft with texts per language (no
// formatting) for the audience counted in count, as previewText shows it.
func Preview(env *chat.Env, L *locales.Localizer, texts map[string]string, count domain.AudienceCount) string {
	text, _ := New(env).previewText(L, draft{Texts: texts}, count)
	return text
}

// previewText is pure: every language version the members of count will
// receive (their own, or the fallback) with its formatting, and how many get each.
func (f *Feature) previewText(L *locales.Localizer, d draft, count domain.AudienceCount) (string, []models.MessageEntity) {
	texts, entities := f.received(d)
	var es []models.MessageEntity
	var langs []string
	for _, lang := range locales.Languages {
		if count.ByLanguage[lang] > 0 {
			langs = append(langs, lang)
		}
	}
	budget := 3000 / max(1, len(langs)) // room for the counts within Telegram's limit
	var b strings.Builder
	b.WriteString(L.N("BroadcastRecipients", count.Reachable, nil))
	for _, lang := range langs {
		key, version := "BroadcastLanguageLine", lang
		if strings.TrimSpace(d.Texts[lang]) == "" {
			key, version = "BroadcastLanguageLineFallback", "da"
		}
		shown, cut := texts[version], ""
		if rs := []rune(shown); len(rs) > budget {
			shown, cut = string(rs[:budget]), " …"
		}
		b.WriteString("\n\n📨 ")
		b.WriteString(L.T(key, locales.Data{"Language": L.Name(lang), "Count": count.ByLanguage[lang]}))
		b.WriteString("\n")
		at, size := chat.UTF16Len(b.String()), chat.UTF16Len(shown)
		for _, e := range entities[version] {
			if e.Offset+e.Length <= size { // formatting cut off with the text is dropped
				e.Offset += at
				es = append(es, e)
			}
		}
		b.WriteString(shown + cut)
	}
	if count.Unreachable > 0 {
		b.WriteString("\n\n")
		b.WriteString(L.N("BroadcastSkipped", count.Unreachable, nil))
	}
	return b.String(), es
}
