package askus

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"vejviser/bot/chat"
	"vejviser/bot/outbox"
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
	text := r.L.T("AskWriteReply", locales.Data{"Name": asker.DisplayName, "Group": f.Group(r.L.Lang())}) + "\n" + readsLine(r.L, asker)
	if it.AnsweredAt != nil {
		text = r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": it.CoordinatorName, "Time": r.L.DateTime(*it.AnsweredAt)}) + "\n\n" + text
	}
	r.Say(text)
}

// readsLine tells the coordinator which language the member reads, so they
// can answer in it; an answer in another is marked so for the member.
func readsLine(L *locales.Localizer, asker domain.Member) string {
	lang := asker.Language
	if lang == "" {
		lang = locales.Default
	}
	return L.T("AskReplyReads", locales.Data{"Name": asker.DisplayName, "Language": L.Name(lang)})
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
		r.Say(r.L.T("AskWriteReply", locales.Data{"Name": "…", "Group": env.Group(r.L.Lang())}))
		return
	}
	if n := domain.TextLength(content.Text); content.Kind == domain.AskText && n > domain.MaxText-200 {
		r.Say(r.L.N("BroadcastTooLong", n, locales.Data{"Max": domain.MaxText - 200}))
		return
	}
	me := *r.Member
	var entities json.RawMessage
	if content.Kind == domain.AskText && len(r.Msg.Entities) > 0 && content.Text == r.Msg.Text { // cleaning moved the offsets
		if b, err := json.Marshal(r.Msg.Entities); err == nil {
			entities = b
		}
	}
	asker, before, err := env.Store.AskReply(r.Ctx, d.Item, coordinated(r), me, content, entities, env.Now())
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
	replyFlow.Finish(r)
	markRelays(r, asker.ID, before.BranchID)
	text := r.L.T("AskReplySent", locales.Data{"Name": asker.DisplayName})
	if before.AnsweredAt != nil && before.CoordinatorID.Int64 != me.ID {
		text += "\n" + r.L.T("AskAlreadyAnswered", locales.Data{"Coordinator": before.CoordinatorName, "Time": r.L.DateTime(*before.AnsweredAt)})
	}
	id := strconv.FormatInt(before.ID, 10)
	r.Say(text, chat.Row(chat.Btn(r.L.T("BtnAskDone", nil), actDone, id),
		chat.Btn(r.L.T("BtnAskHistory", nil), actHistory, strconv.FormatInt(asker.ID, 10))))
}

// answer renders a coordinator's answer (domain.NoticeAskAnswer) as the
// member receives it, in L: "<first name> from <group> answers:", then the
// text with its formatting moved behind that, or that alone before a copy
// of the voice note or photo.
func (f *Feature) answer(L *locales.Localizer, _ domain.Member, v domain.AskAnswerValues) outbox.Rendered {
	intro := L.T("AskReplyIntro", locales.Data{"Coordinator": v.Coordinator, "Group": f.Group(L.Lang())})
	if v.Lang != "" && v.Lang != L.Lang() { // never pretend the answer is in the member's language
		intro += "\n" + L.Mark(v.Lang)
	}
	if v.Text == "" {
		return chat.Text(intro, nil)
	}
	prefix := intro + "\n\n"
	out := chat.Text(prefix+v.Text, nil)
	var es []models.MessageEntity
	if len(v.Entities) > 0 && json.Unmarshal(v.Entities, &es) == nil && len(es) > 0 {
		out.Entities = chat.Shifted(es, chat.UTF16Len(prefix))
	}
	return out
}

// onDone: "1:ak:<item>" closes the member's conversation; the second
// coordinator learns who closed it and when.
func (f *Feature) onDone(r *chat.Request) {
	it, ok := f.askItem(r)
	if !ok {
		return
	}
	before, err := f.Store.AskDone(r.Ctx, it.ID, coordinated(r), *r.Member, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if before.DoneAt != nil {
		r.Deny(r.L.T("AskAlreadyClosed", locales.Data{"Coordinator": before.DoneByName, "Time": r.L.DateTime(*before.DoneAt)}))
		return
	}
	r.Toast(r.L.T("AskClosed", nil))
	if markRelays(r, it.MemberID, it.BranchID) {
		return // the pressed card is drawn with the rest
	}
	if m := r.Pressed(); m != nil && m.Text != "" {
		closed := m.Text + "\n\n" + r.L.T("AskClosedBy", locales.Data{"Coordinator": domain.FirstName(r.Member.DisplayName)})
		r.EditPressed(closed, chat.Keyboard{chat.Row(chat.Btn(r.L.T("BtnAskHistory", nil), actHistory, strconv.FormatInt(it.MemberID, 10)))})
	}
}
