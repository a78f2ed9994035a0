package network

import (
	"errors"
	"strings"
	"sync"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The household's own view: the contact person opens the personal link
// from the referral card, is linked to the referral, and reads in their
// language what was recorded about the household. They can correct the
// languages and free times with buttons, and withdraw the consent: then
// the contact details are deleted and any proposal or match ends (the
// network family is told only that it ended).

// actHousehold is the household's buttons: "1:r7:<op>:<value>".
var actHousehold = chat.NewAction("r7", chat.Word, chat.Code)

// startCodes remembers the Envs whose /start codes this feature already
// takes: the routes are built more than once (the index, tests).
var startCodes sync.Map

// takeStartCodes registers the household's link with the Env, once.
func (f *Feature) takeStartCodes() {
	if _, done := startCodes.LoadOrStore(f.Env, true); !done {
		f.OnStartCode(f.onStartCode)
	}
}

// onStartCode links a member who opened a household's personal link to
// its referral; a code that is not a referral's is left to onboarding.
func (f *Feature) onStartCode(r *chat.Request, code string) bool {
	if r.Member == nil || len(code) != 13 || code[0] != 'r' {
		return false
	}
	c, err := f.Store.LinkReferral(r.Ctx, code, r.Member.ID, f.Now())
	if errors.Is(err, domain.ErrNotFound) {
		return false
	}
	if err != nil {
		r.Fail(err)
		return true
	}
	showHousehold(r, c, r.L.T("HhLinked", nil))
	return true
}

// showHousehold shows the household what was recorded about it.
func showHousehold(r *chat.Request, c storage.ReferralCard, head string) {
	L := r.L
	lines := []string{}
	if head != "" {
		lines = append(lines, head, "")
	}
	lines = append(append(append(lines, L.T("HhTitle", nil)), recordedLines(L, c.Referral)...), "", L.T("HhNext", nil))
	r.Show(strings.Join(lines, "\n"),
		chat.Row(chat.Btn(L.T("BtnHhLangs", nil), actHousehold, "langs", "0"), chat.Btn(L.T("BtnHhFree", nil), actHousehold, "frees", "0")),
		chat.Row(chat.Btn(L.T("BtnHhWithdraw", nil), actHousehold, "withdraw", "ask")))
}

// householdPicker is the household's multi-select of languages or free times.
func householdPicker(r *chat.Request, c storage.ReferralCard, op string) {
	L := r.L
	all, chosen, name, ask := domain.NetworkLanguages, c.Languages, langName, "HhPickLanguages"
	if op == "free" {
		all, chosen, name, ask = domain.FreeTimes, c.Free, freeName, "HhPickFree"
	}
	k := chat.Keyboard{}
	var row []domain.Button
	for _, x := range all {
		label := name(L, x)
		if inList(chosen, x) {
			label = "✓ " + label
		}
		if row = append(row, chat.Btn(label, actHousehold, op, x)); len(row) == 2 {
			k, row = append(k, row), nil
		}
	}
	if row != nil {
		k = append(k, row)
	}
	r.Show(L.T(ask, nil), append(k, chat.Row(chat.Btn(L.T("BtnRefDone", nil), actHousehold, "view", "0")))...)
}

// onHousehold handles the household's buttons, on its own referral only.
func (f *Feature) onHousehold(r *chat.Request) {
	c, err := f.Store.HouseholdReferral(r.Ctx, r.Member.ID)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "view":
		showHousehold(r, c, "")
	case op == "langs":
		householdPicker(r, c, "lang")
	case op == "frees":
		householdPicker(r, c, "free")
	case op == "lang" && inList(domain.NetworkLanguages, val), op == "free" && inList(domain.FreeTimes, val):
		f.householdToggle(r, c, op, val)
	case op == "withdraw" && val == "ask":
		r.Show(r.L.T("HhWithdrawAsk", nil), chat.Row(chat.Btn(r.L.T("BtnHhWithdrawYes", nil), actHousehold, "withdraw", "yes")),
			chat.Row(chat.Btn(r.L.T("BtnBack", nil), actHousehold, "view", "0")))
	case op == "withdraw" && val == "yes":
		if _, err := f.Store.WithdrawConsent(r.Ctx, r.Member.ID, f.Now()); r.Failed(err, "ButtonExpired") {
			return
		}
		f.Wake()
		r.Show(r.L.T("HhWithdrawn", nil))
	default:
		r.Expired()
	}
}

// householdToggle changes one language or free time and stores it at once.
func (f *Feature) householdToggle(r *chat.Request, c storage.ReferralCard, op, val string) {
	if op == "lang" {
		c.Languages = inOrder(toggle(c.Languages, val), domain.NetworkLanguages)
		if len(c.Languages) == 0 {
			r.Alert(r.L.T("RefPickOneLanguage", nil))
			return
		}
	} else {
		c.Free = inOrder(toggle(c.Free, val), domain.FreeTimes)
	}
	if err := f.Store.SetHouseholdChoices(r.Ctx, r.Member.ID, c.Languages, c.Free, f.Now()); r.Failed(err, "ButtonExpired") {
		return
	}
	householdPicker(r, c, op)
}

// consentEnded is the network family's notice that a proposal or match
// ended because the household withdrew: it says only that it ended.
func consentEnded(L *locales.Localizer, _ domain.Member, _ domain.NetworkMatchValues) outbox.Rendered {
	return chat.Text(L.T("NetConsentEndedNotice", nil), nil)
}
