package main

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestShiftCoordinatorFlow: a coordinator creates shifts with /newshift
// (one at every café, one standalone; ✖️ leaves nothing behind), sees them
// in /staffing, puts a volunteer on one and takes him off again; the
// volunteer is told both times; then changes how many the shift needs,
// and records a certificate that runs out soon (flagged once).
func TestShiftCoordinatorFlow(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 11, 9, 0, 0, 0, cph)}
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	ctx := context.Background()
	if _, err := importPlan(ctx, f.store, "plan.toml", []byte(cafePlan), clock.now()); err != nil {
		t.Fatal(err)
	}
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	lars := tgfake.User{ID: 9401, FirstName: "Lars", LanguageCode: "da"}
	f.join(coord, "da")
	f.join(lars, "da")
	if _, err := f.store.SetRole(ctx, 1, lars.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
		t.Fatal(err)
	}
	D := f.cat.For("da")

	// ✖️ at a step: nothing saved.
	f.ask(coord, "/newshift", D.T("NewShiftAskRole", nil))
	f.ask(coord, "Vært", D.T("NewShiftRoles", locales.Data{"Role": "Vært"}))
	f.tap(coord, D.T("BtnCancel", nil))
	f.waitAny(coord, D.T("StoppedNothingChanged", nil))

	// A host at every café, with an English title.
	f.ask(coord, "/newshift", D.T("NewShiftAskRole", nil))
	f.ask(coord, "Vært", D.T("NewShiftRoles", locales.Data{"Role": "Vært"}))
	f.tap(coord, D.Button("BtnAddLanguage", locales.Data{"Language": "English"}))
	f.waitAny(coord, D.T("NewShiftAskRoleIn", locales.Data{"Language": D.Name("en")}))
	f.ask(coord, "Host", D.T("NewShiftRoles", locales.Data{"Role": "Vært"}))
	f.tap(coord, D.T("BtnContinue", nil))
	f.waitAny(coord, D.T("NewShiftAskWhere", nil))
	f.tap(coord, cafe.Name)
	f.waitAny(coord, D.T("NewShiftAskNeeded", nil))
	f.tap(coord, "2")
	f.waitAny(coord, D.T("NewShiftAskCert", nil))
	f.tap(coord, D.T("BtnCertNotRequired", nil))
	f.waitAny(coord, D.T("NewShiftAskWish", nil))
	f.tap(coord, D.T("BtnNoLanguageWish", nil))
	f.waitAny(coord, D.T("ShiftEveryMeeting", locales.Data{"Title": cafe.Name}))
	f.tap(coord, D.T("BtnSaveShift", nil))
	f.waitAny(coord, D.T("ShiftSaved", locales.Data{"Role": "Vært"}))

	// A town walk once, for a family who speak Tigrinya; a bad end time is explained.
	f.ask(coord, "/newshift", D.T("NewShiftAskRole", nil))
	f.ask(coord, "Rundvisning", D.T("NewShiftRoles", locales.Data{"Role": "Rundvisning"}))
	f.tap(coord, D.T("BtnContinue", nil))
	f.waitAny(coord, D.T("NewShiftAskWhere", nil))
	f.tap(coord, D.T("BtnShiftOnce", nil))
	f.waitAny(coord, D.T("NewShiftAskStart", nil))
	f.ask(coord, "22.01.2027 10:00", D.T("NewShiftAskEnd", nil))
	f.ask(coord, "09:00", D.T("ShiftEndInvalid", locales.Data{"Start": "10:00", "Example": "12:00"}))
	f.ask(coord, "12:00", D.T("NewShiftAskPlace", nil))
	f.ask(coord, "Ballerup Station", D.T("NewShiftAskNeeded", nil))
	f.tap(coord, "1")
	f.waitAny(coord, D.T("NewShiftAskCert", nil))
	f.tap(coord, D.T("BtnCertRequired", nil))
	f.waitAny(coord, D.T("NewShiftAskWish", nil))
	f.tap(coord, D.Name("ti"))
	f.waitAny(coord, D.T("ShiftLanguageLine", locales.Data{"Language": D.Name("ti")}))
	f.tap(coord, D.T("BtnSaveShift", nil))
	f.waitAny(coord, D.T("ShiftSaved", locales.Data{"Role": "Rundvisning"}))
	if n := f.count(`SELECT count(*) FROM shifts`); n != 2 {
		t.Fatalf("%d shifts saved, want 2", n)
	}
	if n := f.count(`SELECT count(*) FROM shifts WHERE role = 'Rundvisning' AND requires_cert = 1 AND language = 'ti'
		AND place = 'Ballerup Station' AND activity_id IS NULL AND starts_at IS NOT NULL`); n != 1 {
		t.Error("the standalone shift was not saved as typed")
	}

	// /staffing: needed versus signed up; put Lars on the first café and take him off.
	cafe14 := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	date := buttonDate(f, "da", cafe14)
	f.ask(coord, "/staffing", D.T("StaffingLine", locales.Data{"Mark": "⚠️", "Date": date, "Time": "15:00",
		"Title": "Vært · " + cafe.Name, "Taken": 0, "Needed": 2, "Names": "—"}))
	f.tap(coord, D.Button("BtnStaffSlot", locales.Data{"Role": "Vært", "Date": date}))
	f.waitAny(coord, D.N("ShiftFree", 2, locales.Data{"Needed": 2}))
	f.tap(coord, D.T("BtnStaffAdd", nil))
	f.waitAny(coord, D.T("StaffPickVolunteer", locales.Data{"Title": "Vært · " + cafe.Name,
		"When": D.T("ShiftWhen", locales.Data{"When": D.DateTime(cafe14), "End": "17:00"})}))
	text, _ := f.tap(coord, "Lars")
	expectAnswer(t, "add Lars", text, false, D.T("StaffChangedToast", nil), false)
	f.waitAny(lars, D.T("ShiftAddedNotice", locales.Data{"Title": "Vært · " + cafe.Name}))
	f.waitButton(coord, D.Button("BtnStaffRemove", locales.Data{"Name": "Lars"}))
	f.tap(coord, D.Button("BtnStaffRemove", locales.Data{"Name": "Lars"}))
	f.waitAny(lars, D.T("ShiftRemovedNotice", locales.Data{"Title": "Vært · " + cafe.Name}))
	if n := f.count(`SELECT count(*) FROM shift_signups`); n != 0 {
		t.Errorf("%d sign-ups after taking Lars off", n)
	}

	// Editing: the café needs three hosts from now on.
	f.waitFor("the card without Lars", func() bool {
		m, _ := f.fake.LastMessage(coord.ID)
		return hasLabel(m, D.T("BtnEditShift", nil)) && !hasLabel(m, D.Button("BtnStaffRemove", locales.Data{"Name": "Lars"}))
	})
	f.tap(coord, D.T("BtnEditShift", nil))
	f.waitAny(coord, D.T("ShiftPreview", nil))
	f.tap(coord, D.T("BtnEditShiftNeeded", nil))
	f.waitAny(coord, D.T("NewShiftAskNeeded", nil))
	f.tap(coord, "3")
	f.waitAny(coord, D.N("ShiftNeeded", 3, nil))
	f.tap(coord, D.T("BtnSaveShift", nil))
	f.waitAny(coord, D.T("ShiftSaved", locales.Data{"Role": "Vært"}))
	if n := f.count(`SELECT needed FROM shifts WHERE role = 'Vært'`); n != 3 {
		t.Errorf("the host shift needs %d after the edit, want 3", n)
	}

	// Archiving: Lars is on the next café again; the shift goes, Lars is told.
	hostID := int64(f.count(`SELECT id FROM shifts WHERE role = 'Vært'`))
	if _, err := f.store.SignUp(ctx, []int64{domain.DefaultBranchID}, cph, hostID, cafe14, lars.ID, clock.now()); err != nil {
		t.Fatal(err)
	}
	f.ask(coord, "/staffing", D.T("StaffingTitle", nil))
	f.tap(coord, D.Button("BtnStaffSlot", locales.Data{"Role": "Vært", "Date": date}))
	f.waitButton(coord, D.T("BtnEditShift", nil))
	f.tap(coord, D.T("BtnEditShift", nil))
	f.waitButton(coord, D.T("BtnArchiveShift", nil))
	f.tap(coord, D.T("BtnArchiveShift", nil))
	f.waitAny(coord, D.T("ShiftArchiveConfirm", locales.Data{"Role": "Vært"}))
	f.tap(coord, D.T("BtnArchiveShiftYes", nil))
	f.waitAny(coord, D.N("ShiftArchived", 1, locales.Data{"Role": "Vært"}))
	f.waitAny(lars, D.T("ShiftRemovedNotice", locales.Data{"Title": "Vært · " + cafe.Name}))
	if n := f.count(`SELECT count(*) FROM shifts WHERE archived_at IS NULL`); n != 1 {
		t.Errorf("%d live shifts after archiving one of two", n)
	}

	// A certificate that runs out within 30 days is flagged to the coordinator, once.
	f.ask(coord, "/volunteers", D.N("VolunteersTitle", 2, nil))
	f.tap(coord, "Lars")
	f.waitAny(coord, D.T("ProfileNoCertificate", nil))
	f.tap(coord, D.T("BtnRecordCertificate", nil))
	f.waitAny(coord, D.T("CertAskDate", locales.Data{"Name": "Lars"}))
	f.ask(coord, "not a date", D.T("CertBadDate", nil))
	f.ask(coord, "01.02.2027", D.T("CertRecorded", locales.Data{"Name": "Lars", "Date": D.Date(time.Date(2027, 2, 1, 12, 0, 0, 0, cph))}))
	flag := D.T("CertExpiringNotice", locales.Data{"Name": "Lars", "Date": D.Date(time.Date(2027, 2, 1, 12, 0, 0, 0, cph))})
	f.waitAny(coord, flag)
	clock.set(clock.now().Add(24 * time.Hour))
	f.settle()
	if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND notice = ?`, coord.ID, domain.NoticeCertificateExpiring); n != 1 {
		t.Errorf("certificate flagged %d times, want once", n)
	}
}
