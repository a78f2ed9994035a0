package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// shiftPlan is the flows' season plan: the café with two hosts at every
// meeting, homework help needing a certificate, and a town walk once for a
// family who speak Tigrinya.
const shiftPlan = cafePlan + `
[[activity]]
key = "lektiehjaelp"
title = { da = "Lektiehjælp", ti = "ሓገዝ ዕዮ ገዛ", en = "Homework help" }
place = "Ballerup Bibliotek"
weekly = "monday,tuesday 16:00-18:00"

[[shift]]
key = "tal-dansk-host"
activity = "tal-dansk"
role = { da = "Vært", ti = "ተቐባሊ ጋሻ", en = "Host" }
needed = 2

[[shift]]
key = "lektie-hjaelper"
activity = "lektiehjaelp"
role = { da = "Lektiehjælper", ti = "ሓጋዚ ዕዮ ገዛ" }
needed = 1
requires = ["child_certificate"]

[[shift]]
key = "byvandring"
start = 2027-01-22T10:00:00
end = 2027-01-22T12:00:00
place = "Ballerup Station"
role = { da = "Rundvisning i byen", ti = "ዙረት ኣብ ከተማ" }
needed = 1
language = "ti"
`

// signUpLabel is the ✋ button of a shift on a day, as the member sees it.
func signUpLabel(f *flow, lang, role string, t time.Time) string {
	return f.cat.For(lang).Button("BtnShiftSignUp", locales.Data{"Role": role, "Date": buttonDate(f, lang, t)})
}

// buttonDate is the short date of a shift button: "tor 14/1".
func buttonDate(f *flow, lang string, t time.Time) locales.Isolated {
	L := f.cat.For(lang)
	t = t.In(cph)
	return locales.Isolated(L.T("ShiftButtonDate", locales.Data{"Weekday": locales.Isolated(L.WeekdayShort(t.Weekday())), "Day": t.Day(), "MonthNum": int(t.Month())}))
}

// TestShiftsFlow walks volunteer shifts through the chat in Danish and
// Tigrinya: sign-up in one tap; two volunteers racing for the last place
// (one wins, the other is told it is taken); the certificate rule (refused,
// told why and whom to ask; a coordinator records it; then taken); the
// reminder the day before; a withdrawal inside 48 hours (coordinators
// told, the place offered, the first tap wins and the other's button
// stops working); the .ics file parsed back; and the language wish (the
// Tigrinya speaker's staffing alert a day before the others', each once).
func TestShiftsFlow(t *testing.T) {
	for _, lang := range []string{"da", "ti"} {
		t.Run(lang, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 1, 11, 9, 0, 0, 0, cph)} // a Monday
			coordID := int64(9001)
			f := startFlow(t, withCoordinators(coordID), withClock(clock))
			ctx := context.Background()
			if _, err := importPlan(ctx, f.store, "plan.toml", []byte(shiftPlan), clock.now()); err != nil {
				t.Fatal(err)
			}
			coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
			lars := tgfake.User{ID: 9301, FirstName: "Lars", LanguageCode: lang}
			yonas := tgfake.User{ID: 9302, FirstName: "Yonas", LanguageCode: "ti"}
			sara := tgfake.User{ID: 9303, FirstName: "Sara", LanguageCode: "da"}
			f.join(coord, "da")
			for _, u := range []tgfake.User{lars, yonas, sara} {
				f.join(u, u.LanguageCode)
				if _, err := f.store.SetRole(ctx, 1, u.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
					t.Fatal(err)
				}
			}
			L, D, T := f.cat.For(lang), f.cat.For("da"), f.cat.For("ti")
			roles := map[string]string{"da": "Vært", "ti": "ተቐባሊ ጋሻ"}
			cafe14 := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)

			// Sign-up: /shifts shows the café's host shift spelled out, one tap takes it.
			list := f.ask(lars, "/shifts", L.T("ShiftsTitle", nil))
			when := L.T("ShiftWhen", locales.Data{"When": L.DateTime(cafe14), "End": "17:00"})
			if !strings.Contains(list.Text, when) || !strings.Contains(list.Text, "Ballerup Bibliotek") {
				t.Errorf("/shifts lacks the date or place %q:\n%s", when, list.Text)
			}
			label := signUpLabel(f, lang, roles[lang], cafe14)
			if !strings.HasPrefix(label, "✋") || !hasLabel(list, label) {
				t.Fatalf("no sign-up button %q in %q", label, labels(list))
			}
			text, _ := f.tap(lars, label)
			expectAnswer(t, "sign-up", text, false, L.T("ShiftSignedUpToast", locales.Data{"Role": roles[lang], "Date": buttonDate(f, lang, cafe14)}), false)

			// The race for the last place: Yonas and Sara tap at the same moment.
			yl := signUpLabel(f, "ti", roles["ti"], cafe14)
			sl := signUpLabel(f, "da", roles["da"], cafe14)
			f.ask(yonas, "/shifts", T.T("ShiftsTitle", nil))
			f.ask(sara, "/shifts", D.T("ShiftsTitle", nil))
			y, err := f.fake.Press(yonas, yl)
			if err != nil {
				t.Fatal(err)
			}
			s, err := f.fake.Press(sara, sl)
			if err != nil {
				t.Fatal(err)
			}
			yText, yAlert := f.waitAnswered(y)
			sText, sAlert := f.waitAnswered(s)
			yWon, sWon := !yAlert, !sAlert
			if yWon == sWon {
				t.Fatalf("race: Yonas %q (alert %v), Sara %q (alert %v): want exactly one winner", yText, yAlert, sText, sAlert)
			}
			loser, loserLang, loserText := sara, "da", sText
			if sWon {
				loser, loserLang, loserText = yonas, "ti", yText
			}
			if want := f.T(loserLang, "ShiftTaken", nil); loserText != want {
				t.Errorf("the loser was told %q, want %q", loserText, want)
			}
			if n := f.count(`SELECT count(*) FROM shift_signups`); n != 2 {
				t.Fatalf("%d sign-ups after the race, want 2", n)
			}

			// The certificate rule: homework help needs one; Lars is told why and whom to ask.
			lektieRole := map[string]string{"da": "Lektiehjælper", "ti": "ሓጋዚ ዕዮ ገዛ"}[lang]
			mon18 := time.Date(2027, 1, 18, 16, 0, 0, 0, cph)
			f.ask(lars, "/shifts", L.T("ShiftsTitle", nil))
			text, alert := f.tap(lars, signUpLabel(f, lang, lektieRole, mon18))
			expectAnswer(t, "no certificate", text, alert, L.T("ShiftNeedsCertificate", locales.Data{"Coordinators": "Mette"}), true)
			// The coordinator records it from /volunteers; Lars is told.
			f.ask(coord, "/volunteers", D.N("VolunteersTitle", 4, nil))
			f.tap(coord, "Lars")
			f.waitAny(coord, D.T("ProfileNoCertificate", nil))
			f.tap(coord, D.T("BtnRecordCertificate", nil))
			f.waitAny(coord, D.T("CertAskDate", locales.Data{"Name": "Lars"}))
			f.ask(coord, "31.12.2027", D.T("ProfileCertificate", locales.Data{"Date": D.Date(time.Date(2027, 12, 31, 12, 0, 0, 0, cph))}))
			f.waitAny(lars, L.T("CertRecordedNotice", locales.Data{"Date": L.Date(time.Date(2027, 12, 31, 12, 0, 0, 0, cph))}))
			f.ask(lars, "/shifts", L.T("ShiftsTitle", nil))
			text, alert = f.tap(lars, signUpLabel(f, lang, lektieRole, mon18))
			if alert {
				t.Fatalf("with a certificate the shift was refused: %q", text)
			}

			// The reminder the day before at 18:00, once.
			head := L.T("ShiftReminderHead", locales.Data{"Title": roles[lang] + " · " + string(f.cat.For(lang).Written(cafe.TitleTexts()))})
			clock.set(time.Date(2027, 1, 13, 17, 59, 0, 0, cph))
			f.settle()
			if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'reminder'`, lars.ID); n != 0 {
				t.Fatalf("%d shift reminders before they are due", n)
			}
			clock.set(time.Date(2027, 1, 13, 18, 0, 0, 0, cph))
			r := f.waitAny(lars, head)
			if !strings.Contains(r.Text, when) {
				t.Errorf("reminder lacks the time: %q", r.Text)
			}
			clock.set(time.Date(2027, 1, 13, 18, 30, 0, 0, cph))
			f.settle()
			if n := f.delivered(lars, r.Text); n != 1 {
				t.Errorf("reminder delivered %d times", n)
			}

			// Withdrawal 20½ hours before asks first, saying what will happen;
			// "no" keeps the shift. Then the coordinator is told (with the
			// reason typed, in Danish), and the place is offered.
			withdraw := L.Button("BtnShiftWithdraw", locales.Data{"Role": roles[lang], "Date": buttonDate(f, lang, cafe14)})
			f.ask(lars, "/myshifts", L.T("MyShiftsTitle", nil))
			f.tap(lars, withdraw)
			f.waitAny(lars, L.T("ShiftWithdrawAsk", nil))
			f.tap(lars, L.T("BtnShiftKeep", nil))
			f.waitAny(lars, L.T("StoppedNothingChanged", nil))
			if n := f.count(`SELECT count(*) FROM shift_signups WHERE member_id = ?`, lars.ID); n != 2 {
				t.Fatalf("after keeping the shift Lars has %d sign-ups, want 2", n)
			}
			f.ask(lars, "/myshifts", L.T("MyShiftsTitle", nil))
			f.tap(lars, withdraw)
			f.waitAny(lars, L.T("ShiftWithdrawAsk", nil))
			reason := ""
			if lang == "da" {
				f.ask(lars, "Mit barn er sygt", L.T("ShiftWithdrawnLate", nil))
				reason = D.T("ShiftWithdrawnReason", locales.Data{"Reason": "Mit barn er sygt"})
			} else {
				text, _ = f.tap(lars, L.T("BtnShiftWithdrawYes", nil))
				expectAnswer(t, "late withdrawal", text, false, L.T("ShiftWithdrawnLate", nil), false)
			}
			if told := f.waitAny(coord, D.T("ShiftWithdrawnNotice", locales.Data{"Name": "Lars", "Title": "Vært · " + cafe.Name})); !strings.Contains(told.Text, reason) {
				t.Errorf("the coordinator's notice lacks the reason %q:\n%s", reason, told.Text)
			}
			f.waitAny(loser, f.T(loserLang, "ShiftCoverOffer", locales.Data{"Title": roles[loserLang] + " · " + string(f.cat.For(loserLang).Written(cafe.TitleTexts()))}))
			// The coordinator (a volunteer too) is offered it as well; the loser taps first.
			f.waitAny(coord, D.T("ShiftCoverOffer", locales.Data{"Title": "Vært · " + cafe.Name}))
			text, alert = f.tap(loser, f.T(loserLang, "BtnShiftCover", nil))
			if alert {
				t.Fatalf("the first tap on the offer was refused: %q", text)
			}
			f.waitAny(loser, f.T(loserLang, "ShiftCoverTaken", locales.Data{"Title": roles[loserLang] + " · " + string(f.cat.For(loserLang).Written(cafe.TitleTexts())), "When": f.T(loserLang, "ShiftWhen", locales.Data{"When": f.cat.For(loserLang).DateTime(cafe14), "End": "17:00"})}))
			if n := f.alertsQueued(0, "Vært"); n != 0 {
				t.Errorf("%d staffing alerts beside the cover offers", n)
			}
			text, alert = f.tap(coord, D.T("BtnShiftCover", nil))
			expectAnswer(t, "second tap on the offer", text, alert, D.T("ShiftTaken", nil), true)
			f.waitFor("the coordinator's offer button to stop working", func() bool {
				m, _ := f.fake.LastMessage(coord.ID)
				return len(m.Buttons) == 0
			})

			// 📅: the .ics holds Lars's homework help, parsed back.
			f.ask(lars, "/myshifts", L.T("MyShiftsTitle", nil))
			f.tap(lars, L.T("BtnShiftCalendar", nil))
			f.waitFor("the calendar file", func() bool {
				m, _ := f.fake.LastMessage(lars.ID)
				return len(m.Document) > 0
			})
			doc, _ := f.fake.LastMessage(lars.ID)
			// Read back by an independent iCalendar library, as a phone's calendar would.
			cal, err := goical.NewDecoder(bytes.NewReader(doc.Document)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			evs := cal.Events()
			if len(evs) != 1 {
				t.Fatalf("%d events in the calendar file, want 1", len(evs))
			}
			start, _ := evs[0].DateTimeStart(cph)
			end, _ := evs[0].DateTimeEnd(cph)
			summary, _ := evs[0].Props.Text(goical.PropSummary)
			place, _ := evs[0].Props.Text(goical.PropLocation)
			if !start.Equal(mon18) || !end.Equal(mon18.Add(2*time.Hour)) || !strings.Contains(summary, lektieRole) || place != "Ballerup Bibliotek" {
				t.Errorf("calendar event %s–%s %q at %q", start, end, summary, place)
			}
			if !strings.HasSuffix(doc.FileName, ".ics") || !bytes.Contains(doc.Document, []byte("\r\nEND:VCALENDAR\r\n")) {
				t.Errorf("calendar file %q is not an iCalendar file", doc.FileName)
			}

			// The language wish: the walk on 22 January wants Tigrinya. Yonas says he speaks it.
			f.ask(yonas, "/profile", T.T("ProfileTitle", nil))
			f.tap(yonas, T.T("LanguageName", nil))
			f.waitFor("Yonas's languages", func() bool {
				v, err := f.store.Volunteer(ctx, yonas.ID)
				return err == nil && v.Speaks("ti")
			})
			walkAlert := func(lang string) string {
				return f.T(lang, "ShiftAlertHead", locales.Data{"Title": map[string]string{"da": "Rundvisning i byen", "ti": "ዙረት ኣብ ከተማ"}[lang]})
			}
			alerts := func(u tgfake.User) int { return f.alertsQueued(u.ID, "Rundvisning i byen") }
			clock.set(time.Date(2027, 1, 18, 10, 0, 0, 0, cph)) // four days before: the speaker first
			f.waitAny(yonas, walkAlert("ti"))
			f.settle()
			if n := alerts(lars) + alerts(sara); n != 0 {
				t.Errorf("%d alerts to volunteers who do not speak Tigrinya a day early", n)
			}
			clock.set(time.Date(2027, 1, 19, 10, 0, 0, 0, cph)) // three days before: everyone
			f.waitFor("the alert to Lars and Sara", func() bool { return alerts(lars) == 1 && alerts(sara) == 1 })
			clock.set(time.Date(2027, 1, 20, 10, 0, 0, 0, cph))
			f.settle()
			if y, l, s := alerts(yonas), alerts(lars), alerts(sara); y != 1 || l != 1 || s != 1 {
				t.Errorf("alerts Yonas %d, Lars %d, Sara %d: want each exactly once", y, l, s)
			}
		})
	}
}

// alertsQueued counts the staffing alerts queued for a shift of role (a
// notice as data: its kind and its values), to member id, or to anyone for 0.
func (f *flow) alertsQueued(id int64, role string) int {
	f.t.Helper()
	return f.count(`SELECT count(*) FROM outbox WHERE notice = ? AND json_extract(notice_values, '$.Meeting.Shift.Role') = ? AND (? = 0 OR member_id = ?)`,
		domain.NoticeShiftAlert, role, id, id)
}

// waitAny waits until any bot message in u's chat contains want.
func (f *flow) waitAny(u tgfake.User, want string) tgfake.Message {
	f.t.Helper()
	var found tgfake.Message
	f.waitFor("a message containing "+want, func() bool {
		for _, m := range f.fake.Messages(u.ID) {
			if strings.Contains(m.Text, want) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

// ask sends text as u and waits for a new bot message in u's chat that
// contains want, whichever came last (scheduled alerts may arrive between).
func (f *flow) ask(u tgfake.User, text, want string) tgfake.Message {
	f.t.Helper()
	n0 := len(f.fake.Messages(u.ID))
	f.fake.SendText(u, text)
	var found tgfake.Message
	f.waitFor(want+" after "+text, func() bool {
		msgs := f.fake.Messages(u.ID)
		for i := len(msgs) - 1; i >= n0; i-- {
			if strings.Contains(msgs[i].Text, want) {
				found = msgs[i]
				return true
			}
		}
		return false
	})
	return found
}
