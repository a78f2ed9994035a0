package network

import (
	"errors"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The end of /newreferral: the referral as it will be saved, ✏️ per part,
// ✅ Save and ✖️.

// refParts are the parts ✏️ changes, each with the step it starts at.
var refParts = []struct {
	Key   string
	Field string
	Step  chat.Step
}{
	{"household", "RefFieldHousehold", stepAdults}, {"langs", "RefFieldLanguages", stepLangs}, {"area", "RefFieldArea", stepPostcode},
	{"help", "RefFieldHelp", stepHelp}, {"free", "RefFieldFree", stepFree}, {"wish", "RefFieldWish", stepWish},
	{"consent", "RefFieldConsent", stepCName},
}

// recordedLines is what was recorded about a household, one part a line,
// in the reader's language. Contact details are not among them: only
// whether each may be passed on.
func recordedLines(L *locales.Localizer, ref domain.Referral) []string {
	line := func(field string, value locales.Isolated) string {
		return L.T("RefLine", locales.Data{"Field": locales.Isolated(L.T(field, nil)), "Value": value})
	}
	children := L.T("RefNoChildren", nil)
	if len(ref.ChildAges) > 0 {
		children = L.N("RefChildrenAges", len(ref.ChildAges), locales.Data{"Ages": agesText(L, ref.ChildAges)})
	}
	household := L.List([]string{L.N("RefAdults", ref.Adults, nil), children})
	area := strconv.Itoa(ref.Postcode)
	if ref.Town != "" {
		area += " " + ref.Town
	}
	none := locales.Isolated(L.T("RefNone", nil))
	orNone := func(s locales.Isolated) locales.Isolated {
		if s == "" {
			return none
		}
		return s
	}
	wish := none
	switch {
	case ref.Wish != "":
		wish = locales.Isolated(wishName(L, ref.Wish))
	case ref.WishText != "":
		wish = locales.Isolated(L.Isolate(ref.WishText))
	}
	yes := func(b bool) string {
		if b {
			return L.T("RefYes", nil)
		}
		return L.T("RefNo", nil)
	}
	return []string{
		line("RefFieldHousehold", household),
		line("RefFieldLanguages", names(L, ref.Languages, langName)),
		line("RefFieldArea", locales.Isolated(L.Isolate(area))),
		line("RefFieldHelp", orNone(names(L, ref.Help, helpName))),
		line("RefFieldFree", orNone(names(L, ref.Free, freeName))),
		line("RefFieldWish", wish),
		L.T("RefConsentShare", locales.Data{"Name": yes(ref.Consent.FirstName), "Phone": yes(ref.Consent.Phone), "Address": yes(ref.Consent.Address)}),
		L.T("RefConsentGiven", locales.Data{"Date": L.Date(ref.Consent.Date), "How": howName(L, ref.Consent.How)}),
	}
}

// refPreview shows the referral as it will be saved, with the contact
// details typed (the card never shows them).
func refPreview(r *chat.Request, d refDraft) {
	L := r.L
	ref, ct := d.referral(r.Env.Loc())
	lines := append([]string{L.T("RefPreviewTitle", nil), ""}, recordedLines(L, ref)...)
	var details []string
	for _, s := range []string{ct.Name, ct.Phone, ct.Address} {
		if s != "" {
			details = append(details, s)
		}
	}
	if len(details) > 0 {
		lines = append(lines, L.T("RefContactLine", locales.Data{"Details": L.List(details)}))
	}
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnRefSave", nil), actRefFlow, "save", "ok"))}
	var row []domain.Button
	for _, p := range refParts {
		row = append(row, chat.Btn(L.T("BtnRefEdit", locales.Data{"Field": L.T(p.Field, nil)}), actRefFlow, "edit", p.Key))
		if len(row) == 2 {
			k, row = append(k, row), nil
		}
	}
	if row != nil {
		k = append(k, row)
	}
	r.Show(strings.Join(lines, "\n"), append(k, chat.CancelRow(L))...)
}

// onRefPreviewButton handles the preview's buttons: change a part, or save.
func (f *Feature) onRefPreviewButton(r *chat.Request, d refDraft, op, val string) {
	if op == "save" {
		f.saveReferral(r, d)
		return
	}
	for _, p := range refParts {
		if op == "edit" && val == p.Key {
			d.Edit = true
			if p.Step == stepAdults {
				d.Ages = nil
			}
			askRefStep(r, d, p.Step)
			return
		}
	}
	r.Expired()
}

// saveReferral stores the referral in the branch the coordinator acts in
// (or changes it in its own branch) and shows its card.
func (f *Feature) saveReferral(r *chat.Request, d refDraft) {
	ref, ct := d.referral(f.Loc())
	id, err := d.ID, error(nil)
	if d.ID == 0 {
		id, err = f.Store.CreateReferral(r.Ctx, r.Acting(domain.RoleCoordinator), ref, ct, r.Member.ID, f.Now())
	} else {
		err = f.Store.UpdateReferral(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), ref, ct, f.Now())
	}
	if errors.Is(err, domain.ErrInvalidReferral) {
		r.Expired()
		return
	}
	if r.Failed(err, "ButtonExpired") {
		return
	}
	refFlow.Finish(r)
	c, err := f.Store.Referral(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), id)
	if r.Failed(err, "ButtonExpired") {
		return
	}
	f.showCard(r, c, r.L.T("RefSaved", nil))
}

// onRefEdit opens a referral's preview from its card: "1:r5:<referral>".
func (f *Feature) onRefEdit(r *chat.Request) {
	c, ok := f.card(r, r.Args[0])
	if !ok {
		return
	}
	if c.Withdrawn {
		r.Expired()
		return
	}
	if refFlow.Begin(r, draftOf(c)) {
		refPreview(r, draftOf(c))
	}
}

// card reads the referral a button names, within the coordinator's
// branches: another branch's, or one that is gone, is a stale button.
func (f *Feature) card(r *chat.Request, idArg string) (storage.ReferralCard, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	c, err := f.Store.Referral(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), id)
	return c, !r.Failed(err, "ButtonExpired")
}
