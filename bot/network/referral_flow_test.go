package network

import (
	"context"
	"testing"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// walkReferral drives /newreferral from the command to the preview as m,
// checking that each step's question is in m's language (asks), and
// returns the preview's text.
func walkReferral(t *testing.T, e *refEnv, m domain.Member, asks map[string]string) string {
	t.Helper()
	L := e.f.Cat.Reader(m.Reader())
	step := func(want string, r *chat.Request) {
		t.Helper()
		w := L.T(want, locales.Data{"Example": "11.01.2027"})
		if got, _ := shown(r); !startsWith(got, w) {
			t.Fatalf("asked %q, want %s (%q)", got, want, w)
		}
	}
	r := e.typed(t, m, "")
	cmdNewReferral(r)
	step("RefAskAdults", r)
	if got, _ := shown(r); asks != nil && !startsWith(got, asks["adults"]) {
		t.Fatalf("the first question %q is not in %s", got, m.Language)
	}
	step("RefAskChildren", e.press(m, e.f.onRefFlow, "adults", "2"))
	e.press(m, e.f.onRefFlow, "age", "4")
	r = e.press(m, e.f.onRefFlow, "age", "9")
	if text, k := shown(r); !hasData(k, actRefFlow, "kids", "done") || !contains(text, string(agesText(L, []int{4, 9}))) {
		t.Fatalf("children so far %q", text)
	}
	step("RefAskLanguages", e.press(m, e.f.onRefFlow, "kids", "done"))
	if a := alert(e.press(m, e.f.onRefFlow, "done", "lang")); a != L.T("RefPickOneLanguage", nil) {
		t.Fatalf("Done with no language: %q", a)
	}
	e.press(m, e.f.onRefFlow, "lang", "ti")
	e.press(m, e.f.onRefFlow, "lang", "so")
	e.press(m, e.f.onRefFlow, "lang", "so")
	r = e.press(m, e.f.onRefFlow, "lang", "en")
	if _, k := shown(r); k[1][0].Text != "✓ "+L.Name("ti") || k[1][1].Text != "✓ "+L.Name("en") || k[2][0].Text != langName(L, "so") {
		t.Fatalf("the ✓ marks: %v", k)
	}
	step("RefAskPostcode", e.press(m, e.f.onRefFlow, "done", "lang"))
	step("RefPostcodeInvalid", e.typed(t, m, "99"))
	step("RefAskTown", e.typed(t, m, "2750"))
	step("RefAskHelp", e.typed(t, m, "Ballerup"))
	e.press(m, e.f.onRefFlow, "help", "school")
	step("RefAskFree", e.press(m, e.f.onRefFlow, "done", "help"))
	e.press(m, e.f.onRefFlow, "free", "weekend")
	step("RefAskWish", e.press(m, e.f.onRefFlow, "done", "free"))
	step("RefAskConsentName", e.press(m, e.f.onRefFlow, "wish", "family"))
	step("RefAskName", e.press(m, e.f.onRefFlow, "yes", "cname"))
	step("RefAskConsentPhone", e.typed(t, m, "Selam"))
	if a := alert(e.press(m, e.f.onRefFlow, "yes", "cname")); a != L.T("ButtonExpired", nil) {
		t.Fatalf("an old button: %q", a)
	}
	step("RefAskConsentAddress", e.press(m, e.f.onRefFlow, "no", "cphone"))
	step("RefAskConsentDate", e.press(m, e.f.onRefFlow, "no", "caddress"))
	step("RefConsentDateInvalid", e.typed(t, m, "01.01.2030"))
	step("RefAskConsentHow", e.typed(t, m, "05.01.2027"))
	r = e.press(m, e.f.onRefFlow, "how", "form")
	step("RefPreviewTitle", r)
	text, _ := shown(r)
	return text
}

func startsWith(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
func contains(s, p string) bool {
	for i := 0; i+len(p) <= len(s); i++ {
		if s[i:i+len(p)] == p {
			return true
		}
	}
	return false
}

// TestNewReferralFlow walks /newreferral as a Danish coordinator: buttons
// at each step, multi-select with ✓, typed postcode refused then taken,
// consent per detail, the preview with the typed first name, ✏️ of the
// languages back to the preview, ✅ saving in Ballerup with only the
// consented detail, and the card with its suggestion.
func TestNewReferralFlow(t *testing.T) {
	e := newRefEnv(t)
	L := e.f.Cat.For("da")
	text := walkReferral(t, e, e.mette, nil)
	mustContain(t, "preview", text, "2 voksne, 2 børn (4, 9 år)", "tigrinya, engelsk", "2750 Ballerup", "en familie med børn",
		"fornavn ja, telefon nej, adresse nej", "5. januar 2027", "Kontakt: Selam")
	r := e.press(e.mette, e.f.onRefFlow, "edit", "langs")
	if got, _ := shown(r); got != L.T("RefAskLanguages", nil) {
		t.Fatalf("✏️ languages asked %q", got)
	}
	e.press(e.mette, e.f.onRefFlow, "lang", "en")
	r = e.press(e.mette, e.f.onRefFlow, "done", "lang")
	if got, _ := shown(r); !contains(got, "Sprog: tigrinya\n") {
		t.Fatalf("back at the preview: %q", got)
	}
	r = e.press(e.mette, e.f.onRefFlow, "save", "ok")
	card, k := shown(r)
	mustContain(t, "card", card, L.T("RefSaved", nil), "1. Lars: taler tigrinya · samme by (2750)", "Sara: ingen gyldig børneattest")
	if contains(card, "Selam") {
		t.Errorf("the card shows a contact detail:\n%s", card)
	}
	waiting, err := e.b.Store.WaitingReferrals(context.Background(), []int64{1})
	if err != nil || len(waiting) != 1 || waiting[0].Languages[0] != "ti" || len(waiting[0].Languages) != 1 || waiting[0].Consent.How != "form" {
		t.Fatalf("stored %+v, %v", waiting, err)
	}
	if !hasData(k, actRefPropose, itoa(waiting[0].ID), itoa(e.lars.ID)) {
		t.Errorf("no 🤝 for Lars: %v", k)
	}
	var name, phone string
	if err := e.b.DB.QueryRow(`SELECT contact_name, contact_phone FROM referrals`).Scan(&name, &phone); err != nil || name != "Selam" || phone != "" {
		t.Errorf("contact details stored: %q %q %v", name, phone, err)
	}
	if _, ok := refFlow.Load(e.typed(t, e.mette, "x")); ok {
		t.Error("the draft outlived ✅")
	}
}

// TestNewReferralFlowInArabic: an Arabic coordinator gets every question,
// the language buttons and the preview in Arabic.
func TestNewReferralFlowInArabic(t *testing.T) {
	e := newRefEnv(t)
	L := e.f.Cat.For("ar")
	text := walkReferral(t, e, e.rania, map[string]string{"adults": "إحالة جديدة"})
	mustContain(t, "preview", text, L.T("RefPreviewTitle", nil), "طفلان", "التغرينية", L.T("NetWishFamily", nil), "استمارة البلدية")
	r := e.press(e.rania, e.f.onRefFlow, "save", "ok")
	card, _ := shown(r)
	mustContain(t, "card", card, L.T("RefSaved", nil), L.T("RefNotCertificate", nil))
}

// TestChangeReferralFromItsCard: ✏️ on the card opens the preview of the
// stored referral; changing the area goes back to the preview, and ✅
// changes the referral in place (no second one).
func TestChangeReferralFromItsCard(t *testing.T) {
	e := newRefEnv(t)
	id := e.referral(t, 1, e.now)
	text, _ := shown(e.press(e.mette, e.f.onRefEdit, itoa(id)))
	mustContain(t, "preview", text, "Tjek henvisningen", "Kontakt: Selam")
	e.press(e.mette, e.f.onRefFlow, "edit", "area")
	e.typed(t, e.mette, "2740")
	text, _ = shown(e.press(e.mette, e.f.onRefFlow, "town", "none"))
	mustContain(t, "preview after ✏️", text, "Område: 2740\n")
	text, _ = shown(e.press(e.mette, e.f.onRefFlow, "save", "ok"))
	mustContain(t, "card", text, "📄 Henvisning nr. 1,", "Område: 2740\n")
	var n int
	if err := e.b.DB.QueryRow(`SELECT count(*) FROM referrals WHERE postcode = 2740`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d changed, %v", n, err)
	}
	if err := e.b.DB.QueryRow(`SELECT count(*) FROM referrals`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d referrals", n)
	}
}
