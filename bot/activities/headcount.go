package activities

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The head count at a meeting: the volunteer hosting it (or a coordinator)
// counts people at the door in one message whose buttons edit it in place.
// The counts are kept per meeting, without names, for the § 18 report.

// cmdCount lists today's meetings to count: "/count".
func (f *Feature) cmdCount(r *chat.Request) {
	acts, err := f.Store.Activities(r.Ctx, volunteering(r))
	if err != nil {
		r.Fail(err)
		return
	}
	now := f.Now()
	y, m, d := now.In(f.Loc()).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, f.Loc())
	type row struct {
		start time.Time
		b     domain.Button
	}
	var rows []row // today's meetings in the order of the day
	others := 0    // meetings today that someone else hosts
	for _, act := range acts {
		meetings, err := f.Store.Meetings(r.Ctx, act, f.Loc(), dayStart, dayStart.AddDate(0, 0, 1))
		if err != nil {
			r.Fail(err)
			return
		}
		for _, o := range meetings {
			by := domain.Counter{MemberID: r.Member.ID, Coordinator: r.Scope.Has(act.BranchID, domain.RoleCoordinator), OnTheDay: true, Begun: !o.Start.After(now)}
			switch err := f.Store.CanCount(r.Ctx, volunteering(r), by, act.ID, o.Slot); {
			case errors.Is(err, domain.ErrCountNotHost):
				others++
				continue
			case errors.Is(err, domain.ErrCountCancelled):
				continue
			case err != nil:
				r.Fail(err)
				return
			}
			label := string(r.L.Written(act.TitleTexts())) + " · " + r.L.Clock(o.Start)
			if b := r.BranchLabel(act.BranchID); b != "" {
				label += " · " + b
			}
			rows = append(rows, row{o.Start, chat.Btn(label, actHeadCount, strconv.FormatInt(act.ID, 10), strconv.FormatInt(o.Slot.Unix(), 10), "open")})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int { return a.start.Compare(b.start) })
	k := chat.Keyboard{}
	for _, rw := range rows {
		k = append(k, chat.Row(rw.b))
	}
	if len(k) == 0 && others > 0 {
		r.Say(r.L.T("CountOnlyHosts", nil))
		return
	}
	if len(k) == 0 {
		r.Say(r.L.T("CountNoneToday", nil))
		return
	}
	r.Say(r.L.T("CountPick", nil), k...)
}

// onHeadCount opens or taps a head count: "1:hc:<id>:<slot>:open|adult|child|first|undo|done".
// Volunteers count on the day of the meeting; coordinators any meeting that
// has begun or is today (to fix a count afterwards).
func (f *Feature) onHeadCount(r *chat.Request) {
	act, o, ok := meetingOf(r, r.Args[0], r.Args[1], domain.RoleVolunteer)
	if !ok {
		return
	}
	now := f.Now()
	by := domain.Counter{MemberID: r.Member.ID, Coordinator: r.Scope.Has(act.BranchID, domain.RoleCoordinator),
		OnTheDay: sameDay(o.Start, now, f.Loc()), Begun: !o.Start.After(now)}
	var h domain.HeadCount
	var err error
	op := r.Args[2]
	switch op {
	case "open", "done":
		h, err = f.Store.OpenHeadCount(r.Ctx, volunteering(r), by, act.ID, o.Slot)
	case domain.TapAdult, domain.TapChild, domain.TapFirst:
		h, err = f.Store.TapHeadCount(r.Ctx, volunteering(r), by, act.ID, o.Slot, op, now)
	case "undo":
		h, err = f.Store.UndoHeadCount(r.Ctx, volunteering(r), by, act.ID, o.Slot)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	if op == "open" { // a message of its own for counting, leaving the list or card it was opened from
		text, k := countScreen(r.L, act, o, h, r.Args[0], r.Args[1], op)
		r.Say(text, k...)
		return
	}
	r.Serial(func() {
		if h, err = f.Store.HeadCountOf(r.Ctx, volunteering(r), act.ID, o.Slot); err != nil { // as stored after every tap before this edit
			r.Fail(err)
			return
		}
		text, k := countScreen(r.L, act, o, h, r.Args[0], r.Args[1], op)
		r.Show(text, k...)
	})
}

// countScreen is the head count's message: its text and, unless it is
// done, the counting buttons.
func countScreen(L *locales.Localizer, act domain.Activity, o domain.Occurrence, h domain.HeadCount, id, slot, op string) (string, chat.Keyboard) {
	text := strings.Join([]string{
		L.T("CountHead", locales.Data{"Title": L.Written(act.TitleTexts())}),
		"🗓 " + L.DateTime(o.Start), "",
		L.T("CountLines", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime, "Total": h.Total()}),
	}, "\n")
	if op == "done" {
		return text + "\n\n" + L.T("CountSaved", nil), nil
	}
	return text, chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnCountAdult", nil), actHeadCount, id, slot, domain.TapAdult),
			chat.Btn(L.T("BtnCountChild", nil), actHeadCount, id, slot, domain.TapChild)),
		chat.Row(chat.Btn(L.T("BtnCountFirst", nil), actHeadCount, id, slot, domain.TapFirst)),
		chat.Row(chat.Btn(L.T("BtnCountUndo", nil), actHeadCount, id, slot, "undo"),
			chat.Btn(L.T("BtnCountDone", nil), actHeadCount, id, slot, "done")),
	}
}

// headCountLine is the count in one line, for a date's card.
func headCountLine(L *locales.Localizer, h domain.HeadCount) string {
	return L.T("CountSummary", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime})
}
