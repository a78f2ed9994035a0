package people

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// testMute stands in for the Ask us feature's mute action, which this
// package does not import.
var testMute = chat.NewAction("tm", chat.ID, chat.Bit)

// testFeature is the feature on a real catalogue and a real store in a
// temporary file, with a fixed clock.
func testFeature(t *testing.T) *Feature {
	t.Helper()
	env := chattest.Env(t)
	env.SetUsername("VejviserBot")
	return New(env, Config{AskKeep: 90 * 24 * time.Hour, AskMute: testMute})
}

// press is a request for a button of act pressed by m (nil: a stranger).
func press(f *Feature, m *domain.Member, from int64, args ...string) *chat.Request {
	r := chat.NewRequest(context.Background(), f.Env, m, f.Cat.For("da"))
	r.From = &models.User{ID: from, FirstName: "Amina", LastName: "Hassan\u200b", LanguageCode: "ar"}
	r.ChatID = from
	r.CB = &models.CallbackQuery{ID: "q"}
	r.Args = args
	return r
}

// TestHandlers calls the feature's handlers without Telegram and reads the
// reply they build.
func TestHandlers(t *testing.T) {
	f := testFeature(t)
	D := f.Cat.For("da")
	coord := chattest.RegisterNamed(t, f.Env, 100, "Mette", "da", domain.RoleCoordinator)
	lars := chattest.RegisterNamed(t, f.Env, 200, "Lars", "da", domain.RoleParticipant)

	kinds := func(r *chat.Request) []chat.EffectKind {
		var out []chat.EffectKind
		for _, e := range r.Reply.Effects {
			out = append(out, e.Kind)
		}
		return out
	}
	cases := []struct {
		name  string
		run   func() *chat.Request
		kinds []chat.EffectKind
		check func(t *testing.T, r *chat.Request)
	}{
		{"a newcomer's /start offers the languages, the guessed one first",
			func() *chat.Request {
				r := press(f, nil, 300)
				r.CB = nil
				r.Text = "hej"
				f.cmdStart(r)
				return r
			},
			[]chat.EffectKind{chat.Send},
			func(t *testing.T, r *chat.Request) {
				k := r.Reply.Effects[0].Keyboard
				if len(k) != len(locales.Languages) || k[0][0].Text != "👉 "+f.Cat.For("ar").T("LanguageName", nil) {
					t.Errorf("picker %+v", k)
				}
				if k[0][0].Data != chat.Payload(ActConsent, "ar", "ask", "hej") {
					t.Errorf("the poster code does not ride on: %q", k[0][0].Data)
				}
			}},
		{"consent stores the member with a clean name and welcomes them",
			func() *chat.Request {
				r := press(f, nil, 300, "da", "yes", "-")
				f.onConsent(r)
				return r
			},
			[]chat.EffectKind{chat.Answer, chat.Send, chat.Commands},
			func(t *testing.T, r *chat.Request) {
				m, err := f.Store.Member(context.Background(), 300)
				if err != nil || m.DisplayName != "Amina Hassan" || m.Role != domain.RoleParticipant {
					t.Errorf("stored %+v, %v", m, err)
				}
				if want, _ := Welcome(D, m); r.Reply.Effects[1].Text != want {
					t.Errorf("welcome %q", r.Reply.Effects[1].Text)
				}
			}},
		{"/forget asks first",
			func() *chat.Request {
				r := press(f, &lars, lars.ID)
				r.CB = nil
				f.cmdForget(r)
				return r
			},
			[]chat.EffectKind{chat.Send},
			func(t *testing.T, r *chat.Request) {
				if e := r.Reply.Effects[0]; e.Text != D.T("ForgetConfirm", nil) || len(e.Keyboard) != 2 {
					t.Errorf("asked %q %+v", e.Text, e.Keyboard)
				}
			}},
		{"a coordinator makes Lars a volunteer",
			func() *chat.Request {
				r := press(f, &coord, coord.ID, "200", "v", "0")
				f.onSetRole(r)
				return r
			},
			[]chat.EffectKind{chat.Commands, chat.Answer, chat.Send},
			func(t *testing.T, r *chat.Request) {
				if e := r.Reply.Effects[1]; e.Text != D.T("RoleChanged", nil) || e.Alert {
					t.Errorf("answer %+v, want the toast RoleChanged", e)
				}
				if m, _ := f.Store.Member(context.Background(), 200); m.Role != domain.RoleVolunteer {
					t.Errorf("role %s", m.Role)
				}
				card := r.Reply.Effects[2]
				if !strings.Contains(card.Text, "Lars") || card.Keyboard[len(card.Keyboard)-1][0].Data != chat.Payload(ActMembers, "0") {
					t.Errorf("card %q %+v", card.Text, card.Keyboard)
				}
			}},
		{"a forged member id is answered MemberGone",
			func() *chat.Request {
				r := press(f, &coord, coord.ID, "999999", "0")
				f.onMember(r)
				return r
			},
			[]chat.EffectKind{chat.Answer},
			func(t *testing.T, r *chat.Request) {
				if e := r.Reply.Effects[0]; e.Text != D.T("MemberGone", nil) || !e.Alert {
					t.Errorf("answer %+v, want the alert MemberGone", e)
				}
			}},
		{"an unknown role letter is answered ButtonExpired",
			func() *chat.Request {
				r := press(f, &coord, coord.ID, "200", "x", "0")
				f.onSetRole(r)
				return r
			},
			[]chat.EffectKind{chat.Answer},
			func(t *testing.T, r *chat.Request) {
				if e := r.Reply.Effects[0]; e.Text != D.T("ButtonExpired", nil) || !e.Alert {
					t.Errorf("answer %+v, want the alert ButtonExpired", e)
				}
			}},
		{"an invite link for one volunteer",
			func() *chat.Request {
				r := press(f, &coord, coord.ID, "vol")
				f.onInvite(r)
				return r
			},
			[]chat.EffectKind{chat.Answer, chat.Send},
			func(t *testing.T, r *chat.Request) {
				if text := r.Reply.Effects[1].Text; !strings.Contains(text, "https://t.me/VejviserBot?start=") {
					t.Errorf("link %q", text)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.run()
			if got := kinds(r); !slices.Equal(got, c.kinds) {
				t.Fatalf("effects %v, want %v", got, c.kinds)
			}
			c.check(t, r)
		})
	}
}
