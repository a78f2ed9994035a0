package broadcast

import (
	"github.com/go-telegram/bot/models"
)

// Texts is what members receive of a broadcast queued from the
// shell: each text under the group's name in bold, as group names it in the
// text's language. It returns the texts and their entities per language, as
// storage.NewBroadcast takes them.
func Texts(group func(lang string) string, texts map[string]string) (map[string]string, map[string]string) {
	out, ents := map[string]string{}, map[string]string{}
	for lang, t := range texts {
		if t != "" {
			var es []models.MessageEntity
			out[lang], es = withSender(group(lang), t, nil)
			ents[lang] = encodeEntities(es)
		}
	}
	return out, ents
}
