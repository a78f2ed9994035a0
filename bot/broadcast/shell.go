package broadcast

import (
	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage"
)

// Texts is what members receive of a broadcast queued from the
// Texts is what members receive of a broadcast queued from the shell: each
// text under the group's name in bold, as group names it in the text's
// language, marked in the reader's language when it is not theirs. It fills
// the texts, entities and mark of a storage.NewBroadcast.
func Texts(cat *locales.Catalog, group func(lang string) string, texts map[string]string) storage.NewBroadcast {
	out, ents := map[string]string{}, map[string]string{}
	for lang, t := range texts {
		if t != "" {
			var es []models.MessageEntity
			out[lang], es = withSender(group(lang), t, nil)
			ents[lang] = encodeEntities(es)
		}
	}
	return storage.NewBroadcast{Texts: out, Entities: ents, Mark: marker(cat, group, texts, nil)}
}
