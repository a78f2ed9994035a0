package people

import (
	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// secondName is the member's second language by its own name, or "none".
func (f *Feature) secondName(L *locales.Localizer, m domain.Member) string {
	if m.SecondLanguage == "" || m.SecondLanguage == m.Language {
		return L.T("SecondLanguageNone", nil)
	}
	return f.Cat.For(m.SecondLanguage).T("LanguageName", nil)
}

// secondButton opens the choice of a second language, naming the current one.
func (f *Feature) secondButton(L *locales.Localizer, m domain.Member) domain.Button {
	return chat.Btn(L.T("BtnSecondLanguage", locales.Data{"Language": f.secondName(L, m)}), actSecond, "ask")
}

// onSecondLanguage shows the choice of a second language ("ask") or sets it
// (a language, or "none": Danish after the member's own).
func (f *Feature) onSecondLanguage(r *chat.Request) {
	m, arg := *r.Member, r.Args[0]
	if arg == "ask" {
		var k chat.Keyboard
		for _, lang := range locales.Languages {
			if lang == m.Language {
				continue
			}
			name := f.Cat.For(lang).T("LanguageName", nil)
			if lang == m.SecondLanguage {
				name = "✅ " + name
			}
			k = append(k, chat.Row(chat.Btn(name, actSecond, lang)))
		}
		r.Toast("")
		r.Show(r.L.T("SecondLanguagePrompt", nil), append(k, chat.Row(chat.Btn(r.L.T("BtnSecondLanguageNone", nil), actSecond, "none")))...)
		return
	}
	lang := arg
	if arg == "none" {
		lang = ""
	} else if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	m, err := f.Store.SetSecondLanguage(r.Ctx, m.ID, lang)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member, r.L = &m, f.Cat.Reader(m.Reader())
	r.Toast("")
	r.Show(r.L.T("SecondLanguageChanged", locales.Data{"Language": f.secondName(r.L, m)}), chat.MainMenu(r.L, m)...)
}
