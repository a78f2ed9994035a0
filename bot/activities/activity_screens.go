package activities

import (
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The screens of the activity chat that show a choice rather than ask for
// text (titles per language, weekdays, reminder, preview), and the draft
// turned into the activity saved.

// activityTitles shows the title and buttons to add it in other languages.
func activityTitles(r *chat.Request, d activityDraft) {
	d.Step = stepTitles
	if !activityFlow.Save(r, d) {
		return
	}
	k := chat.Keyboard{}
	for _, lang := range locales.Languages {
		if lang == locales.Default {
			continue
		}
		k = append(k, chat.Row(chat.LanguageButton(r.Env.Cat, r.L, lang, d.Titles[lang] != "", actActFlow, "lang", lang)))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnContinue", nil), actActFlow, "titles", "ok")), chat.CancelRow(r.L))
	r.Show(r.L.T("NewActivityTitles", locales.Data{"Title": d.Name}), k...)
}

// activityDays shows the weekdays to toggle.
func activityDays(r *chat.Request, d activityDraft) {
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

func activityRemind(r *chat.Request) {
	k := chat.Keyboard{}
	for _, m := range remindChoices {
		label := r.L.T("BtnNoReminder", nil)
		if m > 0 {
			label = r.L.Button("BtnRemindBefore", locales.Data{"Duration": chat.DurationText(r.L, time.Duration(m)*time.Minute)})
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
func activityPreview(r *chat.Request, d activityDraft) {
	d.Step = stepPreview
	act, complete := d.activity()
	if !complete {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if !activityFlow.Save(r, d) {
		return
	}
	L := r.L
	lines := []string{L.T("ActivityPreview", nil), "", L.Isolate(act.Name)}
	for _, lang := range locales.Languages {
		if t := d.Titles[lang]; t != "" {
			lines = append(lines, L.Name(lang)+": "+L.Isolate(t))
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
	// Every member may find the activity in /activities: all of them read its title.
	readers, err := r.Env.Store.CountReaders(r.Ctx, domain.Audience{Kind: domain.AudienceAll, Branch: r.Acting(domain.RoleCoordinator)})
	if err != nil {
		r.Env.Log.Warn("count readers", "err", err)
	}
	if len(readers) > 0 {
		lines = append(append(lines, ""), chat.ReadersLines(r.Env.Cat, L, act.TitleTexts(), readers)...)
	}
	k := append(chat.Keyboard{chat.Row(chat.Btn(L.T("BtnSaveActivity", nil), actActFlow, "save", "ok"))},
		chat.AddRows(r.Env.Cat, L, chat.Missing(act.TitleTexts(), readers), actActFlow, "lang")...)
	r.Show(strings.Join(lines, "\n"), append(k,
		chat.Row(chat.Btn(L.T("BtnEditTitle", nil), actActFlow, "edit", "title"), chat.Btn(L.T("BtnEditPlace", nil), actActFlow, "edit", "place")),
		chat.Row(chat.Btn(L.T("BtnEditDays", nil), actActFlow, "edit", "days"), chat.Btn(L.T("BtnEditTimes", nil), actActFlow, "edit", "times")),
		chat.Row(chat.Btn(L.T("BtnEditReminder", nil), actActFlow, "edit", "remind")),
		chat.CancelRow(L))...)
}

// saveActivity creates or updates the activity and ends the chat.
func (f *Feature) saveActivity(r *chat.Request, d activityDraft) {
	act, ok := d.activity()
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	now := f.Now()
	var err error
	if d.ID == 0 {
		// A new activity belongs to the branch the coordinator works in.
		if act.BranchID = r.Acting(domain.RoleCoordinator); act.BranchID == 0 {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		act.ID, err = f.Store.CreateActivity(r.Ctx, act, now)
	} else {
		err = f.Store.UpdateActivity(r.Ctx, coordinating(r), act, now)
	}
	if r.Failed(err, "ActivityGone") {
		return
	}
	activityFlow.Finish(r)
	f.Wake()
	r.Toast("")
	r.Show(r.L.T("ActivitySaved", locales.Data{"Title": act.Name}),
		chat.Row(chat.Btn(r.L.WrittenButton("BtnManageActivity", nil, "Title", act.TitleTexts()), actActOpen, strconv.FormatInt(act.ID, 10))),
		chat.Row(chat.Btn(r.L.T("BtnActivities", nil), actActList)))
}
