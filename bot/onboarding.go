package bot

import (
	"errors"
	"regexp"
	"strings"

	"vejviser/bot/chat"
	"vejviser/storage/domain"

	"vejviser/locales"
)

// posterCode is the start payload of the participant link on posters.
const posterCode = "hej"

var reStartCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// cmdStart: a newcomer gets the language picker; a member gets the welcome.
// A deep-link code (t.me/<bot>?start=<code>) rides along until consent.
func (a *App) cmdStart(r *chat.Request) {
	code := startCode(r.Text)
	if r.Member == nil {
		text, keyboard := a.languagePicker(guessOf(r), func(lang string) string {
			return chat.Payload(actConsent, lang, "ask", code)
		})
		r.Say(text, keyboard...)
		return
	}
	if code != "-" && code != posterCode {
		a.redeem(r, code)
		return
	}
	text, k := a.welcome(r.L, *r.Member)
	r.Say(text, k...)
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
	case chat.Code.MatchString(p):
		return p
	case reStartCode.MatchString(p):
		return "x"
	}
	return "-"
}

// guessOf is the language guessed from Telegram's language_code, if any.
func guessOf(r *chat.Request) string {
	if r.From == nil {
		return ""
	}
	if lang, ok := locales.Guess(r.From.LanguageCode); ok {
		return lang
	}
	return ""
}

// languagePicker shows the prompt in every language and one button per
// language in its own script; the guessed one comes first, marked.
func (a *App) languagePicker(guess string, data func(lang string) string) (string, chat.Keyboard) {
	var prompts []string
	order := append([]string(nil), locales.Languages...)
	if guess != "" {
		order = append([]string{guess}, without(order, guess)...)
	}
	var keyboard chat.Keyboard
	for _, lang := range order {
		L := a.Cat.For(lang)
		prompts = append(prompts, L.T("LanguagePrompt", nil))
		name := L.T("LanguageName", nil)
		if lang == guess {
			name = "👉 " + name
		}
		keyboard = append(keyboard, chat.Row(domain.Button{Text: name, Data: data(lang)}))
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
func (a *App) onConsent(r *chat.Request) {
	lang, step, code := r.Args[0], r.Args[1], r.Args[2]
	if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.L = a.Cat.For(lang)
	switch step {
	case "ask":
		if r.Member != nil { // pressed an old picker after joining: just change language
			a.setLanguage(r, lang)
			return
		}
		r.Toast("")
		if !a.closePicker(r) {
			return // a second tap on the same language: its note is already there
		}
		r.Say(a.privacyText(r.L)+"\n\n"+r.L.T("PrivacyAsk", nil),
			chat.Row(chat.Btn(r.L.T("BtnConsentYes", nil), actConsent, lang, "yes", code)),
			chat.Row(chat.Btn(r.L.T("BtnConsentNo", nil), actConsent, lang, "no", code)))
	case "no":
		r.Toast("")
		if r.Member != nil { // a member withdrawing consent on an old note: offer to delete, as /forget does
			a.cmdForget(r)
			return
		}
		if err := a.Store.Bump(r.Ctx, "consent_declined"); err != nil {
			a.Log.Warn("count refusal", "err", err)
		}
		r.Show(r.L.T("ConsentDeclined", nil))
	case "yes":
		a.consent(r, lang, code)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// closePicker turns the language picker into a plain line naming the chosen
// language, without buttons, before the privacy note arrives as a new message
// below it. Editing the picker into the note would put "No, thank you" under
// the finger that just tapped a language, and a quick second tap would refuse
// consent. It reports false when the picker was already closed this way (the
// press is a second tap that raced the first), so the note is not sent twice.
func (a *App) closePicker(r *chat.Request) bool {
	if r.CbMsgID == 0 {
		return true
	}
	return !errors.Is(r.EditIn(r.ChatID, r.CbMsgID, "✅ "+r.L.T("LanguageName", nil), nil), chat.ErrNotModified)
}

// consent stores the new member (the only point where anything about them is
// kept), applies a deep-link invite, and shows the welcome.
func (a *App) consent(r *chat.Request, lang, code string) {
	role := domain.RoleParticipant
	if a.Coordinators[r.From.ID] {
		role = domain.RoleCoordinator
	}
	m, err := a.Store.Register(r.Ctx, domain.Registration{
		ID: r.From.ID, ChatID: r.ChatID, DisplayName: displayName(r), Language: lang, Role: role,
	}, a.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member = &m
	r.Toast("")
	a.Wake() // the scheduler invites a new member to the events still open to answers
	if code == posterCode {
		if err := a.Store.Bump(r.Ctx, "joined_by_poster"); err != nil {
			a.Log.Warn("count poster join", "err", err)
		}
	}
	text, k := a.welcome(r.L, m)
	r.Show(text, k...)
	if code != "-" && code != posterCode {
		a.redeem(r, code)
		return
	}
	r.SyncCommands(m)
}

// displayName is the Telegram first and last name, cleaned of invisible
// characters (cleanName) and trimmed to a sane length.
func displayName(r *chat.Request) string {
	name := cleanName(r.From.FirstName + " " + r.From.LastName)
	if name == "" {
		name = cleanName(r.From.Username)
	}
	if rs := []rune(name); len(rs) > 64 {
		name = string(rs[:64])
	}
	return name
}

// redeem applies an invite code to the member and tells them their new role.
func (a *App) redeem(r *chat.Request, code string) {
	m, raised, err := a.Store.RedeemInvite(r.Ctx, r.Member.ID, code, a.Now())
	switch {
	case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInviteExpired), errors.Is(err, domain.ErrInviteUsedUp),
		errors.Is(err, domain.ErrInviteRevoked):
		r.Say(r.L.T("InviteInvalid", nil))
		return
	case err != nil:
		r.Fail(err)
		return
	}
	r.Member = &m
	if !raised { // already at or above the link's role: nothing to announce
		text, k := a.welcome(r.L, m)
		r.Say(text, k...)
		return
	}
	r.Say(r.L.T(roleNowKey[m.Role], nil), chat.MainMenu(r.L, m)...)
	r.SyncCommands(m)
}

var roleNowKey = map[domain.Role]string{
	domain.RoleParticipant: "RoleNowParticipant",
	domain.RoleVolunteer:   "RoleNowVolunteer",
	domain.RoleCoordinator: "RoleNowCoordinator",
}

// welcome is the greeting with the main menu.
func (a *App) welcome(L *locales.Localizer, m domain.Member) (string, chat.Keyboard) {
	text := L.T("Welcome", locales.Data{"Name": m.DisplayName})
	switch m.Role {
	case domain.RoleVolunteer:
		text += "\n\n" + L.T("WelcomeVolunteer", nil)
	case domain.RoleCoordinator:
		text += "\n\n" + L.T("WelcomeCoordinator", nil)
	}
	return text, chat.MainMenu(L, m)
}

// cmdLanguage shows the picker; before consent it is the start of onboarding.
func (a *App) cmdLanguage(r *chat.Request) {
	if r.Member == nil {
		a.cmdStart(r)
		return
	}
	text, keyboard := a.languagePicker(r.Member.Language, func(lang string) string { return chat.Payload(actLang, lang) })
	r.Say(text, keyboard...)
}

// onLanguage changes a member's language.
func (a *App) onLanguage(r *chat.Request) {
	lang := r.Args[0]
	if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if r.Member == nil { // an old picker from before /forget: start over
		r.Args = []string{lang, "ask", "-"}
		a.onConsent(r)
		return
	}
	a.setLanguage(r, lang)
}

func (a *App) setLanguage(r *chat.Request, lang string) {
	m, err := a.Store.SetLanguage(r.Ctx, r.Member.ID, lang)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member, r.L = &m, a.Cat.For(lang)
	r.Toast("")
	r.Show(r.L.T("LanguageChanged", nil), chat.MainMenu(r.L, m)...)
	r.SyncCommands(m)
}

// cmdHelp lists what the member can do.
func (a *App) cmdHelp(r *chat.Request) {
	text := r.L.T("HelpParticipant", nil)
	switch {
	case r.Role() == domain.RoleCoordinator:
		text += "\n\n" + r.L.T("HelpShifts", nil) + "\n\n" + r.L.T("HelpCoordinator", nil) + "\n" + r.L.T("HelpShiftsCoordinator", nil) +
			"\n\n" + r.L.T("HelpInbox", nil)
	case r.Role() == domain.RoleVolunteer:
		text += "\n\n" + r.L.T("HelpVolunteer", nil) + "\n\n" + r.L.T("HelpShifts", nil) +
			"\n\n" + r.L.T("HelpAskUs", locales.Data{"Group": a.GroupName})
	case r.Member != nil:
		text += "\n\n" + r.L.T("HelpAskUs", locales.Data{"Group": a.GroupName})
	}
	if r.Member == nil {
		r.Say(text)
		return
	}
	r.Say(text, chat.MainMenu(r.L, *r.Member)...)
}
