package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// /activities: the recurring activities (Tal Dansk Café, homework help)
// with their next date and a follow button each; coordinators also get a
// ⚙️ button per activity that opens its card (dates, edit, archive).

func (a *App) cmdActivities(r *req) { a.showActivities(r) }

func (a *App) onActivityList(r *req) {
	r.toast("")
	a.showActivities(r)
}

// showActivities renders the list for the member (edited in place when a
// button of it was pressed).
func (a *App) showActivities(r *req) {
	acts, err := a.store.Activities(r.ctx)
	if err != nil {
		r.fail(err)
		return
	}
	following, err := a.store.Following(r.ctx, r.member.ID)
	if err != nil {
		r.fail(err)
		return
	}
	coord := r.role() == domain.RoleCoordinator
	now := a.now()
	var blocks []string
	k := kb{}
	for _, act := range acts {
		block, err := a.activityBlock(r, act, following[act.ID], now)
		if err != nil {
			r.fail(err)
			return
		}
		blocks = append(blocks, block)
		id := strconv.FormatInt(act.ID, 10)
		title := act.Title(r.L.Lang())
		var b []domain.Button
		if following[act.ID] {
			b = append(b, btn(r.L.T("BtnUnfollow", locales.Data{"Title": title}), actActFollow, id, "off"))
		} else {
			b = append(b, btn(r.L.T("BtnFollow", locales.Data{"Title": title}), actActFollow, id, "on"))
		}
		k = append(k, b)
		if coord {
			k = append(k, row(btn(r.L.T("BtnManageActivity", locales.Data{"Title": title}), actActOpen, id)))
		}
	}
	if coord {
		k = append(k, row(btn(r.L.T("BtnNewActivity", nil), actMenu, "newactivity")))
	}
	text := r.L.T("ActivitiesNone", nil)
	if len(blocks) > 0 {
		text = r.L.T("ActivitiesTitle", nil) + "\n\n" + strings.Join(blocks, "\n\n")
	}
	r.show(text, k...)
}

// activityBlock is one activity in the list: title, next date, place, and
// a cancelled date before it, if any.
func (a *App) activityBlock(r *req, act domain.Activity, following bool, now time.Time) (string, error) {
	L := r.L
	lines := []string{"▪️ " + L.Isolate(act.Title(L.Lang()))}
	next, ok, err := a.store.NextMeeting(r.ctx, act, a.loc(), now)
	if err != nil {
		return "", err
	}
	if ok {
		// A cancelled date before the next one is worth saying: people remember the usual day.
		skipped, err := a.store.Meetings(r.ctx, act, a.loc(), now, next.Start)
		if err != nil {
			return "", err
		}
		for _, o := range skipped {
			if o.Cancelled {
				lines = append(lines, cancelledLine(L, o))
			}
		}
		lines = append(lines, L.T("ActivityNext", locales.Data{"When": L.DateTime(next.Start)}))
	} else {
		lines = append(lines, L.T("ActivityNoDates", nil))
	}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if following {
		lines = append(lines, L.T("ActivityFollowing", nil))
	}
	return strings.Join(lines, "\n"), nil
}

func cancelledLine(L *locales.Localizer, o domain.Occurrence) string {
	line := L.T("ActivityCancelledOn", locales.Data{"Date": L.DateTime(o.Slot)})
	if o.Reason != "" {
		line += " " + L.T("MeetingReason", locales.Data{"Reason": o.Reason})
	}
	return line
}

// onActivityFollow follows or unfollows: "1:af:<id>:on|off|stop" (stop:
// the button under a reminder, which leaves that message as it is).
func (a *App) onActivityFollow(r *req) {
	id, _ := strconv.ParseInt(r.args[0], 10, 64)
	act, err := a.store.Activity(r.ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && act.ArchivedAt != nil) {
		r.deny(r.L.T("ActivityGone", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	title := act.Title(r.L.Lang())
	switch r.args[1] {
	case "on":
		err = a.store.Follow(r.ctx, id, r.member.ID, a.now())
		if err == nil {
			r.toast(r.L.T("FollowedToast", locales.Data{"Title": title}))
		}
	case "off", "stop":
		err = a.store.Unfollow(r.ctx, id, r.member.ID)
		if err == nil {
			r.toast(r.L.T("UnfollowedToast", locales.Data{"Title": title}))
		}
	default:
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	if errors.Is(err, domain.ErrNotFound) {
		r.deny(r.L.T("ActivityGone", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	a.wake() // a follow just before a reminder is due still gets it
	if r.args[1] == "stop" {
		return // the 🔕 button under a reminder: the reminder stays as it is, the toast confirms
	}
	a.showActivities(r)
}

// loc is the time zone meetings are in.
func (a *App) loc() *time.Location { return a.cat.Location() }

// durationText spells out a duration: "3 timer", "1 dag", "90 minutter".
func durationText(L *locales.Localizer, d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m%(24*60) == 0:
		return L.N("DurationDays", m/(24*60), nil)
	case m%60 == 0:
		return L.N("DurationHours", m/60, nil)
	}
	return L.N("DurationMinutes", m, nil)
}

// scheduleText describes an activity's schedule: "torsdag kl. 15:00–17:00",
// or its cron line and length when it is not a weekly one.
func scheduleText(L *locales.Localizer, act domain.Activity) string {
	w, ok := domain.AsWeekly(act.Schedule, act.DurationMin)
	if !ok {
		return L.T("ScheduleCron", locales.Data{"Spec": act.Schedule, "Duration": durationText(L, act.Duration())})
	}
	return L.T("ScheduleWeekly", locales.Data{"Days": daysText(L, w.Days), "Start": w.Start.String(), "End": w.End.String()})
}

// daysText lists weekdays in week order from Monday: "mandag, tirsdag".
func daysText(L *locales.Localizer, days []time.Weekday) locales.Isolated {
	var names []string
	for _, d := range weekOrder {
		for _, x := range days {
			if x == d {
				names = append(names, L.Weekday(d))
			}
		}
	}
	return L.List(names)
}

var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
