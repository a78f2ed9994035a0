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

// /newshift: a coordinator creates a shift step by step (role in Danish →
// other languages → which activity, or once with date, end time and
// place → how many people → certificate → language wish → preview with
// Save). The draft lives in the conversations table; /cancel or ✖️ at any
// step ends it with nothing saved.

const flowShift = "shift"

type shiftDraft struct {
	ID         int64             `json:"id,omitempty"` // 0: a new shift
	Step       string            `json:"step"`
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
}

func (a *App) saveShiftDraft(r *chat.Request, d shiftDraft) bool {
	return chat.SaveDraft(r, flowShift, d)
}

func (a *App) loadShiftDraft(r *chat.Request) (shiftDraft, bool) {
	var d shiftDraft
	ok := chat.LoadDraft(r, flowShift, &d)
	if d.Roles == nil {
		d.Roles = map[string]string{}
	}
	return d, ok
}

// ask moves the draft to step and asks its question.
func (a *App) askShiftStep(r *chat.Request, d shiftDraft, step string) {
	d.Step = step
	if !a.saveShiftDraft(r, d) {
		return
	}
	L := r.L
	switch step {
	case "role":
		r.Show(L.T("NewShiftAskRole", nil), chat.CancelRow(L))
	case "roles":
		k := chat.Keyboard{}
		for _, lang := range locales.Languages {
			if lang == locales.Default {
				continue
			}
			k = append(k, chat.Row(chat.LanguageButton(a.Cat, L, lang, d.Roles[lang] != "", actShiftFlow, "lang", lang)))
		}
		r.Show(L.T("NewShiftRoles", locales.Data{"Role": d.Role}), append(k, chat.Row(chat.Btn(L.T("BtnContinue", nil), actShiftFlow, "roles", "ok")), chat.CancelRow(L))...)
	case "where":
		acts, err := a.Store.Activities(r.Ctx)
		if err != nil {
			r.Fail(err)
			return
		}
		k := chat.Keyboard{}
		for _, act := range acts {
			k = append(k, chat.Row(chat.Btn(act.Title(L.Lang()), actShiftFlow, "act", strconv.FormatInt(act.ID, 10))))
		}
		r.Show(L.T("NewShiftAskWhere", nil), append(k, chat.Row(chat.Btn(L.T("BtnShiftOnce", nil), actShiftFlow, "act", "0")), chat.CancelRow(L))...)
	case "start":
		r.Show(L.T("NewShiftAskStart", nil), chat.CancelRow(L))
	case "end":
		r.Show(L.T("NewShiftAskEnd", nil), chat.CancelRow(L))
	case "place":
		r.Show(L.T("NewShiftAskPlace", nil), chat.Row(chat.Btn(L.T("BtnSkip", nil), actShiftFlow, "place", "none")), chat.CancelRow(L))
	case "needed":
		var line []domain.Button
		for n := 1; n <= 6; n++ {
			line = append(line, chat.Btn(strconv.Itoa(n), actShiftFlow, "needed", strconv.Itoa(n)))
		}
		r.Show(L.T("NewShiftAskNeeded", nil), line, chat.CancelRow(L))
	case "cert":
		r.Show(L.T("NewShiftAskCert", nil),
			chat.Row(chat.Btn(L.T("BtnCertRequired", nil), actShiftFlow, "cert", "y")),
			chat.Row(chat.Btn(L.T("BtnCertNotRequired", nil), actShiftFlow, "cert", "n")), chat.CancelRow(L))
	case "wish":
		k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnNoLanguageWish", nil), actShiftFlow, "wish", "none"))}
		for _, lang := range locales.Languages {
			k = append(k, chat.Row(chat.Btn(a.Cat.For(lang).T("LanguageName", nil), actShiftFlow, "wish", lang)))
		}
		r.Show(L.T("NewShiftAskWish", nil), append(k, chat.CancelRow(L))...)
	default:
		a.shiftPreview(r, d)
	}
}

// cmdNewShift starts a new shift.
func (a *App) cmdNewShift(r *chat.Request) { a.askShiftStep(r, shiftDraft{}, "role") }

// onShiftText takes the typed answer of the current step.
func (a *App) onShiftText(r *chat.Request) {
	d, ok := a.loadShiftDraft(r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.Text)
	L := r.L
	switch d.Step {
	case "role", "lang":
		if text == "" || utf8.RuneCountInString(text) > 100 {
			r.Say(L.T("ShiftRoleInvalid", nil), chat.CancelRow(L))
			return
		}
		if d.Step == "role" {
			d.Role = text
		} else {
			d.Roles[d.Writing] = text
		}
		d.Writing = ""
		a.askShiftStep(r, d, "roles")
	case "start":
		t, err := domain.ParseLocalDateTime(text, a.Loc(), a.Now())
		if err != nil {
			r.Say(L.T("BadDateTime", nil), chat.CancelRow(L))
			return
		}
		if !t.After(a.Now()) {
			r.Say(L.T("InPast", nil), chat.CancelRow(L))
			return
		}
		d.Start = t.Unix()
		a.askShiftStep(r, d, "end")
	case "end":
		c, err := domain.ParseClock(text)
		start := time.Unix(d.Start, 0).In(a.Loc())
		end := domain.Wall(time.Date(start.Year(), start.Month(), start.Day(), c.Hour, c.Minute, 0, 0, time.UTC), a.Loc())
		if err != nil || !end.After(start) {
			r.Say(L.T("ShiftEndInvalid", locales.Data{"Start": L.Clock(start)}), chat.CancelRow(L))
			return
		}
		d.End = end.Unix()
		a.askShiftStep(r, d, "place")
	case "place":
		if utf8.RuneCountInString(text) > 200 {
			r.Say(L.T("ActivityPlaceInvalid", nil), chat.CancelRow(L))
			return
		}
		d.Place = text
		a.askShiftStep(r, d, "needed")
	default:
		r.Say(L.T("UseTheButtons", nil))
	}
}

// onShiftFlow handles the buttons of the chat: "1:sf:<op>:<value>".
func (a *App) onShiftFlow(r *chat.Request) {
	d, ok := a.loadShiftDraft(r)
	if !ok {
		return
	}
	op, val := r.Args[0], r.Args[1]
	switch {
	case op == "lang" && d.Step == "roles" && locales.Supported(val) && val != locales.Default:
		d.Writing = val
		d.Step = "lang"
		if a.saveShiftDraft(r, d) {
			r.Show(r.L.T("NewShiftAskRoleIn", locales.Data{"Language": a.Cat.For(val).T("LanguageName", nil)}), chat.CancelRow(r.L))
		}
	case op == "roles" && d.Step == "roles":
		a.askShiftStep(r, d, d.next("where"))
	case op == "act" && d.Step == "where":
		id, _ := strconv.ParseInt(val, 10, 64)
		if id == 0 {
			a.askShiftStep(r, d, "start")
			return
		}
		if _, ok := chat.LiveActivity(r, val); !ok {
			return
		}
		d.ActivityID = id
		a.askShiftStep(r, d, "needed")
	case op == "place" && d.Step == "place":
		a.askShiftStep(r, d, "needed")
	case op == "needed" && d.Step == "needed":
		n, err := strconv.Atoi(val)
		if err != nil || n < 1 || n > 50 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		d.Needed = n
		a.askShiftStep(r, d, d.next("cert"))
	case op == "cert" && d.Step == "cert":
		d.Cert = val == "y"
		a.askShiftStep(r, d, d.next("wish"))
	case op == "wish" && d.Step == "wish":
		d.Lang = ""
		if locales.Supported(val) {
			d.Lang = val
		}
		a.askShiftStep(r, d, "preview")
	case op == "edit" && d.Step == "preview" && d.ID != 0 && (val == "role" || val == "needed" || val == "cert" || val == "wish"):
		a.askShiftStep(r, d, val)
	case op == "save" && d.Step == "preview":
		a.saveShift(r, d)
	case op == "archive" && val == "ask" && d.Step == "preview" && d.ID != 0:
		r.Show(r.L.T("ShiftArchiveConfirm", locales.Data{"Role": d.Role}),
			chat.Row(chat.Btn(r.L.T("BtnArchiveShiftYes", nil), actShiftFlow, "archive", "yes")), chat.Row(chat.Btn(r.L.T("BtnBack", nil), actShiftFlow, "archive", "no")))
	case op == "archive" && val == "no" && d.Step == "preview":
		a.shiftPreview(r, d)
	case op == "archive" && val == "yes" && d.Step == "preview" && d.ID != 0:
		a.archiveShift(r, d)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// next is the step after this one: the preview when editing an existing shift.
func (d shiftDraft) next(step string) string {
	if d.ID != 0 {
		return "preview"
	}
	return step
}

// onShiftEdit opens an existing shift at its preview: "1:se:<shift>". Its
// role, people, certificate and language wish can be changed; where and
// when it is stay (a new shift, or the season plan, changes those).
func (a *App) onShiftEdit(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	sh, err := a.Store.Shift(r.Ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && sh.ArchivedAt != nil) {
		r.Deny(r.L.T("ShiftGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	d := shiftDraft{ID: sh.ID, Role: sh.Role, Roles: map[string]string{}, Place: sh.Place, Needed: sh.Needed, Cert: sh.RequiresCert, Lang: sh.Language}
	for k, v := range sh.Roles {
		d.Roles[k] = v
	}
	if sh.ActivityID != nil {
		d.ActivityID = *sh.ActivityID
	} else {
		d.Start, d.End = sh.StartsAt.Unix(), sh.EndsAt.Unix()
	}
	r.Toast("")
	a.askShiftStep(r, d, "preview")
}

// shift turns the draft into a shift.
func (d shiftDraft) shift() domain.Shift {
	sh := domain.Shift{ID: d.ID, Role: d.Role, Roles: domain.Texts{}, Needed: d.Needed, RequiresCert: d.Cert, Language: d.Lang, Place: d.Place}
	for k, v := range d.Roles {
		sh.Roles[k] = v
	}
	if d.ActivityID != 0 {
		id := d.ActivityID
		sh.ActivityID, sh.Place = &id, ""
	} else {
		s, e := time.Unix(d.Start, 0).UTC(), time.Unix(d.End, 0).UTC()
		sh.StartsAt, sh.EndsAt = &s, &e
	}
	return sh
}

// shiftPreview shows the shift as it will be saved.
func (a *App) shiftPreview(r *chat.Request, d shiftDraft) {
	L := r.L
	sh := d.shift()
	lines := []string{L.T("ShiftPreview", nil), "", "▪️ " + L.Isolate(sh.Role)}
	for _, lang := range locales.Languages {
		if t := d.Roles[lang]; t != "" {
			lines = append(lines, a.Cat.For(lang).T("LanguageName", nil)+": "+L.Isolate(t))
		}
	}
	if d.ActivityID != 0 {
		act, err := a.Store.Activity(r.Ctx, d.ActivityID)
		if err != nil {
			r.Fail(err)
			return
		}
		lines = append(lines, L.T("ShiftEveryMeeting", locales.Data{"Title": act.Title(L.Lang())}), "🗓 "+chat.ScheduleText(L, act))
	} else {
		lines = append(lines, "🗓 "+shiftWhen(L, domain.ShiftSlot{Start: *sh.StartsAt, End: *sh.EndsAt}))
		if sh.Place != "" {
			lines = append(lines, "📍 "+L.Isolate(sh.Place))
		}
	}
	lines = append(lines, L.N("ShiftNeeded", sh.Needed, nil))
	if sh.RequiresCert {
		lines = append(lines, L.T("ShiftNeedsCertLine", nil))
	}
	if sh.Language != "" {
		lines = append(lines, L.T("ShiftLanguageLine", locales.Data{"Language": a.Cat.For(sh.Language).T("LanguageName", nil)}))
	}
	k := chat.Keyboard{chat.Row(chat.Btn(L.T("BtnSaveShift", nil), actShiftFlow, "save", "ok"))}
	if d.ID != 0 {
		k = append(k,
			chat.Row(chat.Btn(L.T("BtnEditShiftRole", nil), actShiftFlow, "edit", "role"), chat.Btn(L.T("BtnEditShiftNeeded", nil), actShiftFlow, "edit", "needed")),
			chat.Row(chat.Btn(L.T("BtnEditShiftCert", nil), actShiftFlow, "edit", "cert"), chat.Btn(L.T("BtnEditShiftWish", nil), actShiftFlow, "edit", "wish")),
			chat.Row(chat.Btn(L.T("BtnArchiveShift", nil), actShiftFlow, "archive", "ask")))
	}
	r.Show(strings.Join(lines, "\n"), append(k, chat.CancelRow(L))...)
}

// saveShift creates the shift and ends the chat.
func (a *App) saveShift(r *chat.Request, d shiftDraft) {
	sh := d.shift()
	var err error
	if d.ID == 0 {
		_, err = a.Store.CreateShift(r.Ctx, sh, a.Now())
	} else {
		err = a.Store.UpdateShift(r.Ctx, sh, a.Now())
	}
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			r.Deny(r.L.T("ShiftGone", nil))
			return
		}
		if errors.Is(err, domain.ErrInvalidShift) {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		r.Fail(err)
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		a.Log.Warn("end shift draft", "err", err)
	}
	a.Wake()
	r.Show(r.L.T("ShiftSaved", locales.Data{"Role": sh.Role}), chat.Row(chat.Btn(r.L.T("BtnStaffing", nil), actStaffing)))
}

// archiveShift takes the shift off the lists and ends the chat; those
// signed up for its coming meetings are told.
func (a *App) archiveShift(r *chat.Request, d shiftDraft) {
	told, err := a.Store.ArchiveShift(r.Ctx, a.Loc(), d.ID, a.Now(), a.shiftRemovedNotice)
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("ShiftGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		a.Log.Warn("end shift draft", "err", err)
	}
	a.Wake()
	r.Show(r.L.N("ShiftArchived", told, locales.Data{"Role": d.Role}), chat.Row(chat.Btn(r.L.T("BtnStaffing", nil), actStaffing)))
}
