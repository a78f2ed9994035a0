package bot

import (
	"errors"
	"regexp"
	"strings"

	"vejviser/locales"
	"vejviser/storage"
)

// posterCode is the start payload of the participant link on posters.
const posterCode = "hej"

var reStartCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// cmdStart: a newcomer gets the language picker; a member gets the welcome.
// A deep-link code (t.me/<bot>?start=<code>) rides along until consent.
func (a *App) cmdStart(r *req) {
	code := startCode(r.text)
	if r.member == nil {
		text, keyboard := a.languagePicker(guessOf(r), func(lang string) string {
			return payload(actConsent, lang, "ask", code)
		})
		r.say(text, keyboard...)
		return
	}
	if code != "-" && code != posterCode {
		a.redeem(r, code)
		return
	}
	text, k := a.welcome(r.L, *r.member)
	r.say(text, k...)
}

// startCode classifies the deep-link payload of /start (whatever anyone
// typed or linked): "-" for none or garbage, posterCode, an invite code as
// issued, or "x" for a well-formed code longer than any we issue (it cannot
// be valid). The result rides in callback data until consent.
func startCode(text string) string {
	p := strings.TrimSpace(text)
	switch {
	case p == "":
		return "-"
	case p == posterCode:
		return posterCode
	case reCode.MatchString(p):
		return p
	case reStartCode.MatchString(p):
		return "x"
	}
	return "-"
}

// guessOf is the language guessed from Telegram's language_code, if any.
func guessOf(r *req) string {
	if r.from == nil {
		return ""
	}
	if lang, ok := locales.Guess(r.from.LanguageCode); ok {
		return lang
	}
	return ""
}

// languagePicker shows the prompt in every language and one button per
// language in its own script; the guessed one comes first, marked.
func (a *App) languagePicker(guess string, data func(lang string) string) (string, kb) {
	var prompts []string
	order := append([]string(nil), locales.Languages...)
	if guess != "" {
		order = append([]string{guess}, without(order, guess)...)
	}
	var keyboard kb
	for _, lang := range order {
		L := a.cat.For(lang)
		prompts = append(prompts, L.T("LanguagePrompt", nil))
		name := L.T("LanguageName", nil)
		if lang == guess {
			name = "👉 " + name
		}
		keyboard = append(keyboard, row(storage.Button{Text: name, Data: data(lang)}))
	}
	return strings.Join(prompts, "\n"), keyboard
}

func without(list []string, x string) []string {
	out := make([]string, 0, len(list))
	for _, v := range list {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// onConsent handles the picker and the privacy note before and at consent:
// "1:c:<lang>:ask|yes|no:<code>".
func (a *App) onConsent(r *req) {
	lang, step, code := r.args[0], r.args[1], r.args[2]
	if !locales.Supported(lang) {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.L = a.cat.For(lang)
	switch step {
	case "ask":
		if r.member != nil { // pressed an old picker after joining: just change language
			a.setLanguage(r, lang)
			return
		}
		r.toast("")
		r.show(r.L.T("PrivacyBody", nil)+"\n\n"+r.L.T("PrivacyAsk", nil),
			row(btn(r.L.T("BtnConsentYes", nil), actConsent, lang, "yes", code)),
			row(btn(r.L.T("BtnConsentNo", nil), actConsent, lang, "no", code)))
	case "no":
		r.toast("")
		if r.member != nil { // a member withdrawing consent on an old note: offer to delete, as /forget does
			a.cmdForget(r)
			return
		}
		if err := a.store.Bump(r.ctx, "consent_declined"); err != nil {
			a.log.Warn("count refusal", "err", err)
		}
		r.show(r.L.T("ConsentDeclined", nil))
	case "yes":
		a.consent(r, lang, code)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

// consent stores the new member (the only point where anything about them is
// kept), applies a deep-link invite, and shows the welcome.
func (a *App) consent(r *req, lang, code string) {
	role := storage.RoleParticipant
	if a.coordinators[r.from.ID] {
		role = storage.RoleCoordinator
	}
	m, err := a.store.Register(r.ctx, storage.Registration{
		ID: r.from.ID, ChatID: r.chatID, DisplayName: displayName(r), Language: lang, Role: role,
	}, a.now())
	if err != nil {
		r.fail(err)
		return
	}
	r.member = &m
	r.toast("")
	if code == posterCode {
		if err := a.store.Bump(r.ctx, "joined_by_poster"); err != nil {
			a.log.Warn("count poster join", "err", err)
		}
	}
	text, k := a.welcome(r.L, m)
	r.show(text, k...)
	if code != "-" && code != posterCode {
		a.redeem(r, code)
		return
	}
	a.syncCommands(r.ctx, r.b, m)
}

// displayName is the Telegram first and last name, trimmed to a sane length.
func displayName(r *req) string {
	name := strings.TrimSpace(strings.TrimSpace(r.from.FirstName) + " " + strings.TrimSpace(r.from.LastName))
	if name == "" {
		name = r.from.Username
	}
	if rs := []rune(name); len(rs) > 64 {
		name = string(rs[:64])
	}
	return name
}

// redeem applies an invite code to the member and tells them their new role.
func (a *App) redeem(r *req, code string) {
	m, raised, err := a.store.RedeemInvite(r.ctx, r.member.ID, code, a.now())
	switch {
	case errors.Is(err, storage.ErrNotFound), errors.Is(err, storage.ErrInviteExpired), errors.Is(err, storage.ErrInviteUsedUp):
		r.say(r.L.T("InviteInvalid", nil))
		return
	case err != nil:
		r.fail(err)
		return
	}
	r.member = &m
	if !raised { // already at or above the link's role: nothing to announce
		text, k := a.welcome(r.L, m)
		r.say(text, k...)
		return
	}
	r.say(r.L.T(roleNowKey[m.Role], nil), a.mainMenu(r.L, m)...)
	a.syncCommands(r.ctx, r.b, m)
}

var roleNowKey = map[storage.Role]string{
	storage.RoleParticipant: "RoleNowParticipant",
	storage.RoleVolunteer:   "RoleNowVolunteer",
	storage.RoleCoordinator: "RoleNowCoordinator",
}

// welcome is the greeting with the main menu.
func (a *App) welcome(L *locales.Localizer, m storage.Member) (string, kb) {
	text := L.T("Welcome", locales.Data{"Name": m.DisplayName})
	switch m.Role {
	case storage.RoleVolunteer:
		text += "\n\n" + L.T("WelcomeVolunteer", nil)
	case storage.RoleCoordinator:
		text += "\n\n" + L.T("WelcomeCoordinator", nil)
	}
	return text, a.mainMenu(L, m)
}

// mainMenu is the buttons to the main actions for the member's role.
func (a *App) mainMenu(L *locales.Localizer, m storage.Member) kb {
	k := kb{}
	if m.Role == storage.RoleCoordinator {
		k = append(k,
			row(btn(L.T("BtnBroadcast", nil), actMenu, "broadcast")),
			row(btn(L.T("BtnInvite", nil), actMenu, "invite"), btn(L.T("BtnMembers", nil), actMenu, "members")))
	}
	return append(k, row(
		btn(L.T("BtnLanguage", nil), actMenu, "language"),
		btn(L.T("BtnHelp", nil), actMenu, "help"),
		btn(L.T("BtnPrivacy", nil), actMenu, "privacy")))
}

// onMenu opens a main-menu item; each item is authorized like its command.
func (a *App) onMenu(r *req) {
	names := map[string]string{"language": "language", "help": "help", "privacy": "privacy",
		"invite": "invite", "members": "members", "broadcast": "broadcast"}
	cmd, ok := names[r.args[0]]
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	rt := commands[cmd]
	if a.authorize(r, rt) {
		r.toast("")
		rt.handle(a, r)
	}
}

// cmdLanguage shows the picker; before consent it is the start of onboarding.
func (a *App) cmdLanguage(r *req) {
	if r.member == nil {
		a.cmdStart(r)
		return
	}
	text, keyboard := a.languagePicker(r.member.Language, func(lang string) string { return payload(actLang, lang) })
	r.say(text, keyboard...)
}

// onLanguage changes a member's language.
func (a *App) onLanguage(r *req) {
	lang := r.args[0]
	if !locales.Supported(lang) {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	if r.member == nil { // an old picker from before /forget: start over
		r.args = []string{lang, "ask", "-"}
		a.onConsent(r)
		return
	}
	a.setLanguage(r, lang)
}

func (a *App) setLanguage(r *req, lang string) {
	m, err := a.store.SetLanguage(r.ctx, r.member.ID, lang)
	if err != nil {
		r.fail(err)
		return
	}
	r.member, r.L = &m, a.cat.For(lang)
	r.toast("")
	r.show(r.L.T("LanguageChanged", nil), a.mainMenu(r.L, m)...)
	a.syncCommands(r.ctx, r.b, m)
}

// cmdHelp lists what the member can do.
func (a *App) cmdHelp(r *req) {
	text := r.L.T("HelpParticipant", nil)
	if r.role() == storage.RoleCoordinator {
		text += "\n\n" + r.L.T("HelpCoordinator", nil)
	}
	if r.member == nil {
		r.say(text)
		return
	}
	r.say(text, a.mainMenu(r.L, *r.member)...)
}

// cmdCancel ends any step-by-step chat.
func (a *App) cmdCancel(r *req) {
	if r.member == nil {
		r.say(r.L.T("NothingToCancel", nil))
		return
	}
	ended, err := a.store.EndConversation(r.ctx, r.member.ID)
	if err != nil {
		r.fail(err)
		return
	}
	if !ended {
		r.say(r.L.T("NothingToCancel", nil))
		return
	}
	r.say(r.L.T("Cancelled", nil), a.mainMenu(r.L, *r.member)...)
}
