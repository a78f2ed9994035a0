package broadcast

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

// draftFlow is the step-by-step chat of /broadcast: audience → Danish
// text → optional translations → preview with counts → Send or Cancel. Its
// draft lives in the database, so a restart does not lose it; its name is
// stored with every draft (and with the broadcast it becomes), so it never
// changes.
var draftFlow = &chat.Flow[draft]{
	Name: "broadcast",
	Kept: "BroadcastDraftKept",
	StepOf: func(d *draft) chat.Step {
		if d.Writing != "" {
			return stepWriting
		}
		return stepButtons
	},
	Init: func(d *draft) {
		if d.Texts == nil {
			d.Texts = map[string]string{}
		}
	},
	// Typed text between the steps is not a broadcast.
	Other: func(r *chat.Request, _ *draft) { r.Say(r.L.T("UnknownText", nil)) },
}

// The text handlers name draftFlow (to save), so they join it here rather
// than in its declaration, which would be an initialization cycle.
func init() {
	draftFlow.Text = map[chat.Step]func(*chat.Request, *draft, string){stepWriting: onText}
}

// A draft awaits either a text (in the language it is Writing) or a button.
const (
	stepButtons chat.Step = ""
	stepWriting chat.Step = "writing"
)

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

// written is the draft's texts as the coordinator typed them, the first
// one also serving as the Danish of a one-language audience (as received).
func (d draft) written() map[string]string {
	out := map[string]string{}
	for lang, t := range d.Texts {
		out[lang] = t
	}
	if p := d.primary(); domain.Blank(out["da"]) {
		out["da"] = out[p]
	}
	return out
}

func (f *Feature) loadDraft(r *chat.Request) (draft, bool) {
	d, ok := draftFlow.Load(r)
	return d, ok && keyed(r, &d)
}

// keyed gives a draft saved before drafts had keys its key.
func keyed(r *chat.Request, d *draft) bool {
	if d.Key != "" {
		return true
	}
	var err error
	if d.Key, err = chat.NewCode(); err != nil || !draftFlow.Save(r, *d) {
		r.Fail(errors.Join(err, chat.ErrButtonExpired))
		return false
	}
	return true
}

// cmdBroadcast starts a draft, or returns to the one kept.
func (f *Feature) cmdBroadcast(r *chat.Request) {
	if flow, _, err := f.Store.Conversation(r.Ctx, r.Member.ID); err == nil && flow == draftFlow.Name {
		if d, ok := f.loadDraft(r); ok {
			f.resumeDraft(r, d)
			return
		}
	}
	key, err := chat.NewCode()
	if err != nil {
		r.Fail(err)
		return
	}
	d := draft{Key: key}
	if !draftFlow.Save(r, d) {
		return
	}
	text, k := f.audienceScreen(r.L, d.Key)
	r.Show(text, k...)
}

// resumeDraft shows the step a kept draft had reached.
func (f *Feature) resumeDraft(r *chat.Request, d draft) {
	switch {
	case d.Audience == "":
		text, k := f.audienceScreen(r.L, d.Key)
		r.Show(text, k...)
	case d.Writing != "":
		f.askText(r, d, d.Writing)
	default:
		text, k := f.translationsScreen(r.L, d)
		r.Show(text, k...)
	}
}

func (f *Feature) audienceScreen(L *locales.Localizer, key string) (string, chat.Keyboard) {
	return L.T("BroadcastAudience", nil), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnAudienceAll", nil), ActAudience, domain.AudienceAll)),
		chat.Row(chat.Btn(L.T("BtnAudienceParticipants", nil), ActAudience, domain.AudienceParticipants),
			chat.Btn(L.T("BtnAudienceVolunteers", nil), ActAudience, domain.AudienceVolunteers)),
		chat.Row(chat.Btn(L.T("BtnAudienceCoordinators", nil), ActAudience, domain.AudienceCoordinators)),
		chat.Row(chat.Btn(L.T("BtnAudienceActivity", nil), ActAudience, domain.AudienceActivity)),
		chat.Row(chat.Btn(L.T("BtnAudienceEvent", nil), ActAudience, domain.AudienceEvent)),
		chat.Row(chat.Btn(L.T("BtnAudienceLanguage", nil), ActAudience, domain.AudienceLanguage)),
		cancelRow(L, key),
	}
}

func cancelRow(L *locales.Localizer, key string) []domain.Button {
	return chat.Row(chat.Btn(L.T("BtnCancel", nil), actCancel, key))
}

// askText waits for the text in lang.
func (f *Feature) askText(r *chat.Request, d draft, lang string) {
	d.Writing = lang
	if !draftFlow.Save(r, d) {
		return
	}
	r.Toast("")
	text := r.L.T("BroadcastWriteDanish", nil)
	if lang != "da" {
		text = r.L.T("BroadcastWriteLanguage", locales.Data{"Language": r.L.Name(lang)})
	}
	r.Show(text, cancelRow(r.L, d.Key))
}

// onText receives a text the coordinator typed for the language the
// draft is writing. The flow's handlers are package-level; the feature is
// the environment only, so they see the same one.
func onText(r *chat.Request, d *draft, text string) {
	if !keyed(r, d) {
		return
	}
	f := New(r.Env)
	if domain.Blank(text) {
		r.Say(r.L.T("BroadcastNeedText", nil), cancelRow(r.L, d.Key))
		return
	}
	if n := domain.TextLength(text); n > domain.MaxText-f.headerLen() {
		r.Say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - f.headerLen()}), cancelRow(r.L, d.Key))
		return
	}
	d.Texts[d.Writing] = text
	if d.Entities == nil {
		d.Entities = map[string][]models.MessageEntity{}
	}
	d.Entities[d.Writing] = trimmedEntities(r.Text, r.Msg)
	d.Writing = ""
	if !draftFlow.Save(r, *d) {
		return
	}
	text, k := f.translationsScreen(r.L, *d)
	r.Say(text, k...)
}

// translationsScreen offers to write or change each language version:
// Danish too, and for a one-language audience only that language.
func (f *Feature) translationsScreen(L *locales.Localizer, d draft) (string, chat.Keyboard) {
	langs := locales.Languages
	if p := d.primary(); p != "da" {
		langs = []string{p}
	}
	k := chat.Keyboard{}
	for _, lang := range langs {
		k = append(k, chat.Row(chat.LanguageButton(f.Cat, L, lang, d.Texts[lang] != "", actLanguage, d.Key, lang)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnPreview", nil), actPreview, d.Key)), cancelRow(L, d.Key))
	return L.T("BroadcastTranslations", nil), k
}

// onLanguage: "1:bl:<key>:<lang>" asks for (or to change) the text
// in one language, once the first text is written.
func (f *Feature) onLanguage(r *chat.Request) {
	d, ok := f.draftOf(r)
	if !ok {
		return
	}
	lang := r.Args[1]
	p := d.primary()
	if !locales.Supported(lang) || (lang != p && (p != "da" || d.Texts[p] == "")) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	f.askText(r, d, lang)
}

// onEditTexts: "1:bt:<key>" goes back from the preview to the versions.
func (f *Feature) onEditTexts(r *chat.Request) {
	d, ok := f.draftOf(r)
	if !ok {
		return
	}
	r.Toast("")
	text, k := f.translationsScreen(r.L, d)
	r.Show(text, k...)
}

// draftOf loads the draft a button with a key belongs to. A button of a
// draft already sent answers with what was sent, and when.
func (f *Feature) draftOf(r *chat.Request) (draft, bool) {
	key := r.Args[0]
	flow, data, err := f.Store.Conversation(r.Ctx, r.Member.ID)
	var d draft
	if err == nil && flow == draftFlow.Name && json.Unmarshal(data, &d) == nil && d.Key == key {
		draftFlow.Init(&d)
		return d, true // one read: the draft may be claimed by a concurrent Send right after
	}
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.Fail(err)
		return d, false
	}
	sent, err := f.Store.BroadcastByDraftIn(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), key)
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
func (f *Feature) completeDraft(r *chat.Request) (draft, domain.Audience, bool) {
	d, ok := f.draftOf(r)
	if !ok {
		return d, domain.Audience{}, false
	}
	aud, err := audienceOf(r, d)
	if err != nil || d.Texts[d.primary()] == "" {
		r.Deny(r.L.T("ButtonExpired", nil))
		return d, aud, false
	}
	return d, aud, true
}

// onPreview shows every language version as members will receive
// it, and who gets which.
func (f *Feature) onPreview(r *chat.Request) {
	d, aud, ok := f.completeDraft(r)
	if !ok {
		return
	}
	count, err := f.Store.CountAudience(r.Ctx, aud)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	if count.Reachable == 0 {
		d.Audience = ""
		if !draftFlow.Save(r, d) {
			return
		}
		text, k := f.audienceScreen(r.L, d.Key)
		r.Show(r.L.T("BroadcastNobody", nil)+"\n\n"+text, k...)
		return
	}
	text, entities := f.previewText(r.L, d, count)
	readers, err := f.Store.CountReaders(r.Ctx, aud)
	if err != nil {
		f.Log.Warn("count readers", "err", err)
	}
	written := domain.Texts{}
	for lang, t := range d.written() {
		if !domain.Blank(t) {
			written[lang] = t
		}
	}
	if lines := chat.ReadersLines(f.Cat, r.L, written, readers); len(lines) > 0 {
		text += "\n\n" + strings.Join(lines, "\n")
	}
	k := append(chat.Keyboard{chat.Row(chat.Btn(r.L.T("BtnSend", nil), actSend, d.Key))},
		chat.AddRows(f.Cat, r.L, chat.Missing(written, readers), actLanguage, d.Key)...)
	r.ShowFormatted(text, entities, append(k,
		chat.Row(chat.Btn(r.L.T("BtnBroadcastEditTexts", nil), actEditTexts, d.Key)),
		cancelRow(r.L, d.Key))...)
}

// onSend queues the broadcast: the draft is claimed in the same
// transaction, so a second tap queues nothing and is told what was sent.
func (f *Feature) onSend(r *chat.Request) {
	d, aud, ok := f.completeDraft(r)
	if !ok {
		return
	}
	now := f.Now()
	texts, es := f.received(d)
	entities := map[string]string{}
	for lang, e := range es {
		entities[lang] = encodeEntities(e)
	}
	id, queued, err := f.Store.CreateBroadcast(r.Ctx, storage.NewBroadcast{
		Audience: aud, Texts: texts, Entities: entities, Mark: marker(f.Cat, f.Group, d.written(), d.Entities), CreatedBy: r.Member.ID, ProgressChat: r.ChatID,
		ExpiresAt: now.Add(broadcastTTL), DraftFlow: draftFlow.Name, DraftKey: d.Key,
	}, now)
	if errors.Is(err, domain.ErrNotFound) {
		f.draftOf(r) // claimed meanwhile: say what became of it
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	f.Wake()
	f.Log.Info("broadcast queued", "broadcast", id, "messages", queued, "audience", aud.String())
	r.Toast("")
	msgID := r.ShowNow(ProgressText(r.L, storage.BroadcastStats{Total: queued, Waiting: queued}, time.Time{}))
	if msgID != 0 {
		if err := f.Store.SetBroadcastProgressMessage(r.Ctx, id, msgID); err != nil {
			f.Log.Error("remember progress message", "err", err)
		}
	}
}

// onCancel: "1:bx:<key>" deletes the draft; on a broadcast already
// sent it says so instead.
func (f *Feature) onCancel(r *chat.Request) {
	if sent, err := f.Store.BroadcastByDraftIn(r.Ctx, r.Scope.Branches(domain.RoleCoordinator), r.Args[0]); err == nil {
		r.Deny(r.L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": r.L.DateTime(sent.CreatedAt)}))
		return
	}
	if _, err := f.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Show(r.L.T("Cancelled", nil))
}
