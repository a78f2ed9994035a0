package shifts

import (
	"strconv"
	"time"
	"unicode/utf8"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /newshift: a coordinator creates a shift step by step (role in Danish →
// other languages → which activity, or once with date, end time and
// place → how many people → certificate → language wish → preview with
// Save). The draft lives in the conversations table; /cancel or ✖️ at any
// step ends it with nothing saved.

type shiftDraft struct {
	ID         int64             `json:"id,omitempty"` // 0: a new shift
	Step       chat.Step         `json:"step"`
	Role       string            `json:"role,omitempty"`
	Roles      map[string]string `json:"roles,omitempty"`
	Writing    string            `json:"writing,omitempty"`
	ActivityID int64             `json:"activity,omitempty"`
	Start      int64             `json:"start,omitempty"` // unix seconds, standalone
	End        int64             `json:"end,omitempty"`
	Place      string            `json:"place,omitempty"`
	Needed     int               `json:"needed,omitempty"`
	Cert       bool              `json:"cert,omitempty"`
	Lang       string            `json:"lang,omitempty"`
	// Back: the role in another language was asked from the preview (➕),
	// which it returns to.
	Back bool `json:"back,omitempty"`
}

// The steps of the chat; "lang" is the role typed in another language.
const (
	stepRole    chat.Step = "role"
	stepRoles   chat.Step = "roles"
	stepLang    chat.Step = "lang"
	stepWhere   chat.Step = "where"
	stepStart   chat.Step = "start"
	stepEnd     chat.Step = "end"
	stepPlace   chat.Step = "place"
	stepNeeded  chat.Step = "needed"
	stepCert    chat.Step = "cert"
	stepWish    chat.Step = "wish"
	stepPreview chat.Step = "preview"
)

// shiftFlow is the /newshift chat; its name is stored with every draft.
var shiftFlow = &chat.Flow[shiftDraft]{
	Name:    "shift",
	Command: "newshift",
	StepOf:  func(d *shiftDraft) chat.Step { return d.Step },
	Init: func(d *shiftDraft) {
		if d.Roles == nil {
			d.Roles = map[string]string{}
		}
	},
}

// The typed answers are set here rather than in shiftFlow's initializer:
// they save the draft through shiftFlow, which its own initializer may not
// refer to.
func init() {
	shiftFlow.Text = map[chat.Step]func(*chat.Request, *shiftDraft, string){
		stepRole:  onRoleText,
		stepLang:  onRoleText,
		stepStart: onStartText,
		stepEnd:   onEndText,
		stepPlace: onPlaceText,
	}
	shiftFlow.Ask = func(r *chat.Request, d *shiftDraft) {
		switch d.Step {
		case "":
			d.Step = stepRole
		case stepLang:
			d.Step = stepRoles
		}
		askShiftStep(r, *d, d.Step)
	}
}

// askShiftStep moves the draft to step and asks its question.
func askShiftStep(r *chat.Request, d shiftDraft, step chat.Step) {
	d.Step = step
	if !shiftFlow.Save(r, d) {
		return
	}
	L, cat := r.L, r.Env.Cat
	switch step {
	case stepRole:
		r.Show(L.T("NewShiftAskRole", nil), chat.CancelRow(L))
	case stepRoles:
		k := chat.Keyboard{}
		for _, lang := range locales.Languages {
			if lang == locales.Default {
				continue
			}
			k = append(k, chat.Row(chat.LanguageButton(cat, L, lang, d.Roles[lang] != "", actShiftFlow, "lang", lang)))
		}
		r.Show(L.T("NewShiftRoles", locales.Data{"Role": d.Role}), append(k, chat.Row(chat.Btn(L.T("BtnContinue", nil), actShiftFlow, "roles", "ok")), chat.CancelRow(L))...)
	case stepWhere:
		acts, err := r.Env.Store.Activities(r.Ctx, coordinating(r))
		if err != nil {
			r.Fail(err)
			return
		}
		k := chat.Keyboard{}
		for _, act := range acts {
			label := string(L.Written(act.TitleTexts()))
			if b := r.BranchLabel(act.BranchID); b != "" {
				label += " · " + b
			}
			k = append(k, chat.Row(chat.Btn(label, actShiftFlow, "act", strconv.FormatInt(act.ID, 10))))
		}
		r.Show(L.T("NewShiftAskWhere", nil), append(k, chat.Row(chat.Btn(L.T("BtnShiftOnce", nil), actShiftFlow, "act", "0")), chat.CancelRow(L))...)
	case stepStart:
		r.Show(L.T("NewShiftAskStart", nil), chat.CancelRow(L))
	case stepEnd:
		r.Show(L.T("NewShiftAskEnd", nil), chat.CancelRow(L))
	case stepPlace:
		r.Show(L.T("NewShiftAskPlace", nil), chat.Row(chat.Btn(L.T("BtnSkip", nil), actShiftFlow, "place", "none")), chat.CancelRow(L))
	case stepNeeded:
		var line []domain.Button
		for n := 1; n <= 6; n++ {
			line = append(line, chat.Btn(strconv.Itoa(n), actShiftFlow, "needed", strconv.Itoa(n)))
		}
		r.Show(L.T("NewShiftAskNeeded", nil), line, chat.CancelRow(L))
	case stepCert:
		r.Show(L.T("NewShiftAskCert", nil),
			chat.Row(chat.Btn(L.T("BtnCertRequired", nil), actShiftFlow, "cert", "y")),
			chat.Row(chat.Btn(L.T("BtnCertNotRequired", nil), actShiftFlow, "cert", "n")), chat.CancelRow(L))
	case stepWish:
		k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnNoLanguageWish", nil), actShiftFlow, "wish", "none"))}
		for _, lang := range locales.Languages {
			k = append(k, chat.Row(chat.Btn(L.Name(lang), actShiftFlow, "wish", lang)))
		}
		r.Show(L.T("NewShiftAskWish", nil), append(k, chat.CancelRow(L))...)
	default:
		shiftPreview(r, d)
	}
}

// cmdNewShift starts a new shift.
func cmdNewShift(r *chat.Request) {
	if shiftFlow.Begin(r, shiftDraft{Step: stepRole}) {
		askShiftStep(r, shiftDraft{}, stepRole)
	}
}

// onRoleText takes the role, in Danish or in the language being written.
func onRoleText(r *chat.Request, d *shiftDraft, text string) {
	if text == "" || utf8.RuneCountInString(text) > 100 {
		r.Say(r.L.T("ShiftRoleInvalid", nil), chat.CancelRow(r.L))
		return
	}
	if d.Step == stepRole {
		d.Role = text
	} else {
		d.Roles[d.Writing] = text
	}
	d.Writing = ""
	if d.Back {
		d.Back = false
		askShiftStep(r, *d, stepPreview)
		return
	}
	askShiftStep(r, *d, stepRoles)
}

// onStartText takes the date and time of a shift held once.
func onStartText(r *chat.Request, d *shiftDraft, text string) {
	t, ok := chat.FutureTime(r, text)
	if !ok {
		return
	}
	d.Start = t.Unix()
	askShiftStep(r, *d, stepEnd)
}

// onEndText takes the time it ends, on the day it starts.
func onEndText(r *chat.Request, d *shiftDraft, text string) {
	loc := r.Env.Loc()
	c, err := domain.ParseClock(text)
	start := time.Unix(d.Start, 0).In(loc)
	end := domain.Wall(time.Date(start.Year(), start.Month(), start.Day(), c.Hour, c.Minute, 0, 0, time.UTC), loc)
	if err != nil || !end.After(start) {
		r.Say(r.L.T("ShiftEndInvalid", locales.Data{"Start": r.L.Clock(start), "Example": chat.ExampleClockAfter(start, loc)}), chat.CancelRow(r.L))
		return
	}
	d.End = end.Unix()
	askShiftStep(r, *d, stepPlace)
}

// onPlaceText takes the place of a shift held once.
func onPlaceText(r *chat.Request, d *shiftDraft, text string) {
	if utf8.RuneCountInString(text) > 200 {
		r.Say(r.L.T("ActivityPlaceInvalid", nil), chat.CancelRow(r.L))
		return
	}
	d.Place = text
	askShiftStep(r, *d, stepNeeded)
}

// onShiftFlow handles the buttons of the chat: "1:sf:<op>:<value>".
func (f *Feature) onShiftFlow(r *chat.Request) {
	d, ok := shiftFlow.Load(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "lang" && (d.Step == stepRoles || d.Step == stepPreview) && locales.Supported(val) && val != locales.Default:
		d.Back = d.Step == stepPreview
		d.Writing = val
		d.Step = stepLang
		if shiftFlow.Save(r, d) {
			r.Show(r.L.T("NewShiftAskRoleIn", locales.Data{"Language": r.L.Name(val)}), chat.CancelRow(r.L))
		}
	case op == "roles" && d.Step == stepRoles:
		askShiftStep(r, d, d.next(stepWhere))
	case op == "act" && d.Step == stepWhere:
		id, _ := strconv.ParseInt(val, 10, 64)
		if id == 0 {
			askShiftStep(r, d, stepStart)
			return
		}
		if _, ok := chat.LiveActivity(r, val, domain.RoleCoordinator); !ok {
			return
		}
		d.ActivityID = id
		askShiftStep(r, d, stepNeeded)
	case op == "place" && d.Step == stepPlace:
		askShiftStep(r, d, stepNeeded)
	case op == "needed" && d.Step == stepNeeded:
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 50 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.Needed = n
		askShiftStep(r, d, d.next(stepCert))
	case op == "cert" && d.Step == stepCert:
		d.Cert = val == "y"
		askShiftStep(r, d, d.next(stepWish))
	case op == "wish" && d.Step == stepWish:
		d.Lang = ""
		if locales.Supported(val) {
			d.Lang = val
		}
		askShiftStep(r, d, stepPreview)
	case d.Step == stepPreview:
		f.onShiftPreviewButton(r, d, op, val)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// next is the step after this one: the preview when editing an existing shift.
func (d shiftDraft) next(step chat.Step) chat.Step {
	if d.ID != 0 {
		return stepPreview
	}
	return step
}
