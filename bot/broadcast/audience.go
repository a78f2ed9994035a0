package broadcast

import (
	"errors"
	"strconv"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The audience step of a broadcast: who gets it, narrowed to an activity,
// an event or a language, and reported at once when nobody is in it.

// onAudience: "1:ba:<kind>".
func (f *Feature) onAudience(r *chat.Request) {
	d, ok := f.loadDraft(r)
	if !ok {
		return
	}
	kind := r.Args[0]
	switch kind {
	case domain.AudienceAll, domain.AudienceParticipants, domain.AudienceVolunteers, domain.AudienceCoordinators:
		d.Audience = kind
		f.afterAudience(r, d)
	case domain.AudienceActivity:
		acts, err := f.Store.Activities(r.Ctx)
		var cs []choice
		for _, act := range acts {
			cs = append(cs, choice{act.Name, strconv.FormatInt(act.ID, 10)})
		}
		f.showPick(r, d.Key, kind, "BroadcastPickActivity", "NoActivities", cs, err)
	case domain.AudienceEvent:
		evs, err := f.Store.Events(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), f.Now().Add(-24*time.Hour))
		var cs []choice
		for _, ev := range evs {
			cs = append(cs, choice{ev.Title + " · " + r.L.Date(ev.StartsAt), strconv.FormatInt(ev.ID, 10)})
		}
		f.showPick(r, d.Key, kind, "BroadcastPickEvent", "NoEvents", cs, err)
	case domain.AudienceLanguage:
		var cs []choice
		for _, lang := range locales.Languages {
			cs = append(cs, choice{r.L.Name(lang), lang})
		}
		f.showPick(r, d.Key, kind, "BroadcastPickLanguage", "", cs, nil)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// choice is one button of a pick list: its label and the ref it selects.
type choice struct{ label, ref string }

// showPick lists the activities, events or languages an audience can be narrowed to.
func (f *Feature) showPick(r *chat.Request, key, kind, prompt, empty string, cs []choice, err error) {
	if err != nil {
		r.Fail(err)
		return
	}
	if len(cs) == 0 {
		r.Deny(r.L.T(empty, nil))
		return
	}
	k := make(chat.Keyboard, 0, len(cs)+1)
	for _, c := range cs {
		k = append(k, chat.Row(chat.Btn(c.label, actPick, kind, c.ref)))
	}
	r.Toast("")
	r.Show(r.L.T(prompt, nil), append(k, cancelRow(r.L, key))...)
}

// onPick: "1:bp:<activity|event|language>:<ref>". The ref is checked
// against the database, never trusted.
func (f *Feature) onPick(r *chat.Request) {
	d, ok := f.loadDraft(r)
	if !ok {
		return
	}
	aud, err := domain.ParseAudience(r.Args[0] + ":" + r.Args[1])
	if err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	switch aud.Kind {
	case domain.AudienceActivity:
		_, err = f.Store.Activity(r.Ctx, aud.Ref)
	case domain.AudienceEvent:
		_, err = f.Store.Event(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), aud.Ref)
	case domain.AudienceLanguage:
	default:
		err = domain.ErrNotFound
	}
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			err = chat.ErrButtonExpired
		}
		r.Fail(err)
		return
	}
	d.Audience = aud.String()
	f.afterAudience(r, d)
}

// afterAudience reports an audience with nobody in it at once (before
// anything is written); otherwise it asks for the text everyone needs first.
func (f *Feature) afterAudience(r *chat.Request, d draft) {
	aud, err := domain.ParseAudience(d.Audience)
	if err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	count, err := f.Store.CountAudience(r.Ctx, aud)
	if err != nil {
		r.Fail(err)
		return
	}
	if count.Reachable == 0 {
		d.Audience = ""
		if !draftFlow.Save(r, d) {
			return
		}
		r.Toast("")
		text, k := f.audienceScreen(r.L, d.Key)
		r.Show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	f.askText(r, d, d.primary())
}
