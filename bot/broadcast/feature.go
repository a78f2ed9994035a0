package broadcast

import (
	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is /broadcast and the progress of the broadcasts it queues. It
// holds nothing of its own: drafts live in the database, and the progress
// loop keeps what it showed on its own stack.
type Feature struct {
	*chat.Env
}

// New builds the feature on the shared environment.
func New(env *chat.Env) *Feature { return &Feature{Env: env} }

// The actions of a broadcast draft's buttons; every one but the audience
// carries the draft's key, so a button of a draft already sent is told so.
var (
	// ActAudience picks who gets the broadcast: "1:ba:<kind>".
	ActAudience  = chat.NewAction("ba", chat.Word)
	actPick      = chat.NewAction("bp", chat.Word, chat.Code) // audience kind, ref (activity/event id or language)
	actLanguage  = chat.NewAction("bl", chat.Code, chat.Word) // draft key, language to write
	actPreview   = chat.NewAction("bv", chat.Code)            // draft key
	actSend      = chat.NewAction("bs", chat.Code)            // draft key
	actCancel    = chat.NewAction("bx", chat.Code)            // draft key
	actEditTexts = chat.NewAction("bt", chat.Code)            // draft key: back from the preview to the versions
)

// Routes is the feature's part of the index: /broadcast, its buttons and
// the text typed into a draft, all for coordinators.
func (f *Feature) Routes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"broadcast": chat.Coordinator(f.cmdBroadcast),
		},
		Buttons: map[chat.Action]chat.Route{
			ActAudience:  chat.Coordinator(f.onAudience),
			actPick:      chat.Coordinator(f.onPick),
			actLanguage:  chat.Coordinator(f.onLanguage),
			actPreview:   chat.Coordinator(f.onPreview),
			actSend:      chat.Coordinator(f.onSend),
			actCancel:    chat.Coordinator(f.onCancel),
			actEditTexts: chat.Coordinator(f.onEditTexts),
		},
	}, draftFlow.Routes(domain.RoleCoordinator))
}
