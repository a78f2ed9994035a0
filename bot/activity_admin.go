package bot

import (
	"errors"
	"strconv"
	"strings"
	"time"

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

// liveActivity loads the activity of a button, answering clearly when it is gone.
func (a *App) liveActivity(r *req, idArg string) (domain.Activity, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	act, err := a.store.Activity(r.ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && act.ArchivedAt != nil) {
		r.deny(r.L.T("ActivityGone", nil))
		return act, false
	}
	if err != nil {
		r.fail(err)
		return act, false
	}
	return act, true
}

// onActivityOpen shows an activity's card: "1:ao:<id>".
func (a *App) onActivityOpen(r *req) {
	act, ok := a.liveActivity(r, r.args[0])
	if !ok {
		return
	}
	text, err := a.activityCard(r, act)
	if err != nil {
		r.fail(err)
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	r.toast("")
	r.show(text,
		row(btn(r.L.T("BtnDates", nil), actActDates, id), btn(r.L.T("BtnEditActivity", nil), actActEdit, id)),
		row(btn(r.L.T("BtnArchiveActivity", nil), actActArchive, id, "ask")),
		row(btn(r.L.T("BtnBack", nil), actActList)))
}

// activityCard is what a coordinator sees of an activity, including when
// the next reminder goes out and to how many.
func (a *App) activityCard(r *req, act domain.Activity) (string, error) {
	L := r.L
	lines := []string{L.Isolate(act.Title(L.Lang())), L.T("ActivityKeyLine", locales.Data{"Key": act.Key}),
		"🗓 " + scheduleText(L, act)}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	now := a.now()
	if next, ok, err := a.store.NextMeeting(r.ctx, act, a.loc(), now); err != nil {
		return "", err
	} else if ok {
		lines = append(lines, L.T("ActivityNext", locales.Data{"When": L.DateTime(next.Start)}))
	}
	all, reachable, err := a.store.FollowerCount(r.ctx, act.ID)
	if err != nil {
		return "", err
	}
	lines = append(lines, L.N("ActivityFollowers", all, nil))
	if act.RemindBeforeMin == 0 {
		lines = append(lines, L.T("ActivityNoReminders", nil))
	} else {
		lines = append(lines, L.T("ActivityRemindBefore", locales.Data{"Duration": durationText(L, act.RemindBefore())}))
		spec, err := act.Spec()
		if err != nil {
			return "", err
		}
		changes, err := a.store.Changes(r.ctx, act.ID, now.AddDate(-1, 0, 0), now.AddDate(1, 1, 0))
		if err != nil {
			return "", err
		}
		if due := domain.NextReminderDue(spec, a.loc(), changes, act.RemindBefore(), now); !due.IsZero() {
			lines = append(lines, L.N("ActivityNextReminder", reachable, locales.Data{"When": L.DateTime(due)}))
		}
	}
	return strings.Join(lines, "\n"), nil
}

// onActivityDates lists the coming dates, each a button to its card: "1:ad:<id>".
func (a *App) onActivityDates(r *req) {
	act, ok := a.liveActivity(r, r.args[0])
	if !ok {
		return
	}
	now := a.now()
	var err error
	// From the start of today, so today's meeting can still be counted.
	y, m, d := now.In(a.loc()).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, a.loc())
	var meetings []domain.Occurrence
	for _, span := range []time.Duration{8 * 7 * 24 * time.Hour, 400 * 24 * time.Hour} {
		meetings, err = a.store.Meetings(r.ctx, act, a.loc(), from, now.Add(span))
		if err != nil || len(meetings) >= datesShown {
			break
		}
	}
	if err != nil {
		r.fail(err)
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	k := kb{}
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
		k = append(k, row(btn(label, actMeeting, id, strconv.FormatInt(o.Slot.Unix(), 10))))
	}
	k = append(k, row(btn(r.L.T("BtnBack", nil), actActOpen, id)))
	r.toast("")
	r.show(r.L.T("MeetingsTitle", locales.Data{"Title": act.Title(r.L.Lang())}), k...)
}

// meetingOf reads a meeting from button arguments (activity id, slot);
// forged or outdated slots answer "this button no longer works".
func (a *App) meetingOf(r *req, idArg, slotArg string) (domain.Activity, domain.Occurrence, bool) {
	act, ok := a.liveActivity(r, idArg)
	if !ok {
		return act, domain.Occurrence{}, false
	}
	unix, _ := strconv.ParseInt(slotArg, 10, 64)
	o, err := a.store.Meeting(r.ctx, act, a.loc(), time.Unix(unix, 0).UTC())
	if errors.Is(err, domain.ErrNotASlot) {
		r.deny(r.L.T("ButtonExpired", nil))
		return act, o, false
	}
	if err != nil {
		r.fail(err)
		return act, o, false
	}
	return act, o, true
}

// onMeeting shows one date's card: "1:am:<id>:<slot>".
func (a *App) onMeeting(r *req) {
	act, o, ok := a.meetingOf(r, r.args[0], r.args[1])
	if !ok {
		return
	}
	r.toast("")
	a.showMeeting(r, act, o, "")
}

// showMeeting renders a date's card, below note when there is one.
func (a *App) showMeeting(r *req, act domain.Activity, o domain.Occurrence, note string) {
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
	h, err := a.store.HeadCountOf(r.ctx, act.ID, o.Slot)
	if err != nil {
		r.fail(err)
		return
	}
	if h.Total() > 0 {
		lines = append(lines, headCountLine(L, h))
	}
	id, slot := strconv.FormatInt(act.ID, 10), strconv.FormatInt(o.Slot.Unix(), 10)
	k := kb{}
	now := a.now()
	if o.Start.After(now) || o.Cancelled {
		if o.Cancelled || o.Moved {
			k = append(k, row(btn(L.T("BtnRestoreMeeting", nil), actMeetingOp, id, slot, "restore")))
		}
		if !o.Cancelled {
			k = append(k, row(btn(L.T("BtnCancelMeeting", nil), actMeetingOp, id, slot, "cancel")))
		}
		k = append(k, row(btn(L.T("BtnMoveMeeting", nil), actMeetingOp, id, slot, "move")))
	}
	if !o.Cancelled && (sameDay(o.Start, now, a.loc()) || !o.Start.After(now)) {
		k = append(k, row(btn(L.T("BtnHeadCount", nil), actHeadCount, id, slot, "open")))
	}
	k = append(k, row(btn(L.T("BtnBack", nil), actActDates, id)))
	r.show(strings.Join(lines, "\n"), k...)
}

func sameDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return ay == by && am == bm && ad == bd
}

// onMeetingOp starts a change of one date: "1:mo:<id>:<slot>:cancel|move|restore".
// Cancel asks for an optional reason, move for the new time; restore acts at once.
func (a *App) onMeetingOp(r *req) {
	act, o, ok := a.meetingOf(r, r.args[0], r.args[1])
	if !ok {
		return
	}
	switch op := r.args[2]; op {
	case "restore":
		a.changeMeeting(r, domain.MeetingChange{ActivityID: act.ID, Slot: o.Slot, By: r.member.ID})
	case "cancel", "move":
		if !a.saveFlow(r, flowMeeting, meetingDraft{ActivityID: act.ID, Slot: o.Slot.Unix(), Op: op}) {
			return
		}
		r.toast("")
		if op == "cancel" {
			r.show(r.L.T("AskCancelReason", locales.Data{"Title": act.Title(r.L.Lang()), "When": r.L.DateTime(o.Start)}),
				row(btn(r.L.T("BtnNoReason", nil), actMeetingNoReason)), flowCancelRow(r.L))
			return
		}
		r.show(r.L.T("AskMoveTime", locales.Data{"Title": act.Title(r.L.Lang()), "When": r.L.DateTime(o.Start)}), flowCancelRow(r.L))
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

// flowCancelRow is the ✖️ button that ends any step-by-step chat, like /cancel.
func flowCancelRow(L *locales.Localizer) []domain.Button {
	return row(btn(L.T("BtnCancel", nil), actFlowCancel))
}

// onFlowCancel ends the step-by-step chat: "1:fx".
func (a *App) onFlowCancel(r *req) {
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	r.show(r.L.T("StoppedNothingChanged", nil))
}

func (a *App) loadMeetingDraft(r *req) (meetingDraft, bool) {
	var d meetingDraft
	return d, a.loadFlow(r, flowMeeting, &d)
}

// onMeetingNoReason cancels the meeting of the open draft without a reason: "1:mn".
func (a *App) onMeetingNoReason(r *req) {
	d, ok := a.loadMeetingDraft(r)
	if !ok || d.Op != "cancel" {
		if ok {
			r.deny(r.L.T("ButtonExpired", nil))
		}
		return
	}
	a.finishMeetingDraft(r, d, "", time.Time{})
}

// onMeetingText takes the typed reason or new time of the open draft.
func (a *App) onMeetingText(r *req) {
	d, ok := a.loadMeetingDraft(r)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.text)
	switch d.Op {
	case "cancel":
		if text == "" || len([]rune(text)) > 300 {
			r.say(r.L.T("ReasonTooLong", nil), flowCancelRow(r.L))
			return
		}
		a.finishMeetingDraft(r, d, text, time.Time{})
	case "move":
		t, err := domain.ParseLocalDateTime(text, a.loc(), a.now())
		if err != nil {
			r.say(r.L.T("BadDateTime", nil), flowCancelRow(r.L))
			return
		}
		if !t.After(a.now()) {
			r.say(r.L.T("InPast", nil), flowCancelRow(r.L))
			return
		}
		a.finishMeetingDraft(r, d, "", t)
	default:
		r.say(r.L.T("ButtonExpired", nil))
	}
}

func (a *App) finishMeetingDraft(r *req, d meetingDraft, reason string, movedTo time.Time) {
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		r.fail(err)
		return
	}
	a.changeMeeting(r, domain.MeetingChange{
		ActivityID: d.ActivityID, Slot: time.Unix(d.Slot, 0).UTC(), Cancel: d.Op == "cancel",
		MovedTo: movedTo, Reason: reason, By: r.member.ID,
	})
}

// changeMeeting records a change and tells the followers (through the
// outbox, in the same transaction), then shows the date's card again.
func (a *App) changeMeeting(r *req, c domain.MeetingChange) {
	n, err := a.store.ChangeMeeting(r.ctx, c, a.loc(), a.now(), a.meetingNotice)
	switch {
	case errors.Is(err, domain.ErrInPast):
		r.deny(r.L.T("InPast", nil))
		return
	case errors.Is(err, domain.ErrNotASlot), errors.Is(err, domain.ErrNotFound):
		r.deny(r.L.T("ButtonExpired", nil))
		return
	case err != nil:
		r.fail(err)
		return
	}
	a.wake()
	told := r.L.N("MeetingChangedTold", n, nil)
	r.toast(told)
	act, o, ok := a.meetingOf(r, strconv.FormatInt(c.ActivityID, 10), strconv.FormatInt(c.Slot.Unix(), 10))
	if !ok {
		return
	}
	a.showMeeting(r, act, o, "✅ "+told)
}

// onActivityArchive asks, then archives: "1:ax:<id>:ask|yes".
func (a *App) onActivityArchive(r *req) {
	act, ok := a.liveActivity(r, r.args[0])
	if !ok {
		return
	}
	id := strconv.FormatInt(act.ID, 10)
	title := act.Title(r.L.Lang())
	switch r.args[1] {
	case "ask":
		r.toast("")
		r.show(r.L.T("ArchiveConfirm", locales.Data{"Title": title}),
			row(btn(r.L.T("BtnArchiveYes", nil), actActArchive, id, "yes")),
			row(btn(r.L.T("BtnBack", nil), actActOpen, id)))
	case "yes":
		if err := a.store.ArchiveActivity(r.ctx, act.ID, a.now()); err != nil {
			r.fail(err)
			return
		}
		a.wake()
		r.toast(r.L.T("ActivityArchived", locales.Data{"Title": title}))
		a.showActivities(r)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}
