package bot

import (
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// The end of /newevent and of editing an event: the preview with a button
// per field, and Send (or Save).

// onEventEdit opens an event as a draft at its preview: "1:eu:<id>". Saving
// a new time or place tells those coming or waiting (the scheduler does).
func (a *App) onEventEdit(r *req) {
	e, ok := a.event(r, r.args[0])
	if !ok {
		return
	}
	if e.Cancelled() {
		r.fail(domain.ErrEventGone)
		return
	}
	d := eventDraft{ID: e.ID, Editing: true, Title: e.Title, Titles: map[string]string{}, Notes: map[string]string{}, Start: e.StartsAt,
		End: e.EndsAt, Place: e.Place, Capacity: e.Cap(), RSVPBy: e.RSVPBy, Invite: e.Invite, Offer: e.OfferHours, Ask: e.AskDays}
	if e.AskDays == 0 {
		d.Ask = -1
	}
	for k, v := range e.Titles {
		d.Titles[k] = v
	}
	for k, v := range e.Notes {
		d.Notes[k] = v
	}
	r.toast("")
	a.eventPreview(r, d)
}

// event turns the draft into an event.
func (d eventDraft) event() domain.Event {
	e := domain.Event{ID: d.ID, Title: d.Title, Titles: domain.Texts{}, Notes: domain.Texts{}, Place: d.Place, StartsAt: d.Start, EndsAt: d.End,
		RSVPBy: d.RSVPBy, Invite: d.Invite, OfferHours: domain.DefaultOfferHours, AskDays: domain.DefaultAskDays}
	for k, v := range d.Titles {
		e.Titles[k] = v
	}
	for k, v := range d.Notes {
		e.Notes[k] = v
	}
	if d.Capacity > 0 {
		c := d.Capacity
		e.Capacity = &c
	}
	if d.Offer > 0 {
		e.OfferHours = d.Offer
	}
	switch {
	case d.Ask > 0:
		e.AskDays = d.Ask
	case d.Ask < 0:
		e.AskDays = 0
	}
	return e
}

// inviteText names the invitees.
func (a *App) inviteText(r *req, invite string) string {
	if key, ok := strings.CutPrefix(invite, "activity:"); ok {
		if act, err := a.store.ActivityByKey(r.ctx, key); err == nil {
			return r.L.T("BtnInviteFollowers", locales.Data{"Title": act.Title(r.L.Lang())})
		}
	}
	switch invite {
	case domain.InviteVolunteers:
		return r.L.T("BtnInviteVolunteers", nil)
	case domain.InviteEveryone:
		return r.L.T("BtnInviteEveryone", nil)
	}
	return r.L.T("BtnInviteParticipants", nil)
}

// eventPreview shows the event as invitees will see it, with Send.
func (a *App) eventPreview(r *req, d eventDraft) {
	d.Step = "preview"
	if d.Title == "" || d.Start.IsZero() || d.End.IsZero() || d.RSVPBy.IsZero() || !a.saveEventDraft(r, d) {
		return
	}
	L := r.L
	e := d.event()
	lines := append([]string{L.T("NewEventPreview", nil), ""}, eventLines(L, e)...)
	for _, lang := range locales.Languages {
		if t := d.Titles[lang]; t != "" {
			lines = append(lines, a.cat.For(lang).T("LanguageName", nil)+": "+L.Isolate(t))
		}
	}
	if e.Cap() > 0 {
		lines = append(lines, L.T("EventCapacityOnly", locales.Data{"Capacity": e.Cap()}))
	}
	lines = append(lines, L.T("EventAnswerBy", locales.Data{"When": L.DateTime(e.RSVPBy)}), "👥 "+a.inviteText(r, d.Invite),
		L.T("EventOfferLine", locales.Data{"Duration": durationText(L, e.OfferWindow())}))
	if e.AskDays > 0 {
		lines = append(lines, L.T("EventAskLine", locales.Data{"Duration": durationText(L, time.Duration(e.AskDays)*24*time.Hour)}))
	}
	send := "BtnSendEvent"
	if d.ID != 0 {
		send = "BtnSaveEvent"
	}
	r.show(strings.Join(lines, "\n"), row(btn(L.T(send, nil), actEvFlow, "send", "ok")),
		row(btn(L.T("BtnEditTitle", nil), actEvFlow, "edit", "title"), btn(L.T("BtnEditTimes", nil), actEvFlow, "edit", "start")),
		row(btn(L.T("BtnEditPlace", nil), actEvFlow, "edit", "place"), btn(L.T("BtnEditCapacity", nil), actEvFlow, "edit", "capacity")),
		row(btn(L.T("BtnEditDeadline", nil), actEvFlow, "edit", "deadline"), btn(L.T("BtnEditNote", nil), actEvFlow, "edit", "notes")),
		row(btn(L.T("BtnEditOffer", nil), actEvFlow, "edit", "offer"), btn(L.T("BtnEditAsk", nil), actEvFlow, "edit", "ask")),
		flowCancelRow(L))
}

// sendEvent creates (or saves) the event and ends the chat; the scheduler
// invites, or tells those concerned about a new time or place.
func (a *App) sendEvent(r *req, d eventDraft) {
	e := d.event()
	id := r.member.ID
	eid, err := e.ID, error(nil)
	if e.ID == 0 {
		eid, err = a.store.CreateEvent(r.ctx, e, &id, a.now())
	} else {
		err = a.store.UpdateEvent(r.ctx, e, a.now())
	}
	if err != nil {
		r.fail(err)
		return
	}
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		a.log.Warn("end event draft", "err", err)
	}
	a.wake()
	done := "NewEventSent"
	if d.ID != 0 {
		done = "EventSaved"
	}
	r.show(r.L.T(done, locales.Data{"Title": e.Title}),
		row(btn(r.L.T("BtnManageEvent", locales.Data{"Title": e.TitleIn(r.L.Lang())}), actEvOpen, strconv.FormatInt(eid, 10))))
}
