package askus

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A question and its answer are decided while the coordinator reads Danish
// and the member Arabic; both switch to English before the messages leave,
// and read them in English: the relay's header and buttons, and the answer's
// intro with the bold of the coordinator's text moved behind it.
func TestAskUsNoticesRenderInTheLanguageOfTheMomentTheyLeave(t *testing.T) {
	ctx := context.Background()
	env := chattest.Env(t)
	f := New(env, 10, 90*24*time.Hour)
	n := chat.NewNotices(env)
	f.Notices(n)
	rt := f.Routes()
	c := chattest.Register(t, env, 1, "da", domain.RoleCoordinator)
	amina := chattest.Register(t, env, 2, "ar", domain.RoleParticipant)

	q := chattest.Typed(env, amina, "أين المقهى؟")
	f.Hooks().Text(q, q.Msg)
	items, err := env.Store.AskHistory(ctx, amina.ID, []int64{domain.DefaultBranchID}, 1)
	if err != nil || len(items) != 1 {
		t.Fatalf("history %v %+v", err, items)
	}
	item := strconv.FormatInt(items[0].ID, 10)
	rt.Buttons[actReply].Handle(chattest.Press(env, c, item))
	const answer = "Caféen er på biblioteket."
	a := chattest.Typed(env, c, answer)
	a.Msg.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: 13, Length: 11}}
	rt.Flows[replyFlow.Name].Handle(a)

	due, err := env.Store.DueMessages(ctx, env.Now(), 10)
	if err != nil || len(due) != 2 || due[0].Notice != domain.NoticeAskRelay || due[1].Notice != domain.NoticeAskAnswer {
		t.Fatalf("due %+v, %v", due, err)
	}
	render := func(m storage.OutboxMessage) (string, chat.Keyboard, []models.MessageEntity) {
		t.Helper()
		got, err := n.Render(ctx, m)
		if err != nil {
			t.Fatalf("%s: %v", m.Notice, err)
		}
		return got.Text, got.Buttons, got.Entities
	}
	header := func(L *locales.Localizer) string {
		return L.T("AskRelayHeader", locales.Data{"Name": amina.DisplayName, "Language": L.Name("ar"),
			"Role": L.T("RoleParticipant", nil), "Since": L.Date(amina.CreatedAt)})
	}
	intro := func(L *locales.Localizer) string { // the coordinator wrote in Danish: marked so
		return L.T("AskReplyIntro", locales.Data{"Coordinator": "M", "Group": env.Group(L.Lang())}) + "\n" + L.Mark("da") + "\n\n"
	}

	for _, lang := range []string{"", "en"} { // as decided, then after the switch
		if lang != "" {
			for _, m := range []domain.Member{c, amina} {
				if _, err := env.Store.SetLanguage(ctx, m.ID, lang); err != nil {
					t.Fatal(err)
				}
			}
		}
		Lc, La := env.Cat.For("da"), env.Cat.For("ar")
		if lang != "" {
			Lc, La = env.Cat.For(lang), env.Cat.For(lang)
		}
		text, k, _ := render(due[0])
		// Answered before it left: the card is drawn as stored then, and says so.
		if want := header(Lc) + "\n\n" + "أين المقهى؟" + "\n\n" + Lc.T("AskAnsweredBy", locales.Data{"Coordinator": "M"}); text != want {
			t.Errorf("relay %q: %q, want %q", lang, text, want)
		}
		if len(k) != 2 || k[0][0].Text != Lc.T("BtnAskReply", nil) || k[0][0].Data != chat.Payload(actReply, item) {
			t.Errorf("relay %q buttons %+v", lang, k)
		}
		text, _, es := render(due[1])
		if want := intro(La) + answer; text != want {
			t.Errorf("answer %q: %q, want %q", lang, text, want)
		}
		if len(es) != 1 || es[0].Offset != chat.UTF16Len(intro(La))+13 || es[0].Length != 11 { // still on "biblioteket"
			t.Errorf("answer %q entities %+v", lang, es)
		}
	}
}
