package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Coordinators' side of activities: the card of one activity (schedule,
// followers, the next reminder coming), its next dates, and one date's card
// where it is cancelled, moved, restored or counted.

// flowMeeting is the step-by-step chat that waits for a cancellation reason
// or a new time for one meeting.
const flowMeeting = "meeting"

type meetingDraft struct {
	ActivityID int64  `json:"activity"`
	Slot       int64  `json:"slot"` // unix seconds
	Op         string `json:"op"`   // cancel | move
}

// datesShown is how many coming dates the dates screen lists.
const datesShown = 8

// onActivityOpen shows an activity's card: "1:ao:<id>".
func (a *App) onActivityOpen(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0])
	if !ok {
		return
	}
	text, err := a.activityCard(r, act)
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
func (a *App) activityCard(r *chat.Request, act domain.Activity) (string, error) {
	L := r.L
	lines := []string{L.Isolate(act.Title(L.Lang())), L.T("ActivityKeyLine", locales.Data{"Key": act.Key}),
		"🗓 " + chat.ScheduleText(L, act)}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	now := a.Now()
	if next, ok, err := a.Store.NextMeeting(r.Ctx, act, a.Loc(), now); err != nil {
		return "", err
	} else if ok {
		lines = append(lines, L.T("ActivityNext", locales.Data{"When": L.DateTime(next.Start)}))
	}
	all, reachable, err := a.Store.FollowerCount(r.Ctx, act.ID)
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
		changes, err := a.Store.Changes(r.Ctx, act.ID, now.AddDate(-1, 0, 0), now.AddDate(1, 1, 0))
		if err != nil {
			return "", err
		}
		if due := domain.NextReminderDue(spec, a.Loc(), changes, act.RemindBefore(), now); !due.IsZero() {
			lines = append(lines, L.N("ActivityNextReminder", reachable, locales.Data{"When": L.DateTime(due)}))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// onActivityDates lists the coming dates, each a button to its card: "1:ad:<id>".
func (a *App) onActivityDates(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0])
	if !ok {
		return
	}
	now := a.Now()
	var err error
	// From the start of today, so today's meeting can still be counted.
	y, m, d := now.In(a.Loc()).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, a.Loc())
	var meetings []domain.Occurrence
	for _, span := range []time.Duration{8 * 7 * 24 * time.Hour, 400 * 24 * time.Hour} {
		meetings, err = a.Store.Meetings(r.Ctx, act, a.Loc(), from, now.Add(span))
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
	r.Show(r.L.T("MeetingsTitle", locales.Data{"Title": act.Title(r.L.Lang())}), k...)
}

// meetingOf reads a meeting from button arguments (activity id, slot);
// forged or outdated slots answer "this button no longer works".
func (a *App) meetingOf(r *chat.Request, idArg, slotArg string) (domain.Activity, domain.Occurrence, bool) {
	act, ok := chat.LiveActivity(r, idArg)
	if !ok {
		return act, domain.Occurrence{}, false
	}
	unix, _ := strconv.ParseInt(slotArg, 10, 64)
	o, err := a.Store.Meeting(r.Ctx, act, a.Loc(), time.Unix(unix, 0).UTC())
	if errors.Is(err, domain.ErrNotASlot) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return act, o, false
	}
	if err != nil {
		r.Fail(err)
		return act, o, false
	}
	return act, o, true
}

// onMeeting shows one date's card: "1:am:<id>:<slot>".
func (a *App) onMeeting(r *chat.Request) {
	act, o, ok := a.meetingOf(r, r.Args[0], r.Args[1])
	if !ok {
		return
	}
	r.Toast("")
	a.showMeeting(r, act, o, "")
}

// showMeeting renders a date's card, below note when there is one.
func (a *App) showMeeting(r *chat.Request, act domain.Activity, o domain.Occurrence, note string) {
	L := r.L
	lines := []string{L.Isolate(act.Title(L.Lang())), "🗓 " + L.DateTime(o.Start)}
	if note != "" {
		lines = append([]string{note, ""}, lines...)
	}
	switch {
	case o.Cancelled:
		lines = append(lines, cancelledLine(L, o))
	case o.Moved:
		lines = append(lines, L.T("MeetingMovedFrom", locales.Data{"Was": L.DateTime(o.Slot)}))
		if o.Reason != "" {
			lines = append(lines, L.T("MeetingReason", locales.Data{"Reason": o.Reason}))
		}
	}
	h, err := a.Store.HeadCountOf(r.Ctx, act.ID, o.Slot)
	if err != nil {
		r.Fail(err)
		return
	}
	if h.Total() > 0 {
		lines = append(lines, headCountLine(L, h))
	}
	id, slot := strconv.FormatInt(act.ID, 10), strconv.FormatInt(o.Slot.Unix(), 10)
	k := chat.Keyboard{}
	now := a.Now()
	if o.Start.After(now) || o.Cancelled {
		if o.Cancelled || o.Moved {
			k = append(k, chat.Row(chat.Btn(L.T("BtnRestoreMeeting", nil), actMeetingOp, id, slot, "restore")))
		}
		if !o.Cancelled {
			k = append(k, chat.Row(chat.Btn(L.T("BtnCancelMeeting", nil), actMeetingOp, id, slot, "cancel")))
		}
		k = append(k, chat.Row(chat.Btn(L.T("BtnMoveMeeting", nil), actMeetingOp, id, slot, "move")))
	}
	if !o.Cancelled && (sameDay(o.Start, now, a.Loc()) || !o.Start.After(now)) {
		k = append(k, chat.Row(chat.Btn(L.T("BtnHeadCount", nil), actHeadCount, id, slot, "open")))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnBack", nil), actActDates, id)))
	r.Show(strings.Join(lines, "\n"), k...)
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// onMeetingOp starts a change of one date: "1:mo:<id>:<slot>:cancel|move|restore".
// Cancel asks for an optional reason, move for the new time; restore acts at once.
func (a *App) onMeetingOp(r *chat.Request) {
	act, o, ok := a.meetingOf(r, r.Args[0], r.Args[1])
	if !ok {
		return
	}
	switch op := r.Args[2]; op {
	case "restore":
		a.changeMeeting(r, domain.MeetingChange{ActivityID: act.ID, Slot: o.Slot, By: r.Member.ID})
	case "cancel", "move":
		if !chat.SaveDraft(r, flowMeeting, meetingDraft{ActivityID: act.ID, Slot: o.Slot.Unix(), Op: op}) {
			return
		}
		r.Toast("")
		if op == "cancel" {
			r.Show(r.L.T("AskCancelReason", locales.Data{"Title": act.Title(r.L.Lang()), "When": r.L.DateTime(o.Start)}),
				chat.Row(chat.Btn(r.L.T("BtnNoReason", nil), actMeetingNoReason)), chat.CancelRow(r.L))
			return
		}
		r.Show(r.L.T("AskMoveTime", locales.Data{"Title": act.Title(r.L.Lang()), "When": r.L.DateTime(o.Start)}), chat.CancelRow(r.L))
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

func (a *App) loadMeetingDraft(r *chat.Request) (meetingDraft, bool) {
	var d meetingDraft
	return d, chat.LoadDraft(r, flowMeeting, &d)
}

// onMeetingNoReason cancels the meeting of the open draft without a reason: "1:mn".
func (a *App) onMeetingNoReason(r *chat.Request) {
	d, ok := a.loadMeetingDraft(r)
	if !ok || d.Op != "cancel" {
		if ok {
			r.Deny(r.L.T("ButtonExpired", nil))
		}
		return
	}
	a.finishMeetingDraft(r, d, "", time.Time{})
}

// onMeetingText takes the typed reason or new time of the open draft.
func (a *App) onMeetingText(r *chat.Request) {
	d, ok := a.loadMeetingDraft(r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.Text)
	switch d.Op {
	case "cancel":
		if text == "" || len([]rune(text)) > 300 {
			r.Say(r.L.T("ReasonTooLong", nil), chat.CancelRow(r.L))
			return
		}
		a.finishMeetingDraft(r, d, text, time.Time{})
	case "move":
		t, err := domain.ParseLocalDateTime(text, a.Loc(), a.Now())
		if err != nil {
			r.Say(r.L.T("BadDateTime", nil), chat.CancelRow(r.L))
			return
		}
		if !t.After(a.Now()) {
			r.Say(r.L.T("InPast", nil), chat.CancelRow(r.L))
			return
		}
		a.finishMeetingDraft(r, d, "", t)
	default:
		r.Say(r.L.T("ButtonExpired", nil))
	}
}

func (a *App) finishMeetingDraft(r *chat.Request, d meetingDraft, reason string, movedTo time.Time) {
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		r.Fail(err)
		return
	}
	a.changeMeeting(r, domain.MeetingChange{
		ActivityID: d.ActivityID, Slot: time.Unix(d.Slot, 0).UTC(), Cancel: d.Op == "cancel",
		MovedTo: movedTo, Reason: reason, By: r.Member.ID,
	})
}

// changeMeeting records a change and tells the followers (through the
// outbox, in the same transaction), then shows the date's card again.
func (a *App) changeMeeting(r *chat.Request, c domain.MeetingChange) {
	n, err := a.Store.ChangeMeeting(r.Ctx, c, a.Loc(), a.Now(), a.meetingNotice)
	switch {
	case errors.Is(err, domain.ErrInPast):
		r.Deny(r.L.T("InPast", nil))
		return
	case errors.Is(err, domain.ErrNotASlot), errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	case err != nil:
		r.Fail(err)
		return
	}
	a.Wake()
	told := r.L.N("MeetingChangedTold", n, nil)
	r.Toast(told)
	act, o, ok := a.meetingOf(r, strconv.FormatInt(c.ActivityID, 10), strconv.FormatInt(c.Slot.Unix(), 10))
	if !ok {
		return
	}
	a.showMeeting(r, act, o, "✅ "+told)
}

// onActivityArchive asks, then archives: "1:ax:<id>:ask|yes".
func (a *App) onActivityArchive(r *chat.Request) {
	act, ok := chat.LiveActivity(r, r.Args[0])
	if !ok {
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	title := act.Title(r.L.Lang())
	switch r.Args[1] {
	case "ask":
		r.Toast("")
		r.Show(r.L.T("ArchiveConfirm", locales.Data{"Title": title}),
			chat.Row(chat.Btn(r.L.T("BtnArchiveYes", nil), actActArchive, id, "yes")),
			chat.Row(chat.Btn(r.L.T("BtnBack", nil), actActOpen, id)))
	case "yes":
		if err := a.Store.ArchiveActivity(r.Ctx, act.ID, a.Now()); err != nil {
			r.Fail(err)
			return
		}
		a.Wake()
		r.Toast(r.L.T("ActivityArchived", locales.Data{"Title": title}))
		a.showActivities(r)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}
