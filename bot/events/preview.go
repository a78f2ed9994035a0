package events

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The end of /newevent and of editing an event: the preview with a button
// per field, and Send (or Save).

// onEventEdit opens an event as a draft at its preview: "1:eu:<id>". Saving
// a new time or place tells those coming or waiting (the scheduler does).
func (f *Feature) onEventEdit(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	if e.Cancelled() {
		r.Fail(domain.ErrEventGone)
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
	r.Toast("")
	eventPreview(r, d)
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
func inviteText(r *chat.Request, invite string) string {
	if key, ok := strings.CutPrefix(invite, "activity:"); ok {
		if act, err := r.Env.Store.ActivityByKey(r.Ctx, r.Acting(domain.RoleCoordinator), key); err == nil {
			return r.L.WrittenButton("BtnInviteFollowers", nil, "Title", act.TitleTexts())
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

// inviteReaders counts the invitees by reader; nil when they cannot be counted.
func inviteReaders(r *chat.Request, invite string) map[domain.Reader]int {
	a := domain.Audience{Kind: domain.AudienceParticipants}
	switch invite {
	case domain.InviteVolunteers:
		a.Kind = domain.AudienceVolunteers
	case domain.InviteEveryone:
		a.Kind = domain.AudienceAll
	}
	if key, ok := strings.CutPrefix(invite, "activity:"); ok {
		act, err := r.Env.Store.ActivityByKey(r.Ctx, r.Acting(domain.RoleCoordinator), key)
		if err != nil {
			return nil
		}
		a = domain.Audience{Kind: domain.AudienceActivity, Ref: act.ID}
	}
	a.Branch = r.Acting(domain.RoleCoordinator)
	readers, err := r.Env.Store.CountReaders(r.Ctx, a)
	if err != nil {
		r.Env.Log.Warn("count readers", "err", err)
		return nil
	}
	return readers
}

// eventPreview shows the event as invitees will see it, with Send (or
// Save, when editing), named by the heading above it.
func eventPreview(r *chat.Request, d eventDraft) {
	d.Step = "preview"
	if d.Title == "" || d.Start.IsZero() || d.End.IsZero() || d.RSVPBy.IsZero() || !eventFlow.Save(r, d) {
		return
	}
	L := r.L
	e := d.event()
	head, send := "NewEventPreview", "BtnSendEvent"
	if d.ID != 0 {
		head, send = "EventEditPreview", "BtnSaveEvent"
	}
	lines := append([]string{L.T(head, nil), ""}, eventLines(L, e)...)
	for _, lang := range locales.Languages {
		if t := d.Titles[lang]; t != "" {
			lines = append(lines, L.Name(lang)+": "+L.Isolate(t))
		}
	}
	if e.Cap() > 0 {
		lines = append(lines, L.T("EventCapacityOnly", locales.Data{"Capacity": e.Cap()}))
	}
	lines = append(lines, L.T("EventAnswerBy", locales.Data{"When": L.DateTime(e.RSVPBy)}), "👥 "+inviteText(r, d.Invite),
		L.T("EventOfferLine", locales.Data{"Duration": chat.DurationText(L, e.OfferWindow())}))
	if e.AskDays > 0 {
		lines = append(lines, L.T("EventAskLine", locales.Data{"Duration": chat.DurationText(L, time.Duration(e.AskDays)*24*time.Hour)}))
	}
	if readers := inviteReaders(r, d.Invite); len(readers) > 0 {
		lines = append(append(lines, ""), chat.ReadersLines(r.Env.Cat, L, e.TitleTexts(), readers)...)
	}
	r.Show(strings.Join(lines, "\n"), chat.Row(chat.Btn(L.T(send, nil), actEvFlow, "send", "ok")),
		chat.Row(chat.Btn(L.T("BtnEditTitle", nil), actEvFlow, "edit", "title"), chat.Btn(L.T("BtnEditTimes", nil), actEvFlow, "edit", "start")),
		chat.Row(chat.Btn(L.T("BtnEditPlace", nil), actEvFlow, "edit", "place"), chat.Btn(L.T("BtnEditCapacity", nil), actEvFlow, "edit", "capacity")),
		chat.Row(chat.Btn(L.T("BtnEditDeadline", nil), actEvFlow, "edit", "deadline"), chat.Btn(L.T("BtnEditNote", nil), actEvFlow, "edit", "notes")),
		chat.Row(chat.Btn(L.T("BtnEditOffer", nil), actEvFlow, "edit", "offer"), chat.Btn(L.T("BtnEditAsk", nil), actEvFlow, "edit", "ask")),
		chat.CancelRow(L))
}

// sendEvent creates (or saves) the event and ends the chat; the scheduler
// invites, or tells those concerned about a new time or place.
func sendEvent(r *chat.Request, d eventDraft) {
	e := d.event()
	id := r.Member.ID
	eid, err := e.ID, error(nil)
	if e.ID == 0 {
		e.BranchID = r.Acting(domain.RoleCoordinator) // where the coordinator acts now
		eid, err = r.Env.Store.CreateEvent(r.Ctx, e, &id, r.Env.Now())
	} else {
		err = r.Env.Store.UpdateEvent(r.Ctx, coordinated(r), e, r.Env.Now())
	}
	if errors.Is(err, domain.ErrNotFound) { // gone meanwhile, or not of their branches
		eventFlow.Finish(r)
		r.Say(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	eventFlow.Finish(r)
	r.Env.Wake()
	done := "NewEventSent"
	if d.ID != 0 {
		done = "EventSaved"
	}
	r.Show(r.L.T(done, locales.Data{"Title": e.Title}),
		chat.Row(chat.Btn(r.L.WrittenButton("BtnManageEvent", nil, "Title", e.TitleTexts()), actEvOpen, strconv.FormatInt(eid, 10))))
}
