package events

import (
	"strconv"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The buttons of /newevent: "1:ef:<op>:<value>". Each op works only at the
// step that offers it; anything else is a button of an older screen.

// flowButton is what one op does, and the step the draft must be at.
type flowButton struct {
	at chat.Step
	do func(r *chat.Request, d eventDraft, val string)
}

// flowButtons are the ops of the chat's buttons.
var flowButtons = map[string]flowButton{
	"tlang":  {"titles", writeIn},
	"nlang":  {"notes", writeIn},
	"titles": {"titles", func(r *chat.Request, d eventDraft, _ string) { nextEventStep(r, d, "start") }},
	"cap":    {"capacity", pickCapacity},
	"by":     {"deadline", pickDeadline},
	"notes":  {"notes", func(r *chat.Request, d eventDraft, _ string) { nextEventStep(r, d, "invite") }},
	"inv":    {"invite", pickInvitees},
	"act":    {"invite", pickFollowers},
	"send":   {"preview", func(r *chat.Request, d eventDraft, _ string) { sendEvent(r, d) }},
	"oh":     {"offer", pickOffer},
	"ad":     {"ask", pickAsk},
	"edit":   {"preview", editField},
}

// onEventFlow handles the buttons of the chat: "1:ef:<op>:<value>".
func (f *Feature) onEventFlow(r *chat.Request) {
	d, ok := eventFlow.Load(r)
	if !ok {
		return
	}
	r.Toast("")
	b, ok := flowButtons[r.Args[0]]
	if !ok || d.Step != b.at {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	b.do(r, d, r.Args[1])
}

// writeIn asks for the title or note in language val: op "tlang" or "nlang".
func writeIn(r *chat.Request, d eventDraft, val string) {
	if !locales.Supported(val) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	op := "tlang"
	id := "NewEventAskTitleIn"
	if d.Step == "notes" {
		op, id = "nlang", "NewEventAskNoteIn"
	}
	d.Step, d.Writing = chat.Step(op), val
	if eventFlow.Save(r, d) {
		r.Show(r.L.T(id, locales.Data{"Language": r.L.Name(val)}), chat.CancelRow(r.L))
	}
}

// pickCapacity takes a capacity button (0: no limit).
func pickCapacity(r *chat.Request, d eventDraft, val string) {
	n, err := strconv.Atoi(val)
	if err != nil || n < 0 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Capacity = n
	nextEventStep(r, d, "deadline")
}

// pickDeadline takes an answer deadline in days before the start.
func pickDeadline(r *chat.Request, d eventDraft, val string) {
	days, err := strconv.Atoi(val)
	if err != nil || days < 0 || days > 7 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.RSVPBy = d.Start.AddDate(0, 0, -days)
	nextEventStep(r, d, "notes")
}

// pickInvitees takes participants, volunteers or everyone.
func pickInvitees(r *chat.Request, d eventDraft, val string) {
	if !domain.ValidInvite(val) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Invite = val
	eventPreview(r, d)
}

// pickFollowers invites the followers of the activity val.
func pickFollowers(r *chat.Request, d eventDraft, val string) {
	act, err := r.Env.Store.Activity(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), eventIDArg(val))
	if err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Invite = "activity:" + act.Key
	eventPreview(r, d)
}

// pickOffer takes the hours a waitlist offer stands.
func pickOffer(r *chat.Request, d eventDraft, val string) {
	h, err := strconv.Atoi(val)
	if err != nil || h < 1 || h > 336 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Offer = h
	eventPreview(r, d)
}

// pickAsk takes when to ask "still coming?": days before plus one, as
// payload arguments are not negative (0 there: never).
func pickAsk(r *chat.Request, d eventDraft, val string) {
	days, err := strconv.Atoi(val)
	if err != nil || days < 0 || days > 15 {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Ask = days - 1
	if d.Ask == 0 {
		d.Ask = -1
	}
	eventPreview(r, d)
}

// editableFields are the preview's edit buttons.
var editableFields = map[string]bool{"title": true, "start": true, "place": true, "capacity": true,
	"deadline": true, "notes": true, "offer": true, "ask": true}

// editField goes back from the preview to one field's step.
func editField(r *chat.Request, d eventDraft, val string) {
	if !editableFields[val] {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Editing = true
	if val == "title" {
		askEventStep(r, d, "titles")
		return
	}
	askEventStep(r, d, chat.Step(val))
}

// nextEventStep moves on to step, or back to the preview when editing.
func nextEventStep(r *chat.Request, d eventDraft, step chat.Step) {
	if d.Editing {
		eventPreview(r, d)
		return
	}
	askEventStep(r, d, step)
}
