package broadcast

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The handlers answer with a reply value: a coordinator's draft from
// /broadcast to Send, step by step, with the refusals of a forged draft
// key, an activity that does not exist, and a second Send.
func TestBroadcastHandlersReply(t *testing.T) {
	env := chattest.Env(t)
	rt := New(env).Routes()
	c := chattest.Register(t, env, 1, "da", domain.RoleCoordinator)
	chattest.Register(t, env, 2, "ar", domain.RoleParticipant)
	L := env.Cat.For("da")
	var key string // the draft's, read from its first screen
	button := func(act chat.Action, args ...func() string) func() *chat.Request {
		return chattest.PressLater(env, c, rt.Buttons[act].Handle, args...)
	}
	lit := chattest.Lit
	draftKey := func() string { return key }
	text := func(s string) func() *chat.Request {
		return func() *chat.Request {
			r := chattest.Typed(env, c, s)
			rt.Flows[draftFlow.Name].Handle(r)
			return r
		}
	}
	sentAt := func() string {
		sent, err := env.Store.BroadcastByDraft(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		return L.N("BroadcastAlreadySent", sent.Queued, locales.Data{"Time": L.DateTime(sent.CreatedAt)})
	}
	steps := []struct {
		name  string
		do    func() *chat.Request
		texts []string      // every message sent or edited, in order
		alert func() string // the pressed button's alert, if any
	}{
		{"/broadcast", func() *chat.Request {
			r := chattest.Typed(env, c, "")
			rt.Commands["broadcast"].Handle(r)
			return r
		}, []string{L.T("BroadcastAudience", nil)}, nil},
		{"text before the audience", text("hej"), []string{L.T("UnknownText", nil)}, nil},
		{"forged draft key", button(actPreview, lit("AbCdEfGhIjKlMnOp")), nil, func() string { return L.T("ButtonExpired", nil) }},
		{"activity that does not exist", button(actPick, lit(domain.AudienceActivity), lit("999")), nil, func() string { return L.T("ButtonExpired", nil) }},
		{"audience: everyone", button(ActAudience, lit(domain.AudienceAll)), []string{L.T("BroadcastWriteDanish", nil)}, nil},
		{"blank text", text("   "), []string{L.T("BroadcastNeedText", nil)}, nil},
		{"the Danish text", text("  Husk festen  "), []string{L.T("BroadcastTranslations", nil)}, nil},
		{"send", button(actSend, draftKey), []string{ProgressText(L, storage.BroadcastStats{Total: 2, Waiting: 2}, time.Time{})}, nil},
		{"send again", button(actSend, draftKey), nil, sentAt},
		{"cancel after sending", button(actCancel, draftKey), nil, sentAt},
	}
	for _, s := range steps {
		r := s.do()
		if s.name == "/broadcast" {
			k := r.Reply.Effects[0].Keyboard
			if len(k) != 7 {
				t.Fatalf("audience screen has %d rows, want 7", len(k))
			}
			_, args, err := chat.DecodePayload(k[6][0].Data)
			if err != nil {
				t.Fatal(err)
			}
			key = args[0]
		}
		want := ""
		if s.alert != nil {
			want = s.alert()
		}
		chattest.Check(t, s.name, r, s.texts, want, "")
	}
}
