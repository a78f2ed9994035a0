package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"vejviser/bot"
	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// forgetName is the member's name in TestForgetThroughTheChatLeavesNoBytes:
// long and odd enough that no other byte sequence in the files matches it.
const forgetName = "Zebulon-Quixotic-Forgettable"

// fillThroughTheChat makes u leave data in every table that can hold a
// member's: an answered invitation, a followed activity, a question in text
// and a voice note (answered, then muted), a certificate recorded by the
// coordinator, a shift taken and withdrawn late with a reason, and a
// step-by-step chat left open.
func fillThroughTheChat(f *flow, clock *testClock, coord, u tgfake.User) {
	f.t.Helper()
	D := f.cat.For("da")
	plan := shiftPlan + "\n" + strings.Replace(fastelavnPlan, "PLACE", "Ballerup Sprogskole", 1)
	if _, err := importPlan(context.Background(), f.store, "plan.toml", []byte(plan), clock.now()); err != nil {
		f.t.Fatal(err)
	}
	f.settle()
	f.waitAny(u, D.T("EventInvited", nil))
	deadline := time.Date(2027, 2, 3, 20, 0, 0, 0, cph)
	f.answerYes(u, D, "1", "0", D.T("EventRecordedYes", with(heads(1, 0), "When", D.DateTime(deadline))))

	f.send(u, "/activities", "Tal Dansk Café")
	f.tap(u, D.Button("BtnFollow", locales.Data{"Title": "Tal Dansk Café"}))
	f.waitText(u, D.T("ActivityFollowing", nil))

	received := D.T("AskReceived", locales.Data{"Group": groupIn("da")})
	f.send(u, "Hvor er caféen? Hilsen "+forgetName, received)
	f.waitText(coord, "Hvor er caféen?")
	f.tap(coord, D.T("BtnAskReply", nil))
	f.waitText(coord, D.T("AskWriteReply", locales.Data{"Name": forgetName, "Group": bot.DefaultGroupName}))
	f.ask(coord, "På biblioteket, "+forgetName, D.T("AskReplySent", locales.Data{"Name": forgetName}))
	f.waitAny(u, "På biblioteket")
	f.fake.SendMedia(u, tgfake.Media{Voice: 9})
	f.waitText(coord, D.T("AskKindVoice", nil))
	f.tap(coord, D.T("BtnAskMute", nil))

	if _, err := f.store.SetRole(context.Background(), 1, u.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
		f.t.Fatal(err)
	}
	f.ask(coord, "/volunteers", D.N("VolunteersTitle", 2, nil))
	f.tap(coord, forgetName)
	f.waitAny(coord, D.T("ProfileNoCertificate", nil))
	f.tap(coord, D.T("BtnRecordCertificate", nil))
	f.waitAny(coord, D.T("CertAskDate", locales.Data{"Name": forgetName}))
	f.ask(coord, "31.12.2027", D.T("ProfileCertificate", locales.Data{"Date": D.Date(time.Date(2027, 12, 31, 12, 0, 0, 0, cph))}))

	cafe14 := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	f.ask(u, "/shifts", D.T("ShiftsTitle", nil))
	f.tap(u, signUpLabel(f, "da", "Vært", cafe14))
	clock.set(time.Date(2027, 1, 13, 18, 30, 0, 0, cph))
	f.settle()
	f.ask(u, "/myshifts", D.T("MyShiftsTitle", nil))
	f.tap(u, D.Button("BtnShiftWithdraw", locales.Data{"Role": "Vært", "Date": buttonDate(f, "da", cafe14)}))
	f.waitAny(u, D.T("ShiftWithdrawAsk", nil))
	f.ask(u, "Mit barn er sygt, "+forgetName, D.T("ShiftWithdrawnLate", nil))
	f.settle()
	// A step-by-step chat left open: the reason asked for again.
	f.ask(u, "/shifts", D.T("ShiftsTitle", nil))
	f.tap(u, signUpLabel(f, "da", "Vært", cafe14))
	f.ask(u, "/myshifts", D.T("MyShiftsTitle", nil))
	f.tap(u, D.Button("BtnShiftWithdraw", locales.Data{"Role": "Vært", "Date": buttonDate(f, "da", cafe14)}))
	f.waitAny(u, D.T("ShiftWithdrawAsk", nil))
}

// TestForgetThroughTheChatLeavesNoBytes fills every table that can hold a
// member's data through the chat, has them /forget, and then searches every
// byte of the database files (db, -wal, -shm) for their name and their
// Telegram id, as decimal text and as the big-endian integer SQLite stores.
func TestForgetThroughTheChatLeavesNoBytes(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 11, 9, 0, 0, 0, cph)}
	coord := tgfake.User{ID: 9501, FirstName: "Mette", LanguageCode: "da"}
	u := tgfake.User{ID: 7_345_678_901, FirstName: forgetName, LanguageCode: "da"}
	f := startFlow(t, withCoordinators(coord.ID), withClock(clock))
	f.join(coord, "da")
	f.join(u, "da")
	fillThroughTheChat(f, clock, coord, u)

	for table, where := range map[string]string{
		"event_invitations":  "member_id = ? AND answer = 'yes'",
		"activity_followers": "member_id = ?",
		"ask_messages":       "member_id = ?",
		"ask_muted":          "member_id = ?",
		"volunteer_profiles": "member_id = ? AND cert_valid_until IS NOT NULL",
		"shift_drops":        "member_id = ?",
		"shift_signups":      "member_id = ?",
		"conversations":      "member_id = ?",
		"notices":            "about IS NOT NULL OR ? = 0",
	} {
		if n := f.count(`SELECT count(*) FROM `+table+` WHERE `+where, u.ID); n == 0 {
			t.Errorf("nothing about the member in %s before /forget: the search would prove less", table)
		}
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND notice_values LIKE ?`, coord.ID, "%Quixotic%"); n == 0 {
		t.Error("no coordinator's message names the member before /forget")
	}

	holds := func() []string { return f.traces("Quixotic-Forgettable", u.ID) }
	if len(holds()) == 0 {
		t.Fatal("the files do not show the member before forgetting: the test would prove nothing")
	}

	f.send(u, "/forget", f.T("da", "ForgetConfirm", nil))
	f.tap(u, f.T("da", "BtnForgetYes", nil))
	f.waitText(u, f.T("da", "Forgotten", nil))
	var left []string
	for end := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		f.settle()
		if left = holds(); len(left) == 0 || time.Now().After(end) {
			break
		}
	}
	if len(left) > 0 {
		t.Errorf("5 s after /forget the files still hold %q", left)
	}
}
