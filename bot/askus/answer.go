package askus

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"

	"github.com/go-telegram/bot/models"
)

// A coordinator's answer: Reply asks them for it in their private chat
// (one step, whatever they write, say or show), it goes to the member
// through the outbox, and every relay of the member's question is marked
// answered; Done closes the conversation.

// replyFlow is a coordinator writing an answer; its draft names the item.
var replyFlow = &chat.Flow[replyDraft]{
	Name:   "askreply",
	Kept:   "AskReplyKept",
	StepOf: func(*replyDraft) chat.Step { return stepAnswer },
}

// The text handler names replyFlow (to end it), so it joins it here rather
// than in its declaration, which would be an initialization cycle.
func init() {
	replyFlow.Text = map[chat.Step]func(*chat.Request, *replyDraft, string){stepAnswer: onReplyText}
}

// stepAnswer is the one step: the answer itself.
const stepAnswer chat.Step = "answer"

// broadcastFlow is the /broadcast draft's flow name: Reply in the middle of
// one would overwrite it.
const broadcastFlow = "broadcast"

type replyDraft struct {
	Item int64 `json:"item"`
}

// onReply: "1:ar:<item>" — the coordinator is asked for the answer in
// their private chat, and told if someone answered already.
func (f *Feature) onReply(r *chat.Request) {
	it, ok := f.askItem(r)
	if !ok {
		return
	}
	asker, err := f.Store.Member(r.Ctx, it.MemberID)
	if err != nil {
		r.Fail(err)
		return
	}
	if flow, _, err := f.Store.Conversation(r.Ctx, r.Member.ID); err == nil && flow == broadcastFlow {
		r.Deny(r.L.T("AskFinishDraftFirst", nil)) // one step-by-step chat at a time: the draft is not overwritten
		return
	}
	if !replyFlow.Save(r, replyDraft{Item: it.ID}) {
		return
	}
	r.Toast("")
	text := r.L.T("AskWriteReply", locales.Data{"Name": asker.DisplayName, "Group": f.GroupName})
	if it.AnsweredAt != nil {
		text = r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": it.CoordinatorName, "Time": r.L.DateTime(*it.AnsweredAt)}) + "\n\n" + text
	}
	r.Say(text)
}

// onReplyText sends what the coordinator wrote or recorded to the member.
// It needs nothing of the feature but the environment.
func onReplyText(r *chat.Request, d *replyDraft, _ string) {
	env := r.Env
	if d.Item == 0 {
		r.Say(r.L.T("AskGone", nil))
		return
	}
	content, ok := askContent(r.Msg)
	if !ok || (content.Kind == domain.AskText && strings.TrimSpace(content.Text) == "") {
		r.Say(r.L.T("AskWriteReply", locales.Data{"Name": "…", "Group": env.GroupName}))
		return
	}
	if n := domain.TextLength(content.Text); content.Kind == domain.AskText && n > domain.MaxText-200 {
		r.Say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - 200}))
		return
	}
	me := *r.Member
	entities := r.Msg.Entities
	asker, before, err := env.Store.AskReply(r.Ctx, d.Item, me, content, env.Now(), func(m domain.Member) []domain.Outgoing {
		return Answer(env, m, me, content, entities)
	})
	if errors.Is(err, domain.ErrNotFound) {
		_ = replyFlow.End(r)
		r.Say(r.L.T("AskGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	env.Wake()
	if err := replyFlow.End(r); err != nil {
		env.Log.Warn("end reply draft", "err", err)
	}
	markRelays(r, asker.ID, func(L *locales.Localizer) string {
		return L.T("AskAnsweredBy", locales.Data{"Coordinator": domain.FirstName(me.DisplayName)})
	}, func(chat.Action) bool { return true })
	text := r.L.T("AskReplySent", locales.Data{"Name": asker.DisplayName})
	if before.AnsweredAt != nil && before.CoordinatorID.Int64 != me.ID {
		text += "\n" + r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": before.CoordinatorName, "Time": r.L.DateTime(*before.AnsweredAt)})
	}
	id := strconv.FormatInt(before.ID, 10)
	r.Say(text, chat.Row(chat.Btn(r.L.T("BtnAskDone", nil), actDone, id),
		chat.Btn(r.L.T("BtnAskHistory", nil), actHistory, strconv.FormatInt(asker.ID, 10))))
}

// Answer is the coordinator's answer as the member receives it, in
// the member's language: "<first name> from <group> answers:", then the
// text with its formatting, or a copy of the voice note or photo.
func Answer(env *chat.Env, m, coordinator domain.Member, content domain.AskMessage, entities []models.MessageEntity) []domain.Outgoing {
	intro := env.Cat.For(m.Language).T("AskReplyIntro", locales.Data{"Coordinator": domain.FirstName(coordinator.DisplayName), "Group": env.GroupName})
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

// onDone: "1:ak:<item>" closes the member's conversation; the second
// coordinator learns who closed it and when.
func (f *Feature) onDone(r *chat.Request) {
	it, ok := f.askItem(r)
	if !ok {
		return
	}
	before, err := f.Store.AskDone(r.Ctx, it.ID, *r.Member, f.Now())
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
	markRelays(r, it.MemberID, func(L *locales.Localizer) string {
		return L.T("AskClosedBy", locales.Data{"Coordinator": closer})
	}, func(act chat.Action) bool { return act == actHistory || act == actMute })
	if m := r.Pressed(); m != nil && m.Text != "" {
		closed := m.Text + "\n\n" + r.L.T("AskClosedBy", locales.Data{"Coordinator": domain.FirstName(r.Member.DisplayName)})
		r.EditPressed(closed, chat.Keyboard{chat.Row(chat.Btn(r.L.T("BtnAskHistory", nil), actHistory, strconv.FormatInt(it.MemberID, 10)))})
	}
}
