package main

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestShiftPreviewSaysWhoReadsWhat: a coordinator writing the role only in
// Danish sees, before saving, that the Arabic volunteer would get Danish, and
// adds Arabic with ➕, which returns to the preview.
func TestShiftPreviewSaysWhoReadsWhat(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 11, 9, 0, 0, 0, cph)}
	f := startFlow(t, withCoordinators(9501), withClock(clock))
	c := tgfake.User{ID: 9501, FirstName: "Mette", LanguageCode: "da"}
	f.join(c, "da")
	f.join(tgfake.User{ID: 9502, FirstName: "Yonas", LanguageCode: "ar"}, "ar")
	if _, err := f.store.SetRole(context.Background(), 1, 9502, domain.RoleVolunteer, clock.now(), false); err != nil {
		t.Fatal(err)
	}
	D := f.cat.For("da")

	f.ask(c, "/newshift", D.T("NewShiftAskRole", nil))
	f.ask(c, "Vært", D.T("NewShiftRoles", locales.Data{"Role": "Vært"}))
	f.tap(c, D.T("BtnContinue", nil))
	f.waitAny(c, D.T("NewShiftAskWhere", nil))
	f.tap(c, D.T("BtnShiftOnce", nil))
	f.waitAny(c, D.T("NewShiftAskStart", nil))
	f.ask(c, "22.01.2027 10:00", D.T("NewShiftAskEnd", nil))
	f.ask(c, "12:00", D.T("NewShiftAskPlace", nil))
	f.ask(c, "Biblioteket", D.T("NewShiftAskNeeded", nil))
	f.tap(c, "1")
	f.waitAny(c, D.T("NewShiftAskCert", nil))
	f.tap(c, D.T("BtnCertNotRequired", nil))
	f.waitAny(c, D.T("NewShiftAskWish", nil))
	f.tap(c, D.T("BtnNoLanguageWish", nil))
	m := f.waitText(c, D.T("ShiftPreview", nil))
	expectReaders(t, f, m, []string{D.T("WrittenReadersHead", nil), readersLine(f, "ar", 1, "da")}, "ar")

	f.tap(c, D.Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]}))
	f.waitText(c, D.T("NewShiftAskRoleIn", locales.Data{"Language": D.Name("ar")}))
	m = f.send(c, "مضيف", D.T("ShiftPreview", nil)) // back to the preview
	expectReaders(t, f, m, []string{readersLine(f, "ar", 1, "ar")})
	f.tap(c, D.T("BtnSaveShift", nil))
	f.waitText(c, D.T("ShiftSaved", locales.Data{"Role": "Vært"}))
	if n := f.count(`SELECT count(*) FROM shifts WHERE roles LIKE '%مضيف%'`); n != 1 {
		t.Errorf("%d shifts with the Arabic role, want 1", n)
	}
}
