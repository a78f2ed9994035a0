package bot

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// flowBroadcast is the step-by-step chat of /broadcast: audience → Danish
// text → optional translations → preview with counts → Send or Cancel. Its
// draft lives in the database, so a restart does not lose it.
const flowBroadcast = "broadcast"

// broadcastTTL: a broadcast not delivered within three days is dropped as expired.
const broadcastTTL = 72 * time.Hour

type draft struct {
	Key      string            `json:"key,omitempty"` // names the draft in its buttons, and the broadcast it becomes
	Audience string            `json:"audience,omitempty"`
	Texts    map[string]string `json:"texts,omitempty"`
	Writing  string            `json:"writing,omitempty"` // the language whose text is awaited
	// Entities keeps each text's formatting (bold, italic, links) as typed.
	Entities map[string][]models.MessageEntity `json:"entities,omitempty"`
}

// primary is the language whose text the draft needs first: the
// audience's language for a one-language audience, otherwise Danish.
func (d draft) primary() string {
	if aud, err := domain.ParseAudience(d.Audience); err == nil && aud.Kind == domain.AudienceLanguage {
		return aud.Lang
	}
	return "da"
}

func (a *App) loadDraft(r *req) (draft, bool) {
	var d draft
	if !a.loadFlow(r, flowBroadcast, &d) {
		return d, false
	}
	var err error
	if d.Texts == nil {
		d.Texts = map[string]string{}
	}
	if d.Key == "" { // a draft from before drafts had keys
		if d.Key, err = newCode(); err != nil || !a.saveDraft(r, d) {
			r.fail(errors.Join(err, errButtonExpired))
			return d, false
		}
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

// cmdBroadcast starts a draft, or returns to the one kept.
func (a *App) cmdBroadcast(r *req) {
	if flow, _, err := a.store.Conversation(r.ctx, r.member.ID); err == nil && flow == flowBroadcast {
		if d, ok := a.loadDraft(r); ok {
			a.resumeDraft(r, d)
			return
		}
	}
	key, err := newCode()
	if err != nil {
		r.fail(err)
		return
	}
	d := draft{Key: key}
	if !a.saveDraft(r, d) {
		return
	}
	text, k := a.audienceScreen(r.L, d.Key)
	r.show(text, k...)
}

// resumeDraft shows the step a kept draft had reached.
func (a *App) resumeDraft(r *req, d draft) {
	switch {
	case d.Audience == "":
		text, k := a.audienceScreen(r.L, d.Key)
		r.show(text, k...)
	case d.Writing != "":
		a.askText(r, d, d.Writing)
	default:
		text, k := a.translationsScreen(r.L, d)
		r.show(text, k...)
	}
}

func (a *App) audienceScreen(L *locales.Localizer, key string) (string, kb) {
	return L.T("BroadcastAudience", nil), kb{
		row(btn(L.T("BtnAudienceAll", nil), actBcAudience, domain.AudienceAll)),
		row(btn(L.T("BtnAudienceParticipants", nil), actBcAudience, domain.AudienceParticipants),
			btn(L.T("BtnAudienceVolunteers", nil), actBcAudience, domain.AudienceVolunteers)),
		row(btn(L.T("BtnAudienceCoordinators", nil), actBcAudience, domain.AudienceCoordinators)),
		row(btn(L.T("BtnAudienceActivity", nil), actBcAudience, domain.AudienceActivity)),
		row(btn(L.T("BtnAudienceEvent", nil), actBcAudience, domain.AudienceEvent)),
		row(btn(L.T("BtnAudienceLanguage", nil), actBcAudience, domain.AudienceLanguage)),
		cancelRow(L, key),
	}
}

func cancelRow(L *locales.Localizer, key string) []domain.Button {
	return row(btn(L.T("BtnCancel", nil), actBcCancel, key))
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
	r.show(text, cancelRow(r.L, d.Key))
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
	if domain.Blank(text) {
		r.say(r.L.T("BroadcastNeedText", nil), cancelRow(r.L, d.Key))
		return
	}
	if n := domain.TextLength(text); n > domain.MaxText-a.headerLen() {
		r.say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - a.headerLen()}), cancelRow(r.L, d.Key))
		return
	}
	d.Texts[d.Writing] = text
	if d.Entities == nil {
		d.Entities = map[string][]models.MessageEntity{}
	}
	d.Entities[d.Writing] = trimmedEntities(r.text, r.msg)
	d.Writing = ""
	if !a.saveDraft(r, d) {
		return
	}
	text, k := a.translationsScreen(r.L, d)
	r.say(text, k...)
}

// translationsScreen offers to write or change each language version:
// Danish too, and for a one-language audience only that language.
func (a *App) translationsScreen(L *locales.Localizer, d draft) (string, kb) {
	langs := locales.Languages
	if p := d.primary(); p != "da" {
		langs = []string{p}
	}
	k := kb{}
	for _, lang := range langs {
		k = append(k, row(a.languageButton(L, lang, d.Texts[lang] != "", actBcLang, d.Key, lang)))
	}
	k = append(k, row(btn(L.T("BtnPreview", nil), actBcPreview, d.Key)), cancelRow(L, d.Key))
	return L.T("BroadcastTranslations", nil), k
}

// onBroadcastLanguage: "1:bl:<key>:<lang>" asks for (or to change) the text
// in one language, once the first text is written.
func (a *App) onBroadcastLanguage(r *req) {
	d, ok := a.draftOf(r)
	if !ok {
		return
	}
	lang := r.args[1]
	p := d.primary()
	if !locales.Supported(lang) || (lang != p && (p != "da" || d.Texts[p] == "")) {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	a.askText(r, d, lang)
}

// onBroadcastTexts: "1:bt:<key>" goes back from the preview to the versions.
func (a *App) onBroadcastTexts(r *req) {
	d, ok := a.draftOf(r)
	if !ok {
		return
	}
	r.toast("")
	text, k := a.translationsScreen(r.L, d)
	r.show(text, k...)
}

// draftOf loads the draft a button with a key belongs to. A button of a
// draft already sent answers with what was sent, and when.
func (a *App) draftOf(r *req) (draft, bool) {
	key := r.args[0]
	flow, data, err := a.store.Conversation(r.ctx, r.member.ID)
	var d draft
	if err == nil && flow == flowBroadcast && json.Unmarshal(data, &d) == nil && d.Key == key {
		if d.Texts == nil {
			d.Texts = map[string]string{}
		}
		return d, true // one read: the draft may be claimed by a concurrent Send right after
	}
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.fail(err)
		return d, false
	}
	sent, err := a.store.BroadcastByDraft(r.ctx, key)
	switch {
	case err == nil:
		r.deny(r.L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": r.L.DateTime(sent.CreatedAt)}))
	case errors.Is(err, domain.ErrNotFound):
		r.deny(r.L.T("ButtonExpired", nil))
	default:
		r.fail(err)
	}
	return d, false
}

// completeDraft loads a draft that has an audience and its first text, as
// the preview and Send need; otherwise the button has outlived its step.
func (a *App) completeDraft(r *req) (draft, domain.Audience, bool) {
	d, ok := a.draftOf(r)
	if !ok {
		return d, domain.Audience{}, false
	}
	aud, err := domain.ParseAudience(d.Audience)
	if err != nil || d.Texts[d.primary()] == "" {
		r.deny(r.L.T("ButtonExpired", nil))
		return d, aud, false
	}
	return d, aud, true
}

// onBroadcastPreview shows every language version as members will receive
// it, and who gets which.
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
		text, k := a.audienceScreen(r.L, d.Key)
		r.show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	text, entities := a.previewText(r.L, d, count)
	r.showFormatted(text, entities,
		row(btn(r.L.T("BtnSend", nil), actBcSend, d.Key)),
		row(btn(r.L.T("BtnBroadcastEditTexts", nil), actBcTexts, d.Key)),
		cancelRow(r.L, d.Key))
}

// onBroadcastSend queues the broadcast: the draft is claimed in the same
// transaction, so a second tap queues nothing and is told what was sent.
func (a *App) onBroadcastSend(r *req) {
	d, aud, ok := a.completeDraft(r)
	if !ok {
		return
	}
	now := a.now()
	texts, es := a.received(d)
	entities := map[string]string{}
	for lang, e := range es {
		entities[lang] = encodeEntities(e)
	}
	id, queued, err := a.store.CreateBroadcast(r.ctx, storage.NewBroadcast{
		Audience: aud, Texts: texts, Entities: entities, CreatedBy: r.member.ID, ProgressChat: r.chatID,
		ExpiresAt: now.Add(broadcastTTL), DraftFlow: flowBroadcast, DraftKey: d.Key,
	}, now)
	if errors.Is(err, domain.ErrNotFound) {
		a.draftOf(r) // claimed meanwhile: say what became of it
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

// onBroadcastCancel: "1:bx:<key>" deletes the draft; on a broadcast already
// sent it says so instead.
func (a *App) onBroadcastCancel(r *req) {
	if sent, err := a.store.BroadcastByDraft(r.ctx, r.args[0]); err == nil {
		r.deny(r.L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": r.L.DateTime(sent.CreatedAt)}))
		return
	}
	if _, err := a.store.EndConversation(r.ctx, r.member.ID); err != nil {
		r.fail(err)
		return
	}
	r.toast("")
	r.show(r.L.T("Cancelled", nil))
}
