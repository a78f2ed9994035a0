package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Events, the coordinators' side: an event's card with the answers
// counted, the names with each household's counts, check-in at the door
// (present/absent per household and a walk-in counter in one message
// edited in place), households without Telegram recorded by hand,
// cancelling, and /report (the § 18 report as a CSV document).

const flowEventRecord = "eventrecord"

// maxCheckInRows bounds the check-in list (Telegram allows 100 buttons).
const maxCheckInRows = 80

// onEventOpen shows an event's card: "1:eo:<id>".
func (a *App) onEventOpen(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	is, err := a.Store.Invitations(r.Ctx, e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	c := domain.TallyAnswers(is)
	lines := append(eventLines(L, e), L.T("EventKeyLine", locales.Data{"Key": e.Key}), "")
	if e.Cancelled() {
		lines = append(lines, L.T("EventIsCancelled", nil))
	}
	if e.Cap() > 0 {
		free := e.Cap() - c.Heads[string(domain.AnswerYes)] - c.Heads[string(domain.AnswerOffered)]
		lines = append(lines, L.T("EventCapacityLine", locales.Data{"Capacity": e.Cap(), "Free": max(free, 0)}))
	}
	lines = append(lines, L.T("EventCounts", locales.Data{
		"YesHouseholds": c.Households["yes"], "YesHeads": c.Heads["yes"], "YesAdults": c.Adults["yes"], "YesChildren": c.Children["yes"],
		"MaybeHouseholds": c.Households["maybe"], "NoHouseholds": c.Households["no"],
		"WaitingHouseholds": c.Households["waiting"] + c.Households["offered"], "WaitingHeads": c.Heads["waiting"] + c.Heads["offered"],
		"Invited": c.Households["invited"],
	}))
	id := r.Args[0]
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnBack", nil), actEvList))}
	if !e.Cancelled() {
		k = chat.Keyboard{
			chat.Row(chat.Btn(L.T("BtnEventNames", nil), actEvNames, id), chat.Btn(L.T("BtnCheckIn", nil), actEvCheckIn, id, "0", "list")),
			chat.Row(chat.Btn(L.T("BtnRecordHousehold", nil), actEvRecord, id), chat.Btn(L.T("BtnEditEvent", nil), actEvEdit, id)),
			chat.Row(chat.Btn(L.T("BtnCancelEvent", nil), actEvCancel, id, "ask")),
			chat.Row(chat.Btn(L.T("BtnBack", nil), actEvList)),
		}
	}
	r.Toast("")
	r.Show(strings.Join(lines, "\n"), k...)
}

// answerMarks are the signs of each answer in the lists.
var answerMarks = map[string]string{"yes": "✅", "no": "❌", "maybe": "❓", "waiting": "⏳", "offered": "🎟", "invited": "✉️"}

// onEventNames lists the households with their answers and counts
// (coordinators only): "1:en:<id>".
func (a *App) onEventNames(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	is, err := a.Store.Invitations(r.Ctx, e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	lines := []string{L.T("EventNamesHead", locales.Data{"Title": e.TitleIn(L.Lang())}), ""}
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
	r.Toast("")
	r.Show(strings.Join(lines, "\n"), chat.Row(chat.Btn(L.T("BtnBack", nil), actEvOpen, r.Args[0])))
}

// onEventCheckIn shows the check-in list and walk-in counter, or marks a
// household present/absent: "1:ek:<id>:<invitation id>:list|in|out".
func (a *App) onEventCheckIn(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	switch r.Args[2] {
	case "in", "out":
		err := a.Store.CheckIn(r.Ctx, e.ID, eventIDArg(r.Args[1]), r.Args[2] == "in")
		if errors.Is(err, domain.ErrNotFound) {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		if err != nil {
			r.Fail(err)
			return
		}
	case "list":
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.Toast("")
	a.showCheckIn(r, e)
}

// onEventWalkIn counts a walk-in: "1:ew:<id>:adult|child|first|undo".
func (a *App) onEventWalkIn(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	var err error
	switch op := r.Args[1]; op {
	case domain.TapAdult, domain.TapChild, domain.TapFirst:
		_, err = a.Store.TapWalkIn(r.Ctx, e.ID, op, a.Now())
	case "undo":
		_, err = a.Store.UndoWalkIn(r.Ctx, e.ID)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	a.showCheckIn(r, e)
}

// showCheckIn is the door's one message: a button per household coming
// (tap to mark present, tap again for absent) and the walk-in counter.
func (a *App) showCheckIn(r *chat.Request, e domain.Event) {
	is, err := a.Store.Invitations(r.Ctx, e.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	walk, err := a.Store.WalkIns(r.Ctx, e.ID)
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
		L.T("EventCheckInHead", locales.Data{"Title": e.TitleIn(L.Lang())}), "",
		L.T("EventCheckedIn", locales.Data{"Households": households, "Adults": came.Adults, "Children": came.Children}),
		L.T("EventWalkIns", locales.Data{"Adults": walk.Adults, "Children": walk.Children, "First": walk.FirstTime}),
		L.T("EventCameTotal", locales.Data{"Total": came.Total() + walk.Total()}),
	}, "\n")
	r.Show(text, k...)
}

// onEventCancel asks, then cancels the event: "1:ex:<id>:ask|yes". Those
// coming or waiting are told by the scheduler, in their language.
func (a *App) onEventCancel(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	L, id := r.L, r.Args[0]
	switch r.Args[1] {
	case "ask":
		r.Toast("")
		r.Show(L.T("EventCancelAsk", locales.Data{"Title": e.TitleIn(L.Lang())}),
			chat.Row(chat.Btn(L.T("BtnCancelEventYes", nil), actEvCancel, id, "yes")),
			chat.Row(chat.Btn(L.T("BtnBack", nil), actEvOpen, id)))
	case "yes":
		if err := a.Store.CancelEvent(r.Ctx, e.ID, a.Now()); err != nil {
			r.Fail(err)
			return
		}
		a.Wake()
		r.Toast("")
		r.Show(L.T("EventCancelledDone", locales.Data{"Title": e.TitleIn(L.Lang())}), chat.Row(chat.Btn(L.T("BtnEvents", nil), actEvList)))
	default:
		r.Deny(L.T("ButtonExpired", nil))
	}
}

// recordDraft is the household being recorded by hand.
type recordDraft struct {
	EventID int64 `json:"event"`
}

// onEventRecord starts recording a household without Telegram: "1:er:<id>".
func (a *App) onEventRecord(r *chat.Request) {
	e, ok := a.event(r, r.Args[0])
	if !ok {
		return
	}
	data, _ := json.Marshal(recordDraft{EventID: e.ID})
	if err := a.Store.SaveConversation(r.Ctx, r.Member.ID, flowEventRecord, data, a.Now()); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Show(r.L.T("EventRecordAsk", locales.Data{"Title": e.TitleIn(r.L.Lang())}), chat.CancelRow(r.L))
}

// reHousehold is "a name or note, adults, children": "Familien Ali 2 3".
var reHousehold = regexp.MustCompile(`^(.{1,100}?)[\s,;]+([0-9]{1,2})[\s,;+]+([0-9]{1,2})$`)

// onEventRecordText takes the typed household.
func (a *App) onEventRecordText(r *chat.Request) {
	var d recordDraft
	if !chat.LoadDraft(r, flowEventRecord, &d) {
		return
	}
	m := reHousehold.FindStringSubmatch(strings.TrimSpace(r.Text))
	if m == nil {
		r.Say(r.L.T("EventRecordInvalid", nil), chat.CancelRow(r.L))
		return
	}
	adults, _ := strconv.Atoi(m[2])
	children, _ := strconv.Atoi(m[3])
	name := strings.TrimSpace(m[1])
	if adults < 1 {
		r.Say(r.L.T("EventRecordInvalid", nil), chat.CancelRow(r.L))
		return
	}
	if err := a.Store.RecordHousehold(r.Ctx, d.EventID, name, adults, children, a.Now()); err != nil {
		r.Fail(err)
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		a.Log.Warn("end record draft", "err", err)
	}
	r.Say(r.L.T("EventRecorded", locales.Data{"Name": name, "Adults": adults, "Children": children}),
		chat.Row(chat.Btn(r.L.T("BtnBack", nil), actEvOpen, strconv.FormatInt(d.EventID, 10))))
}

// cmdReport sends the § 18 report as a CSV document: "/report" (this
// year) or "/report 2027-01-01 2027-06-30".
func (a *App) cmdReport(r *chat.Request) {
	loc := a.Loc()
	now := a.Now().In(loc)
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(1, 0, 0)
	if f := strings.Fields(r.Text); len(f) > 0 {
		var err1, err2 error
		if len(f) == 2 {
			from, err1 = time.ParseInLocation("2006-01-02", f[0], loc)
			to, err2 = time.ParseInLocation("2006-01-02", f[1], loc)
			to = to.AddDate(0, 0, 1) // the last day counts whole
		}
		if len(f) != 2 || err1 != nil || err2 != nil || !to.After(from) {
			r.Say(r.L.T("ReportUsage", nil))
			return
		}
	}
	rows, err := a.Store.ReportRows(r.Ctx, loc, from, to, a.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	vol, err := a.Store.VolunteerHoursBetween(r.Ctx, loc, from, to)
	if err != nil {
		r.Fail(err)
		return
	}
	var b bytes.Buffer
	if err := report.WriteCSV(&b, rows, vol.Report(), loc); err != nil {
		r.Fail(err)
		return
	}
	r.Say(report.RenderVolunteerHours(r.L, vol)) // the volunteers' part, readable in the chat too; the file follows
	last := to.AddDate(0, 0, -1)
	err = r.SendDocument("vejviser-report-"+from.Format("2006-01-02")+"-"+last.Format("2006-01-02")+".csv", b.Bytes(), r.L.T("ReportCaption", locales.Data{"From": r.L.Date(from), "To": r.L.Date(last)}))
	if err != nil {
		r.Fail(err)
	}
}
