package bot

import (
	"strings"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// /profile: a volunteer's (or coordinator's) shift profile: the languages
// they speak, chosen with buttons (shifts with a language wish are offered
// to them first), and their child protection certificate, which only a
// coordinator records (/volunteers).

func (a *App) cmdProfile(r *req) { a.showProfile(r) }

func (a *App) showProfile(r *req) {
	v, err := a.store.Volunteer(r.ctx, r.member.ID)
	if err != nil {
		r.fail(err)
		return
	}
	L := r.L
	lines := []string{L.T("ProfileTitle", nil), "", L.T("ProfileLanguagesAsk", nil)}
	lines = append(lines, a.certLine(L, v))
	k := kb{}
	for _, lang := range locales.Languages {
		label := a.cat.For(lang).T("LanguageName", nil)
		if v.Speaks(lang) {
			label = "✅ " + label
		}
		k = append(k, row(btn(label, actProfileLang, lang)))
	}
	k = append(k, row(btn(L.T("BtnShifts", nil), actShiftList)))
	r.show(strings.Join(lines, "\n"), k...)
}

// certLine says until when the certificate is valid, or that none is recorded.
func (a *App) certLine(L *locales.Localizer, v domain.Volunteer) string {
	if v.CertValidUntil == nil {
		return L.T("ProfileNoCertificate", nil)
	}
	if !v.CertValidOn(a.now(), a.loc()) {
		return L.T("ProfileCertificateExpired", locales.Data{"Date": L.Date(certDate(*v.CertValidUntil, a.loc()))})
	}
	return L.T("ProfileCertificate", locales.Data{"Date": L.Date(certDate(*v.CertValidUntil, a.loc()))})
}

// onProfileLang toggles a language the volunteer speaks: "1:pl:<lang>".
func (a *App) onProfileLang(r *req) {
	lang := r.args[0]
	if !locales.Supported(lang) {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	v, err := a.store.Volunteer(r.ctx, r.member.ID)
	if err != nil {
		r.fail(err)
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
	if err := a.store.SetLanguages(r.ctx, r.member.ID, langs, a.now()); err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	a.showProfile(r)
}
