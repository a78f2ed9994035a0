package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// The head count at a meeting: the volunteer hosting it (or a coordinator)
// counts people at the door in one message whose buttons edit it in place.
// The counts are kept per meeting, without names, for the § 18 report.

// cmdCount lists today's meetings to count: "/count".
func (a *App) cmdCount(r *req) {
	acts, err := a.store.Activities(r.ctx)
	if err != nil {
		r.fail(err)
		return
	}
	now := a.now()
	y, m, d := now.In(a.loc()).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, a.loc())
	k := kb{}
	others := 0 // meetings today that someone else hosts
	for _, act := range acts {
		meetings, err := a.store.Meetings(r.ctx, act, a.loc(), dayStart, dayStart.AddDate(0, 0, 1))
		if err != nil {
			r.fail(err)
			return
		}
		for _, o := range meetings {
			by := domain.Counter{MemberID: r.member.ID, Coordinator: r.role() == domain.RoleCoordinator, OnTheDay: true, Begun: !o.Start.After(now)}
			switch err := a.store.CanCount(r.ctx, by, act.ID, o.Slot); {
			case errors.Is(err, domain.ErrCountNotHost):
				others++
				continue
			case errors.Is(err, domain.ErrCountCancelled):
				continue
			case err != nil:
				r.fail(err)
				return
			}
			label := act.Title(r.L.Lang()) + " · " + r.L.Clock(o.Start)
			k = append(k, row(btn(label, actHeadCount, strconv.FormatInt(act.ID, 10), strconv.FormatInt(o.Slot.Unix(), 10), "open")))
		}
	}
	if len(k) == 0 && others > 0 {
		r.say(r.L.T("CountOnlyHosts", nil))
		return
	}
	if len(k) == 0 {
		r.say(r.L.T("CountNoneToday", nil))
		return
	}
	r.say(r.L.T("CountPick", nil), k...)
}

// onHeadCount opens or taps a head count: "1:hc:<id>:<slot>:open|adult|child|first|undo|done".
// Volunteers count on the day of the meeting; coordinators any meeting that
// has begun or is today (to fix a count afterwards).
func (a *App) onHeadCount(r *req) {
	act, o, ok := a.meetingOf(r, r.args[0], r.args[1])
	if !ok {
		return
	}
	now := a.now()
	by := domain.Counter{MemberID: r.member.ID, Coordinator: r.role() == domain.RoleCoordinator,
		OnTheDay: sameDay(o.Start, now, a.loc()), Begun: !o.Start.After(now)}
	var h domain.HeadCount
	var err error
	op := r.args[2]
	switch op {
	case "open", "done":
		h, err = a.store.OpenHeadCount(r.ctx, by, act.ID, o.Slot)
	case domain.TapAdult, domain.TapChild, domain.TapFirst:
		h, err = a.store.TapHeadCount(r.ctx, by, act.ID, o.Slot, op, now)
	case "undo":
		h, err = a.store.UndoHeadCount(r.ctx, by, act.ID, o.Slot)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	L := r.L
	text := strings.Join([]string{
		L.T("CountHead", locales.Data{"Title": act.Title(L.Lang())}),
		"🗓 " + L.DateTime(o.Start), "",
		L.T("CountLines", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime, "Total": h.Total()}),
	}, "\n")
	if op == "done" {
		r.show(text + "\n\n" + L.T("CountSaved", nil))
		return
	}
	id, slot := r.args[0], r.args[1]
	k := kb{
		row(btn(L.T("BtnCountAdult", nil), actHeadCount, id, slot, domain.TapAdult),
			btn(L.T("BtnCountChild", nil), actHeadCount, id, slot, domain.TapChild)),
		row(btn(L.T("BtnCountFirst", nil), actHeadCount, id, slot, domain.TapFirst)),
		row(btn(L.T("BtnCountUndo", nil), actHeadCount, id, slot, "undo"),
			btn(L.T("BtnCountDone", nil), actHeadCount, id, slot, "done")),
	}
	if op == "open" {
		r.say(text, k...) // a message of its own for counting, leaving the list or card it was opened from
		return
	}
	r.show(text, k...)
}

// headCountLine is the count in one line, for a date's card.
func headCountLine(L *locales.Localizer, h domain.HeadCount) string {
	return L.T("CountSummary", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime})
}
