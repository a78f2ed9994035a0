package askus

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// What a member asks: read from their message, held to the hourly limit,
// and relayed to every coordinator or the coordinators' group.

// askRelayMax bounds the member's text inside a relayed message (the
// header must fit too); the whole text is in the history.
const askRelayMax = 3500

// askContent reads what a message carries: its kind, its text or caption,
// and Telegram's reference to it. ok is false for nothing worth passing on.
func askContent(msg *models.Message) (domain.AskMessage, bool) {
	m := domain.AskMessage{SrcChat: msg.Chat.ID, SrcMessage: msg.ID, MessageID: msg.ID, Text: domain.CleanText(msg.Caption)}
	switch {
	case msg.Text != "":
		m.Kind, m.Text = domain.AskText, domain.CleanText(msg.Text)
		if domain.Blank(m.Text) {
			return m, false
		}
		m.SrcChat, m.SrcMessage = 0, 0 // text is relayed as text
	case msg.Voice != nil, msg.Audio != nil:
		m.Kind = domain.AskVoice
	case len(msg.Photo) > 0:
		m.Kind = domain.AskPhoto
	case msg.Document != nil:
		m.Kind = domain.AskDocument
	case msg.Location != nil:
		m.Kind = domain.AskLocation
	case msg.Video != nil, msg.VideoNote != nil, msg.Sticker != nil, msg.Contact != nil:
		m.Kind = domain.AskOther
	default:
		return m, false
	}
	return m, true
}

// tellLimited reports whether a member over the hourly limit should be
// told (once an hour: a flood of messages must not get a flood of answers).
func (f *Feature) tellLimited(member int64) bool {
	now := f.Now()
	f.limitedMu.Lock()
	defer f.limitedMu.Unlock()
	if last, ok := f.limited[member]; ok && now.Sub(last) < time.Hour {
		return false
	}
	for id, t := range f.limited { // forget the past hour's
		if now.Sub(t) >= time.Hour {
			delete(f.limited, id)
		}
	}
	f.limited[member] = now
	return true
}

var askKindKey = map[string]string{
	domain.AskVoice: "AskKindVoice", domain.AskPhoto: "AskKindPhoto", domain.AskDocument: "AskKindDocument",
	domain.AskLocation: "AskKindLocation", domain.AskOther: "AskKindOther",
}

// ask passes a member's message on to the coordinators and tells the member.
func (f *Feature) ask(r *chat.Request, msg *models.Message) {
	content, ok := askContent(msg)
	if !ok {
		r.Say(r.L.T("UnknownText", nil))
		return
	}
	item, outcome, targets, err := f.Store.Ask(r.Ctx, r.Member.ID, content, f.perHour, f.Burst, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if item.Burst.Valid {
		// It joined the card of the message just before: the member was
		// thanked for that one, and the card shows this one too. Quiet, so
		// the thanks of a burst come once and in order.
		f.Wake() // a copy of any media
		editCards(r, item.Burst.Int64)
		return
	}
	if outcome == domain.AskRelayed && targets == 0 {
		f.Log.Warn("Ask us: no reachable coordinator and no coordinators' group; the message is held until there is")
		key := "AskHeld"
		if f.Phone != "" {
			key = "AskHeldPhone"
		}
		r.Say(r.L.T(key, locales.Data{"Group": f.Group(r.L.Lang()), "Phone": f.Phone}), chat.MainMenu(r.L, *r.Member)...)
		return
	}
	switch outcome {
	case domain.AskRelayed:
		f.Wake()
		r.Say(r.L.T("AskReceived", locales.Data{"Group": f.Group(r.L.Lang())}), chat.MainMenu(r.L, *r.Member)...)
	case domain.AskLimited:
		if f.tellLimited(r.Member.ID) {
			r.Say(r.L.T("AskTooMany", nil))
		}
	case domain.AskMuted:
		// Told nothing, as the coordinators decided.
	}
}

// relayText is the relay in L: who wrote what, with buttons.
func relayText(L *locales.Localizer, v domain.AskRelayValues) (string, chat.Keyboard) {
	var b strings.Builder
	b.WriteString(L.T("AskRelayHeader", locales.Data{
		"Name": v.Asker.DisplayName, "Language": L.Name(v.Asker.Language),
		"Role": L.T(chat.RoleKey[v.Asker.Role], nil), "Since": L.Date(v.Asker.Since),
	}))
	if key, media := askKindKey[v.Kind]; media {
		b.WriteString("\n\n" + L.T(key, nil))
	}
	if text := strings.TrimSpace(v.Text); text != "" {
		if rs := []rune(text); len(rs) > askRelayMax {
			text = string(rs[:askRelayMax]) + " …"
		}
		b.WriteString("\n\n" + text)
	}
	id, mid := strconv.FormatInt(v.Item, 10), strconv.FormatInt(v.Asker.ID, 10)
	return b.String(), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnAskReply", nil), actReply, id), chat.Btn(L.T("BtnAskDone", nil), actDone, id)),
		chat.Row(chat.Btn(L.T("BtnAskHistory", nil), actHistory, mid), chat.Btn(L.T("BtnAskMute", nil), actMute, mid, "1")),
	}
}

// cmdAsk explains "Ask us" (the welcome menu's 💬 button).
func (f *Feature) cmdAsk(r *chat.Request) {
	r.Say(r.L.T("AskUsIntro", locales.Data{"Group": f.Group(r.L.Lang())}))
}

// askItem loads the item a button names, answering a stale one clearly.
func (f *Feature) askItem(r *chat.Request) (domain.AskItem, bool) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	it, err := f.Store.AskItem(r.Ctx, id, coordinated(r))
	if r.Failed(err, "AskGone") {
		return it, false
	}
	return it, true
}

// coordinated are the branches the sender coordinates: the only ones whose
// questions and members they may see (a button naming another branch's is
// answered as a stale one).
func coordinated(r *chat.Request) []int64 { return r.Scope.Branches(domain.RoleCoordinator) }

// memberArg loads the member a button names, if they belong to a branch the
// sender coordinates; otherwise it answers as for someone gone.
func memberArg(r *chat.Request, idArg string) (domain.Member, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	m, err := r.Env.Store.MemberIn(r.Ctx, id, coordinated(r))
	if r.Failed(err, "AskGone") {
		return m, false
	}
	return m, true
}
