package events

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The coordinators' event desk: an event's card with the answers counted,
// the names with each household's counts, check-in at the door
// (present/absent per household and a walk-in counter in one message
// edited in place), and cancelling. Households recorded by hand are in
// record.go, /report in report.go.

// maxCheckInRows bounds the check-in list (Telegram allows 100 buttons).
const maxCheckInRows = 80

// onEventOpen shows an event's card: "1:eo:<id>".
func (f *Feature) onEventOpen(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	r.Toast("")
	f.showCard(r, e)
}

// showCard is an event's card for the coordinators.
func (f *Feature) showCard(r *chat.Request, e domain.Event) {
	is, err := f.Store.Invitations(r.Ctx, coordinated(r), e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	nudge, _, err := f.Store.EventNudge(r.Ctx, coordinated(r), e.ID, f.Loc(), f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	c := domain.TallyAnswers(is)
	lines := append(withBranch(r, e, eventLines(L, e)), L.T("EventKeyLine", locales.Data{"Key": e.Key}), "")
	if e.Cancelled() {
		lines = append(lines, L.T("EventIsCancelled", nil))
	}
	if e.Cap() > 0 {
		hs := make([]domain.Household, len(is))
		for i, inv := range is {
			hs[i] = inv.Household()
		}
		lines = append(lines, L.T("EventCapacityLine", locales.Data{"Capacity": e.Cap(), "Free": domain.SeatsFree(e.Cap(), hs)}))
	}
	hh, ppl := counted(L, "HouseholdsCount"), counted(L, "PeopleCount")
	lines = append(lines, L.T("EventCounts", locales.Data{
		"YesHouseholds": hh(c.Households["yes"]), "YesHeads": ppl(c.Heads["yes"]), "YesAdults": c.Adults["yes"], "YesChildren": c.Children["yes"],
		"MaybeHouseholds": hh(c.Households["maybe"]), "NoHouseholds": hh(c.Households["no"]),
		"WaitingHouseholds": hh(c.Households["waiting"] + c.Households["offered"]), "WaitingHeads": ppl(c.Heads["waiting"] + c.Heads["offered"]),
		"Invited": c.Households["invited"],
	}))
	id := strconv.FormatInt(e.ID, 10)
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnBack", nil), actEvList))}
	if !e.Cancelled() {
		k = chat.Keyboard{
			chat.Row(chat.Btn(L.T("BtnEventNames", nil), actEvNames, id), chat.Btn(L.T("BtnCheckIn", nil), actEvCheckIn, id, "0", "list")),
			chat.Row(chat.Btn(L.T("BtnRecordHousehold", nil), actEvRecord, id), chat.Btn(L.T("BtnEditEvent", nil), actEvEdit, id)),
			chat.Row(chat.Btn(L.T("BtnCancelEvent", nil), actEvCancel, id, "ask")),
			chat.Row(chat.Btn(L.T("BtnBack", nil), actEvList)),
		}
		if nudge > 0 {
			k = append(chat.Keyboard{chat.Row(chat.Btn(L.T("BtnEventNudge", locales.Data{"Count": nudge}), actEvNudge, id))}, k...)
		}
	}
	r.Show(strings.Join(lines, "\n"), k...)
}

// onEventNudge reminds the households that have not answered, at most
// once a day per event, and shows the card again: "1:ez:<id>".
func (f *Feature) onEventNudge(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	n, earlier, err := f.Store.NudgeEvent(r.Ctx, coordinated(r), e.ID, r.Member.ID, f.Loc(), f.Now())
	switch {
	case err != nil:
		r.Fail(err)
		return
	case !earlier.IsZero():
		r.Alert(r.L.T("EventNudgedToday", locales.Data{"Time": r.L.Clock(earlier)}))
		return
	case n == 0:
		r.Alert(r.L.T("EventNudgeNobody", nil))
		return
	}
	f.Wake()
	r.Toast(r.L.T("EventNudgeSent", locales.Data{"Count": n}))
	f.showCard(r, e)
}

// answerMarks are the signs of each answer in the lists.
var answerMarks = map[string]string{"yes": "✅", "no": "❌", "maybe": "❓", "waiting": "⏳", "offered": "🎟", "invited": "✉️"}

// onEventNames lists the households with their answers and counts
// (coordinators only): "1:en:<id>".
func (f *Feature) onEventNames(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	is, err := f.Store.Invitations(r.Ctx, coordinated(r), e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	lines := []string{L.T("EventNamesHead", locales.Data{"Title": L.Written(e.TitleTexts())}), ""}
	for _, group := range []string{"yes", "offered", "waiting", "maybe", "no"} {
		for _, inv := range is {
			if inv.Answer != group {
				continue
			}
			d := heads(inv)
			d["Name"] = inv.DisplayName
			line := answerMarks[group] + " " + L.T("EventNameLine", d)
			if inv.Recorded() {
				line += " " + L.T("EventRecordedMark", nil)
			}
			lines = append(lines, line)
		}
	}
	if len(lines) == 2 {
		lines = append(lines, L.T("EventNoAnswers", nil))
	}
	k := append(householdRows(is, r.Args[0]), chat.Row(chat.Btn(L.T("BtnBack", nil), actEvOpen, r.Args[0])))
	r.Toast("")
	r.Show(strings.Join(lines, "\n"), k...)
}

// onEventCheckIn shows the check-in list and walk-in counter, or marks a
// household present/absent: "1:ek:<id>:<invitation id>:list|in|out".
func (f *Feature) onEventCheckIn(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	switch r.Args[2] {
	case "in", "out":
		err := f.Store.CheckIn(r.Ctx, coordinated(r), e.ID, eventIDArg(r.Args[1]), r.Args[2] == "in")
		if r.Failed(err, "ButtonExpired") {
			return
		}
	case "list":
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.Toast("")
	r.Serial(func() { f.showCheckIn(r, e) })
}

// onEventWalkIn counts a walk-in: "1:ew:<id>:adult|child|first|undo".
func (f *Feature) onEventWalkIn(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	var err error
	switch op := r.Args[1]; op {
	case domain.TapAdult, domain.TapChild, domain.TapFirst:
		_, err = f.Store.TapWalkIn(r.Ctx, coordinated(r), e.ID, op, f.Now())
	case "undo":
		_, err = f.Store.UndoWalkIn(r.Ctx, coordinated(r), e.ID)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Serial(func() { f.showCheckIn(r, e) }) // reads the counts after every tap before this edit
}

// showCheckIn is the door's one message: a button per household coming
// (tap to mark present, tap again for absent) and the walk-in counter.
func (f *Feature) showCheckIn(r *chat.Request, e domain.Event) {
	is, err := f.Store.Invitations(r.Ctx, coordinated(r), e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	walk, err := f.Store.WalkIns(r.Ctx, coordinated(r), e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	id := strconv.FormatInt(e.ID, 10)
	k := chat.Keyboard{}
	came := domain.HeadCount{}
	households := 0
	for _, inv := range is {
		if inv.Answer != string(domain.AnswerYes) {
			continue
		}
		label := inv.DisplayName + " · " + strconv.Itoa(inv.Adults) + "+" + strconv.Itoa(inv.Children)
		mark, next := "⬜ ", "in"
		switch {
		case inv.Present.Valid && inv.Present.Bool:
			mark, next = "✅ ", "out"
			came.Adults += inv.Adults
			came.Children += inv.Children
			households++
		case inv.Present.Valid:
			mark = "❌ "
		}
		if len(k) < maxCheckInRows {
			k = append(k, chat.Row(chat.Btn(mark+label, actEvCheckIn, id, strconv.FormatInt(inv.ID, 10), next)))
		}
	}
	k = append(k,
		chat.Row(chat.Btn(L.T("BtnCountAdult", nil), actEvWalkIn, id, domain.TapAdult), chat.Btn(L.T("BtnCountChild", nil), actEvWalkIn, id, domain.TapChild)),
		chat.Row(chat.Btn(L.T("BtnCountFirst", nil), actEvWalkIn, id, domain.TapFirst), chat.Btn(L.T("BtnCountUndo", nil), actEvWalkIn, id, "undo")),
		chat.Row(chat.Btn(L.T("BtnBack", nil), actEvOpen, id)))
	text := strings.Join([]string{
		L.T("EventCheckInHead", locales.Data{"Title": L.Written(e.TitleTexts())}), "",
		L.T("EventCheckedIn", locales.Data{"Households": counted(L, "HouseholdsCount")(households), "Adults": came.Adults, "Children": came.Children}),
		L.T("EventWalkIns", locales.Data{"Adults": walk.Adults, "Children": walk.Children, "First": walk.FirstTime}),
		L.T("EventCameTotal", locales.Data{"Total": came.Total() + walk.Total()}),
	}, "\n")
	r.Show(text, k...)
}

// onEventCancel asks, then cancels the event: "1:ex:<id>:ask|yes". Those
// coming or waiting are told by the scheduler, in their language.
func (f *Feature) onEventCancel(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	L, id := r.L, r.Args[0]
	switch r.Args[1] {
	case "ask":
		r.Toast("")
		r.Show(L.T("EventCancelAsk", locales.Data{"Title": L.Written(e.TitleTexts())}),
			chat.Row(chat.Btn(L.T("BtnCancelEventYes", nil), actEvCancel, id, "yes")),
			chat.Row(chat.Btn(L.T("BtnBack", nil), actEvOpen, id)))
	case "yes":
		if err := f.Store.CancelEvent(r.Ctx, coordinated(r), e.ID, f.Now()); err != nil {
			r.Fail(err)
			return
		}
		f.Wake()
		r.Toast("")
		r.Show(L.T("EventCancelledDone", locales.Data{"Title": L.Written(e.TitleTexts())}), chat.Row(chat.Btn(L.T("BtnEvents", nil), actEvList)))
	default:
		r.Deny(L.T("ButtonExpired", nil))
	}
}

// counted renders a number with its noun in the plural form it takes ("1
// husstand", "3 husstande") through plural message id, as one value of a
// message that holds several counts (go-i18n gives a message one plural).
func counted(L *locales.Localizer, id string) func(n int) locales.Isolated {
	return func(n int) locales.Isolated { return locales.Isolated(L.N(id, n, nil)) }
}
