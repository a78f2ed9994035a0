package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /newactivity and editing an activity: a step-by-step chat kept in the
// database (title in Danish → other languages → place → weekdays → times →
// reminder → preview with Save). Editing opens the preview of an existing
// activity; each field button asks that one value again. /cancel or ✖️ at
// any step ends it with nothing saved.

const flowActivity = "activity"

type activityDraft struct {
	ID        int64             `json:"id,omitempty"` // 0: a new activity
	Step      string            `json:"step"`         // what typed text answers: title, lang, place, times
	Editing   bool              `json:"editing,omitempty"`
	Name      string            `json:"name,omitempty"`
	Titles    map[string]string `json:"titles,omitempty"`
	Writing   string            `json:"writing,omitempty"` // language of the title being typed
	Place     string            `json:"place,omitempty"`
	Days      []int             `json:"days,omitempty"`
	Start     string            `json:"start,omitempty"`
	End       string            `json:"end,omitempty"`
	Cron      string            `json:"cron,omitempty"` // an imported non-weekly schedule, kept until days or times change
	Duration  int               `json:"duration,omitempty"`
	RemindMin int               `json:"remind"`
}

// remindChoices are the reminder buttons, in minutes before (0: none).
var remindChoices = []int{60, 180, 24 * 60, 0}

func (a *App) saveActivityDraft(r *chat.Request, d activityDraft) bool {
	return chat.SaveDraft(r, flowActivity, d)
}

func (a *App) loadActivityDraft(r *chat.Request) (activityDraft, bool) {
	var d activityDraft
	ok := chat.LoadDraft(r, flowActivity, &d)
	if d.Titles == nil {
		d.Titles = map[string]string{}
	}
	return d, ok
}

// cmdNewActivity starts a new activity.
func (a *App) cmdNewActivity(r *chat.Request) {
	d := activityDraft{Step: "title", RemindMin: 180}
	if !a.saveActivityDraft(r, d) {
		return
	}
	r.Show(r.L.T("NewActivityAskTitle", nil), chat.CancelRow(r.L))
}

// onActivityEdit opens an existing activity as a draft at its preview: "1:ae:<id>".
func (a *App) onActivityEdit(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0])
	if !ok {
		return
	}
	d := activityDraft{ID: act.ID, Editing: true, Name: act.Name, Titles: map[string]string{}, Place: act.Place, RemindMin: act.RemindBeforeMin}
	for k, v := range act.Titles {
		d.Titles[k] = v
	}
	if w, ok := domain.AsWeekly(act.Schedule, act.DurationMin); ok {
		for _, day := range w.Days {
			d.Days = append(d.Days, int(day))
		}
		d.Start, d.End = w.Start.String(), w.End.String()
	} else {
		d.Cron, d.Duration = act.Schedule, act.DurationMin
	}
	r.Toast("")
	a.activityPreview(r, d)
}

// onActivityText takes the typed answer of the current step.
func (a *App) onActivityText(r *chat.Request) {
	d, ok := a.loadActivityDraft(r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.Text)
	switch d.Step {
	case "title", "lang":
		if text == "" || utf8.RuneCountInString(text) > 200 {
			r.Say(r.L.T("ActivityTitleInvalid", nil), chat.CancelRow(r.L))
			return
		}
		if d.Step == "title" {
			d.Name = text
		} else {
			d.Titles[d.Writing] = text
		}
		d.Writing = ""
		a.activityTitles(r, d)
	case "place":
		if utf8.RuneCountInString(text) > 200 {
			r.Say(r.L.T("ActivityPlaceInvalid", nil), chat.CancelRow(r.L))
			return
		}
		d.Place = text
		a.nextActivityStep(r, d, "days")
	case "times":
		start, end, err := domain.ParseTimeRange(text)
		if err != nil {
			r.Say(r.L.T("ActivityTimesInvalid", nil), chat.CancelRow(r.L))
			return
		}
		d.Start, d.End, d.Cron = start.String(), end.String(), ""
		a.nextActivityStep(r, d, "remind")
	default:
		r.Say(r.L.T("UseTheButtons", nil))
	}
}

// nextActivityStep moves on to step, or back to the preview when editing.
func (a *App) nextActivityStep(r *chat.Request, d activityDraft, step string) {
	if d.Editing {
		a.activityPreview(r, d)
		return
	}
	a.askActivityStep(r, d, step)
}

// activityTitles shows the title and buttons to add it in other languages.
func (a *App) activityTitles(r *chat.Request, d activityDraft) {
	d.Step = "titles"
	if !a.saveActivityDraft(r, d) {
		return
	}
	k := chat.Keyboard{}
	for _, lang := range locales.Languages {
		if lang == locales.Default {
			continue
		}
		k = append(k, chat.Row(chat.LanguageButton(a.Cat, r.L, lang, d.Titles[lang] != "", actActFlow, "lang", lang)))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnContinue", nil), actActFlow, "titles", "ok")), chat.CancelRow(r.L))
	r.Show(r.L.T("NewActivityTitles", locales.Data{"Title": d.Name}), k...)
}

// activityDays shows the weekdays to toggle.
func (a *App) activityDays(r *chat.Request, d activityDraft) {
	k := chat.Keyboard{}
	var line []domain.Button
	for _, day := range chat.WeekOrder {
		label := r.L.Weekday(day)
		for _, x := range d.Days {
			if x == int(day) {
				label = "✅ " + label
			}
		}
		line = append(line, chat.Btn(label, actActFlow, "day", strconv.Itoa(int(day))))
		if len(line) == 2 {
			k = append(k, line)
			line = nil
		}
	}
	k = append(k, append(line, chat.Btn(r.L.T("BtnContinue", nil), actActFlow, "days", "ok")), chat.CancelRow(r.L))
	r.Show(r.L.T("NewActivityAskDays", nil), k...)
}

func (a *App) activityRemind(r *chat.Request) {
	k := chat.Keyboard{}
	for _, m := range remindChoices {
		label := r.L.T("BtnNoReminder", nil)
		if m > 0 {
			label = r.L.T("BtnRemindBefore", locales.Data{"Duration": chat.DurationText(r.L, time.Duration(m)*time.Minute)})
		}
		k = append(k, chat.Row(chat.Btn(label, actActFlow, "remind", strconv.Itoa(m))))
	}
	r.Show(r.L.T("NewActivityAskRemind", nil), append(k, chat.CancelRow(r.L))...)
}

// activity turns a complete draft into an activity, or reports false.
func (d activityDraft) activity() (domain.Activity, bool) {
	act := domain.Activity{ID: d.ID, Name: d.Name, Titles: domain.Texts{}, Place: d.Place, RemindBeforeMin: d.RemindMin}
	for k, v := range d.Titles {
		act.Titles[k] = v
	}
	if d.Cron != "" {
		act.Schedule, act.DurationMin = d.Cron, d.Duration
		return act, d.Name != ""
	}
	var w domain.Weekly
	for _, day := range d.Days {
		w.Days = append(w.Days, time.Weekday(day))
	}
	start, end, err := domain.ParseTimeRange(d.Start + "-" + d.End)
	if err != nil || len(w.Days) == 0 || d.Name == "" {
		return act, false
	}
	w.Start, w.End = start, end
	act.Schedule, act.DurationMin = w.Cron(), w.DurationMin()
	return act, true
}

// activityPreview shows the activity as it will be saved, with a button per field.
func (a *App) activityPreview(r *chat.Request, d activityDraft) {
	d.Step = "preview"
	act, complete := d.activity()
	if !complete {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if !a.saveActivityDraft(r, d) {
		return
	}
	L := r.L
	lines := []string{L.T("ActivityPreview", nil), "", L.Isolate(act.Name)}
	for _, lang := range locales.Languages {
		if t := d.Titles[lang]; t != "" {
			lines = append(lines, a.Cat.For(lang).T("LanguageName", nil)+": "+L.Isolate(t))
		}
	}
	lines = append(lines, "🗓 "+chat.ScheduleText(L, act))
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if act.RemindBeforeMin > 0 {
		lines = append(lines, L.T("ActivityRemindBefore", locales.Data{"Duration": chat.DurationText(L, act.RemindBefore())}))
	} else {
		lines = append(lines, L.T("ActivityNoReminders", nil))
	}
	r.Show(strings.Join(lines, "\n"),
		chat.Row(chat.Btn(L.T("BtnSaveActivity", nil), actActFlow, "save", "ok")),
		chat.Row(chat.Btn(L.T("BtnEditTitle", nil), actActFlow, "edit", "title"), chat.Btn(L.T("BtnEditPlace", nil), actActFlow, "edit", "place")),
		chat.Row(chat.Btn(L.T("BtnEditDays", nil), actActFlow, "edit", "days"), chat.Btn(L.T("BtnEditTimes", nil), actActFlow, "edit", "times")),
		chat.Row(chat.Btn(L.T("BtnEditReminder", nil), actActFlow, "edit", "remind")),
		chat.CancelRow(L))
}

// onActivityFlow handles the buttons of the chat: "1:an:<op>:<value>".
func (a *App) onActivityFlow(r *chat.Request) {
	d, ok := a.loadActivityDraft(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "lang" && locales.Supported(val) && val != locales.Default && d.Name != "":
		d.Step, d.Writing = "lang", val
		if a.saveActivityDraft(r, d) {
			r.Toast("")
			r.Show(r.L.T("NewActivityAskTitleIn", locales.Data{"Language": a.Cat.For(val).T("LanguageName", nil)}), chat.CancelRow(r.L))
		}
	case op == "titles" && d.Step == "titles":
		r.Toast("")
		a.nextActivityStep(r, d, "place")
	case op == "day" && d.Step == "days":
		day, err := strconv.Atoi(val)
		if err != nil || day < 0 || day > 6 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.Days = toggle(d.Days, day)
		if a.saveActivityDraft(r, d) {
			r.Toast("")
			a.activityDays(r, d)
		}
	case op == "days" && d.Step == "days":
		if len(d.Days) == 0 {
			r.Deny(r.L.T("ActivityNeedDay", nil))
			return
		}
		r.Toast("")
		switch {
		case !d.Editing:
			a.nextActivityStep(r, d, "times")
		case d.Cron != "" || d.Start == "": // new days on a cron schedule need a time too
			d.Cron = ""
			a.askActivityStep(r, d, "times")
		default:
			a.activityPreview(r, d)
		}
	case op == "remind" && d.Step == "remind":
		m, err := strconv.Atoi(val)
		if err != nil || m < 0 || m > 7*24*60 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.RemindMin = m
		r.Toast("")
		a.activityPreview(r, d)
	case op == "edit" && d.Step == "preview":
		d.Editing = true
		r.Toast("")
		switch val {
		case "title":
			d.Step = "title"
			if a.saveActivityDraft(r, d) {
				r.Show(r.L.T("NewActivityAskTitle", nil), chat.CancelRow(r.L))
			}
		case "place", "days", "times", "remind":
			a.askActivityStep(r, d, val) // then back to the preview
		default:
			r.Deny(r.L.T("ButtonExpired", nil))
		}
	case op == "save" && d.Step == "preview":
		a.saveActivity(r, d)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// askActivityStep asks for the value of step (when creating, or one value
// while editing: the draft's Editing brings the answer back to the preview).
func (a *App) askActivityStep(r *chat.Request, d activityDraft, step string) {
	d.Step = step
	if !a.saveActivityDraft(r, d) {
		return
	}
	switch step {
	case "place":
		r.Show(r.L.T("NewActivityAskPlace", nil), chat.CancelRow(r.L))
	case "days":
		a.activityDays(r, d)
	case "times":
		r.Show(r.L.T("NewActivityAskTimes", nil), chat.CancelRow(r.L))
	case "remind":
		a.activityRemind(r)
	}
}

func toggle(days []int, day int) []int {
	for i, x := range days {
		if x == day {
			return append(days[:i:i], days[i+1:]...)
		}
	}
	return append(days, day)
}

// saveActivity creates or updates the activity and ends the chat.
func (a *App) saveActivity(r *chat.Request, d activityDraft) {
	act, ok := d.activity()
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	now := a.Now()
	var err error
	if d.ID == 0 {
		act.ID, err = a.Store.CreateActivity(r.Ctx, act, now)
	} else {
		err = a.Store.UpdateActivity(r.Ctx, act, now)
	}
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("ActivityGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		a.Log.Warn("end activity draft", "err", err)
	}
	a.Wake()
	r.Toast("")
	r.Show(r.L.T("ActivitySaved", locales.Data{"Title": act.Name}),
		chat.Row(chat.Btn(r.L.T("BtnManageActivity", locales.Data{"Title": act.Title(r.L.Lang())}), actActOpen, strconv.FormatInt(act.ID, 10))),
		chat.Row(chat.Btn(r.L.T("BtnActivities", nil), actActList)))
}
