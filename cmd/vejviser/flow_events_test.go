package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// fastelavnPlan is the flows' event: six seats, answers until Wednesday
// 3 February 20:00, on Sunday 7 February 13:00-16:00.
const fastelavnPlan = `[[event]]
key = "fastelavn-2027"
title = { da = "Fastelavnsfest", ar = "فاستلافن (كرنفال الأطفال الدنماركي)", en = "Carnival party" }
start = 2027-02-07T13:00:00
end = 2027-02-07T16:00:00
place = "PLACE"
capacity = 6
rsvp_by = 2027-02-03T20:00:00
note = { da = "Pris 20 kr. pr. familie", ar = "السعر ٢٠ كرونة لكل عائلة", en = "20 kr. per family" }
invite = "participants"
`

// importEventPlan imports the plan with place through `vejviser import`
// against the running bot's database and returns what it printed.
func (f *flow) importEventPlan(place string) string {
	f.t.Helper()
	path := filepath.Join(f.t.TempDir(), "plan.toml")
	if err := os.WriteFile(path, []byte(strings.Replace(fastelavnPlan, "PLACE", place, 1)), 0o600); err != nil {
		f.t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if err := runIO(context.Background(), []string{"import", "-db", f.db, path}, func(string) string { return "" }, nil, &out, &errs); err != nil {
		f.t.Fatalf("import: %v\n%s", err, &errs)
	}
	return out.String()
}

// answerYes answers ✅ with adults and children in taps on u's newest
// message with the ✅ button, and waits for want.
func (f *flow) answerYes(u tgfake.User, L *locales.Localizer, adults, children, want string) tgfake.Message {
	f.t.Helper()
	f.tap(u, L.T("BtnEventYes", nil))
	f.waitText(u, L.T("EventAskAdults", nil))
	f.tap(u, adults)
	f.waitText(u, L.T("EventAskChildren", nil))
	f.tap(u, children)
	return f.waitText(u, want)
}

func heads(adults, children int) locales.Data {
	return locales.Data{"Adults": adults, "Children": children}
}

func with(d locales.Data, k string, v any) locales.Data {
	d[k] = v
	return d
}

// TestEventFlow walks an event through the chat in Danish and in Arabic:
// the plan imported (and again: nobody invited twice), the invitation with
// its buttons, answers in taps, full, the waitlist, a cancellation, the
// promotion offer confirmed (and one lapsing), a changed place told, answers
// after the deadline refused, "still coming?", the reminder, check-in with
// walk-ins, and /report's numbers checked against the answers.
func TestEventFlow(t *testing.T) {
	for _, lang := range []string{"da", "ar"} {
		t.Run(lang, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 1, 25, 10, 0, 0, 0, cph)}
			coordID := int64(9001)
			f := startFlow(t, withCoordinators(coordID), withClock(clock))
			coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
			p := tgfake.User{ID: 9101, FirstName: "Amina", LanguageCode: lang}
			p2 := tgfake.User{ID: 9102, FirstName: "Lars", LanguageCode: "da"}
			p3 := tgfake.User{ID: 9103, FirstName: "Sara", LanguageCode: "da"}
			p4 := tgfake.User{ID: 9104, FirstName: "Yonas", LanguageCode: "da"}
			f.join(coord, "da")
			for _, u := range []tgfake.User{p, p2, p3, p4} {
				f.join(u, u.LanguageCode)
			}
			L, D := f.cat.For(lang), f.cat.For("da")
			start := time.Date(2027, 2, 7, 13, 0, 0, 0, cph)
			deadline := time.Date(2027, 2, 3, 20, 0, 0, 0, cph)

			// Import, and import again: one invitation each.
			if out := f.importEventPlan("Ballerup Sprogskole"); !strings.Contains(out, "events: 1 created") {
				t.Fatalf("import said %q", out)
			}
			inv := f.waitText(p, L.T("EventInvited", nil))
			if out := f.importEventPlan("Ballerup Sprogskole"); !strings.Contains(out, "events: 0 created, 0 updated, 1 unchanged") {
				t.Errorf("second import said %q", out)
			}
			f.settle()
			for _, u := range []tgfake.User{p, p2, p3, p4} {
				if n := f.deliveredContaining(u, f.T(u.LanguageCode, "EventInvited", nil)); n != 1 {
					t.Errorf("%s got %d invitations, want 1", u.FirstName, n)
				}
			}
			if n := f.deliveredContaining(coord, D.T("EventInvited", nil)); n != 0 {
				t.Errorf("the coordinator was invited to a participants' event")
			}
			for _, want := range []string{L.DateTime(start), "Ballerup Sprogskole", L.T("EventAnswerBy", locales.Data{"When": L.DateTime(deadline)})} {
				if !strings.Contains(inv.Text, want) {
					t.Errorf("invitation lacks %q:\n%s", want, inv.Text)
				}
			}
			for _, b := range []string{"BtnEventYes", "BtnEventNo", "BtnEventMaybe", "BtnEventCalendar"} {
				if !hasLabel(inv, L.T(b, nil)) {
					t.Errorf("invitation has no %s button: %q", b, labels(inv))
				}
			}
			if mb := button(t, inv, L.T("BtnEventMap", nil)); !strings.HasPrefix(mb.URL, "https://") {
				t.Errorf("📍 is not a map link: %+v", mb)
			}
			// 📅 sends an .ics file.
			f.tap(p, L.T("BtnEventCalendar", nil))
			var ics tgfake.Message
			f.waitFor("calendar file", func() bool {
				m, ok := f.fake.LastMessage(p.ID)
				ics = m
				return ok && strings.HasSuffix(m.FileName, ".ics")
			})
			if want := L.T("EventCalendarCaption", locales.Data{"Title": titleIn(lang)}); ics.Caption != want {
				t.Errorf("calendar caption %q, want %q", ics.Caption, want)
			}
			if !bytes.Contains(ics.Document, []byte("DTSTART:20270207T120000Z\r\n")) {
				t.Errorf("calendar file:\n%s", ics.Document)
			}

			// Lars: 2 adults, 2 children, seated (4 of 6).
			f.answerYes(p2, D, "2", "2", D.T("EventRecordedYes", with(heads(2, 2), "When", D.DateTime(deadline))))
			// Amina: 2 + 1 do not fit the 2 seats left: waitlist, place 1. She
			// answers from /events (the invitation is above the calendar file).
			f.send(p, "/events", L.T("EventNotAnswered", nil))
			f.tap(p, L.Button("BtnEventOpen", locales.Data{"Title": titleIn(lang)}))
			f.waitText(p, L.T("EventAnswerBy", locales.Data{"When": L.DateTime(deadline)}))
			f.answerYes(p, L, "2", "1", L.T("EventRecordedWaiting", with(heads(2, 1), "Place", 1)))
			// Sara: 1 + 1 fit; Amina's three never block her two.
			f.answerYes(p3, D, "1", "1", D.T("EventRecordedYes", with(heads(1, 1), "When", D.DateTime(deadline))))
			// Yonas: one adult, full: place 2.
			f.answerYes(p4, D, "1", "0", D.T("EventRecordedWaiting", with(heads(1, 0), "Place", 2)))
			// /events shows Amina her place.
			f.send(p, "/events", L.T("EventYourAnswerWaiting", with(heads(2, 1), "Place", 1)))

			// Lars cancels: four seats free; Amina (3) and Yonas (1) are offered them, each in their language.
			f.tap(p2, D.T("BtnEventNo", nil))
			f.waitText(p2, D.T("EventRecordedNo", nil))
			offerUntil := clock.now().Add(24 * time.Hour)
			offer := f.waitText(p, L.DateTime(offerUntil))
			if !strings.Contains(offer.Text, L.T("EventOfferNotice", with(with(heads(2, 1), "Title", titleIn(lang)), "When", L.DateTime(offerUntil)))) {
				t.Errorf("offer to Amina:\n%s", offer.Text)
			}
			f.waitText(p4, D.DateTime(offerUntil))
			// Amina confirms.
			clock.set(clock.now().Add(time.Hour))
			f.tap(p, L.T("BtnEventConfirm", nil))
			f.waitText(p, L.T("EventRecordedYes", with(heads(2, 1), "When", L.DateTime(deadline))))
			// Yonas lets his offer lapse: told, and off the list.
			clock.set(offerUntil.Add(time.Minute))
			f.waitText(p4, D.T("EventOfferLapsedNotice", locales.Data{"Title": "Fastelavnsfest"}))

			// A new place, imported: those coming are told in their language; those who said no are not.
			n2 := len(f.fake.Messages(p2.ID))
			if out := f.importEventPlan("Ballerup Bibliotek"); !strings.Contains(out, "events: 0 created, 1 updated") {
				t.Errorf("changed import said %q", out)
			}
			ch := f.waitText(p, L.T("EventChangedNotice", locales.Data{"Title": titleIn(lang)}))
			if !strings.Contains(ch.Text, "Ballerup Bibliotek") {
				t.Errorf("change notice lacks the new place:\n%s", ch.Text)
			}
			f.waitText(p3, D.T("EventChangedNotice", locales.Data{"Title": "Fastelavnsfest"}))
			if !f.quiet(p2, n2, 150*time.Millisecond) {
				t.Errorf("Lars, who said no, was told of the change")
			}

			// After the deadline: a yes is refused, clearly.
			clock.set(deadline.Add(time.Hour))
			f.send(p3, "/events", D.T("EventYourAnswerYes", heads(1, 1)))
			f.tap(p3, D.Button("BtnEventOpen", locales.Data{"Title": "Fastelavnsfest"}))
			f.waitText(p3, D.T("EventYourAnswerYes", heads(1, 1)))
			text, alert := f.tap(p3, D.T("BtnEventYes", nil))
			expectAnswer(t, "yes after the deadline", text, alert, D.T("EventDeadlinePassed", nil), true)

			// Two days before: "still coming?"; Amina says yes, Sara cannot come (frees her seats at once).
			clock.set(start.AddDate(0, 0, -2))
			f.waitText(p, L.T("EventStillComingNotice", with(with(heads(2, 1), "Title", titleIn(lang)), "When", L.DateTime(start))))
			f.waitText(p3, D.T("EventStillComingNotice", with(with(heads(1, 1), "Title", "Fastelavnsfest"), "When", D.DateTime(start))))
			f.tap(p, L.T("BtnStillComing", nil))
			f.waitText(p, L.T("EventRecordedYes", with(heads(2, 1), "When", L.DateTime(deadline))))
			still := f.waitText(p3, D.T("EventStillComingNotice", with(with(heads(1, 1), "Title", "Fastelavnsfest"), "When", D.DateTime(start))))
			f.tap(p3, D.T("BtnCannotCome", nil))
			f.waitText(p3, D.T("EventRecordedNo", nil))
			// Her old "still coming?" ✅ now answers clearly.
			text, alert = f.forge(p3, still.ID, button(t, still, D.T("BtnStillComing", nil)).Data)
			expectAnswer(t, "an old still-coming ✅", text, alert, D.T("EventNothingToConfirm", nil), true)
			// The day before: the reminder, to Amina only.
			clock.set(start.AddDate(0, 0, -1))
			f.waitText(p, L.T("EventReminderNotice", with(heads(2, 1), "Title", titleIn(lang))))
			f.settle()
			if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'reminder'`, p3.ID); n != 0 {
				t.Errorf("Sara, who cannot come, got %d reminders", n)
			}

			// At the door: the coordinator checks Amina's household in and counts walk-ins.
			clock.set(start.Add(30 * time.Minute))
			f.send(coord, "/events", "Fastelavnsfest")
			f.tap(coord, D.Button("BtnManageEvent", locales.Data{"Title": "Fastelavnsfest"}))
			card := f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 6, "Free": 3}))
			// Each count takes its own plural: "1 husstand", not "1 husstande".
			if !strings.Contains(card.Text, "Kommer: 1 husstand, 3 personer (voksne 2, børn 1)\nMåske: 0 husstande\nKommer ikke: 3 husstande\nVenteliste: 0 husstande, 0 personer\nIkke svaret: 0") {
				t.Errorf("card counts:\n%s", card.Text)
			}
			f.tap(coord, D.T("BtnEventNames", nil))
			names := f.waitText(coord, D.T("EventNamesHead", locales.Data{"Title": "Fastelavnsfest"}))
			if !strings.Contains(names.Text, D.T("EventNameLine", with(heads(2, 1), "Name", "Amina"))) {
				t.Errorf("names:\n%s", names.Text)
			}
			f.tap(coord, D.T("BtnBack", nil))
			f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 6, "Free": 3}))
			f.tap(coord, D.T("BtnCheckIn", nil))
			f.waitText(coord, D.T("EventCheckInHead", locales.Data{"Title": "Fastelavnsfest"}))
			f.tap(coord, "⬜ Amina · 2+1")
			f.waitText(coord, "Kommet: 1 husstand (voksne 2, børn 1)")
			for _, b := range []string{"BtnCountAdult", "BtnCountChild", "BtnCountFirst"} {
				f.tap(coord, D.T(b, nil))
			}
			door := f.waitText(coord, D.T("EventWalkIns", locales.Data{"Adults": 1, "Children": 1, "First": 1}))
			if !strings.Contains(door.Text, D.T("EventCameTotal", locales.Data{"Total": 5})) {
				t.Errorf("door count:\n%s", door.Text)
			}
			if n := f.count(`SELECT count(*) FROM event_walkins`); n != 3 {
				t.Errorf("%d walk-in taps stored, want 3", n)
			}

			// /report: the numbers the answers made, no names.
			clock.set(start.Add(4 * time.Hour))
			f.send(coord, "/report 01.02.2027 28.02.2027", "")
			var doc tgfake.Message
			f.waitFor("report document", func() bool {
				m, ok := f.fake.LastMessage(coordID)
				doc = m
				return ok && strings.HasSuffix(m.FileName, ".xlsx")
			})
			recs := xlsxRows(t, doc.Document, "Møder og arrangementer")
			col := map[string]int{}
			for i, h := range recs[0] {
				col[h] = i
			}
			var row []string
			for _, r := range recs[1:] {
				if r[col["Nøgle"]] == "fastelavn-2027" {
					row = r
				}
			}
			if row == nil {
				t.Fatalf("no event row in %q", recs)
			}
			for name, want := range map[string]string{
				"Dato": "07-02-2027 13:00", "Type": "Arrangement", "Husstande tilmeldt": "1", "Voksne tilmeldt": "2", "Børn tilmeldt": "1",
				"Voksne mødt": "3", "Børn mødt": "2", "Mødt i alt": "5", "Første gang": "4", "Kommet før": "1",
			} {
				if got := row[col[name]]; got != want {
					t.Errorf("report %s = %q, want %q", name, got, want)
				}
			}
			for _, name := range []string{"Amina", "Lars", "Sara", "Yonas", "9101"} {
				if bytes.Contains(doc.Document, []byte(name)) {
					t.Errorf("the report names %s", name)
				}
			}
			// The shell writes the same report.
			var out, errs bytes.Buffer
			file := filepath.Join(t.TempDir(), "rapport.xlsx")
			if err := runIO(context.Background(), []string{"report", "-db", f.db, "--from", "01.02.2027", "--to", "28.02.2027", "--format", "xlsx", "--out", file},
				func(string) string { return "" }, nil, &out, &errs); err != nil {
				t.Fatalf("vejviser report: %v\n%s", err, &errs)
			}
			written, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if got := xlsxRows(t, written, "Møder og arrangementer"); !reflect.DeepEqual(got, recs) {
				t.Errorf("vejviser report differs from /report:\n%q\n---\n%q", got, recs)
			}
		})
	}
}

// titleIn is the flows' event title in lang.
func titleIn(lang string) string {
	switch lang {
	case "ar":
		return "فاستلافن (كرنفال الأطفال الدنماركي)"
	case "en":
		return "Carnival party"
	}
	return "Fastelavnsfest"
}

// TestNewEventFlow creates an event step by step in the chat (with typed
// values refused clearly), invites an Arabic-speaking participant who
// answers, records a household without Telegram, and cancels the event:
// the participant is told in Arabic and her old buttons answer clearly.
func TestNewEventFlow(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 10, 10, 0, 0, 0, cph)}
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	p := tgfake.User{ID: 9101, FirstName: "Amina", LanguageCode: "ar"}
	f.join(coord, "da")
	f.join(p, "ar")
	D, A := f.cat.For("da"), f.cat.For("ar")
	start := time.Date(2027, 1, 16, 15, 0, 0, 0, cph)

	// /cancel ends the chat with nothing saved.
	f.send(coord, "/newevent", D.T("NewEventAskTitle", nil))
	f.send(coord, "/cancel", D.T("Cancelled", nil))

	f.send(coord, "/newevent", D.T("NewEventAskTitle", nil))
	f.send(coord, "Nytårsfest", D.T("NewEventTitles", locales.Data{"Title": "Nytårsfest"}))
	f.tap(coord, D.Button("BtnAddLanguage", locales.Data{"Language": A.T("LanguageName", nil)}))
	f.waitText(coord, D.T("NewEventAskTitleIn", locales.Data{"Language": D.Name("ar")}))
	f.send(coord, "حفلة رأس السنة", D.T("NewEventTitles", locales.Data{"Title": "Nytårsfest"}))
	f.tap(coord, D.T("BtnContinue", nil))
	f.waitText(coord, D.T("NewEventAskStart", nil))
	f.send(coord, "på lørdag", D.T("NewEventStartInvalid", locales.Data{"Example": "17.01.2027 13:00"}))
	f.send(coord, "31.02.2027 15:00", D.T("NotADate", locales.Data{"Date": "31.02.2027", "Example": "17.01.2027 13:00"}))
	f.send(coord, "16.01.2027 15:00", D.T("NewEventAskEnd", nil))
	f.send(coord, "14:00", D.T("NewEventEndInvalid", locales.Data{"Start": "15:00", "Example": "17:00"}))
	f.send(coord, "18:00", D.T("NewEventAskPlace", nil))
	f.send(coord, "Ballerup Sprogskole", D.T("NewEventAskCapacity", nil))
	if m := f.send(coord, "mange", D.T("NewEventCapacityInvalid", nil)); !hasLabel(m, "40") { // the quick picks stay
		t.Errorf("a bad capacity dropped the quick picks: %q", labels(m))
	}
	f.send(coord, "40", D.T("NewEventAskDeadline", nil))
	f.tap(coord, D.DateTime(start.AddDate(0, 0, -3)))
	f.waitText(coord, D.T("NewEventNotes", nil))
	f.tap(coord, D.Button("BtnAddLanguage", locales.Data{"Language": D.T("LanguageName", nil)}))
	f.waitText(coord, D.T("NewEventAskNoteIn", locales.Data{"Language": D.Name("da")}))
	f.send(coord, "Pris 20 kr. pr. familie", "Pris 20 kr. pr. familie")
	f.tap(coord, D.T("BtnContinue", nil))
	f.waitText(coord, D.T("NewEventAskInvite", nil))
	f.tap(coord, D.T("BtnInviteParticipants", nil))
	prev := f.waitText(coord, D.T("NewEventPreview", nil))
	for _, want := range []string{"Nytårsfest", D.DateTime(start), "Ballerup Sprogskole", "Pris 20 kr. pr. familie", D.T("EventCapacityOnly", locales.Data{"Capacity": 40}),
		// Who reads the title in which language: the one invitee reads Arabic and has it.
		D.T("WrittenReadersLine", locales.Data{"Language": D.Name("ar"), "Count": 1, "In": locales.Isolated(D.In("ar"))})} {
		if !strings.Contains(prev.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, prev.Text)
		}
	}
	if !strings.Contains(prev.Text, D.T("EventOfferLine", locales.Data{"Duration": D.N("DurationDays", 1, nil)})) {
		t.Errorf("preview lacks the default offer time:\n%s", prev.Text)
	}
	// Offers from the waiting list stand 12 hours instead of 24.
	f.tap(coord, D.T("BtnEditOffer", nil))
	f.waitText(coord, D.T("NewEventAskOffer", nil))
	f.tap(coord, D.N("DurationHours", 12, nil))
	f.waitText(coord, D.T("EventOfferLine", locales.Data{"Duration": D.N("DurationHours", 12, nil)}))
	if n := f.count(`SELECT count(*) FROM events`); n != 0 {
		t.Fatalf("%d events before Send", n)
	}
	f.tap(coord, D.T("BtnSendEvent", nil))
	f.waitText(coord, D.T("NewEventSent", locales.Data{"Title": "Nytårsfest"}))
	if n := f.count(`SELECT count(*) FROM events WHERE offer_hours = 12 AND ask_days = 2 AND capacity = 40`); n != 1 {
		t.Errorf("the event was not stored as previewed")
	}

	// Amina's invitation is in Arabic; the note only written in Danish shows in Danish.
	inv := f.waitText(p, A.T("EventInvited", nil))
	if !strings.Contains(inv.Text, "حفلة رأس السنة") || !strings.Contains(inv.Text, A.DateTime(start)) || !strings.Contains(inv.Text, "Pris 20 kr.") {
		t.Errorf("Arabic invitation:\n%s", inv.Text)
	}
	f.answerYes(p, A, "1", "0", A.T("EventRecordedYes", with(heads(1, 0), "When", A.DateTime(start.AddDate(0, 0, -3)))))

	// A household without Telegram, recorded by the coordinator.
	f.send(coord, "/events", "Nytårsfest")
	f.tap(coord, D.Button("BtnManageEvent", locales.Data{"Title": "Nytårsfest"}))
	f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 40, "Free": 39}))
	f.tap(coord, D.T("BtnRecordHousehold", nil))
	f.waitText(coord, D.T("EventRecordAsk", locales.Data{"Title": "Nytårsfest"}))
	f.send(coord, "bare et navn", D.T("EventRecordInvalid", nil))
	f.send(coord, "Familien Ali (ringede) 2 3", D.T("EventRecorded", locales.Data{"Name": "Familien Ali (ringede)", "Adults": 2, "Children": 3}))
	f.tap(coord, D.T("BtnBack", nil))
	card := f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 40, "Free": 34}))
	if !strings.Contains(card.Text, "Kommer: 2 husstande, 6 personer (voksne 3, børn 3)") {
		t.Errorf("card:\n%s", card.Text)
	}
	f.tap(coord, D.T("BtnEventNames", nil))
	names := f.waitText(coord, D.T("EventNamesHead", locales.Data{"Title": "Nytårsfest"}))
	if !strings.Contains(names.Text, D.T("EventNameLine", with(heads(2, 3), "Name", "Familien Ali (ringede)"))+" "+D.T("EventRecordedMark", nil)) {
		t.Errorf("names:\n%s", names.Text)
	}

	// A new place, edited in the chat: Amina is told in Arabic.
	f.tap(coord, D.T("BtnBack", nil))
	f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 40, "Free": 34}))
	f.tap(coord, D.T("BtnEditEvent", nil))
	f.waitText(coord, D.T("EventEditPreview", nil))
	f.tap(coord, D.T("BtnEditPlace", nil))
	f.waitText(coord, D.T("NewEventAskPlace", nil))
	f.send(coord, "Ballerup Bibliotek", D.T("EventEditPreview", nil))
	f.tap(coord, D.T("BtnSaveEvent", nil))
	f.waitText(coord, D.T("EventSaved", locales.Data{"Title": "Nytårsfest"}))
	moved := f.waitText(p, A.T("EventChangedNotice", locales.Data{"Title": "حفلة رأس السنة"}))
	if !strings.Contains(moved.Text, "Ballerup Bibliotek") {
		t.Errorf("change notice:\n%s", moved.Text)
	}

	// Cancelled: Amina is told in Arabic, and her old buttons say so.
	f.tap(coord, D.Button("BtnManageEvent", locales.Data{"Title": "Nytårsfest"}))
	f.waitText(coord, D.T("EventCapacityLine", locales.Data{"Capacity": 40, "Free": 34}))
	f.tap(coord, D.T("BtnCancelEvent", nil))
	f.waitText(coord, D.T("EventCancelAsk", locales.Data{"Title": "Nytårsfest"}))
	f.tap(coord, D.T("BtnCancelEventYes", nil))
	f.waitText(coord, D.T("EventCancelledDone", locales.Data{"Title": "Nytårsfest"}))
	f.waitText(p, A.T("EventCancelledNotice", locales.Data{"Title": "حفلة رأس السنة", "When": A.DateTime(start)}))
	text, alert := f.forge(p, inv.ID, button(t, inv, A.T("BtnEventYes", nil)).Data)
	expectAnswer(t, "an old invitation's ✅", text, alert, A.T("EventCancelledAlert", nil), true)
	if n := f.count(`SELECT count(*) FROM outbox WHERE text LIKE ?`, "%Familien Ali%"); n != 0 {
		t.Errorf("the household without Telegram was sent %d messages", n)
	}
}

// xlsxRows reads one sheet of a workbook back with the library that wrote it.
func xlsxRows(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
