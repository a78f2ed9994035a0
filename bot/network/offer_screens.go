package network

import (
	"slices"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The questions of the offer chat, its preview, and the draft turned into
// the offer saved.

// kindNames are the message ids of who a network family is, as buttons
// name them; languages, free times and help are named by langName,
// freeName and helpName, as on a referral.
var kindNames = map[string]string{"woman": "NetfamKindWoman", "man": "NetfamKindMan", "couple": "NetfamKindCouple", "family": "NetfamKindFamily"}

// offerNames names the codes of set that are in codes, in set's order.
func offerNames(L *locales.Localizer, codes, set []string, name func(*locales.Localizer, string) string) locales.Isolated {
	var out []string
	for _, c := range set {
		if slices.Contains(codes, c) {
			out = append(out, name(L, c))
		}
	}
	return L.List(out)
}

// askOffer saves the draft at step and asks its question.
func askOffer(r *chat.Request, d offerDraft, step chat.Step) {
	d.Step = step
	if step == offerStepPreview {
		offerPreview(r, d)
		return
	}
	if !offerFlow.Save(r, d) {
		return
	}
	L := r.L
	switch step {
	case stepKind:
		k := chat.Keyboard{}
		for _, kind := range domain.FamilyKinds {
			k = append(k, chat.Row(chat.Btn(L.T(kindNames[kind], nil), actOfferFlow, "kind", kind)))
		}
		r.Show(L.T("NetfamAskKind", nil), append(k, chat.CancelRow(L))...)
	case offerStepLangs:
		r.Show(L.T("NetfamAskLanguages", nil), choices(L, "lang", domain.NetworkLanguages, d.Languages, langName, 2, offerStepLangs)...)
	case offerStepFree:
		r.Show(L.T("NetfamAskFree", nil), choices(L, "free", domain.FreeTimes, d.Free, freeName, 1, offerStepFree)...)
	case offerStepHelp:
		r.Show(L.T("NetfamAskHelp", nil), choices(L, "help", domain.HelpKinds, d.Help, helpName, 1, offerStepHelp)...)
	case stepCapacity:
		row := []domain.Button{}
		for n := 1; n <= 3; n++ {
			row = append(row, chat.Btn(strconv.Itoa(n), actOfferFlow, "cap", strconv.Itoa(n)))
		}
		r.Show(L.T("NetfamAskCapacity", nil), row, chat.CancelRow(L))
	case offerStepPostcode, stepHello, stepContact:
		ask := map[chat.Step]string{offerStepPostcode: "NetfamAskPostcode", stepHello: "NetfamAskHello", stepContact: "NetfamAskContact"}
		r.Show(L.T(ask[step], nil), chat.CancelRow(L))
	case stepHelloLang:
		r.Show(L.T("NetfamAskHelloIn", locales.Data{"Language": L.Name(d.Writing)}), chat.CancelRow(L))
	case stepHellos:
		k := helloButtons(r, d)
		k = append(k, chat.Row(chat.Btn(L.T("BtnContinue", nil), actOfferFlow, "done", string(stepHellos))), chat.CancelRow(L))
		r.Show(L.T("NetfamHellos", locales.Data{"Hello": d.Hello}), k...)
	}
}

// choices are the buttons of a multiple choice: a ✓ before each chosen,
// two to a row, then Done and ✖️.
func choices(L *locales.Localizer, op string, set, chosen []string, name func(*locales.Localizer, string) string, perRow int, step chat.Step) chat.Keyboard {
	k := chat.Keyboard{}
	var row []domain.Button
	for _, c := range set {
		label := name(L, c)
		if slices.Contains(chosen, c) {
			label = "✓ " + label
		}
		row = append(row, chat.Btn(label, actOfferFlow, op, c))
		if len(row) == perRow {
			k, row = append(k, row), nil
		}
	}
	if len(row) > 0 {
		k = append(k, row)
	}
	return append(k, chat.Row(chat.Btn(L.T("BtnNetfamDone", nil), actOfferFlow, "done", string(step))), chat.CancelRow(L))
}

// helloButtons are ➕ (or ✏️) for the hello in each language but Danish:
// the household reads it in its own language when it is written there.
func helloButtons(r *chat.Request, d offerDraft) chat.Keyboard {
	var row []domain.Button
	for _, lang := range locales.Languages {
		if lang != locales.Default {
			row = append(row, chat.LanguageButton(r.Env.Cat, r.L, lang, d.Hellos[lang] != "", actOfferFlow, "hello", lang))
		}
	}
	return chat.Keyboard{row}
}

// card turns the draft into the offer it saves.
func (d offerDraft) card(member int64) domain.OfferCard {
	c := domain.OfferCard{
		Offer: domain.Offer{MemberID: member, Kind: d.Kind, Languages: offerInOrder(d.Languages, domain.NetworkLanguages),
			Postcode: d.Postcode, Free: offerInOrder(d.Free, domain.FreeTimes), Help: offerInOrder(d.Help, domain.HelpKinds), Capacity: d.Capacity},
		Hello: d.Hello, Hellos: domain.Texts{}, Contact: d.Contact,
	}
	for k, v := range d.Hellos {
		c.Hellos[k] = v
	}
	return c
}

func offerInOrder(xs, set []string) []string {
	var out []string
	for _, x := range set {
		if slices.Contains(xs, x) {
			out = append(out, x)
		}
	}
	return out
}

// offerLines are the offer's fields, one a line, in the reader's language.
func offerLines(L *locales.Localizer, c domain.OfferCard) []string {
	lines := []string{
		L.T("NetfamLineKind", locales.Data{"Kind": L.T(kindNames[c.Kind], nil)}),
		L.T("NetfamLineLanguages", locales.Data{"Languages": offerNames(L, c.Languages, domain.NetworkLanguages, langName)}),
		L.T("NetfamLinePostcode", locales.Data{"Postcode": strconv.Itoa(c.Postcode)}),
		L.T("NetfamLineFree", locales.Data{"Free": offerNames(L, c.Free, domain.FreeTimes, freeName)}),
		L.T("NetfamLineHelp", locales.Data{"Help": offerNames(L, c.Help, domain.HelpKinds, helpName)}),
		L.T("NetfamLineCapacity", locales.Data{"Count": c.Capacity}),
		L.T("NetfamLineHello", locales.Data{"Language": L.Name(locales.Default), "Hello": c.Hello}),
	}
	for _, lang := range locales.Languages {
		if h := c.Hellos[lang]; h != "" && lang != locales.Default {
			lines = append(lines, L.T("NetfamLineHello", locales.Data{"Language": L.Name(lang), "Hello": h}))
		}
	}
	return append(lines, L.T("NetfamLineContact", locales.Data{"Contact": c.Contact}))
}

// offerPreview shows the offer as it will be saved, with ✏️ per field.
func offerPreview(r *chat.Request, d offerDraft) {
	d.Step = offerStepPreview
	if d.card(r.Member.ID).Check() != nil {
		r.Expired()
		return
	}
	if !offerFlow.Save(r, d) {
		return
	}
	L := r.L
	lines := append([]string{L.T("NetfamPreview", nil), ""}, offerLines(L, d.card(r.Member.ID))...)
	edit := func(key string, step chat.Step) domain.Button {
		return chat.Btn(L.T(key, nil), actOfferFlow, "edit", string(step))
	}
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnNetfamSave", nil), actOfferFlow, "save", "ok"))}
	k = append(k, helloButtons(r, d)...)
	r.Show(strings.Join(lines, "\n"), append(k,
		chat.Row(edit("BtnNetfamEditKind", stepKind), edit("BtnNetfamEditLanguages", offerStepLangs)),
		chat.Row(edit("BtnNetfamEditPostcode", offerStepPostcode), edit("BtnNetfamEditFree", offerStepFree)),
		chat.Row(edit("BtnNetfamEditHelp", offerStepHelp), edit("BtnNetfamEditCapacity", stepCapacity)),
		chat.Row(edit("BtnNetfamEditHello", stepHello), edit("BtnNetfamEditContact", stepContact)),
		chat.CancelRow(L))...)
}

// saveOffer saves the offer in the branch the member volunteers in, and
// ends the chat.
func (f *Feature) saveOffer(r *chat.Request, d offerDraft) {
	c := d.card(r.Member.ID)
	err := f.Store.UpsertOffer(r.Ctx, r.Acting(domain.RoleVolunteer), c, f.Now())
	if r.Failed(err, "ButtonExpired") {
		return
	}
	offerFlow.Finish(r)
	r.Toast("")
	saved, err := f.Store.Offer(r.Ctx, r.Member.ID)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	f.showOfferWith(r, r.L.T("NetfamSaved", nil), saved)
}
