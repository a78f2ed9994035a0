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
		acts, err := f.Store.BroadcastActivities(r.Ctx, acting(r))
		var cs []choice
		for _, act := range acts {
			cs = append(cs, choice{act.Title, strconv.FormatInt(act.ID, 10)})
		}
		f.showPick(r, d.Key, kind, "BroadcastPickActivity", "NoActivities", cs, err)
	case domain.AudienceEvent:
		evs, err := f.Store.BroadcastEvents(r.Ctx, acting(r), f.Now().Add(-24*time.Hour))
		var cs []choice
		for _, ev := range evs {
			cs = append(cs, choice{ev.Title + " · " + r.L.Date(*ev.StartsAt), strconv.FormatInt(ev.ID, 10)})
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
	aud.Branch = acting(r)
	switch aud.Kind {
	case domain.AudienceActivity, domain.AudienceEvent: // of the coordinator's branch only
		err = f.Store.CheckAudience(r.Ctx, aud)
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
	aud, err := audienceOf(r, d)
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

// audienceOf is the draft's audience among the members of the branch where
// the coordinator acts: a coordinator never reaches another branch.
func audienceOf(r *chat.Request, d draft) (domain.Audience, error) {
	aud, err := domain.ParseAudience(d.Audience)
	aud.Branch = acting(r)
	return aud, err
}

// acting is the branch where the coordinator acts; never 0, which would be
// every branch (a coordinator of none reaches no one).
func acting(r *chat.Request) int64 {
	if b := r.Acting(domain.RoleCoordinator); b != 0 {
		return b
	}
	return -1
}
