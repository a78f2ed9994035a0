package people

import (
	"context"
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
func (f *Feature) cmdStart(r *chat.Request) {
	code := startCode(r.Text)
	if r.Member == nil {
		text, keyboard := languagePicker(f.Cat, guessOf(r), func(lang string) string {
			return chat.Payload(ActConsent, lang, "ask", code)
		})
		r.Say(text, keyboard...)
		return
	}
	if branch, ok := f.branchOfCode(r.Ctx, code); ok {
		f.joinByLink(r, branch)
		return
	}
	if code != "-" && code != posterCode {
		if f.redeem(r, code) {
			r.SyncCommands(*r.Member)
		}
		return
	}
	text, k := Welcome(r.L, *r.Member)
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

// onConsent handles the picker, the branch list and the privacy note before
// and at consent: "1:c:<lang>:ask|br|yes|no:<code>".
func (f *Feature) onConsent(r *chat.Request) {
	lang, step, code := r.Args[0], r.Args[1], r.Args[2]
	if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.L = f.Cat.For(lang)
	switch step {
	case "ask":
		if r.Member != nil { // pressed an old picker after joining: just change language
			f.setLanguage(r, lang)
			return
		}
		r.Toast("")
		if !f.closePicker(r) {
			return // a second tap on the same language: its note is already there
		}
		if f.askBranch(r, lang, &code) {
			return
		}
		text, k := f.ConsentNote(r.L, lang, code, f.joiningRole(r, code))
		r.Say(text, k...)
	case "no":
		r.Toast("")
		if r.Member != nil { // a member withdrawing consent on an old note: offer to delete, as /forget does
			f.cmdForget(r)
			return
		}
		if err := f.Store.Bump(r.Ctx, "consent_declined"); err != nil {
			f.Log.Warn("count refusal", "err", err)
		}
		r.Show(r.L.T("ConsentDeclined", nil))
	case "br":
		f.onBranchPicked(r, lang, code)
	case "yes":
		f.consent(r, lang, code)
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
func (f *Feature) closePicker(r *chat.Request) bool {
	if r.CbMsgID == 0 {
		return true
	}
	return !errors.Is(r.EditInNow(r.ChatID, r.CbMsgID, "✅ "+r.L.T("LanguageName", nil), nil), chat.ErrNotModified)
}

// ConsentNote is the privacy note for a newcomer who would join as role, with
// the question whether to join, in language lang, carrying the deep-link code
// on to the answer.
func (f *Feature) ConsentNote(L *locales.Localizer, lang, code string, role domain.Role) (string, chat.Keyboard) {
	ctx := context.Background()
	return f.privacyTextFor(ctx, L, role, f.groupFor(ctx, L, code)) + "\n\n" + L.T("PrivacyAsk", nil), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnConsentYes", nil), ActConsent, lang, "yes", code)),
		chat.Row(chat.Btn(L.T("BtnConsentNo", nil), ActConsent, lang, "no", code)),
	}
}

// joiningRole is the role a newcomer would have on joining through code: a
// configured coordinator's, the invite link's, or a participant's.
func (f *Feature) joiningRole(r *chat.Request, code string) domain.Role {
	if f.Coordinators[r.From.ID] {
		return domain.RoleCoordinator
	}
	if code == "-" || code == posterCode {
		return domain.RoleParticipant
	}
	role, err := f.Store.InviteRole(r.Ctx, code, f.Now())
	if err != nil {
		f.Log.Warn("invite role", "err", err)
		return domain.RoleParticipant
	}
	return role
}

// consent stores the new member (the only point where anything about them is
// kept), applies a deep-link invite, and shows the welcome.
func (f *Feature) consent(r *chat.Request, lang, code string) {
	role := domain.RoleParticipant
	branch, joinLink := f.branchOfCode(r.Ctx, code)
	if f.Coordinators[r.From.ID] && branch == domain.DefaultBranchID { // the configured ones coordinate the first branch
		role = domain.RoleCoordinator
	}
	m, err := f.Store.Register(r.Ctx, domain.Registration{
		ID: r.From.ID, ChatID: r.ChatID, DisplayName: displayName(r), Language: lang, Role: role, BranchID: branch,
	}, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member = &m
	r.Toast("")
	f.Wake() // the scheduler invites a new member to the events still open to answers
	if code == posterCode {
		if err := f.Store.Bump(r.Ctx, "joined_by_poster"); err != nil {
			f.Log.Warn("count poster join", "err", err)
		}
	}
	text, k := Welcome(r.L, m)
	r.Show(text, k...)
	if joinLink {
		r.Say(r.L.T("BranchJoined", locales.Data{"Branch": r.BranchName(branch)}))
	} else if code != "-" && code != posterCode {
		f.redeem(r, code)
	}
	// The one place a new member's menu is set, whatever the link was worth:
	// a configured coordinator who opened a dead or lower link needs theirs.
	r.SyncCommands(*r.Member)
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
// It reports whether the role changed; the caller brings the command menu in
// line (consent always does, as the role may come from the configuration).
func (f *Feature) redeem(r *chat.Request, code string) (raised bool) {
	m, raised, err := f.Store.RedeemInvite(r.Ctx, r.Member.ID, code, f.Now())
	switch {
	case errors.Is(err, domain.ErrNotFound), errors.Is(err, domain.ErrInviteExpired), errors.Is(err, domain.ErrInviteUsedUp),
		errors.Is(err, domain.ErrInviteRevoked):
		r.Say(r.L.T("InviteInvalid", nil))
		return false
	case err != nil:
		r.Fail(err)
		return false
	}
	r.Member = &m
	if !raised { // already at or above the link's role: nothing to announce
		text, k := Welcome(r.L, m)
		r.Say(text, k...)
		return false
	}
	r.Say(r.L.T(roleNowKey[m.Role], nil), chat.MainMenu(r.L, m)...)
	return true
}

var roleNowKey = map[domain.Role]string{
	domain.RoleParticipant: "RoleNowParticipant",
	domain.RoleVolunteer:   "RoleNowVolunteer",
	domain.RoleCoordinator: "RoleNowCoordinator",
}

// Welcome is the greeting with the main menu.
func Welcome(L *locales.Localizer, m domain.Member) (string, chat.Keyboard) {
	text := L.T("Welcome", locales.Data{"Name": m.DisplayName})
	switch m.Role {
	case domain.RoleVolunteer:
		text += "\n\n" + L.T("WelcomeVolunteer", nil)
	case domain.RoleCoordinator:
		text += "\n\n" + L.T("WelcomeCoordinator", nil)
	}
	return text, chat.MainMenu(L, m)
}
