package bot

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
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

func (a *App) loadDraft(r *chat.Request) (draft, bool) {
	var d draft
	if !chat.LoadDraft(r, flowBroadcast, &d) {
		return d, false
	}
	var err error
	if d.Texts == nil {
		d.Texts = map[string]string{}
	}
	if d.Key == "" { // a draft from before drafts had keys
		if d.Key, err = chat.NewCode(); err != nil || !a.saveDraft(r, d) {
			r.Fail(errors.Join(err, chat.ErrButtonExpired))
			return d, false
		}
	}
	return d, true
}

func (a *App) saveDraft(r *chat.Request, d draft) bool {
	data, _ := json.Marshal(d)
	if err := a.Store.SaveConversation(r.Ctx, r.Member.ID, flowBroadcast, data, a.Now()); err != nil {
		r.Fail(err)
		return false
	}
	return true
}

// cmdBroadcast starts a draft, or returns to the one kept.
func (a *App) cmdBroadcast(r *chat.Request) {
	if flow, _, err := a.Store.Conversation(r.Ctx, r.Member.ID); err == nil && flow == flowBroadcast {
		if d, ok := a.loadDraft(r); ok {
			a.resumeDraft(r, d)
			return
		}
	}
	key, err := chat.NewCode()
	if err != nil {
		r.Fail(err)
		return
	}
	d := draft{Key: key}
	if !a.saveDraft(r, d) {
		return
	}
	text, k := a.audienceScreen(r.L, d.Key)
	r.Show(text, k...)
}

// resumeDraft shows the step a kept draft had reached.
func (a *App) resumeDraft(r *chat.Request, d draft) {
	switch {
	case d.Audience == "":
		text, k := a.audienceScreen(r.L, d.Key)
		r.Show(text, k...)
	case d.Writing != "":
		a.askText(r, d, d.Writing)
	default:
		text, k := a.translationsScreen(r.L, d)
		r.Show(text, k...)
	}
}

func (a *App) audienceScreen(L *locales.Localizer, key string) (string, chat.Keyboard) {
	return L.T("BroadcastAudience", nil), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnAudienceAll", nil), actBcAudience, domain.AudienceAll)),
		chat.Row(chat.Btn(L.T("BtnAudienceParticipants", nil), actBcAudience, domain.AudienceParticipants),
			chat.Btn(L.T("BtnAudienceVolunteers", nil), actBcAudience, domain.AudienceVolunteers)),
		chat.Row(chat.Btn(L.T("BtnAudienceCoordinators", nil), actBcAudience, domain.AudienceCoordinators)),
		chat.Row(chat.Btn(L.T("BtnAudienceActivity", nil), actBcAudience, domain.AudienceActivity)),
		chat.Row(chat.Btn(L.T("BtnAudienceEvent", nil), actBcAudience, domain.AudienceEvent)),
		chat.Row(chat.Btn(L.T("BtnAudienceLanguage", nil), actBcAudience, domain.AudienceLanguage)),
		cancelRow(L, key),
	}
}

func cancelRow(L *locales.Localizer, key string) []domain.Button {
	return chat.Row(chat.Btn(L.T("BtnCancel", nil), actBcCancel, key))
}

// askText waits for the text in lang.
func (a *App) askText(r *chat.Request, d draft, lang string) {
	d.Writing = lang
	if !a.saveDraft(r, d) {
		return
	}
	r.Toast("")
	text := r.L.T("BroadcastWriteDanish", nil)
	if lang != "da" {
		text = r.L.T("BroadcastWriteLanguage", locales.Data{"Language": a.Cat.For(lang).T("LanguageName", nil)})
	}
	r.Show(text, cancelRow(r.L, d.Key))
}

// onBroadcastText receives a text the coordinator typed.
func (a *App) onBroadcastText(r *chat.Request) {
	d, ok := a.loadDraft(r)
	if !ok {
		return
	}
	if d.Writing == "" {
		r.Say(r.L.T("UnknownText", nil))
		return
	}
	text := strings.TrimSpace(r.Text)
	if domain.Blank(text) {
		r.Say(r.L.T("BroadcastNeedText", nil), cancelRow(r.L, d.Key))
		return
	}
	if n := domain.TextLength(text); n > domain.MaxText-a.headerLen() {
		r.Say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - a.headerLen()}), cancelRow(r.L, d.Key))
		return
	}
	d.Texts[d.Writing] = text
	if d.Entities == nil {
		d.Entities = map[string][]models.MessageEntity{}
	}
	d.Entities[d.Writing] = trimmedEntities(r.Text, r.Msg)
	d.Writing = ""
	if !a.saveDraft(r, d) {
		return
	}
	text, k := a.translationsScreen(r.L, d)
	r.Say(text, k...)
}

// translationsScreen offers to write or change each language version:
// Danish too, and for a one-language audience only that language.
func (a *App) translationsScreen(L *locales.Localizer, d draft) (string, chat.Keyboard) {
	langs := locales.Languages
	if p := d.primary(); p != "da" {
		langs = []string{p}
	}
	k := chat.Keyboard{}
	for _, lang := range langs {
		k = append(k, chat.Row(chat.LanguageButton(a.Cat, L, lang, d.Texts[lang] != "", actBcLang, d.Key, lang)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnPreview", nil), actBcPreview, d.Key)), cancelRow(L, d.Key))
	return L.T("BroadcastTranslations", nil), k
}

// onBroadcastLanguage: "1:bl:<key>:<lang>" asks for (or to change) the text
// in one language, once the first text is written.
func (a *App) onBroadcastLanguage(r *chat.Request) {
	d, ok := a.draftOf(r)
	if !ok {
		return
	}
	lang := r.Args[1]
	p := d.primary()
	if !locales.Supported(lang) || (lang != p && (p != "da" || d.Texts[p] == "")) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	a.askText(r, d, lang)
}

// onBroadcastTexts: "1:bt:<key>" goes back from the preview to the versions.
func (a *App) onBroadcastTexts(r *chat.Request) {
	d, ok := a.draftOf(r)
	if !ok {
		return
	}
	r.Toast("")
	text, k := a.translationsScreen(r.L, d)
	r.Show(text, k...)
}

// draftOf loads the draft a button with a key belongs to. A button of a
// draft already sent answers with what was sent, and when.
func (a *App) draftOf(r *chat.Request) (draft, bool) {
	key := r.Args[0]
	flow, data, err := a.Store.Conversation(r.Ctx, r.Member.ID)
	var d draft
	if err == nil && flow == flowBroadcast && json.Unmarshal(data, &d) == nil && d.Key == key {
		if d.Texts == nil {
			d.Texts = map[string]string{}
		}
		return d, true // one read: the draft may be claimed by a concurrent Send right after
	}
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.Fail(err)
		return d, false
	}
	sent, err := a.Store.BroadcastByDraft(r.Ctx, key)
	switch {
	case err == nil:
		r.Deny(r.L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": r.L.DateTime(sent.CreatedAt)}))
	case errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("ButtonExpired", nil))
	default:
		r.Fail(err)
	}
	return d, false
}

// completeDraft loads a draft that has an audience and its first text, as
// the preview and Send need; otherwise the button has outlived its step.
func (a *App) completeDraft(r *chat.Request) (draft, domain.Audience, bool) {
	d, ok := a.draftOf(r)
	if !ok {
		return d, domain.Audience{}, false
	}
	aud, err := domain.ParseAudience(d.Audience)
	if err != nil || d.Texts[d.primary()] == "" {
		r.Deny(r.L.T("ButtonExpired", nil))
		return d, aud, false
	}
	return d, aud, true
}

// onBroadcastPreview shows every language version as members will receive
// it, and who gets which.
func (a *App) onBroadcastPreview(r *chat.Request) {
	d, aud, ok := a.completeDraft(r)
	if !ok {
		return
	}
	count, err := a.Store.CountAudience(r.Ctx, aud)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	if count.Reachable == 0 {
		d.Audience = ""
		if !a.saveDraft(r, d) {
			return
		}
		text, k := a.audienceScreen(r.L, d.Key)
		r.Show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	text, entities := a.previewText(r.L, d, count)
	r.ShowFormatted(text, entities,
		chat.Row(chat.Btn(r.L.T("BtnSend", nil), actBcSend, d.Key)),
		chat.Row(chat.Btn(r.L.T("BtnBroadcastEditTexts", nil), actBcTexts, d.Key)),
		cancelRow(r.L, d.Key))
}

// onBroadcastSend queues the broadcast: the draft is claimed in the same
// transaction, so a second tap queues nothing and is told what was sent.
func (a *App) onBroadcastSend(r *chat.Request) {
	d, aud, ok := a.completeDraft(r)
	if !ok {
		return
	}
	now := a.Now()
	texts, es := a.received(d)
	entities := map[string]string{}
	for lang, e := range es {
		entities[lang] = encodeEntities(e)
	}
	id, queued, err := a.Store.CreateBroadcast(r.Ctx, storage.NewBroadcast{
		Audience: aud, Texts: texts, Entities: entities, CreatedBy: r.Member.ID, ProgressChat: r.ChatID,
		ExpiresAt: now.Add(broadcastTTL), DraftFlow: flowBroadcast, DraftKey: d.Key,
	}, now)
	if errors.Is(err, domain.ErrNotFound) {
		a.draftOf(r) // claimed meanwhile: say what became of it
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	a.Wake()
	a.Log.Info("broadcast queued", "broadcast", id, "messages", queued, "audience", aud.String())
	r.Toast("")
	msgID := r.Show(a.progressText(r.L, storage.BroadcastStats{Total: queued, Waiting: queued}, time.Time{}))
	if msgID != 0 {
		if err := a.Store.SetBroadcastProgressMessage(r.Ctx, id, msgID); err != nil {
			a.Log.Error("remember progress message", "err", err)
		}
	}
}

// onBroadcastCancel: "1:bx:<key>" deletes the draft; on a broadcast already
// sent it says so instead.
func (a *App) onBroadcastCancel(r *chat.Request) {
	if sent, err := a.Store.BroadcastByDraft(r.Ctx, r.Args[0]); err == nil {
		r.Deny(r.L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": r.L.DateTime(sent.CreatedAt)}))
		return
	}
	if _, err := a.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Show(r.L.T("Cancelled", nil))
}
