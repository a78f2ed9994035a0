package bot

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// "Ask us": what a participant or volunteer writes, says or shows outside a
// step-by-step chat reaches the coordinators (privately, or in the group a
// coordinator designated with /inbox), with Reply and Done buttons. The
// coordinator's answer goes back through the outbox, introduced with their
// first name and the group's name. Media is copied by Telegram's reference,
// never downloaded.

// flowAskReply is a coordinator writing an answer; its data names the item.
const flowAskReply = "askreply"

// askHistoryLen is how many messages the history shows.
const askHistoryLen = 10

// askRelayMax bounds the member's text inside a relayed message (the
// header must fit too); the whole text is in the history.
const askRelayMax = 3500

// askContent reads what a message carries: its kind, its text or caption,
// and Telegram's reference to it. ok is false for nothing worth passing on.
func askContent(msg *models.Message) (domain.AskMessage, bool) {
	m := domain.AskMessage{SrcChat: msg.Chat.ID, SrcMessage: msg.ID, Text: msg.Caption}
	switch {
	case msg.Text != "":
		m.Kind, m.Text = domain.AskText, msg.Text
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
func (a *App) tellLimited(member int64) bool {
	now := a.Now()
	a.limitedMu.Lock()
	defer a.limitedMu.Unlock()
	if last, ok := a.limited[member]; ok && now.Sub(last) < time.Hour {
		return false
	}
	for id, t := range a.limited { // forget the past hour's
		if now.Sub(t) >= time.Hour {
			delete(a.limited, id)
		}
	}
	a.limited[member] = now
	return true
}

var askKindKey = map[string]string{
	domain.AskVoice: "AskKindVoice", domain.AskPhoto: "AskKindPhoto", domain.AskDocument: "AskKindDocument",
	domain.AskLocation: "AskKindLocation", domain.AskOther: "AskKindOther",
}

// ask passes a member's message on to the coordinators and tells the member.
func (a *App) ask(r *chat.Request, msg *models.Message) {
	content, ok := askContent(msg)
	if !ok {
		r.Say(r.L.T("UnknownText", nil))
		return
	}
	targets := 0
	_, outcome, err := a.Store.Ask(r.Ctx, r.Member.ID, content, a.askPerHour, a.Now(), func(it domain.AskItem, m domain.Member, t domain.AskTarget) []domain.Outgoing {
		targets++
		return a.renderRelay(it, m, t)
	})
	if err == nil && outcome == domain.AskRelayed && targets == 0 {
		a.Log.Warn("Ask us: no reachable coordinator and no coordinators' group; the message is only in the history")
	}
	if err != nil {
		r.Fail(err)
		return
	}
	switch outcome {
	case domain.AskRelayed:
		a.Wake()
		r.Say(r.L.T("AskReceived", locales.Data{"Group": a.GroupName}), chat.MainMenu(r.L, *r.Member)...)
	case domain.AskLimited:
		if a.tellLimited(r.Member.ID) {
			r.Say(r.L.T("AskTooMany", nil))
		}
	case domain.AskMuted:
		// Told nothing, as the coordinators decided.
	}
}

// renderRelay is the relay of item to one coordinator or group, in its
// language: a copy of the media (if any), then who wrote what, with buttons.
func (a *App) renderRelay(item domain.AskItem, asker domain.Member, t domain.AskTarget) []domain.Outgoing {
	L := a.Cat.For(t.Language)
	var b strings.Builder
	b.WriteString(L.T("AskRelayHeader", locales.Data{
		"Name": asker.DisplayName, "Language": a.Cat.For(asker.Language).T("LanguageName", nil),
		"Role": L.T(chat.RoleKey[asker.Role], nil), "Since": L.Date(asker.CreatedAt),
	}))
	if key, media := askKindKey[item.Kind]; media {
		b.WriteString("\n\n" + L.T(key, nil))
	}
	if text := strings.TrimSpace(item.Text); text != "" {
		if rs := []rune(text); len(rs) > askRelayMax {
			text = string(rs[:askRelayMax]) + " …"
		}
		b.WriteString("\n\n" + text)
	}
	id, mid := strconv.FormatInt(item.ID, 10), strconv.FormatInt(asker.ID, 10)
	keyboard := chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnAskReply", nil), actAskReply, id), chat.Btn(L.T("BtnAskDone", nil), actAskDone, id)),
		chat.Row(chat.Btn(L.T("BtnAskHistory", nil), actAskHistory, mid), chat.Btn(L.T("BtnAskMute", nil), actAskMute, mid, "1")),
	}
	var out []domain.Outgoing
	if item.SrcChat.Valid && item.SrcMessage.Valid {
		out = append(out, domain.Outgoing{MemberID: t.MemberID, ChatID: t.ChatID, Kind: domain.KindNotice,
			Priority: domain.PriorityNotice, CopyChat: item.SrcChat.Int64, CopyMessage: int(item.SrcMessage.Int64), AskItem: item.ID})
	}
	return append(out, domain.Outgoing{MemberID: t.MemberID, ChatID: t.ChatID, Kind: domain.KindNotice,
		Priority: domain.PriorityNotice, Text: b.String(), Buttons: keyboard, AskItem: item.ID})
}

// cmdAsk explains "Ask us" (the welcome menu's 💬 button).
func (a *App) cmdAsk(r *chat.Request) {
	r.Say(r.L.T("AskUsIntro", locales.Data{"Group": a.GroupName}))
}

// askItem loads the item a button names, answering a stale one clearly.
func (a *App) askItem(r *chat.Request) (domain.AskItem, bool) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	it, err := a.Store.AskItem(r.Ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T("AskGone", nil))
		return it, false
	}
	if err != nil {
		r.Fail(err)
		return it, false
	}
	return it, true
}

type askReplyDraft struct {
	Item int64 `json:"item"`
}

// onAskReply: "1:ar:<item>" — the coordinator is asked for the answer in
// their private chat, and told if someone answered already.
func (a *App) onAskReply(r *chat.Request) {
	it, ok := a.askItem(r)
	if !ok {
		return
	}
	asker, err := a.Store.Member(r.Ctx, it.MemberID)
	if err != nil {
		r.Fail(err)
		return
	}
	if flow, _, err := a.Store.Conversation(r.Ctx, r.Member.ID); err == nil && flow == flowBroadcast {
		r.Deny(r.L.T("AskFinishDraftFirst", nil)) // one step-by-step chat at a time: the draft is not overwritten
		return
	}
	data, _ := json.Marshal(askReplyDraft{Item: it.ID})
	if err := a.Store.SaveConversation(r.Ctx, r.Member.ID, flowAskReply, data, a.Now()); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	text := r.L.T("AskWriteReply", locales.Data{"Name": asker.DisplayName, "Group": a.GroupName})
	if it.AnsweredAt != nil {
		text = r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": it.CoordinatorName, "Time": r.L.DateTime(*it.AnsweredAt)}) + "\n\n" + text
	}
	r.Say(text)
}

// onAskReplyText sends what the coordinator wrote or recorded to the member.
func (a *App) onAskReplyText(r *chat.Request) {
	var d askReplyDraft
	_, data, err := a.Store.Conversation(r.Ctx, r.Member.ID)
	if err != nil || json.Unmarshal(data, &d) != nil || d.Item == 0 {
		r.Say(r.L.T("AskGone", nil))
		return
	}
	content, ok := askContent(r.Msg)
	if !ok || (content.Kind == domain.AskText && strings.TrimSpace(content.Text) == "") {
		r.Say(r.L.T("AskWriteReply", locales.Data{"Name": "…", "Group": a.GroupName}))
		return
	}
	if n := domain.TextLength(content.Text); content.Kind == domain.AskText && n > domain.MaxText-200 {
		r.Say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - 200}))
		return
	}
	me := *r.Member
	entities := r.Msg.Entities
	asker, before, err := a.Store.AskReply(r.Ctx, d.Item, me, content, a.Now(), func(m domain.Member) []domain.Outgoing {
		return a.renderAnswer(m, me, content, entities)
	})
	if errors.Is(err, domain.ErrNotFound) {
		_, _ = a.Store.EndConversation(r.Ctx, me.ID)
		r.Say(r.L.T("AskGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	a.Wake()
	if _, err := a.Store.EndConversation(r.Ctx, me.ID); err != nil {
		a.Log.Warn("end reply draft", "err", err)
	}
	a.markRelays(r, asker.ID, func(L *locales.Localizer) string {
		return L.T("AskAnsweredBy", locales.Data{"Coordinator": domain.FirstName(me.DisplayName)})
	}, func(chat.Action) bool { return true })
	text := r.L.T("AskReplySent", locales.Data{"Name": asker.DisplayName})
	if before.AnsweredAt != nil && before.CoordinatorID.Int64 != me.ID {
		text += "\n" + r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": before.CoordinatorName, "Time": r.L.DateTime(*before.AnsweredAt)})
	}
	id := strconv.FormatInt(before.ID, 10)
	r.Say(text, chat.Row(chat.Btn(r.L.T("BtnAskDone", nil), actAskDone, id),
		chat.Btn(r.L.T("BtnAskHistory", nil), actAskHistory, strconv.FormatInt(asker.ID, 10))))
}

// renderAnswer is the coordinator's answer as the member receives it, in
// the member's language: "<first name> from <group> answers:", then the
// text with its formatting, or a copy of the voice note or photo.
func (a *App) renderAnswer(m, coordinator domain.Member, content domain.AskMessage, entities []models.MessageEntity) []domain.Outgoing {
	intro := a.Cat.For(m.Language).T("AskReplyIntro", locales.Data{"Coordinator": domain.FirstName(coordinator.DisplayName), "Group": a.GroupName})
	base := domain.Outgoing{MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice}
	if content.Kind == domain.AskText {
		prefix := intro + "\n\n"
		text := base
		text.Text = prefix + content.Text
		text.Entities = shiftEntities(entities, chat.UTF16Len(prefix))
		return []domain.Outgoing{text}
	}
	head, copied := base, base
	head.Text = intro
	copied.CopyChat, copied.CopyMessage = content.SrcChat, content.SrcMessage
	return []domain.Outgoing{head, copied}
}

// shiftEntities moves entities by n UTF-16 units (text put in front) and
// encodes them for the outbox; "" for none.
func shiftEntities(es []models.MessageEntity, n int) string {
	if len(es) == 0 {
		return ""
	}
	b, err := json.Marshal(chat.Shifted(es, n))
	if err != nil {
		return ""
	}
	return string(b)
}

// onAskDone: "1:ad:<item>" closes the member's conversation; the second
// coordinator learns who closed it and when.
func (a *App) onAskDone(r *chat.Request) {
	it, ok := a.askItem(r)
	if !ok {
		return
	}
	before, err := a.Store.AskDone(r.Ctx, it.ID, *r.Member, a.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if before.DoneAt != nil {
		r.Deny(r.L.T("AskAlreadyClosed", locales.Data{"Coordinator": before.DoneByName, "Time": r.L.DateTime(*before.DoneAt)}))
		return
	}
	r.Toast(r.L.T("AskClosed", nil))
	closer := domain.FirstName(r.Member.DisplayName)
	a.markRelays(r, it.MemberID, func(L *locales.Localizer) string {
		return L.T("AskClosedBy", locales.Data{"Coordinator": closer})
	}, func(act chat.Action) bool { return act == actAskHistory || act == actAskMute })
	if m := r.Pressed(); m != nil && m.Text != "" {
		closed := m.Text + "\n\n" + r.L.T("AskClosedBy", locales.Data{"Coordinator": domain.FirstName(r.Member.DisplayName)})
		r.EditPressed(closed, chat.Keyboard{chat.Row(chat.Btn(r.L.T("BtnAskHistory", nil), actAskHistory, strconv.FormatInt(it.MemberID, 10)))})
	}
}

// onAskHistory: "1:ah:<member>" shows the last messages both ways.
func (a *App) onAskHistory(r *chat.Request) {
	m, ok := chat.MemberArg(r, r.Args[0], "AskGone")
	if !ok {
		return
	}
	items, err := a.Store.AskHistory(r.Ctx, m.ID, askHistoryLen)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	if len(items) == 0 {
		r.Say(r.L.T("AskHistoryEmpty", locales.Data{"Name": m.DisplayName}))
		return
	}
	r.Say(a.historyText(r.L, m, items), a.historyButtons(r.L, items)...)
}

// historyText is pure: the conversation with m, oldest first.
func (a *App) historyText(L *locales.Localizer, m domain.Member, items []domain.AskItem) string {
	var b strings.Builder
	b.WriteString(L.T("AskHistoryTitle", locales.Data{"Name": m.DisplayName}))
	for _, it := range items {
		who, arrow := domain.FirstName(m.DisplayName), "➡️"
		if it.Direction == "out" {
			who, arrow = it.CoordinatorName, "⬅️"
		}
		text := strings.TrimSpace(it.Text)
		if key, media := askKindKey[it.Kind]; media {
			text = strings.TrimSpace(L.T(key, nil) + " " + text)
		}
		if rs := []rune(text); len(rs) > 300 {
			text = string(rs[:300]) + " …"
		}
		b.WriteString("\n\n" + arrow + " " + who + " · " + L.DateTime(it.CreatedAt) + "\n" + text)
	}
	return b.String()
}

// historyButtons answer or close the newest message from the member.
func (a *App) historyButtons(L *locales.Localizer, items []domain.AskItem) chat.Keyboard {
	for i := len(items) - 1; i >= 0; i-- {
		if items[i].Direction == "in" {
			id := strconv.FormatInt(items[i].ID, 10)
			return chat.Keyboard{chat.Row(chat.Btn(L.T("BtnAskReply", nil), actAskReply, id), chat.Btn(L.T("BtnAskDone", nil), actAskDone, id))}
		}
	}
	return nil
}

// onAskMute: "1:am:<member>:1|0" mutes or unmutes a member.
func (a *App) onAskMute(r *chat.Request) {
	mute := r.Args[1] == "1"
	m, ok := chat.MemberArg(r, r.Args[0], "AskGone")
	if !ok {
		return
	}
	if err := a.Store.SetMuted(r.Ctx, m.ID, r.Member.ID, mute, a.Now()); err != nil {
		r.Fail(err)
		return
	}
	key := "AskUnmutedNow"
	if mute {
		key = "AskMutedNow"
	}
	r.Alert(r.L.T(key, locales.Data{"Name": m.DisplayName}))
}
