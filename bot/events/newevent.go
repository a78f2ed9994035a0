package events

import (
	"errors"
	"strconv"
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
//
// The chat's steps are plain functions of the request and the draft, not
// methods of the Feature: eventFlow, a package-level value, calls them, and
// all they need (store, clock, words) is in r.Env.

// eventFlow is /newevent and the editing of an event. Its name is stored
// with every draft, so it never changes.
var eventFlow = &chat.Flow[eventDraft]{
	Name:    "event",
	Command: "newevent",
	StepOf:  func(d *eventDraft) chat.Step { return d.Step },
	Init: func(d *eventDraft) {
		if d.Titles == nil {
			d.Titles = map[string]string{}
		}
		if d.Notes == nil {
			d.Notes = map[string]string{}
		}
	},
}

// The typed steps are set in init: they save the draft through eventFlow,
// which a package-level initializer may not refer back to.
func init() {
	eventFlow.Text = map[chat.Step]func(*chat.Request, *eventDraft, string){
		"title":    onTitleText,
		"tlang":    onTitleText,
		"start":    onStartText,
		"end":      onEndText,
		"place":    onPlaceText,
		"capacity": onCapacityText,
		"deadline": onDeadlineText,
		"nlang":    onNoteText,
	}
	eventFlow.Ask = resumeEvent
}

// resumeEvent asks again the question the draft is at.
func resumeEvent(r *chat.Request, d *eventDraft) {
	switch d.Step {
	case "title":
		r.Show(r.L.T("NewEventAskTitle", nil), chat.CancelRow(r.L))
	case "tlang", "nlang":
		d.Step = chat.Step(map[chat.Step]string{"tlang": "titles", "nlang": "notes"}[d.Step])
		writeIn(r, *d, d.Writing)
	case "preview":
		eventPreview(r, *d)
	default:
		askEventStep(r, *d, d.Step)
	}
}

type eventDraft struct {
	ID       int64             `json:"id,omitempty"` // 0: a new event
	Editing  bool              `json:"editing,omitempty"`
	Step     chat.Step         `json:"step"` // what typed text answers: title, lang, start, end, place, capacity, deadline, note
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

// cmdNewEvent starts a new event.
func (f *Feature) cmdNewEvent(r *chat.Request) {
	if eventFlow.Begin(r, eventDraft{Step: "title"}) {
		r.Show(r.L.T("NewEventAskTitle", nil), chat.CancelRow(r.L))
	}
}

// askEventStep saves the draft at step and asks for it.
func askEventStep(r *chat.Request, d eventDraft, step chat.Step) {
	d.Step = step
	if !eventFlow.Save(r, d) {
		return
	}
	L := r.L
	switch step {
	case "titles", "notes":
		showEventTexts(r, d, step)
	case "start":
		r.Show(L.T("NewEventAskStart", nil), chat.CancelRow(L))
	case "end":
		r.Show(L.T("NewEventAskEnd", nil), chat.CancelRow(L))
	case "place":
		r.Show(L.T("NewEventAskPlace", nil), chat.CancelRow(L))
	case "capacity":
		r.Show(L.T("NewEventAskCapacity", nil), capacityButtons(L), chat.CancelRow(L))
	case "deadline":
		k := chat.Keyboard{}
		for _, days := range deadlineChoices {
			at := d.Start.AddDate(0, 0, -days)
			if at.After(r.Env.Now()) {
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
				label = L.Button("BtnAskBefore", locales.Data{"Duration": chat.DurationText(L, time.Duration(days)*24*time.Hour)})
			}
			k = append(k, chat.Row(chat.Btn(label, actEvFlow, "ad", strconv.Itoa(days+1))))
		}
		r.Show(L.T("NewEventAskStillComing", nil), append(k, chat.CancelRow(L))...)
	case "invite":
		acts, err := r.Env.Store.Activities(r.Ctx, r.Scope.Branches(domain.RoleCoordinator))
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
			k = append(k, chat.Row(chat.Btn(L.WrittenButton("BtnInviteFollowers", nil, "Title", act.TitleTexts()), actEvFlow, "act", strconv.FormatInt(act.ID, 10))))
		}
		r.Show(L.T("NewEventAskInvite", nil), append(k, chat.CancelRow(L))...)
	}
}

// showEventTexts shows the title or notes and buttons to add them in other languages.
func showEventTexts(r *chat.Request, d eventDraft, step chat.Step) {
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
			lead += "\n" + L.Name(lang) + ": " + L.Isolate(texts[lang])
		}
		k = append(k, chat.Row(chat.LanguageButton(r.Env.Cat, L, lang, texts[lang] != "", actEvFlow, string(step[:1])+"lang", lang)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnContinue", nil), actEvFlow, string(step), "ok")), chat.CancelRow(L))
	r.Show(lead, k...)
}

// The typed answers, one function per step (eventFlow.Text). Each checks
// the text, answers what is wrong with it, or moves on.

// onTitleText takes the Danish title ("title") or one in another language ("tlang").
func onTitleText(r *chat.Request, d *eventDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("ActivityTitleInvalid", nil), chat.CancelRow(r.L))
		return
	}
	if d.Step == "title" {
		d.Title = text
	} else {
		d.Titles[d.Writing] = text
	}
	askEventStep(r, *d, "titles")
}

// onStartText takes the date and time the event starts.
func onStartText(r *chat.Request, d *eventDraft, text string) {
	t, err := domain.ParseLocalDateTime(text, r.Env.Loc(), r.Env.Now())
	if err != nil || !t.After(r.Env.Now()) {
		r.Say(chat.BadDateTime(r, text, err, "NewEventStartInvalid"), chat.CancelRow(r.L))
		return
	}
	d.Start = t
	if d.RSVPBy.After(t) {
		d.RSVPBy = t // answers close at the start at the latest
	}
	askEventStep(r, *d, "end")
}

// onEndText takes the time the event ends, on the day it starts.
func onEndText(r *chat.Request, d *eventDraft, text string) {
	loc := r.Env.Loc()
	c, err := domain.ParseClock(text)
	local := d.Start.In(loc)
	end := domain.Wall(time.Date(local.Year(), local.Month(), local.Day(), c.Hour, c.Minute, 0, 0, time.UTC), loc)
	if err != nil || !end.After(d.Start) {
		r.Say(r.L.T("NewEventEndInvalid", locales.Data{"Start": r.L.Clock(d.Start), "Example": chat.ExampleClockAfter(d.Start, loc)}), chat.CancelRow(r.L))
		return
	}
	d.End = end
	nextEventStep(r, *d, "place")
}

// onPlaceText takes the place.
func onPlaceText(r *chat.Request, d *eventDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("ActivityPlaceInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Place = text
	nextEventStep(r, *d, "capacity")
}

// onCapacityText takes a typed capacity (the buttons offer the usual ones).
func onCapacityText(r *chat.Request, d *eventDraft, text string) {
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 || n > 10000 {
		r.Say(r.L.T("NewEventCapacityInvalid", nil), capacityButtons(r.L), chat.CancelRow(r.L)) // the quick picks stay
		return
	}
	d.Capacity = n
	nextEventStep(r, *d, "deadline")
}

// onDeadlineText takes a typed answer deadline, between now and the start.
func onDeadlineText(r *chat.Request, d *eventDraft, text string) {
	t, err := domain.ParseLocalDateTime(text, r.Env.Loc(), r.Env.Now())
	if errors.Is(err, domain.ErrNotADate) {
		r.Say(chat.BadDateTime(r, text, err, ""), chat.CancelRow(r.L))
		return
	}
	if err != nil || t.After(d.Start) || !t.After(r.Env.Now()) {
		r.Say(r.L.T("NewEventDeadlineInvalid", locales.Data{"Start": r.L.DateTime(d.Start)}), chat.CancelRow(r.L))
		return
	}
	d.RSVPBy = t
	nextEventStep(r, *d, "notes")
}

// onNoteText takes the note in the language being written.
func onNoteText(r *chat.Request, d *eventDraft, text string) {
	if utf8.RuneCountInString(text) > 500 {
		r.Say(r.L.T("NewEventNoteInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Notes[d.Writing] = text
	askEventStep(r, *d, "notes")
}

// capacityButtons are the quick picks of the capacity step.
func capacityButtons(L *locales.Localizer) []domain.Button {
	var line []domain.Button
	for _, c := range capacityChoices {
		label := L.T("BtnNoLimit", nil)
		if c > 0 {
			label = strconv.Itoa(c)
		}
		line = append(line, chat.Btn(label, actEvFlow, "cap", strconv.Itoa(c)))
	}
	return line
}
