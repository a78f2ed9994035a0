// Package branches is the national administrators' part of the chat
// (VEJVISER_ADMINS): /branches lists every branch with its members per role
// and its join link, and adds, renames and names coordinators of branches
// in step-by-step chats; /report sends the national figures. Counts only:
// an administrator sees no branch's member names, questions or answers
// here (a coordinator of a branch sees them there, as any coordinator).
package branches

import (
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is the administrators' chat.
type Feature struct {
	*chat.Env
	// Loc is the zone of the report's period.
	Loc func() *time.Location
}

// New makes the feature.
func New(env *chat.Env) *Feature {
	return &Feature{Env: env, Loc: func() *time.Location { return env.Cat.Location() }}
}

var (
	actList   = chat.NewAction("bL", chat.ID)            // page
	actAdd    = chat.NewAction("bA")                     // -
	actRename = chat.NewAction("bR", chat.ID)            // branch id
	actCoords = chat.NewAction("bC", chat.ID)            // branch id
	actCreate = chat.NewAction("bK")                     // - : the draft holds the new branch
	actNat    = chat.NewAction("bN")                     // - : a national broadcast
	actNatLng = chat.NewAction("bG", chat.Word)          // language: its text
	actNatGo  = chat.NewAction("bS")                     // - : send the draft's broadcast
	actRenLng = chat.NewAction("bT", chat.ID, chat.Word) // branch id, language: its name in that language
)

// Routes are the administrators' commands, buttons and typed answers: each
// authorized by the administrators' list, not by a role in a branch.
func (f *Feature) Routes() chat.Routes {
	flow := branchFlow.Routes(domain.RoleParticipant)
	for name, rt := range flow.Flows {
		rt.Admin = true
		flow.Flows[name] = rt
	}
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"branches": chat.Admin(f.cmdBranches),
			"report":   chat.Admin(f.cmdReport),
		},
		Buttons: map[chat.Action]chat.Route{
			actList:   chat.Admin(f.onList),
			actAdd:    chat.Admin(f.onAdd),
			actRename: chat.Admin(f.onRename),
			actCoords: chat.Admin(f.onCoords),
			actCreate: chat.Admin(f.onCreate),
			actNat:    chat.Admin(f.onNational),
			actNatLng: chat.Admin(f.onNationalLang),
			actNatGo:  chat.Admin(f.onNationalSend),
			actRenLng: chat.Admin(f.onRenameLang),
		},
	}, flow)
}
