package bot

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage"
)

// flowBroadcast is the step-by-step chat of /broadcast: audience → Danish
// text → optional translations → preview with counts → Send or Cancel. Its
// draft lives in the database, so a restart does not lose it.
const flowBroadcast = "broadcast"

// broadcastTTL: a broadcast not delivered within three days is dropped as expired.
const broadcastTTL = 72 * time.Hour

type draft struct {
	Audience string            `json:"audience,omitempty"`
	Texts    map[string]string `json:"texts,omitempty"`
	Writing  string            `json:"writing,omitempty"` // the language whose text is awaited
}

func (a *App) loadDraft(r *req) (draft, bool) {
	var d draft
	flow, data, err := a.store.Conversation(r.ctx, r.member.ID)
	if err != nil || flow != flowBroadcast || json.Unmarshal(data, &d) != nil {
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			a.log.Error("load draft", "err", err)
		}
		r.deny(r.L.T("ButtonExpired", nil))
		return d, false
	}
	if d.Texts == nil {
		d.Texts = map[string]string{}
	}
	return d, true
}

func (a *App) saveDraft(r *req, d draft) bool {
	data, _ := json.Marshal(d)
	if err := a.store.SaveConversation(r.ctx, r.member.ID, flowBroadcast, data, a.now()); err != nil {
		r.fail(err)
		return false
	}
	return true
}

func (a *App) cmdBroadcast(r *req) {
	if !a.saveDraft(r, draft{}) {
		return
	}
	text, k := a.audienceScreen(r.L)
	r.show(text, k...)
}

func (a *App) audienceScreen(L *locales.Localizer) (string, kb) {
	return L.T("BroadcastAudience", nil), kb{
		row(btn(L.T("BtnAudienceAll", nil), actBcAudience, storage.AudienceAll)),
		row(btn(L.T("BtnAudienceParticipants", nil), actBcAudience, storage.AudienceParticipants),
			btn(L.T("BtnAudienceVolunteers", nil), actBcAudience, storage.AudienceVolunteers)),
		row(btn(L.T("BtnAudienceCoordinators", nil), actBcAudience, storage.AudienceCoordinators)),
		row(btn(L.T("BtnAudienceActivity", nil), actBcAudience, storage.AudienceActivity)),
		row(btn(L.T("BtnAudienceEvent", nil), actBcAudience, storage.AudienceEvent)),
		row(btn(L.T("BtnAudienceLanguage", nil), actBcAudience, storage.AudienceLanguage)),
		row(btn(L.T("BtnCancel", nil), actBcCancel)),
	}
}

func cancelRow(L *locales.Localizer) []storage.Button {
	return row(btn(L.T("BtnCancel", nil), actBcCancel))
}

// onBroadcastAudience: "1:ba:<kind>".
func (a *App) onBroadcastAudience(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	kind := r.args[0]
	switch kind {
	case storage.AudienceAll, storage.AudienceParticipants, storage.AudienceVolunteers, storage.AudienceCoordinators:
		d.Audience = kind
		a.askText(r, d, "da")
	case storage.AudienceActivity:
		acts, err := a.store.Activities(r.ctx)
		var cs []choice
		for _, act := range acts {
			cs = append(cs, choice{act.Name, strconv.FormatInt(act.ID, 10)})
		}
		a.showPick(r, kind, "BroadcastPickActivity", "NoActivities", cs, err)
	case storage.AudienceEvent:
		evs, err := a.store.Events(r.ctx, a.now().Add(-24*time.Hour))
		var cs []choice
		for _, ev := range evs {
			cs = append(cs, choice{ev.Title + " · " + r.L.Date(ev.StartsAt), strconv.FormatInt(ev.ID, 10)})
		}
		a.showPick(r, kind, "BroadcastPickEvent", "NoEvents", cs, err)
	case storage.AudienceLanguage:
		var cs []choice
		for _, lang := range locales.Languages {
			cs = append(cs, choice{a.cat.For(lang).T("LanguageName", nil), lang})
		}
		a.showPick(r, kind, "BroadcastPickLanguage", "", cs, nil)
	default:
		r.deny(r.L.T("ButtonExpired", nil))
	}
}

// choice is one button of a pick list: its label and the ref it selects.
type choice struct{ label, ref string }

// showPick lists the activities, events or languages an audience can be narrowed to.
func (a *App) showPick(r *req, kind, prompt, empty string, cs []choice, err error) {
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
	r.show(r.L.T(prompt, nil), append(k, cancelRow(r.L))...)
}

// onBroadcastPick: "1:bp:<activity|event|language>:<ref>". The ref is checked
// against the database, never trusted.
func (a *App) onBroadcastPick(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	aud, err := storage.ParseAudience(r.args[0] + ":" + r.args[1])
	if err != nil {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	switch aud.Kind {
	case storage.AudienceActivity:
		_, err = a.store.Activity(r.ctx, aud.Ref)
	case storage.AudienceEvent:
		_, err = a.store.Event(r.ctx, aud.Ref)
	case storage.AudienceLanguage:
	default:
		err = storage.ErrNotFound
	}
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			err = errButtonExpired
		}
		r.fail(err)
		return
	}
	d.Audience = aud.String()
	a.askText(r, d, "da")
}

// askText waits for the text in lang.
func (a *App) askText(r *req, d draft, lang string) {
	d.Writing = lang
	if !a.saveDraft(r, d) {
		return
	}
	r.toast("")
	text := r.L.T("BroadcastWriteDanish", nil)
	if lang != "da" {
		text = r.L.T("BroadcastWriteLanguage", locales.Data{"Language": a.cat.For(lang).T("LanguageName", nil)})
	}
	r.show(text, cancelRow(r.L))
}

// onBroadcastText receives a text the coordinator typed.
func (a *App) onBroadcastText(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	if d.Writing == "" {
		r.say(r.L.T("UnknownText", nil))
		return
	}
	text := strings.TrimSpace(r.text)
	if storage.Blank(text) {
		r.say(r.L.T("BroadcastNeedText", nil), cancelRow(r.L))
		return
	}
	if n := storage.TextLength(text); n > storage.MaxText {
		r.say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": storage.MaxText}), cancelRow(r.L))
		return
	}
	d.Texts[d.Writing] = text
	d.Writing = ""
	if !a.saveDraft(r, d) {
		return
	}
	text, k := a.translationsScreen(r.L, d)
	r.say(text, k...)
}

func (a *App) translationsScreen(L *locales.Localizer, d draft) (string, kb) {
	k := kb{}
	for _, lang := range locales.Languages {
		if lang == "da" {
			continue
		}
		key := "BtnAddLanguage"
		if d.Texts[lang] != "" {
			key = "BtnEditLanguage"
		}
		k = append(k, row(btn(L.T(key, locales.Data{"Language": a.cat.For(lang).T("LanguageName", nil)}), actBcLang, lang)))
	}
	k = append(k, row(btn(L.T("BtnPreview", nil), actBcPreview)), cancelRow(L))
	return L.T("BroadcastTranslations", nil), k
}

// onBroadcastLanguage: "1:bl:<lang>" asks for the text in one more language.
func (a *App) onBroadcastLanguage(r *req) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	lang := r.args[0]
	if !locales.Supported(lang) || lang == "da" || d.Texts["da"] == "" {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	a.askText(r, d, lang)
}

// completeDraft loads a draft that has an audience and a Danish text, as
// the preview and Send need; otherwise the button has outlived its step.
func (a *App) completeDraft(r *req) (draft, storage.Audience, bool) {
	d, ok := a.loadDraft(r)
	if !ok {
		return d, storage.Audience{}, false
	}
	aud, err := storage.ParseAudience(d.Audience)
	if err != nil || d.Texts["da"] == "" {
		r.deny(r.L.T("ButtonExpired", nil))
		return d, aud, false
	}
	return d, aud, true
}

// onBroadcastPreview shows the Danish text and who gets it, per language.
func (a *App) onBroadcastPreview(r *req) {
	d, aud, ok := a.completeDraft(r)
	if !ok {
		return
	}
	count, err := a.store.CountAudience(r.ctx, aud)
	if err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	if count.Reachable == 0 {
		d.Audience = ""
		if !a.saveDraft(r, d) {
			return
		}
		text, k := a.audienceScreen(r.L)
		r.show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	r.show(a.previewText(r.L, d, count), row(btn(r.L.T("BtnSend", nil), actBcSend)), cancelRow(r.L))
}

// previewText is pure: the preview of draft d for an audience of count.
func (a *App) previewText(L *locales.Localizer, d draft, count storage.AudienceCount) string {
	shown := d.Texts["da"]
	if storage.TextLength(shown) > 3000 { // room for the counts within Telegram's limit
		shown = storage.Truncate(shown, 3000) + " …"
	}
	var b strings.Builder
	b.WriteString(L.T("BroadcastPreview", locales.Data{"Text": shown}))
	b.WriteString("\n\n")
	b.WriteString(L.N("BroadcastRecipients", count.Reachable, nil))
	for _, lang := range locales.Languages {
		n := count.ByLanguage[lang]
		if n == 0 {
			continue
		}
		key := "BroadcastLanguageLine"
		if lang != "da" && d.Texts[lang] == "" {
			key = "BroadcastLanguageLineFallback"
		}
		b.WriteString("\n")
		b.WriteString(L.T(key, locales.Data{"Language": a.cat.For(lang).T("LanguageName", nil), "Count": n}))
	}
	if count.Unreachable > 0 {
		b.WriteString("\n\n")
		b.WriteString(L.N("BroadcastSkipped", count.Unreachable, nil))
	}
	return b.String()
}

// onBroadcastSend queues the broadcast: the draft is claimed in the same
// transaction, so a second tap queues nothing.
func (a *App) onBroadcastSend(r *req) {
	d, aud, ok := a.completeDraft(r)
	if !ok {
		return
	}
	now := a.now()
	id, queued, err := a.store.CreateBroadcast(r.ctx, storage.NewBroadcast{
		Audience: aud, Texts: d.Texts, CreatedBy: r.member.ID, ProgressChat: r.chatID,
		ExpiresAt: now.Add(broadcastTTL), DraftFlow: flowBroadcast,
	}, now)
	if errors.Is(err, storage.ErrNotFound) {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.fail(err)
		return
	}
	a.wake()
	a.log.Info("broadcast queued", "broadcast", id, "messages", queued, "audience", aud.String())
	r.toast("")
	msgID := r.show(a.progressText(r.L, storage.BroadcastStats{Total: queued, Waiting: queued}, time.Time{}))
	if msgID != 0 {
		if err := a.store.SetBroadcastProgressMessage(r.ctx, id, msgID); err != nil {
			a.log.Error("remember progress message", "err", err)
		}
	}
}

func (a *App) onBroadcastCancel(r *req) {
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	r.show(r.L.T("Cancelled", nil))
}
