package bot

import (
	"errors"
	"strconv"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// The audience step of a broadcast: who gets it, narrowed to an activity,
// an event or a language, and reported at once when nobody is in it.

// onBroadcastAudience: "1:ba:<kind>".
func (a *App) onBroadcastAudience(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	kind := r.args[0]
	switch kind {
	case domain.AudienceAll, domain.AudienceParticipants, domain.AudienceVolunteers, domain.AudienceCoordinators:
		d.Audience = kind
		a.afterAudience(r, d)
	case domain.AudienceActivity:
		acts, err := a.store.Activities(r.ctx)
		var cs []choice
		for _, act := range acts {
			cs = append(cs, choice{act.Name, strconv.FormatInt(act.ID, 10)})
		}
		a.showPick(r, d.Key, kind, "BroadcastPickActivity", "NoActivities", cs, err)
	case domain.AudienceEvent:
		evs, err := a.store.Events(r.ctx, a.now().Add(-24*time.Hour))
		var cs []choice
		for _, ev := range evs {
			cs = append(cs, choice{ev.Title + " · " + r.L.Date(ev.StartsAt), strconv.FormatInt(ev.ID, 10)})
		}
		a.showPick(r, d.Key, kind, "BroadcastPickEvent", "NoEvents", cs, err)
	case domain.AudienceLanguage:
		var cs []choice
		for _, lang := range locales.Languages {
			cs = append(cs, choice{a.cat.For(lang).T("LanguageName", nil), lang})
		}
		a.showPick(r, d.Key, kind, "BroadcastPickLanguage", "", cs, nil)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

// choice is one button of a pick list: its label and the ref it selects.
type choice struct{ label, ref string }

// showPick lists the activities, events or languages an audience can be narrowed to.
func (a *App) showPick(r *req, key, kind, prompt, empty string, cs []choice, err error) {
	if err != nil {
		r.fail(err)
		return
	}
	if len(cs) == 0 {
		r.deny(r.L.T(empty, nil))
		return
	}
	k := make(kb, 0, len(cs)+1)
	for _, c := range cs {
		k = append(k, row(btn(c.label, actBcPick, kind, c.ref)))
	}
	r.toast("")
	r.show(r.L.T(prompt, nil), append(k, cancelRow(r.L, key))...)
}

// onBroadcastPick: "1:bp:<activity|event|language>:<ref>". The ref is checked
// against the database, never trusted.
func (a *App) onBroadcastPick(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	aud, err := domain.ParseAudience(r.args[0] + ":" + r.args[1])
	if err != nil {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	switch aud.Kind {
	case domain.AudienceActivity:
		_, err = a.store.Activity(r.ctx, aud.Ref)
	case domain.AudienceEvent:
		_, err = a.store.Event(r.ctx, aud.Ref)
	case domain.AudienceLanguage:
	default:
		err = domain.ErrNotFound
	}
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			err = errButtonExpired
		}
		r.fail(err)
		return
	}
	d.Audience = aud.String()
	a.afterAudience(r, d)
}

// afterAudience reports an audience with nobody in it at once (before
// anything is written); otherwise it asks for the text everyone needs first.
func (a *App) afterAudience(r *req, d draft) {
	aud, err := domain.ParseAudience(d.Audience)
	if err != nil {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	count, err := a.store.CountAudience(r.ctx, aud)
	if err != nil {
		r.fail(err)
		return
	}
	if count.Reachable == 0 {
		d.Audience = ""
		if !a.saveDraft(r, d) {
			return
		}
		r.toast("")
		text, k := a.audienceScreen(r.L, d.Key)
		r.show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	a.askText(r, d, d.primary())
}
