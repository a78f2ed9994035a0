package askus

import (
	"context"
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The handlers answer with a reply value: a member's question, the
// coordinator's Reply, answer, Done and mute, with the refusals of an item
// that does not exist, a second Done and a member who is gone.
func TestAskUsHandlersReply(t *testing.T) {
	env := chattest.Env(t)
	f := New(env, 10, 90*24*time.Hour)
	rt := f.Routes()
	c := chattest.Register(t, env, 1, "da", domain.RoleCoordinator)
	amina := chattest.Register(t, env, 2, "ar", domain.RoleParticipant)
	L, La := env.Cat.For("da"), env.Cat.For("ar")
	item := func() string { // the newest message from Amina
		items, err := env.Store.AskHistory(context.Background(), amina.ID, []int64{domain.DefaultBranchID}, 10)
		if err != nil || len(items) == 0 {
			t.Fatalf("history: %v %d", err, len(items))
		}
		return strconv.FormatInt(items[0].ID, 10)
	}
	button := func(act chat.Action, args ...func() string) func() *chat.Request {
		return chattest.PressLater(env, c, rt.Buttons[act].Handle, args...)
	}
	lit := chattest.Lit
	steps := []struct {
		name  string
		do    func() *chat.Request
		texts []string      // every message sent or edited, in order
		alert func() string // the pressed button's alert, if any
		toast string
	}{
		{"/ask", func() *chat.Request {
			r := chattest.Typed(env, amina, "")
			rt.Commands["ask"].Handle(r)
			return r
		}, []string{La.T("AskUsIntro", locales.Data{"Group": env.Group("ar")})}, nil, ""},
		{"a question", func() *chat.Request {
			r := chattest.Typed(env, amina, "أين المقهى؟")
			f.Hooks().Text(r, r.Msg)
			return r
		}, []string{La.T("AskReceived", locales.Data{"Group": env.Group("ar")})}, nil, ""},
		{"reply to an item that does not exist", button(actReply, lit("999")), nil, lit(L.T("AskGone", nil)), ""},
		{"reply", button(actReply, item), []string{L.T("AskWriteReply", locales.Data{"Name": "M", "Group": env.Group(L.Lang())}) + "\n" +
			L.T("AskReplyReads", locales.Data{"Name": "M", "Language": L.Name("ar")})}, nil, ""},
		{"the answer", func() *chat.Request {
			r := chattest.Typed(env, c, "Caféen er på biblioteket.")
			rt.Flows[replyFlow.Name].Handle(r)
			return r
		}, []string{L.T("AskReplySent", locales.Data{"Name": "M"})}, nil, ""},
		{"done", button(actDone, item), nil, nil, L.T("AskClosed", nil)},
		{"done again", button(actDone, item), nil, func() string {
			return L.T("AskAlreadyClosed", locales.Data{"Coordinator": "M", "Time": L.DateTime(env.Now())})
		}, ""},
		{"mute", button(actMute, lit("2"), lit("1")), nil, lit(L.T("AskMutedNow", locales.Data{"Name": "M"})), ""},
		{"history of a member who is gone", button(actHistory, lit("999")), nil, lit(L.T("AskGone", nil)), ""},
	}
	for _, s := range steps {
		r := s.do()
		want := ""
		if s.alert != nil {
			want = s.alert()
		}
		chattest.Check(t, s.name, r, s.texts, want, s.toast)
	}
}
