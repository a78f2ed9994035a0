package shifts

import (
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /profile: a volunteer's (or coordinator's) shift profile: the languages
// they speak, chosen with buttons (shifts with a language wish are offered
// to them first), and their child protection certificate, which only a
// coordinator records (/volunteers).

func (f *Feature) cmdProfile(r *chat.Request) { f.showProfile(r) }

func (f *Feature) showProfile(r *chat.Request) {
	v, err := f.Store.Volunteer(r.Ctx, r.Member.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	lines := []string{L.T("ProfileTitle", nil), "", L.T("ProfileLanguagesAsk", nil)}
	lines = append(lines, certLine(f.Env, L, v))
	k := chat.Keyboard{}
	for _, lang := range locales.Languages {
		label := f.Cat.For(lang).T("LanguageName", nil)
		if v.Speaks(lang) {
			label = "✅ " + label
		}
		k = append(k, chat.Row(chat.Btn(label, actProfileLang, lang)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnShifts", nil), actShiftList)))
	r.Show(strings.Join(lines, "\n"), k...)
}

// certLine says until when the certificate is valid, or that none is recorded.
func certLine(env *chat.Env, L *locales.Localizer, v domain.Volunteer) string {
	if v.CertValidUntil == nil {
		return L.T("ProfileNoCertificate", nil)
	}
	if !v.CertValidOn(env.Now(), env.Loc()) {
		return L.T("ProfileCertificateExpired", locales.Data{"Date": L.Date(certDate(*v.CertValidUntil, env.Loc()))})
	}
	return L.T("ProfileCertificate", locales.Data{"Date": L.Date(certDate(*v.CertValidUntil, env.Loc()))})
}

// onProfileLang toggles a language the volunteer speaks: "1:pl:<lang>".
func (f *Feature) onProfileLang(r *chat.Request) {
	lang := r.Args[0]
	if !locales.Supported(lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	v, err := f.Store.Volunteer(r.Ctx, r.Member.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	var langs []string
	for _, l := range v.Languages {
		if l != lang {
			langs = append(langs, l)
		}
	}
	if !v.Speaks(lang) {
		langs = append(langs, lang)
	}
	if err := f.Store.SetLanguages(r.Ctx, r.Member.ID, langs, f.Now()); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	f.showProfile(r)
}
