package people

import (
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Config is what the feature needs besides the shared environment.
type Config struct {
	// AskKeep is how long "Ask us" messages are kept; the privacy note
	// tells members so.
	AskKeep time.Duration
	// AskMute is the Ask us feature's action that mutes or unmutes a member
	// (member id, 1|0); the member card offers it to coordinators.
	AskMute chat.Action
}

// Feature is onboarding, the member's own data, invites and the members list.
type Feature struct {
	*chat.Env
	askKeep time.Duration
	askMute chat.Action
}

// New builds the feature on env.
func New(env *chat.Env, cfg Config) *Feature {
	return &Feature{Env: env, askKeep: cfg.AskKeep, askMute: cfg.AskMute}
}

// The actions of the feature's buttons and the shapes of their arguments.
// Their codes are in members' chats already: they never change.
var (
	ActLang    = chat.NewAction("l", chat.Word)                       // lang
	ActConsent = chat.NewAction("c", chat.Word, chat.Word, chat.Code) // lang, ask|yes|no, invite code or "-"
	actMyData  = chat.NewAction("d")                                  // -
	actForget  = chat.NewAction("f", chat.Word)                       // ask|yes|no
	actInvite  = chat.NewAction("i", chat.Word)                       // invite kind
	ActMembers = chat.NewAction("ml", chat.ID)                        // page
	actMember  = chat.NewAction("mc", chat.ID, chat.ID)               // member id, page
	ActSetRole = chat.NewAction("mr", chat.ID, chat.Word, chat.ID)    // member id, role letter, page
	ActRevoke  = chat.NewAction("ir", chat.Code)                      // invite code
	actSecond  = chat.NewAction("l2", chat.Word)                      // ask | none | lang
)

// Routes is the feature's part of the index.
func (f *Feature) Routes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"start":    chat.Everyone(f.cmdStart),
			"language": chat.Everyone(f.cmdLanguage),
			"help":     chat.Everyone(f.cmdHelp),
			"privacy":  chat.Everyone(f.cmdPrivacy),
			"mydata":   chat.Member(f.cmdMyData),
			"forget":   chat.Member(f.cmdForget),
			"invite":   chat.Coordinator(f.cmdInvite),
			"members":  chat.Coordinator(f.cmdMembers),
		},
		Buttons: map[chat.Action]chat.Route{
			ActLang:    chat.Everyone(f.onLanguage),
			actSecond:  chat.Member(f.onSecondLanguage),
			ActConsent: chat.Everyone(f.onConsent),
			actMyData:  chat.Member(f.onMyData),
			actForget:  chat.Member(f.onForget),
			actInvite:  chat.Coordinator(f.onInvite),
			ActMembers: chat.Coordinator(f.onMembers),
			actMember:  chat.Coordinator(f.onMember),
			ActSetRole: chat.Coordinator(f.onSetRole),
			ActRevoke:  chat.Coordinator(f.onRevokeInvite),
		},
	}, f.branchRoutes())
}

// Notices registers the renderers of people's notices: a new role, told in
// the language the member has when it leaves.
func (f *Feature) Notices(n *chat.Notices) {
	chat.Render(n, domain.NoticeRoleChanged, roleChanged)
	f.moveNotices(n)
}

func roleChanged(L *locales.Localizer, _ domain.Member, v domain.RoleValues) outbox.Rendered {
	return chat.Text(L.T(roleNowKey[v.Role], nil), nil)
}
