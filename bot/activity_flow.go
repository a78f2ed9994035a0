package bot

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

func (a *App) saveActivityDraft(r *req, d activityDraft) bool { return a.saveFlow(r, flowActivity, d) }

func (a *App) loadActivityDraft(r *req) (activityDraft, bool) {
	var d activityDraft
	ok := a.loadFlow(r, flowActivity, &d)
	if d.Titles == nil {
		d.Titles = map[string]string{}
	}
	return d, ok
}

// saveFlow stores the state of the member's step-by-step chat flow.
func (a *App) saveFlow(r *req, flow string, state any) bool {
	data, err := json.Marshal(state)
	if err == nil {
		err = a.store.SaveConversation(r.ctx, r.member.ID, flow, data, a.now())
	}
	if err != nil {
		r.fail(err)
		return false
	}
	return true
}

// loadFlow reads the state of the member's step-by-step chat into state; a
// button or text whose chat has ended (or is another one) is answered
// "this button no longer works".
func (a *App) loadFlow(r *req, flow string, state any) bool {
	got, data, err := a.store.Conversation(r.ctx, r.member.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.fail(err)
		return false
	}
	if err != nil || got != flow || json.Unmarshal(data, state) != nil {
		r.deny(r.L.T("ButtonExpired", nil))
		return false
	}
	return true
}

// cmdNewActivity starts a new activity.
func (a *App) cmdNewActivity(r *req) {
	d := activityDraft{Step: "title", RemindMin: 180}
	if !a.saveActivityDraft(r, d) {
		return
	}
	r.show(r.L.T("NewActivityAskTitle", nil), flowCancelRow(r.L))
}

// onActivityEdit opens an existing activity as a draft at its preview: "1:ae:<id>".
func (a *App) onActivityEdit(r *req) {
	act, ok := a.liveActivity(r, r.args[0])
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
	r.toast("")
	a.activityPreview(r, d)
}

// onActivityText takes the typed answer of the current step.
func (a *App) onActivityText(r *req) {
	d, ok := a.loadActivityDraft(r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.text)
	switch d.Step {
	case "title", "lang":
		if text == "" || utf8.RuneCountInString(text) > 200 {
			r.say(r.L.T("ActivityTitleInvalid", nil), flowCancelRow(r.L))
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
			r.say(r.L.T("ActivityPlaceInvalid", nil), flowCancelRow(r.L))
			return
		}
		d.Place = text
		a.nextActivityStep(r, d, "days")
	case "times":
		start, end, err := domain.ParseTimeRange(text)
		if err != nil {
			r.say(r.L.T("ActivityTimesInvalid", nil), flowCancelRow(r.L))
			return
		}
		d.Start, d.End, d.Cron = start.String(), end.String(), ""
		a.nextActivityStep(r, d, "remind")
	default:
		r.say(r.L.T("UseTheButtons", nil))
	}
}

// nextActivityStep moves on to step, or back to the preview when editing.
func (a *App) nextActivityStep(r *req, d activityDraft, step string) {
	if d.Editing {
		a.activityPreview(r, d)
		return
	}
	a.askActivityStep(r, d, step)
}

// activityTitles shows the title and buttons to add it in other languages.
func (a *App) activityTitles(r *req, d activityDraft) {
	d.Step = "titles"
	if !a.saveActivityDraft(r, d) {
		return
	}
	k := kb{}
	for _, lang := range locales.Languages {
		if lang == locales.Default {
			continue
		}
		k = append(k, row(a.languageButton(r.L, lang, d.Titles[lang] != "", actActFlow, "lang", lang)))
	}
	k = append(k, row(btn(r.L.T("BtnContinue", nil), actActFlow, "titles", "ok")), flowCancelRow(r.L))
	r.show(r.L.T("NewActivityTitles", locales.Data{"Title": d.Name}), k...)
}

// activityDays shows the weekdays to toggle.
func (a *App) activityDays(r *req, d activityDraft) {
	k := kb{}
	var line []domain.Button
	for _, day := range weekOrder {
		label := r.L.Weekday(day)
		for _, x := range d.Days {
			if x == int(day) {
				label = "✅ " + label
			}
		}
		line = append(line, btn(label, actActFlow, "day", strconv.Itoa(int(day))))
		if len(line) == 2 {
			k = append(k, line)
			line = nil
		}
	}
	k = append(k, append(line, btn(r.L.T("BtnContinue", nil), actActFlow, "days", "ok")), flowCancelRow(r.L))
	r.show(r.L.T("NewActivityAskDays", nil), k...)
}

func (a *App) activityRemind(r *req) {
	k := kb{}
	for _, m := range remindChoices {
		label := r.L.T("BtnNoReminder", nil)
		if m > 0 {
			label = r.L.T("BtnRemindBefore", locales.Data{"Duration": durationText(r.L, time.Duration(m)*time.Minute)})
		}
		k = append(k, row(btn(label, actActFlow, "remind", strconv.Itoa(m))))
	}
	r.show(r.L.T("NewActivityAskRemind", nil), append(k, flowCancelRow(r.L))...)
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
func (a *App) activityPreview(r *req, d activityDraft) {
	d.Step = "preview"
	act, complete := d.activity()
	if !complete {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	if !a.saveActivityDraft(r, d) {
		return
	}
	L := r.L
	lines := []string{L.T("ActivityPreview", nil), "", L.Isolate(act.Name)}
	for _, lang := range locales.Languages {
		if t := d.Titles[lang]; t != "" {
			lines = append(lines, a.cat.For(lang).T("LanguageName", nil)+": "+L.Isolate(t))
		}
	}
	lines = append(lines, "🗓 "+scheduleText(L, act))
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if act.RemindBeforeMin > 0 {
		lines = append(lines, L.T("ActivityRemindBefore", locales.Data{"Duration": durationText(L, act.RemindBefore())}))
	} else {
		lines = append(lines, L.T("ActivityNoReminders", nil))
	}
	r.show(strings.Join(lines, "\n"),
		row(btn(L.T("BtnSaveActivity", nil), actActFlow, "save", "ok")),
		row(btn(L.T("BtnEditTitle", nil), actActFlow, "edit", "title"), btn(L.T("BtnEditPlace", nil), actActFlow, "edit", "place")),
		row(btn(L.T("BtnEditDays", nil), actActFlow, "edit", "days"), btn(L.T("BtnEditTimes", nil), actActFlow, "edit", "times")),
		row(btn(L.T("BtnEditReminder", nil), actActFlow, "edit", "remind")),
		flowCancelRow(L))
}

// onActivityFlow handles the buttons of the chat: "1:an:<op>:<value>".
func (a *App) onActivityFlow(r *req) {
	d, ok := a.loadActivityDraft(r)
	if !ok {
		return
	}
	op, val := r.args[0], r.args[1]
	switch {
	case op == "lang" && locales.Supported(val) && val != locales.Default && d.Name != "":
		d.Step, d.Writing = "lang", val
		if a.saveActivityDraft(r, d) {
			r.toast("")
			r.show(r.L.T("NewActivityAskTitleIn", locales.Data{"Language": a.cat.For(val).T("LanguageName", nil)}), flowCancelRow(r.L))
		}
	case op == "titles" && d.Step == "titles":
		r.toast("")
		a.nextActivityStep(r, d, "place")
	case op == "day" && d.Step == "days":
		day, err := strconv.Atoi(val)
		if err != nil || day < 0 || day > 6 {
			r.deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.Days = toggle(d.Days, day)
		if a.saveActivityDraft(r, d) {
			r.toast("")
			a.activityDays(r, d)
		}
	case op == "days" && d.Step == "days":
		if len(d.Days) == 0 {
			r.deny(r.L.T("ActivityNeedDay", nil))
			return
		}
		r.toast("")
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
			r.deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.RemindMin = m
		r.toast("")
		a.activityPreview(r, d)
	case op == "edit" && d.Step == "preview":
		d.Editing = true
		r.toast("")
		switch val {
		case "title":
			d.Step = "title"
			if a.saveActivityDraft(r, d) {
				r.show(r.L.T("NewActivityAskTitle", nil), flowCancelRow(r.L))
			}
		case "place", "days", "times", "remind":
			a.askActivityStep(r, d, val) // then back to the preview
		default:
			r.deny(r.L.T("ButtonExpired", nil))
		}
	case op == "save" && d.Step == "preview":
		a.saveActivity(r, d)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

// askActivityStep asks for the value of step (when creating, or one value
// while editing: the draft's Editing brings the answer back to the preview).
func (a *App) askActivityStep(r *req, d activityDraft, step string) {
	d.Step = step
	if !a.saveActivityDraft(r, d) {
		return
	}
	switch step {
	case "place":
		r.show(r.L.T("NewActivityAskPlace", nil), flowCancelRow(r.L))
	case "days":
		a.activityDays(r, d)
	case "times":
		r.show(r.L.T("NewActivityAskTimes", nil), flowCancelRow(r.L))
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
func (a *App) saveActivity(r *req, d activityDraft) {
	act, ok := d.activity()
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	now := a.now()
	var err error
	if d.ID == 0 {
		act.ID, err = a.store.CreateActivity(r.ctx, act, now)
	} else {
		err = a.store.UpdateActivity(r.ctx, act, now)
	}
	if errors.Is(err, domain.ErrNotFound) {
		r.deny(r.L.T("ActivityGone", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		a.log.Warn("end activity draft", "err", err)
	}
	a.wake()
	r.toast("")
	r.show(r.L.T("ActivitySaved", locales.Data{"Title": act.Name}),
		row(btn(r.L.T("BtnManageActivity", locales.Data{"Title": act.Title(r.L.Lang())}), actActOpen, strconv.FormatInt(act.ID, 10))),
		row(btn(r.L.T("BtnActivities", nil), actActList)))
}
