package askus

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// What a member asks loses right-to-left overrides, zero-width characters
// and NUL before it is kept or relayed, as names do; a message of nothing
// but invisible characters is not passed on.
func TestAskTextIsCleaned(t *testing.T) {
	env := chattest.Env(t)
	f := New(env, 10, 90*24*time.Hour)
	chattest.Register(t, env, 1, "da", domain.RoleCoordinator)
	amina := chattest.Register(t, env, 2, "ar", domain.RoleParticipant)
	for _, text := range []string{"\u202eأين\u200b المقهى\x00؟", "\u200b\u200d\ufeff"} {
		r := chattest.Typed(env, amina, text)
		f.Hooks().Text(r, r.Msg)
	}
	items, err := env.Store.AskHistory(context.Background(), amina.ID, []int64{domain.DefaultBranchID}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Text != "أين المقهى؟" {
		t.Errorf("kept %+v, want the one question without invisible characters", items)
	}
}

// With no coordinator who can read it, the member is told the truth (and
// the phone number, when the group set one), not that it was passed on.
func TestAskWithNoOneToReadIt(t *testing.T) {
	env := chattest.Env(t)
	f := New(env, 10, 90*24*time.Hour)
	amina := chattest.Register(t, env, 2, "ar", domain.RoleParticipant)
	La := env.Cat.For("ar")
	r := chattest.Typed(env, amina, "hej?")
	f.Hooks().Text(r, r.Msg)
	chattest.Check(t, "no phone", r, []string{La.T("AskHeld", locales.Data{"Group": env.Group("ar")})}, "", "")
	f.Phone = "+45 12 34 56 78"
	r = chattest.Typed(env, amina, "hej igen?")
	f.Hooks().Text(r, r.Msg)
	chattest.Check(t, "a phone", r, []string{La.T("AskHeldPhone", locales.Data{"Group": env.Group("ar"), "Phone": f.Phone})}, "", "")
}
