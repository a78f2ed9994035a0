package bot

import "github.com/go-telegram/bot/models"

// keptNote is what a command typed in the middle of a step-by-step chat
// adds after its own answer: the chat is kept, and how to return to it or end it.
var keptNote = map[string]string{
	flowBroadcast: "BroadcastDraftKept",
	flowAskReply:  "AskReplyKept",
}

// keptDraft returns the note that command cmd must add because the member
// is in the middle of a step-by-step chat ("" for none). It is read before
// the command runs: the flow's own commands and /cancel add nothing.
func (a *App) keptDraft(r *req, cmd string) string {
	if r.member == nil || cmd == "cancel" || cmd == "broadcast" {
		return ""
	}
	flow, _, err := a.store.Conversation(r.ctx, r.member.ID)
	if err != nil {
		return ""
	}
	return keptNote[flow]
}

// BroadcastTexts is what members receive of a broadcast queued from the
// shell: each text under the group's name in bold. It returns the texts
// and their entities per language, as storage.NewBroadcast takes them.
func BroadcastTexts(group string, texts map[string]string) (map[string]string, map[string]string) {
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
