package bot

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /newevent: a step-by-step chat kept in the database (title in Danish →
// titles in other languages → date and start → end → place → capacity →
// answer deadline → notes per language → who is invited → preview with
// Send). /cancel or ✖️ at any step ends it with nothing saved. Send creates
// the event; the scheduler sends the invitations through the outbox.

const flowEvent = "event"

type eventDraft struct {
	ID       int64             `json:"id,omitempty"` // 0: a new event
	Editing  bool              `json:"editing,omitempty"`
	Step     string            `json:"step"` // what typed text answers: title, lang, start, end, place, capacity, deadline, note
	Title    string            `json:"title,omitempty"`
	Titles   map[string]string `json:"titles,omitempty"`
	Notes    map[string]string `json:"notes,omitempty"`
	Writing  string            `json:"writing,omitempty"` // language of the title or note being typed
	Start    time.Time         `json:"start,omitempty"`
	End      time.Time         `json:"end,omitempty"`
	Place    string            `json:"place,omitempty"`
	Capacity int               `json:"capacity,omitempty"` // 0: no limit
	RSVPBy   time.Time         `json:"rsvp_by,omitempty"`
	Invite   string            `json:"invite,omitempty"`
	Offer    int               `json:"offer,omitempty"` // hours a waitlist offer stands; 0: the default
	Ask      int               `json:"ask,omitempty"`   // "still coming?" days before; 0: the default, -1: never
}

// capacityChoices and deadlineChoices are the buttons of those steps.
var (
	capacityChoices = []int{20, 40, 60, 80, 0}
	deadlineChoices = []int{1, 3, 7}       // days before the start
	offerChoices    = []int{6, 12, 24, 48} // hours a waitlist offer stands
	askChoices      = []int{1, 2, 3, -1}   // "still coming?" days before; -1: never
)

func (a *App) saveEventDraft(r *chat.Request, d eventDraft) bool {
	return chat.SaveDraft(r, flowEvent, d)
}

func (a *App) loadEventDraft(r *chat.Request) (eventDraft, bool) {
	var d eventDraft
	ok := chat.LoadDraft(r, flowEvent, &d)
	if d.Titles == nil {
		d.Titles = map[string]string{}
	}
	if d.Notes == nil {
		d.Notes = map[string]string{}
	}
	return d, ok
}

// cmdNewEvent starts a new event.
func (a *App) cmdNewEvent(r *chat.Request) {
	if a.saveEventDraft(r, eventDraft{Step: "title"}) {
		r.Show(r.L.T("NewEventAskTitle", nil), chat.CancelRow(r.L))
	}
}

// ask saves the draft at step and asks for it.
func (a *App) askEventStep(r *chat.Request, d eventDraft, step string) {
	d.Step = step
	if !a.saveEventDraft(r, d) {
		return
	}
	L := r.L
	switch step {
	case "titles", "notes":
		a.eventTexts(r, d, step)
	case "start":
		r.Show(L.T("NewEventAskStart", nil), chat.CancelRow(L))
	case "end":
		r.Show(L.T("NewEventAskEnd", nil), chat.CancelRow(L))
	case "place":
		r.Show(L.T("NewEventAskPlace", nil), chat.CancelRow(L))
	case "capacity":
		var line []domain.Button
		for _, c := range capacityChoices {
			label := L.T("BtnNoLimit", nil)
			if c > 0 {
				label = strconv.Itoa(c)
			}
			line = append(line, chat.Btn(label, actEvFlow, "cap", strconv.Itoa(c)))
		}
		r.Show(L.T("NewEventAskCapacity", nil), line, chat.CancelRow(L))
	case "deadline":
		k := chat.Keyboard{}
		for _, days := range deadlineChoices {
			at := d.Start.AddDate(0, 0, -days)
			if at.After(a.Now()) {
				k = append(k, chat.Row(chat.Btn(L.DateTime(at), actEvFlow, "by", strconv.Itoa(days))))
			}
		}
		k = append(k, chat.Row(chat.Btn(L.T("BtnUntilStart", nil), actEvFlow, "by", "0")), chat.CancelRow(L))
		r.Show(L.T("NewEventAskDeadline", nil), k...)
	case "offer":
		var line []domain.Button
		for _, h := range offerChoices {
			line = append(line, chat.Btn(chat.DurationText(L, time.Duration(h)*time.Hour), actEvFlow, "oh", strconv.Itoa(h)))
		}
		r.Show(L.T("NewEventAskOffer", nil), line, chat.CancelRow(L))
	case "ask":
		k := chat.Keyboard{}
		for _, days := range askChoices {
			label := L.T("BtnNeverAsk", nil)
			if days > 0 {
				label = L.T("BtnAskBefore", locales.Data{"Duration": chat.DurationText(L, time.Duration(days)*24*time.Hour)})
			}
			k = append(k, chat.Row(chat.Btn(label, actEvFlow, "ad", strconv.Itoa(days+1))))
		}
		r.Show(L.T("NewEventAskStillComing", nil), append(k, chat.CancelRow(L))...)
	case "invite":
		acts, err := a.Store.Activities(r.Ctx)
		if err != nil {
			r.Fail(err)
			return
		}
		k := chat.Keyboard{
			chat.Row(chat.Btn(L.T("BtnInviteParticipants", nil), actEvFlow, "inv", "participants")),
			chat.Row(chat.Btn(L.T("BtnInviteVolunteers", nil), actEvFlow, "inv", "volunteers")),
			chat.Row(chat.Btn(L.T("BtnInviteEveryone", nil), actEvFlow, "inv", "everyone")),
		}
		for _, act := range acts {
			k = append(k, chat.Row(chat.Btn(L.T("BtnInviteFollowers", locales.Data{"Title": act.Title(L.Lang())}), actEvFlow, "act", strconv.FormatInt(act.ID, 10))))
		}
		r.Show(L.T("NewEventAskInvite", nil), append(k, chat.CancelRow(L))...)
	}
}

// eventTexts shows the title or notes and buttons to add them in other languages.
func (a *App) eventTexts(r *chat.Request, d eventDraft, step string) {
	L := r.L
	k := chat.Keyboard{}
	texts, lead := d.Titles, L.T("NewEventTitles", locales.Data{"Title": d.Title})
	if step == "notes" {
		texts, lead = d.Notes, L.T("NewEventNotes", nil)
	}
	for _, lang := range locales.Languages {
		if step == "titles" && lang == locales.Default {
			continue
		}
		if texts[lang] != "" && step == "notes" {
			lead += "\n" + a.Cat.For(lang).T("LanguageName", nil) + ": " + L.Isolate(texts[lang])
		}
		k = append(k, chat.Row(chat.LanguageButton(a.Cat, L, lang, texts[lang] != "", actEvFlow, step[:1]+"lang", lang)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnContinue", nil), actEvFlow, step, "ok")), chat.CancelRow(L))
	r.Show(lead, k...)
}

// onEventText takes the typed answer of the current step.
func (a *App) onEventText(r *chat.Request) {
	d, ok := a.loadEventDraft(r)
	if !ok {
		return
	}
	L := r.L
	text := strings.TrimSpace(r.Text)
	switch d.Step {
	case "title", "tlang":
		if text == "" || utf8.RuneCountInString(text) > 200 {
			r.Say(L.T("ActivityTitleInvalid", nil), chat.CancelRow(L))
			return
		}
		if d.Step == "title" {
			d.Title = text
		} else {
			d.Titles[d.Writing] = text
		}
		a.askEventStep(r, d, "titles")
	case "start":
		t, err := domain.ParseLocalDateTime(text, a.Loc(), a.Now())
		if err != nil || !t.After(a.Now()) {
			r.Say(L.T("NewEventStartInvalid", nil), chat.CancelRow(L))
			return
		}
		d.Start = t
		if d.RSVPBy.After(t) {
			d.RSVPBy = t // answers close at the start at the latest
		}
		a.askEventStep(r, d, "end")
	case "end":
		c, err := domain.ParseClock(text)
		local := d.Start.In(a.Loc())
		end := domain.Wall(time.Date(local.Year(), local.Month(), local.Day(), c.Hour, c.Minute, 0, 0, time.UTC), a.Loc())
		if err != nil || !end.After(d.Start) {
			r.Say(L.T("NewEventEndInvalid", locales.Data{"Start": L.Clock(d.Start)}), chat.CancelRow(L))
			return
		}
		d.End = end
		a.nextEventStep(r, d, "place")
	case "place":
		if text == "" || utf8.RuneCountInString(text) > 200 {
			r.Say(L.T("ActivityPlaceInvalid", nil), chat.CancelRow(L))
			return
		}
		d.Place = text
		a.nextEventStep(r, d, "capacity")
	case "capacity":
		n, err := strconv.Atoi(text)
		if err != nil || n < 1 || n > 10000 {
			r.Say(L.T("NewEventCapacityInvalid", nil), chat.CancelRow(L))
			return
		}
		d.Capacity = n
		a.nextEventStep(r, d, "deadline")
	case "deadline":
		t, err := domain.ParseLocalDateTime(text, a.Loc(), a.Now())
		if err != nil || t.After(d.Start) || !t.After(a.Now()) {
			r.Say(L.T("NewEventDeadlineInvalid", locales.Data{"Start": L.DateTime(d.Start)}), chat.CancelRow(L))
			return
		}
		d.RSVPBy = t
		a.nextEventStep(r, d, "notes")
	case "nlang":
		if utf8.RuneCountInString(text) > 500 {
			r.Say(L.T("NewEventNoteInvalid", nil), chat.CancelRow(L))
			return
		}
		d.Notes[d.Writing] = text
		a.askEventStep(r, d, "notes")
	default:
		r.Say(L.T("UseTheButtons", nil))
	}
}

// onEventFlow handles the buttons of the chat: "1:ef:<op>:<value>".
func (a *App) onEventFlow(r *chat.Request) {
	d, ok := a.loadEventDraft(r)
	if !ok {
		return
	}
	L := r.L
	op, val := r.Args[0], r.Args[1]
	r.Toast("")
	switch {
	case (op == "tlang" && d.Step == "titles" || op == "nlang" && d.Step == "notes") && locales.Supported(val):
		d.Step, d.Writing = op, val
		if a.saveEventDraft(r, d) {
			id := "NewEventAskTitleIn"
			if op == "nlang" {
				id = "NewEventAskNoteIn"
			}
			r.Show(L.T(id, locales.Data{"Language": a.Cat.For(val).T("LanguageName", nil)}), chat.CancelRow(L))
		}
	case op == "titles" && d.Step == "titles":
		a.nextEventStep(r, d, "start")
	case op == "cap" && d.Step == "capacity":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			r.Deny(L.T("ButtonExpired", nil))
			return
		}
		d.Capacity = n
		a.nextEventStep(r, d, "deadline")
	case op == "by" && d.Step == "deadline":
		days, err := strconv.Atoi(val)
		if err != nil || days < 0 || days > 7 {
			r.Deny(L.T("ButtonExpired", nil))
			return
		}
		d.RSVPBy = d.Start.AddDate(0, 0, -days)
		a.nextEventStep(r, d, "notes")
	case op == "notes" && d.Step == "notes":
		a.nextEventStep(r, d, "invite")
	case op == "inv" && d.Step == "invite" && domain.ValidInvite(val):
		d.Invite = val
		a.eventPreview(r, d)
	case op == "act" && d.Step == "invite":
		act, err := a.Store.Activity(r.Ctx, eventIDArg(val))
		if err != nil {
			r.Deny(L.T("ButtonExpired", nil))
			return
		}
		d.Invite = "activity:" + act.Key
		a.eventPreview(r, d)
	case op == "send" && d.Step == "preview":
		a.sendEvent(r, d)
	case op == "oh" && d.Step == "offer":
		h, err := strconv.Atoi(val)
		if err != nil || h < 1 || h > 336 {
			r.Deny(L.T("ButtonExpired", nil))
			return
		}
		d.Offer = h
		a.eventPreview(r, d)
	case op == "ad" && d.Step == "ask":
		days, err := strconv.Atoi(val) // days + 1, as payload arguments are not negative
		if err != nil || days < 0 || days > 15 {
			r.Deny(L.T("ButtonExpired", nil))
			return
		}
		d.Ask = days - 1
		if d.Ask == 0 {
			d.Ask = -1
		}
		a.eventPreview(r, d)
	case op == "edit" && d.Step == "preview" && (val == "title" || val == "start" || val == "place" || val == "capacity" || val == "deadline" || val == "notes" || val == "offer" || val == "ask"):
		d.Editing = true
		if val == "title" {
			a.askEventStep(r, d, "titles")
			return
		}
		a.askEventStep(r, d, val)
	default:
		r.Deny(L.T("ButtonExpired", nil))
	}
}

// nextEventStep moves on to step, or back to the preview when editing.
func (a *App) nextEventStep(r *chat.Request, d eventDraft, step string) {
	if d.Editing {
		a.eventPreview(r, d)
		return
	}
	a.askEventStep(r, d, step)
}
