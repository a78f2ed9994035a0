package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestNetworkFamilyOfferFlow walks /networkfamily through the real bot
// and the fake Telegram, for a Danish volunteer and for one who reads
// Arabic and writes the hello in Arabic too: every question answered with
// taps and typed text, a wrong postcode refused, the preview, ✅ Save, the
// offer stored in the branch, /networkfamily again showing it, a pause of
// a month and the resumption; a participant is refused, and a /cancel in
// the middle of another volunteer's chat saves nothing.
func TestNetworkFamilyOfferFlow(t *testing.T) {
	for _, lang := range []string{"da", "ar"} {
		t.Run(lang, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 1, 13, 10, 0, 0, 0, cph)}
			f := startFlow(t, withClock(clock))
			ctx := context.Background()
			lars := tgfake.User{ID: 9401, FirstName: "Lars", LanguageCode: lang}
			eve := tgfake.User{ID: 9402, FirstName: "Eve", LanguageCode: "en"}
			omar := tgfake.User{ID: 9403, FirstName: "Omar", LanguageCode: "ar"}
			for _, u := range []tgfake.User{lars, eve, omar} {
				f.join(u, u.LanguageCode)
			}
			for _, u := range []tgfake.User{lars, eve} {
				if _, err := f.store.SetRole(ctx, 1, u.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
					t.Fatal(err)
				}
			}
			L := f.cat.For(lang)
			f.send(omar, "/networkfamily", f.T("ar", "VolunteersOnly", nil))

			f.send(lars, "/networkfamily", L.T("NetfamAskKind", nil))
			f.tap(lars, L.T("NetfamKindFamily", nil))
			f.waitText(lars, L.T("NetfamAskLanguages", nil))
			f.tap(lars, L.Name("ar"))
			f.waitButton(lars, "✓ "+L.Name("ar"))
			f.tap(lars, L.T("BtnNetfamDone", nil))
			f.waitText(lars, L.T("NetfamAskPostcode", nil))
			f.send(lars, "275", L.T("NetfamPostcodeInvalid", nil))
			f.send(lars, "2750", L.T("NetfamAskFree", nil))
			f.tap(lars, L.T("NetFreeWeekend", nil))
			f.waitButton(lars, "✓ "+L.T("NetFreeWeekend", nil))
			f.tap(lars, L.T("BtnNetfamDone", nil))
			f.waitText(lars, L.T("NetfamAskHelp", nil))
			f.tap(lars, L.T("NetHelpBike", nil))
			f.waitButton(lars, "✓ "+L.T("NetHelpBike", nil))
			f.tap(lars, L.T("BtnNetfamDone", nil))
			f.waitText(lars, L.T("NetfamAskCapacity", nil))
			f.tap(lars, "2")
			f.waitText(lars, L.T("NetfamAskHello", nil))
			f.send(lars, "Hej! Vi er Lars og Sanne.", "Hej! Vi er Lars og Sanne.")
			if lang == "ar" {
				f.tap(lars, L.T("BtnAddLanguage", locales.Data{"Language": f.T("ar", "LanguageName", nil)}))
				f.waitText(lars, L.T("NetfamAskHelloIn", locales.Data{"Language": L.Name("ar")}))
				f.send(lars, "مرحبا! نحن لارس وسانه.", "Hej! Vi er Lars og Sanne.")
				f.waitButton(lars, L.T("BtnEditLanguage", locales.Data{"Language": f.T("ar", "LanguageName", nil)}))
			}
			f.tap(lars, L.T("BtnContinue", nil))
			f.waitText(lars, L.T("NetfamAskContact", nil))
			f.send(lars, "+45 12 34 56 78", L.T("NetfamPreview", nil))
			f.tap(lars, L.T("BtnNetfamSave", nil))
			f.waitText(lars, L.T("NetfamSaved", nil))

			m, _ := f.member(lars.ID)
			c, err := f.store.Offer(ctx, m.ID)
			if err != nil || c.BranchID != 1 || c.Kind != "family" || strings.Join(c.Languages, ",") != "da,ar" || c.Postcode != 2750 ||
				c.Capacity != 2 || c.Contact != "+45 12 34 56 78" || c.Hello != "Hej! Vi er Lars og Sanne." {
				t.Fatalf("stored %+v, %v", c, err)
			}
			if lang == "ar" && c.Hellos["ar"] != "مرحبا! نحن لارس وسانه." {
				t.Errorf("the Arabic hello: %q", c.Hellos["ar"])
			}

			f.send(lars, "/networkfamily", L.T("NetfamOfferTitle", nil))
			f.tap(lars, L.T("BtnNetfamPause", nil))
			f.waitText(lars, L.T("NetfamPauseAsk", nil))
			f.tap(lars, L.N("BtnNetfamPauseMonths", 1, nil))
			until := time.Date(2027, 2, 13, 0, 0, 0, 0, cph)
			f.waitText(lars, L.T("NetfamPaused", locales.Data{"Date": L.Date(until)}))
			if n := f.count(`SELECT count(*) FROM network_offers WHERE member_id = ? AND paused_until IS NOT NULL`, m.ID); n != 1 {
				t.Errorf("not paused: %d", n)
			}
			f.tap(lars, L.T("BtnNetfamResume", nil))
			f.waitText(lars, L.T("NetfamResumed", nil))

			// Another volunteer cancels half-way: nothing is stored.
			f.send(eve, "/networkfamily", f.T("en", "NetfamAskKind", nil))
			f.tap(eve, f.T("en", "NetfamKindWoman", nil))
			f.waitText(eve, f.T("en", "NetfamAskLanguages", nil))
			f.send(eve, "/cancel", f.T("en", "Cancelled", nil))
			if n := f.count(`SELECT count(*) FROM network_offers`); n != 1 {
				t.Errorf("%d offers stored", n)
			}
		})
	}
}
