package events

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/bot/ical"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Events, the participant's side: the invitation (through the outbox) with
// ✅ ❌ ❓ 📅 📍, the household's answer in taps (adults, then children, in
// the same message edited in place, ending in a confirmation), /events with
// the member's own answers, and the .ics calendar file. The rules (who
// fits, the waitlist, the deadline) are package rsvp, applied by storage.

// eventIDArg parses an event id from a payload argument.
func eventIDArg(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

// eventLines are the event's details: title, date and time, place, note.
func eventLines(L *locales.Localizer, e domain.Event) []string {
	lines := []string{L.LineMark() + "🎉 " + string(L.Written(e.TitleTexts())), "🗓 " + L.DateTime(e.StartsAt) + " – " + L.Clock(e.EndsAt)}
	if e.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(e.Place))
	}
	if n := L.Written(e.Notes); n != "" {
		lines = append(lines, "📝 "+string(n))
	}
	return lines
}

// heads is the data of a household's size for the messages.
func heads(inv domain.Invitation) locales.Data {
	return locales.Data{"Adults": inv.Adults, "Children": inv.Children}
}

// answerLine says what a household has answered.
func answerLine(L *locales.Localizer, inv domain.Invitation, place int) string {
	switch domain.Answer(inv.Answer) {
	case domain.AnswerYes:
		return L.T("EventYourAnswerYes", heads(inv))
	case domain.AnswerNo:
		return L.T("EventYourAnswerNo", nil)
	case domain.AnswerMaybe:
		return L.T("EventYourAnswerMaybe", nil)
	case domain.AnswerWaiting:
		d := heads(inv)
		d["Place"] = place
		return L.T("EventYourAnswerWaiting", d)
	case domain.AnswerOffered:
		if inv.OfferUntil != nil {
			return L.T("EventYourAnswerOffered", locales.Data{"When": L.DateTime(*inv.OfferUntil)})
		}
	}
	return L.T("EventNotAnswered", nil)
}

// mapURL is a map search for the place.
func mapURL(place string) string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(place)
}

// answerButtons are the invitation's buttons: ✅ ❌ ❓, then 📅 and 📍.
func answerButtons(L *locales.Localizer, e domain.Event) chat.Keyboard {
	id := strconv.FormatInt(e.ID, 10)
	extra := []domain.Button{chat.Btn(L.T("BtnEventCalendar", nil), actEvICS, id)}
	if e.Place != "" {
		extra = append(extra, domain.Button{Text: L.T("BtnEventMap", nil), URL: mapURL(e.Place)})
	}
	return chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnEventYes", nil), actEvAnswer, id, "yes")),
		chat.Row(chat.Btn(L.T("BtnEventNo", nil), actEvAnswer, id, "no"), chat.Btn(L.T("BtnEventMaybe", nil), actEvAnswer, id, "maybe")),
		extra,
	}
}

// invitationText is the invitation: details (under them the branch's
// name, for a member of several branches), the deadline, and (when shown
// again) the household's answer.
func invitationText(L *locales.Localizer, e domain.Event, branch domain.Texts, answer string) string {
	lines := append([]string{L.T("EventInvited", nil), ""}, withBranchLine(L, branch, eventLines(L, e))...)
	lines = append(lines, "", L.T("EventAnswerBy", locales.Data{"When": L.DateTime(e.RSVPBy)}))
	if answer != "" {
		lines = append(lines, answer)
	}
	return strings.Join(lines, "\n")
}

// cmdEvents lists the member's upcoming events with their own answer;
// coordinators see every upcoming event with a ⚙️ button each.
func (f *Feature) cmdEvents(r *chat.Request) { f.showEvents(r) }

func (f *Feature) onEventList(r *chat.Request) {
	r.Toast("")
	f.showEvents(r)
}

func (f *Feature) showEvents(r *chat.Request) {
	now := f.Now()
	mine, err := f.Store.MemberEvents(r.Ctx, r.Member.ID, now)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	var blocks []string
	k := chat.Keyboard{}
	mineBlock := map[int64]string{}
	for _, me := range mine {
		inv := domain.Invitation{Answer: me.Answer, Adults: me.Adults, Children: me.Children}
		line := answerLine(L, inv, 0)
		if me.Answer == string(domain.AnswerWaiting) {
			if mi, err := f.Store.MyInvitation(r.Ctx, belonging(r), me.ID, r.Member.ID); err == nil {
				p, _ := f.Store.WaitlistPlace(r.Ctx, belonging(r), me.ID, mi.ID)
				line = answerLine(L, mi, p)
			}
		}
		mineBlock[me.ID] = strings.Join(append(withBranch(r, me.Event, eventLines(L, me.Event)), line), "\n")
		blocks = append(blocks, mineBlock[me.ID])
		k = append(k, chat.Row(chat.Btn(L.WrittenButton("BtnEventOpen", nil, "Title", me.TitleTexts()), actEvShow, strconv.FormatInt(me.ID, 10))))
	}
	if len(coordinated(r)) > 0 {
		all, err := f.Store.Events(r.Ctx, coordinated(r), now)
		if err != nil {
			r.Fail(err)
			return
		}
		// Every upcoming event of their branches, their own answer where
		// invited, and the invitations of branches where they only take
		// part: all in date order.
		managed := map[int64]bool{}
		for _, e := range all {
			managed[e.ID] = true
		}
		listed := all
		for _, me := range mine {
			if !managed[me.ID] {
				listed = append(listed, me.Event)
			}
		}
		sort.SliceStable(listed, func(i, j int) bool {
			return listed[i].StartsAt.Before(listed[j].StartsAt) || listed[i].StartsAt.Equal(listed[j].StartsAt) && listed[i].ID < listed[j].ID
		})
		blocks = blocks[:0]
		for _, e := range listed {
			if b, ok := mineBlock[e.ID]; ok {
				blocks = append(blocks, b)
			} else {
				blocks = append(blocks, strings.Join(withBranch(r, e, eventLines(L, e)), "\n"))
			}
			if managed[e.ID] {
				k = append(k, chat.Row(chat.Btn(L.WrittenButton("BtnManageEvent", nil, "Title", e.TitleTexts()), actEvOpen, strconv.FormatInt(e.ID, 10))))
			}
		}
		k = append(k, chat.Row(chat.Btn(L.T("BtnNewEvent", nil), chat.ActMenu, "newevent")))
	}
	if len(blocks) == 0 {
		r.Show(L.T("EventsNone", nil), k...)
		return
	}
	r.Show(L.T("EventsTitle", nil)+"\n\n"+strings.Join(blocks, "\n\n"), k...)
}

// onEventShow shows the invitation again with the member's answer: "1:ev:<id>".
func (f *Feature) onEventShow(r *chat.Request) {
	e, inv, ok := f.myEvent(r, r.Args[0])
	if !ok {
		return
	}
	place, _ := f.Store.WaitlistPlace(r.Ctx, belonging(r), e.ID, inv.ID)
	r.Toast("")
	var branch domain.Texts
	if label := r.BranchLabel(e.BranchID); label != "" {
		branch = domain.Texts{r.L.Lang(): label}
	}
	r.Show(invitationText(r.L, e, branch, answerLine(r.L, inv, place)), f.answerKeyboard(r.L, e, inv)...)
}

// answerKeyboard is what a household may do now: confirm offered seats,
// or answer (again).
func (f *Feature) answerKeyboard(L *locales.Localizer, e domain.Event, inv domain.Invitation) chat.Keyboard {
	k := answerButtons(L, e)
	if inv.Answer == string(domain.AnswerOffered) {
		id := strconv.FormatInt(e.ID, 10)
		k = append(chat.Keyboard{chat.Row(chat.Btn(L.T("BtnEventConfirm", nil), actEvAnswer, id, "keep"))}, k[1:]...)
	}
	return append(k, chat.Row(chat.Btn(L.T("BtnEvents", nil), actEvList)))
}

// onEventAnswer takes ✅ ❌ ❓ and confirmations: "1:ev:<id>:yes|no|maybe|keep".
// ✅ asks how many adults first, in the same message.
func (f *Feature) onEventAnswer(r *chat.Request) {
	e, inv, ok := f.myEvent(r, r.Args[0])
	if !ok {
		return
	}
	switch r.Args[1] {
	case "yes":
		if err := domain.AnswerAllowed(domain.Answering, inv.Household(), f.Now(), e.RSVPBy, e.StartsAt); err != nil {
			r.Fail(err)
			return
		}
		r.Toast("")
		f.askAdults(r, e, 0)
	case "no":
		f.answer(r, domain.RSVP{EventID: e.ID, MemberID: r.Member.ID, Answer: domain.AnswerNo})
	case "maybe":
		f.answer(r, domain.RSVP{EventID: e.ID, MemberID: r.Member.ID, Answer: domain.AnswerMaybe})
	case "keep":
		f.answer(r, domain.RSVP{EventID: e.ID, MemberID: r.Member.ID, Answer: domain.AnswerOffered})
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// numberButtons are 1 2 3 4 5 6+ (from lo), or 6 … 12 on the second page.
func numberButtons(lo, page int, tap func(n int) domain.Button, more domain.Button) chat.Keyboard {
	var line []domain.Button
	if page == 0 {
		for n := lo; n <= 5; n++ {
			line = append(line, tap(n))
		}
		line = append(line, more)
	} else {
		for n := 6; n <= 12; n++ {
			line = append(line, tap(n))
		}
	}
	if len(line) > 4 {
		return chat.Keyboard{line[:len(line)/2+len(line)%2], line[len(line)/2+len(line)%2:]}
	}
	return chat.Keyboard{line}
}

// askAdults asks "how many adults?": "1:ed:<id>:<page>" opens page 1 (6+).
func (f *Feature) askAdults(r *chat.Request, e domain.Event, page int) {
	id := strconv.FormatInt(e.ID, 10)
	k := numberButtons(1, page, func(n int) domain.Button {
		return chat.Btn(strconv.Itoa(n), actEvChildren, id, strconv.Itoa(n), "0")
	}, chat.Btn("6+", actEvAdults, id, "1"))
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actEvShow, id)))
	r.Show(strings.Join(append(eventLines(r.L, e), "", r.L.T("EventAskAdults", nil)), "\n"), k...)
}

func (f *Feature) onEventAdults(r *chat.Request) {
	e, _, ok := f.myEvent(r, r.Args[0])
	if !ok {
		return
	}
	r.Toast("")
	f.askAdults(r, e, min(1, int(eventIDArg(r.Args[1]))))
}

// onEventChildren asks "how many children?" once the adults are chosen:
// "1:ec:<id>:<adults>:<page>".
func (f *Feature) onEventChildren(r *chat.Request) {
	e, _, ok := f.myEvent(r, r.Args[0])
	if !ok {
		return
	}
	adults, page := int(eventIDArg(r.Args[1])), int(eventIDArg(r.Args[2]))
	if adults < 1 || adults > 12 || page > 1 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	id, ad := strconv.FormatInt(e.ID, 10), strconv.Itoa(adults)
	k := numberButtons(0, page, func(n int) domain.Button {
		return chat.Btn(strconv.Itoa(n), actEvHeads, id, ad, strconv.Itoa(n))
	}, chat.Btn("6+", actEvChildren, id, ad, "1"))
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actEvAnswer, id, "yes")))
	r.Toast("")
	r.Show(strings.Join(append(eventLines(r.L, e), "", r.L.T("EventAdultsChosen", locales.Data{"Adults": adults}), r.L.T("EventAskChildren", nil)), "\n"), k...)
}

// onEventHeads records the yes with its heads: "1:eh:<id>:<adults>:<children>".
func (f *Feature) onEventHeads(r *chat.Request) {
	adults, children := int(eventIDArg(r.Args[1])), int(eventIDArg(r.Args[2]))
	if adults < 1 || adults > 12 || children < 0 || children > 12 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	f.answer(r, domain.RSVP{EventID: eventIDArg(r.Args[0]), MemberID: r.Member.ID, Answer: domain.AnswerYes, Adults: adults, Children: children})
}

// answer records an answer and shows the confirmation repeating it, in the
// message that was tapped.
func (f *Feature) answer(r *chat.Request, ans domain.RSVP) {
	res, err := f.Store.Answer(r.Ctx, belonging(r), ans, f.Now())
	if r.Failed(err, "ButtonExpired") { // gone, or another branch's: a stale button
		return
	}
	if res.Promoted > 0 {
		f.Wake()
	}
	L, e, inv := r.L, res.Event, res.Invitation
	deadline := L.DateTime(e.RSVPBy)
	var text string
	switch {
	case ans.Answer == domain.AnswerYes && res.Outcome == domain.Kept:
		text = L.T("EventKeptNoRoom", heads(inv))
	case inv.Answer == string(domain.AnswerYes):
		d := heads(inv)
		d["When"] = deadline
		text = L.T("EventRecordedYes", d)
	case inv.Answer == string(domain.AnswerWaiting):
		d := heads(inv)
		d["Place"] = res.Place
		text = L.T("EventRecordedWaiting", d)
	case inv.Answer == string(domain.AnswerMaybe):
		text = L.T("EventRecordedMaybe", locales.Data{"When": deadline})
	default:
		text = L.T("EventRecordedNo", nil)
	}
	if ans.Answer == domain.AnswerYes && res.Outcome != domain.Seated && res.Free > 0 {
		text += "\n" + L.N("EventSeatsLeft", res.Free, nil) // a smaller party would fit
	}
	r.Toast("")
	r.Show(strings.Join(append(eventLines(L, e), "", text), "\n"), f.answerKeyboard(L, e, inv)...)
}

// onEventICS sends the event as an .ics calendar file: "1:ei:<id>". Like
// every event button it needs the invitation (coordinators see every event
// of their branches).
func (f *Feature) onEventICS(r *chat.Request) {
	var e domain.Event
	var ok bool
	if _, err := f.Store.Event(r.Ctx, coordinated(r), eventIDArg(r.Args[0])); err == nil {
		if e, ok = f.event(r, r.Args[0]); ok && e.Cancelled() {
			r.Fail(domain.ErrEventGone)
			return
		}
	} else {
		e, _, ok = f.myEvent(r, r.Args[0])
	}
	if !ok {
		return
	}
	L := r.L
	body := ical.Calendar(f.Now(), eventCalendar(L, e))
	r.Toast("")
	err := r.SendDocument(e.Key+".ics", body, L.T("EventCalendarCaption", locales.Data{"Title": L.Written(e.TitleTexts())}))
	if err != nil {
		f.Log.Warn("send calendar file", "err", err)
	}
}

// eventCalendar is the event as a calendar entry in the member's language.
func eventCalendar(L *locales.Localizer, e domain.Event) ical.Event {
	return ical.Event{
		UID: fmt.Sprintf("event-%d-%s@vejviser", e.ID, e.Key), Start: e.StartsAt, End: e.EndsAt,
		Summary: L.Plain(e.TitleTexts()), Location: e.Place, Description: L.Plain(e.Notes),
		Sequence: e.Version - 1, Cancelled: e.Cancelled(),
	}
}
