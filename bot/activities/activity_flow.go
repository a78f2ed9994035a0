package activities

import (
	"strconv"
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

// The steps of the activity chat. Typed text answers title, lang, place and
// times; the others wait for a button.
const (
	stepTitle   chat.Step = "title"
	stepLang    chat.Step = "lang" // the title in the language being written
	stepTitles  chat.Step = "titles"
	stepPlace   chat.Step = "place"
	stepDays    chat.Step = "days"
	stepTimes   chat.Step = "times"
	stepRemind  chat.Step = "remind"
	stepPreview chat.Step = "preview"
)

type activityDraft struct {
	ID        int64             `json:"id,omitempty"` // 0: a new activity
	Step      chat.Step         `json:"step"`         // what typed text answers: title, lang, place, times
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

// activityFlow is the chat of a new or edited activity. Its handlers need
// only the request: the flow is shared by every Feature.
var activityFlow = &chat.Flow[activityDraft]{
	Name:    "activity",
	Command: "newactivity",
	StepOf:  func(d *activityDraft) chat.Step { return d.Step },
	Init: func(d *activityDraft) {
		if d.Titles == nil {
			d.Titles = map[string]string{}
		}
	},
}

// The step handlers save through activityFlow, so they join it in init (a
// composite literal naming them would be an initialization cycle).
func init() {
	activityFlow.Text = map[chat.Step]func(*chat.Request, *activityDraft, string){
		stepTitle: onTitleText,
		stepLang:  onTitleText,
		stepPlace: onPlaceText,
		stepTimes: onTimesText,
	}
	activityFlow.Ask = resumeActivity
}

// resumeActivity asks again the question the draft is at.
func resumeActivity(r *chat.Request, d *activityDraft) {
	switch d.Step {
	case stepTitle:
		r.Show(r.L.T("NewActivityAskTitle", nil), chat.CancelRow(r.L))
	case stepLang, stepTitles:
		activityTitles(r, *d)
	case stepPreview:
		activityPreview(r, *d)
	default:
		askActivityStep(r, *d, d.Step)
	}
}

// remindChoices are the reminder buttons, in minutes before (0: none).
var remindChoices = []int{60, 180, 24 * 60, 0}

// cmdNewActivity starts a new activity.
func (f *Feature) cmdNewActivity(r *chat.Request) {
	d := activityDraft{Step: stepTitle, RemindMin: 180}
	if !activityFlow.Begin(r, d) {
		return
	}
	r.Show(r.L.T("NewActivityAskTitle", nil), chat.CancelRow(r.L))
}

// onActivityEdit opens an existing activity as a draft at its preview: "1:ae:<id>".
func (f *Feature) onActivityEdit(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0], domain.RoleCoordinator)
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
	activityPreview(r, d)
}

// onTitleText takes the typed title, in Danish or in the language being written.
func onTitleText(r *chat.Request, d *activityDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("ActivityTitleInvalid", nil), chat.CancelRow(r.L))
		return
	}
	if d.Step == stepTitle {
		d.Name = text
	} else {
		d.Titles[d.Writing] = text
	}
	d.Writing = ""
	activityTitles(r, *d)
}

// onPlaceText takes the typed place (it may be empty).
func onPlaceText(r *chat.Request, d *activityDraft, text string) {
	if utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("ActivityPlaceInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Place = text
	nextActivityStep(r, *d, stepDays)
}

// onTimesText takes the typed start and end time.
func onTimesText(r *chat.Request, d *activityDraft, text string) {
	start, end, err := domain.ParseTimeRange(text)
	if err != nil {
		r.Say(r.L.T("ActivityTimesInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Start, d.End, d.Cron = start.String(), end.String(), ""
	nextActivityStep(r, *d, stepRemind)
}

// nextActivityStep moves on to step, or back to the preview when editing.
func nextActivityStep(r *chat.Request, d activityDraft, step chat.Step) {
	if d.Editing {
		activityPreview(r, d)
		return
	}
	askActivityStep(r, d, step)
}

// onActivityFlow handles the buttons of the chat: "1:an:<op>:<value>".
func (f *Feature) onActivityFlow(r *chat.Request) {
	d, ok := activityFlow.Load(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "lang" && locales.Supported(val) && val != locales.Default && d.Name != "":
		// ➕ on the preview: the titles screen's Continue returns to it.
		d.Editing = d.Editing || d.Step == stepPreview
		d.Step, d.Writing = stepLang, val
		if activityFlow.Save(r, d) {
			r.Toast("")
			r.Show(r.L.T("NewActivityAskTitleIn", locales.Data{"Language": r.L.Name(val)}), chat.CancelRow(r.L))
		}
	case op == "titles" && d.Step == stepTitles:
		r.Toast("")
		nextActivityStep(r, d, stepPlace)
	case (op == "day" || op == "days") && d.Step == stepDays:
		onDaysButton(r, d, op, val)
	case op == "remind" && d.Step == stepRemind:
		m, err := strconv.Atoi(val)
		if err != nil || m < 0 || m > 7*24*60 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.RemindMin = m
		r.Toast("")
		activityPreview(r, d)
	case op == "edit" && d.Step == stepPreview:
		d.Editing = true
		r.Toast("")
		switch val {
		case "title":
			d.Step = stepTitle
			if activityFlow.Save(r, d) {
				r.Show(r.L.T("NewActivityAskTitle", nil), chat.CancelRow(r.L))
			}
		case "place", "days", "times", "remind":
			askActivityStep(r, d, chat.Step(val)) // then back to the preview
		default:
			r.Deny(r.L.T("ButtonExpired", nil))
		}
	case op == "save" && d.Step == stepPreview:
		f.saveActivity(r, d)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// onDaysButton toggles a weekday ("day") or goes on with the days chosen ("days").
func onDaysButton(r *chat.Request, d activityDraft, op, val string) {
	if op == "day" {
		day, err := strconv.Atoi(val)
		if err != nil || day < 0 || day > 6 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.Days = toggle(d.Days, day)
		if activityFlow.Save(r, d) {
			r.Toast("")
			activityDays(r, d)
		}
		return
	}
	if len(d.Days) == 0 {
		r.Deny(r.L.T("ActivityNeedDay", nil))
		return
	}
	r.Toast("")
	switch {
	case !d.Editing:
		nextActivityStep(r, d, stepTimes)
	case d.Cron != "" || d.Start == "": // new days on a cron schedule need a time too
		d.Cron = ""
		askActivityStep(r, d, stepTimes)
	default:
		activityPreview(r, d)
	}
}

// askActivityStep asks for the value of step (when creating, or one value
// while editing: the draft's Editing brings the answer back to the preview).
func askActivityStep(r *chat.Request, d activityDraft, step chat.Step) {
	d.Step = step
	if !activityFlow.Save(r, d) {
		return
	}
	switch step {
	case stepPlace:
		r.Show(r.L.T("NewActivityAskPlace", nil), chat.CancelRow(r.L))
	case stepDays:
		activityDays(r, d)
	case stepTimes:
		r.Show(r.L.T("NewActivityAskTimes", nil), chat.CancelRow(r.L))
	case stepRemind:
		activityRemind(r)
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
