package broadcast

import (
	"github.com/go-telegram/bot/models"
)

// Texts is what members receive of a broadcast queued from the
// shell: each text under the group's name in bold. It returns the texts
// and their entities per language, as storage.NewBroadcast takes them.
func Texts(group string, texts map[string]string) (map[string]string, map[string]string) {
	out, ents := map[string]string{}, map[string]string{}
	for lang, t := range texts {
		if t != "" {
			var es []models.MessageEntity
			out[lang], es = withSender(group, t, nil)
			ents[lang] = encodeEntities(es)
		}
	}
	return out, ents
}
