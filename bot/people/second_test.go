package people

import (
	"context"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

func TestSecondLanguageChoice(t *testing.T) {
	f := testFeature(t)
	ti := chattest.RegisterNamed(t, f.Env, 300, "Senait", "ti", domain.RoleParticipant)
	T := f.Cat.For("ti")

	r := press(f, &ti, ti.ID)
	r.CB, r.L = nil, T
	f.cmdLanguage(r)
	k := r.Reply.Effects[0].Keyboard
	if last := k[len(k)-1][0]; last.Data != chat.Payload(actSecond, "ask") || !strings.Contains(last.Text, T.T("SecondLanguageNone", nil)) {
		t.Fatalf("/language ends with %+v, want the second language button saying none", last)
	}

	r = press(f, &ti, ti.ID, "ask")
	r.L = T
	f.onSecondLanguage(r)
	shown := r.Reply.Effects[len(r.Reply.Effects)-1]
	if shown.Text != T.T("SecondLanguagePrompt", nil) || len(shown.Keyboard) != 4 { // da, ar, en and none; not Tigrinya itself
		t.Fatalf("choice %q %+v", shown.Text, shown.Keyboard)
	}
	for _, row := range shown.Keyboard {
		if row[0].Data == chat.Payload(actSecond, "ti") {
			t.Errorf("the member's own language is offered as the second: %+v", row)
		}
	}

	r = press(f, &ti, ti.ID, "en")
	f.onSecondLanguage(r)
	m, _ := f.Store.Member(context.Background(), ti.ID)
	if m.SecondLanguage != "en" || r.L.Reader() != (domain.Reader{Lang: "ti", Second: "en"}) {
		t.Fatalf("stored %q, reader %+v", m.SecondLanguage, r.L.Reader())
	}
	if done := r.Reply.Effects[len(r.Reply.Effects)-1]; !strings.Contains(done.Text, f.Cat.For("en").T("LanguageName", nil)) {
		t.Errorf("confirmation %q does not name English", done.Text)
	}

	r = press(f, &m, ti.ID, "none")
	f.onSecondLanguage(r)
	if m, _ := f.Store.Member(context.Background(), ti.ID); m.SecondLanguage != "" {
		t.Errorf("none left %q", m.SecondLanguage)
	}

	r = press(f, &m, ti.ID, "xx")
	f.onSecondLanguage(r)
	if e := r.Reply.Effects[0]; e.Kind != chat.Answer || !e.Alert {
		t.Errorf("an unknown language is not refused: %+v", e)
	}
}
