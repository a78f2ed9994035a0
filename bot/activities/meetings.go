package activities

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// One date of an activity: its card, where a coordinator cancels, moves or
// restores it (followers are told) or opens its head count. Cancelling asks
// for an optional message and moving for the new time in a short
// step-by-step chat, which ends at a preview (meeting_preview.go) of what
// followers will read before anything is sent.

// The steps of the meeting chat: what the typed text answers.
const (
	opCancel  chat.Step = "cancel"  // the message in Danish, first asked
	opMove    chat.Step = "move"    // the new time
	opReason  chat.Step = "reason"  // the message in the language being written
	opPreview chat.Step = "preview" // buttons only
)

type meetingDraft struct {
	ActivityID int64             `json:"activity"`
	Slot       int64             `json:"slot"` // unix seconds
	Op         chat.Step         `json:"op"`   // the step the draft is at
	Cancel     bool              `json:"cancel,omitempty"`
	MovedTo    int64             `json:"moved_to,omitempty"` // unix seconds, when moving
	Reasons    map[string]string `json:"reasons,omitempty"`  // the message per language
	Writing    string            `json:"writing,omitempty"`  // language of the message being typed
}

// meetingFlow waits for a cancellation message, a new time or the message
// in another language for one meeting. Its handlers need only the request:
// the flow is shared by every Feature.
var meetingFlow = &chat.Flow[meetingDraft]{
	Name:   "meeting",
	StepOf: func(d *meetingDraft) chat.Step { return d.Op },
	Init: func(d *meetingDraft) {
		if d.Reasons == nil {
			d.Reasons = map[string]string{}
		}
	},
	Other: func(r *chat.Request, d *meetingDraft) {
		if d.Op == opPreview {
			r.Say(r.L.T("UseTheButtons", nil))
			return
		}
		r.Say(r.L.T("ButtonExpired", nil))
	},
}

// The step handlers save through meetingFlow, so they join it in init (a
// composite literal naming them would be an initialization cycle).
func init() {
	meetingFlow.Text = map[chat.Step]func(*chat.Request, *meetingDraft, string){
		opCancel: onReasonText,
		opReason: onReasonText,
		opMove:   onMoveText,
	}
}

// meetingOf reads a meeting from button arguments (activity id, slot);
// forged or outdated slots answer "this button no longer works", as does
// another branch's activity (one where the sender has not role min).
func meetingOf(r *chat.Request, idArg, slotArg string, min domain.Role) (domain.Activity, domain.Occurrence, bool) {
	act, ok := chat.LiveActivity(r, idArg, min)
	if !ok {
		return act, domain.Occurrence{}, false
	}
	unix, _ := strconv.ParseInt(slotArg, 10, 64)
	o, err := r.Env.Store.Meeting(r.Ctx, act, r.Env.Loc(), time.Unix(unix, 0).UTC())
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
func (f *Feature) onMeeting(r *chat.Request) {
	act, o, ok := meetingOf(r, r.Args[0], r.Args[1], domain.RoleCoordinator)
	if !ok {
		return
	}
	r.Toast("")
	showMeeting(r, act, o, "")
}

// showMeeting renders a date's card, below note when there is one.
func showMeeting(r *chat.Request, act domain.Activity, o domain.Occurrence, note string) {
	L, env := r.L, r.Env
	lines := []string{string(L.Written(act.TitleTexts())), "🗓 " + L.DateTime(o.Start)}
	if note != "" {
		lines = append([]string{note, ""}, lines...)
	}
	switch {
	case o.Cancelled:
		lines = append(lines, cancelledLine(L, o))
	case o.Moved:
		lines = append(lines, L.T("MeetingMovedFrom", locales.Data{"Was": L.DateTime(o.Slot)}))
		if r := reasonLine(L, o.Reason); r != "" {
			lines = append(lines, r)
		}
	}
	h, err := env.Store.HeadCountOf(r.Ctx, coordinating(r), act.ID, o.Slot)
	if err != nil {
		r.Fail(err)
		return
	}
	if h.Total() > 0 {
		lines = append(lines, headCountLine(L, h))
	}
	id, slot := strconv.FormatInt(act.ID, 10), strconv.FormatInt(o.Slot.Unix(), 10)
	k := chat.Keyboard{}
	now := env.Now()
	if o.Start.After(now) || o.Cancelled {
		if o.Cancelled || o.Moved {
			k = append(k, chat.Row(chat.Btn(L.T("BtnRestoreMeeting", nil), actMeetingOp, id, slot, "restore")))
		}
		if !o.Cancelled {
			k = append(k, chat.Row(chat.Btn(L.T("BtnCancelMeeting", nil), actMeetingOp, id, slot, "cancel")))
		}
		k = append(k, chat.Row(chat.Btn(L.T("BtnMoveMeeting", nil), actMeetingOp, id, slot, "move")))
	}
	if !o.Cancelled && (sameDay(o.Start, now, env.Loc()) || !o.Start.After(now)) {
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
func (f *Feature) onMeetingOp(r *chat.Request) {
	act, o, ok := meetingOf(r, r.Args[0], r.Args[1], domain.RoleCoordinator)
	if !ok {
		return
	}
	switch op := chat.Step(r.Args[2]); op {
	case "restore":
		changeMeeting(r, domain.MeetingChange{ActivityID: act.ID, Slot: o.Slot, By: r.Member.ID})
	case opCancel, opMove:
		d := meetingDraft{ActivityID: act.ID, Slot: o.Slot.Unix(), Op: op, Cancel: op == opCancel, Reasons: map[string]string{}}
		if !meetingFlow.Save(r, d) {
			return
		}
		r.Toast("")
		if op == opCancel {
			r.Show(r.L.T("AskCancelReason", locales.Data{"Title": r.L.Written(act.TitleTexts()), "When": r.L.DateTime(o.Start)}),
				chat.Row(chat.Btn(r.L.T("BtnNoReason", nil), actMeetingNoReason)), chat.CancelRow(r.L))
			return
		}
		r.Show(r.L.T("AskMoveTime", locales.Data{"Title": r.L.Written(act.TitleTexts()), "When": r.L.DateTime(o.Start)}), chat.CancelRow(r.L))
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// onMeetingNoReason goes on to the preview of a cancellation without a
// message: "1:mn".
func (f *Feature) onMeetingNoReason(r *chat.Request) {
	d, ok := meetingFlow.Load(r)
	if !ok || d.Op != opCancel {
		if ok {
			r.Deny(r.L.T("ButtonExpired", nil))
		}
		return
	}
	d.Cancel = true
	r.Toast("")
	meetingPreview(r, d)
}

// onReasonText takes the typed message: in Danish when cancelling, or in
// the language chosen with ➕/✏️ on the preview.
func onReasonText(r *chat.Request, d *meetingDraft, text string) {
	if text == "" || len([]rune(text)) > 300 {
		r.Say(r.L.T("ReasonTooLong", nil), chat.CancelRow(r.L))
		return
	}
	lang := d.Writing
	if d.Op == opCancel {
		d.Cancel, lang = true, domain.DefaultLanguage // a draft saved before the preview existed has no Cancel
	}
	if !locales.Supported(lang) {
		lang = domain.DefaultLanguage
	}
	d.Reasons[lang], d.Writing = text, ""
	meetingPreview(r, *d)
}

// onMoveText takes the typed new time of a moved meeting.
func onMoveText(r *chat.Request, d *meetingDraft, text string) {
	t, ok := chat.FutureTime(r, text)
	if !ok {
		return
	}
	d.MovedTo = t.Unix()
	meetingPreview(r, *d)
}

// changeMeeting records a change and tells the followers (through the
// outbox, in the same transaction), then shows the date's card again.
func changeMeeting(r *chat.Request, c domain.MeetingChange) {
	env := r.Env
	n, err := env.Store.ChangeMeeting(r.Ctx, coordinating(r), c, env.Loc(), env.Now())
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
	env.Wake()
	told := r.L.N("MeetingChangedTold", n, nil)
	r.Toast(told)
	act, o, ok := meetingOf(r, strconv.FormatInt(c.ActivityID, 10), strconv.FormatInt(c.Slot.Unix(), 10), domain.RoleCoordinator)
	if !ok {
		return
	}
	showMeeting(r, act, o, "✅ "+told)
}
