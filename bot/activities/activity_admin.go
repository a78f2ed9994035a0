package activities

import (
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Coordinators' side of activities: the card of one activity (schedule,
// followers, the next reminder coming), its coming dates (each opens its
// card, in meetings.go), and archiving it.

// datesShown is how many coming dates the dates screen lists.
const datesShown = 8

// onActivityOpen shows an activity's card: "1:ao:<id>".
func (f *Feature) onActivityOpen(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0], domain.RoleCoordinator)
	if !ok {
		return
	}
	text, err := f.activityCard(r, act)
	if err != nil {
		r.Fail(err)
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	r.Toast("")
	r.Show(text,
		chat.Row(chat.Btn(r.L.T("BtnDates", nil), actActDates, id), chat.Btn(r.L.T("BtnEditActivity", nil), actActEdit, id)),
		chat.Row(chat.Btn(r.L.T("BtnArchiveActivity", nil), actActArchive, id, "ask")),
		chat.Row(chat.Btn(r.L.T("BtnBack", nil), actActList)))
}

// activityCard is what a coordinator sees of an activity, including when
// the next reminder goes out and to how many.
func (f *Feature) activityCard(r *chat.Request, act domain.Activity) (string, error) {
	L := r.L
	lines := []string{string(L.Written(act.TitleTexts())), L.T("ActivityKeyLine", locales.Data{"Key": act.Key}),
		"🗓 " + chat.ScheduleText(L, act)}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	now := f.Now()
	if next, ok, err := f.Store.NextMeeting(r.Ctx, act, f.Loc(), now); err != nil {
		return "", err
	} else if ok {
		lines = append(lines, L.T("ActivityNext", locales.Data{"When": L.DateTime(next.Start)}))
	}
	all, reachable, err := f.Store.FollowerCount(r.Ctx, coordinating(r), act.ID)
	if err != nil {
		return "", err
	}
	lines = append(lines, L.N("ActivityFollowers", all, nil))
	if act.RemindBeforeMin == 0 {
		lines = append(lines, L.T("ActivityNoReminders", nil))
	} else {
		lines = append(lines, L.T("ActivityRemindBefore", locales.Data{"Duration": chat.DurationText(L, act.RemindBefore())}))
		spec, err := act.Spec()
		if err != nil {
			return "", err
		}
		changes, err := f.Store.Changes(r.Ctx, coordinating(r), act.ID, now.AddDate(-1, 0, 0), now.AddDate(1, 1, 0))
		if err != nil {
			return "", err
		}
		if due := domain.NextReminderDue(spec, f.Loc(), changes, act.RemindBefore(), now); !due.IsZero() {
			lines = append(lines, L.N("ActivityNextReminder", reachable, locales.Data{"When": L.DateTime(due)}))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// onActivityDates lists the coming dates, each a button to its card: "1:ad:<id>".
func (f *Feature) onActivityDates(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0], domain.RoleCoordinator)
	if !ok {
		return
	}
	now := f.Now()
	var err error
	// From the start of today, so today's meeting can still be counted.
	y, m, d := now.In(f.Loc()).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, f.Loc())
	var meetings []domain.Occurrence
	for _, span := range []time.Duration{8 * 7 * 24 * time.Hour, 400 * 24 * time.Hour} {
		meetings, err = f.Store.Meetings(r.Ctx, act, f.Loc(), from, now.Add(span))
		if err != nil || len(meetings) >= datesShown {
			break
		}
	}
	if err != nil {
		r.Fail(err)
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	k := chat.Keyboard{}
	for i, o := range meetings {
		if i == datesShown {
			break
		}
		label := r.L.DateTime(o.Start)
		switch {
		case o.Cancelled:
			label = "❌ " + label
		case o.Moved:
			label = "📅 " + label
		}
		k = append(k, chat.Row(chat.Btn(label, actMeeting, id, strconv.FormatInt(o.Slot.Unix(), 10))))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actActOpen, id)))
	r.Toast("")
	r.Show(r.L.T("MeetingsTitle", locales.Data{"Title": r.L.Written(act.TitleTexts())}), k...)
}

// onActivityArchive asks, then archives: "1:ax:<id>:ask|yes".
func (f *Feature) onActivityArchive(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0], domain.RoleCoordinator)
	if !ok {
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	title := r.L.Written(act.TitleTexts())
	switch r.Args[1] {
	case "ask":
		r.Toast("")
		r.Show(r.L.T("ArchiveConfirm", locales.Data{"Title": title}),
			chat.Row(chat.Btn(r.L.T("BtnArchiveYes", nil), actActArchive, id, "yes")),
			chat.Row(chat.Btn(r.L.T("BtnBack", nil), actActOpen, id)))
	case "yes":
		if err := f.Store.ArchiveActivity(r.Ctx, coordinating(r), act.ID, f.Now()); err != nil {
			r.Fail(err)
			return
		}
		f.Wake()
		r.Toast(r.L.T("ActivityArchived", locales.Data{"Title": title}))
		f.showActivities(r)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}
