package bot

import (
	"context"
	"errors"
	"regexp"
	"strings"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/outbox"

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
		if a.redeem(r, code) {
			a.syncCommands(r.ctx, r.b, *r.member)
		}
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
		if !a.closePicker(r) {
			return // a second tap on the same language: its note is already there
		}
		r.say(a.privacyText(r.L)+"\n\n"+r.L.T("PrivacyAsk", nil),
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

// closePicker turns the language picker into a plain line naming the chosen
// language, without buttons, before the privacy note arrives as a new message
// below it. Editing the picker into the note would put "No, thank you" under
// the finger that just tapped a language, and a quick second tap would refuse
// consent. It reports false when the picker was already closed this way (the
// press is a second tap that raced the first), so the note is not sent twice.
func (a *App) closePicker(r *req) bool {
	if r.cbMsgID == 0 {
		return true
	}
	err := r.a.counted(r.ctx, r.chatID, func(ctx context.Context) error {
		_, err := r.b.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: r.chatID, MessageID: r.cbMsgID, Text: "✅ " + r.L.T("LanguageName", nil),
		})
		return err
	})
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return false
	}
	if err != nil {
		a.log.Info("close language picker", "err", outbox.ErrorClass(err))
	}
	return true
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
	a.wake() // the scheduler invites a new member to the events still open to answers
	if code == posterCode {
		if err := a.store.Bump(r.ctx, "joined_by_poster"); err != nil {
			a.log.Warn("count poster join", "err", err)
		}
	}
	text, k := a.welcome(r.L, m)
	r.show(text, k...)
	if code != "-" && code != posterCode {
		a.redeem(r, code)
	}
	// The one place a new member's menu is set, whatever the link was worth:
	// a configured coordinator who opened a dead or lower link needs theirs.
	a.syncCommands(r.ctx, r.b, *r.member)
}

// displayName is the Telegram first and last name, cleaned of invisible
// characters (cleanName) and trimmed to a sane length.
func displayName(r *req) string {
	name := cleanName(r.from.FirstName + " " + r.from.LastName)
	if name == "" {
		name = cleanName(r.from.Username)
	}
	if rs := []rune(name); len(rs) > 64 {
		name = string(rs[:64])
	}
	return name
}

// redeem applies an invite code to the member and tells them their new role.
// It reports whether the role changed; the caller brings the command menu in
// line (consent always does, as the role may come from the configuration).
func (a *App) redeem(r *req, code string) (raised bool) {
	m, raised, err := a.store.RedeemInvite(r.ctx, r.member.ID, code, a.now())
	switch {
	case errors.Is(err, storage.ErrNotFound), errors.Is(err, storage.ErrInviteExpired), errors.Is(err, storage.ErrInviteUsedUp),
		errors.Is(err, storage.ErrInviteRevoked):
		r.say(r.L.T("InviteInvalid", nil))
		return false
	case err != nil:
		r.fail(err)
		return false
	}
	r.member = &m
	if !raised { // already at or above the link's role: nothing to announce
		text, k := a.welcome(r.L, m)
		r.say(text, k...)
		return false
	}
	r.say(r.L.T(roleNowKey[m.Role], nil), a.mainMenu(r.L, m)...)
	return true
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
	k := kb{row(btn(L.T("BtnEvents", nil), actMenu, "events"), btn(L.T("BtnActivities", nil), actMenu, "activities"))}
	if m.Role.Rank() >= storage.RoleVolunteer.Rank() {
		k = append(k, row(btn(L.T("BtnCount", nil), actMenu, "count")))
		k = append(k, row(btn(L.T("BtnShifts", nil), actShiftList), btn(L.T("BtnMyShifts", nil), actShiftMine))) // Shifts (issue 8)
	}
	if m.Role == storage.RoleCoordinator {
		k = append(k,
			row(btn(L.T("BtnStaffing", nil), actStaffing)), // Shifts (issue 8)
			row(btn(L.T("BtnBroadcast", nil), actMenu, "broadcast")),
			row(btn(L.T("BtnInvite", nil), actMenu, "invite"), btn(L.T("BtnMembers", nil), actMenu, "members")))
	}
	if m.Role != storage.RoleCoordinator {
		k = append(k, row(btn(L.T("BtnAskUs", nil), actMenu, "ask")))
	}
	return append(k, row(
		btn(L.T("BtnLanguage", nil), actMenu, "language"),
		btn(L.T("BtnHelp", nil), actMenu, "help"),
		btn(L.T("BtnPrivacy", nil), actMenu, "privacy")))
}

// onMenu opens a main-menu item; each item is authorized like its command.
func (a *App) onMenu(r *req) {
	names := map[string]string{"language": "language", "help": "help", "privacy": "privacy",
		"invite": "invite", "members": "members", "broadcast": "broadcast", "ask": "ask",
		"activities": "activities", "newactivity": "newactivity", "count": "count",
		"newshift": "newshift", // Shifts (issue 8)
		"events":   "events", "newevent": "newevent"}
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
	switch {
	case r.role() == storage.RoleCoordinator:
		text += "\n\n" + r.L.T("HelpShifts", nil) + "\n\n" + r.L.T("HelpCoordinator", nil) + "\n" + r.L.T("HelpShiftsCoordinator", nil) +
			"\n\n" + r.L.T("HelpInbox", nil)
	case r.role() == storage.RoleVolunteer:
		text += "\n\n" + r.L.T("HelpVolunteer", nil) + "\n\n" + r.L.T("HelpShifts", nil) +
			"\n\n" + r.L.T("HelpAskUs", locales.Data{"Group": a.groupName})
	case r.member != nil:
		text += "\n\n" + r.L.T("HelpAskUs", locales.Data{"Group": a.groupName})
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
