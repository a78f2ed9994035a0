package branches

import (
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A national broadcast (📣 under /branches): a text in Danish and, with ➕,
// in the other languages, previewed with how many people it reaches, then
// sent to every member of every branch once, in their language, under the
// Red Cross's name: no branch is named.

// maxNational is the longest text: the sender's name goes above it, and
// the preview shows it under a line of its own, within Telegram's limit.
const maxNational = domain.MaxText - 200

// onNational starts a national broadcast: "bN".
func (f *Feature) onNational(r *chat.Request) {
	if !branchFlow.Save(r, branchDraft{Step: stepNatText, Lang: domain.DefaultLanguage, Texts: domain.Texts{}}) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("NationalAskText", nil), chat.CancelRow(r.L))
}

// onNationalLang asks for the text in another language: "bG:<lang>".
func (f *Feature) onNationalLang(r *chat.Request) {
	d, ok := branchFlow.Load(r)
	if !ok {
		return
	}
	lang := r.Args[0]
	if d.Step != stepNatSend || !slices.Contains(locales.Languages, lang) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	d.Step, d.Lang = stepNatText, lang
	if !branchFlow.Save(r, d) {
		return
	}
	r.Toast("")
	r.Show(r.L.T("NationalAskTextIn", locales.Data{"Language": r.L.Name(lang)}), chat.CancelRow(r.L))
}

func onNationalText(r *chat.Request, d *branchDraft, text string) {
	if domain.CheckText(text) != nil || domain.TextLength(text) > maxNational {
		r.Say(r.L.T("NationalTextBad", locales.Data{"Max": maxNational}))
		return
	}
	if d.Texts == nil {
		d.Texts = domain.Texts{}
	}
	d.Texts[d.Lang], d.Step = text, stepNatSend
	if branchFlow.Save(r, *d) {
		showNationalPreview(r, *d)
	}
}

// showNationalPreview says whom the broadcast reaches and in which
// languages it is written, with ➕/✏️ per language and 📣 Send.
func showNationalPreview(r *chat.Request, d branchDraft) {
	n, err := r.Env.Store.CountAudience(r.Ctx, domain.Audience{Kind: domain.AudienceAll})
	if err != nil {
		r.Fail(err)
		return
	}
	k := chat.Keyboard{}
	var langs []domain.Button
	for _, lang := range locales.Languages {
		if lang != domain.DefaultLanguage {
			langs = append(langs, chat.LanguageButton(r.Env.Cat, r.L, lang, d.Texts[lang] != "", actNatLng, lang))
		}
	}
	k = append(k, langs, chat.Row(chat.Btn(r.L.T("BtnNationalSend", nil), actNatGo)), chat.CancelRow(r.L))
	r.Show(r.L.N("NationalPreview", n.Reachable, locales.Data{"Text": d.Texts[domain.DefaultLanguage]}), k...)
}

// onNationalSend queues the broadcast: "bS". The draft is deleted in the
// same transaction, so a second tap queues nothing and is a stale button.
func (f *Feature) onNationalSend(r *chat.Request) {
	d, ok := branchFlow.Load(r)
	if !ok {
		return
	}
	if d.Step != stepNatSend {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	nb := nationalTexts(f.Cat, d.Texts)
	// Audience.Branch 0: every branch's members, each once (broadcasts.branch_id NULL).
	nb.Audience, nb.CreatedBy, nb.DraftFlow = domain.Audience{Kind: domain.AudienceAll}, r.Member.ID, branchFlow.Name
	nb.ExpiresAt = f.Now().Add(72 * time.Hour)
	_, n, err := f.Store.CreateBroadcast(r.Ctx, nb, f.Now())
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	f.Wake()
	r.Toast("")
	r.Show(r.L.N("NationalSent", n, nil))
}

// nationalTexts are the texts members get: each under the Red Cross's
// name in bold (in the text's language), and a text in another language
// than the reader's marked so in theirs.
func nationalTexts(cat *locales.Catalog, texts domain.Texts) storage.NewBroadcast {
	nb := storage.NewBroadcast{Texts: map[string]string{}, Entities: map[string]string{}}
	sender := func(lang string) string { return cat.For(lang).T("BroadcastNationalSender", nil) }
	for lang, t := range texts {
		if !domain.Blank(t) {
			nb.Texts[lang], nb.Entities[lang] = withSender(sender(lang), t)
		}
	}
	nb.Mark = func(reader, lang string) (string, string) {
		return withSender(sender(reader), cat.For(reader).Mark(lang)+"\n"+texts[lang])
	}
	return nb
}

// withSender puts the sender's name in bold above text.
func withSender(name, text string) (string, string) {
	es, _ := json.Marshal([]models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: 0, Length: chat.UTF16Len(name)}})
	return name + "\n\n" + text, string(es)
}
