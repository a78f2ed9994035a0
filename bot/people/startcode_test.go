package people

import (
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestStartCodeOfAnotherFeature: a /start code a feature registered
// (env.OnStartCode, as a referred household's personal link) is handed to
// it, for a member opening the link and for a newcomer at consent, and is
// not answered as a broken invite; any other code still is.
func TestStartCodeOfAnotherFeature(t *testing.T) {
	f := testFeature(t)
	var took []string
	f.OnStartCode(func(r *chat.Request, code string) bool {
		if code != "rabcdef012345" {
			return false
		}
		took = append(took, r.Member.DisplayName)
		r.Say("linked")
		return true
	})
	lars := chattest.RegisterNamed(t, f.Env, 200, "Lars", "da", domain.RoleParticipant)
	r := press(f, &lars, 200)
	r.CB, r.Text = nil, "rabcdef012345"
	f.cmdStart(r)
	if got := r.Reply.Texts(); len(got) != 1 || got[0] != "linked" {
		t.Fatalf("a member's /start with the code said %q", got)
	}
	r = press(f, nil, 300, "ti", "yes", "rabcdef012345")
	f.onConsent(r)
	if len(took) != 2 || took[1] != "Amina Hassan" {
		t.Fatalf("taken for %q", took)
	}
	for _, s := range r.Reply.Texts() {
		if s == f.Cat.For("ti").T("InviteInvalid", nil) {
			t.Fatal("the code was answered as a broken invite")
		}
	}
	r = press(f, &lars, 200)
	r.CB, r.Text = nil, "zzzzzz"
	f.cmdStart(r)
	if got := r.Reply.Texts(); len(got) != 1 || got[0] != f.Cat.For("da").T("InviteInvalid", nil) {
		t.Fatalf("another code said %q", got)
	}
}
