package people

import (
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

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
func languagePicker(cat *locales.Catalog, guess string, data func(lang string) string) (string, chat.Keyboard) {
	var prompts []string
	order := append([]string(nil), locales.Languages...)
	if guess != "" {
		order = append([]string{guess}, without(order, guess)...)
	}
	var keyboard chat.Keyboard
	for _, lang := range order {
		L := cat.For(lang)
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

// cmdLanguage shows the picker; before consent it is the start of onboarding.
func (f *Feature) cmdLanguage(r *chat.Request) {
	if r.Member == nil {
		f.cmdStart(r)
		return
	}
	text, keyboard := LanguagePicker(f.Cat, r.Member.Language)
	r.Say(text, append(keyboard, chat.Row(f.secondButton(r.L, *r.Member)))...)
}

// LanguagePicker is the picker of /language for a member whose language is
// current: it comes first, marked.
func LanguagePicker(cat *locales.Catalog, current string) (string, chat.Keyboard) {
	return languagePicker(cat, current, func(lang string) string { return chat.Payload(ActLang, lang) })
}

// onLanguage changes a member's language.
func (f *Feature) onLanguage(r *chat.Request) {
	lang := r.Args[0]
	if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if r.Member == nil { // an old picker from before /forget: start over
		r.Args = []string{lang, "ask", "-"}
		f.onConsent(r)
		return
	}
	f.setLanguage(r, lang)
}

func (f *Feature) setLanguage(r *chat.Request, lang string) {
	m, err := f.Store.SetLanguage(r.Ctx, r.Member.ID, lang)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member, r.L = &m, f.Cat.Reader(m.Reader())
	r.Toast("")
	r.Show(r.L.T("LanguageChanged", nil), chat.MainMenu(r.L, m)...)
	r.SyncCommands(m)
}

// cmdHelp lists what the member can do: their role's commands
// (chat.Help), then how to ask the coordinators, or for coordinators where
// the questions arrive.
func (f *Feature) cmdHelp(r *chat.Request) {
	text := chat.Help(r.L, r.Role())
	switch {
	case r.Role() == domain.RoleCoordinator:
		text += "\n\n" + r.L.T("HelpInbox", nil)
	case r.Member != nil:
		text += "\n\n" + r.L.T("HelpAskUs", locales.Data{"Group": f.Group(r.L.Lang())})
	}
	if r.Member == nil {
		r.Say(text)
		return
	}
	r.Say(text, chat.MainMenu(r.L, *r.Member)...)
}
