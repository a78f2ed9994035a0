package shifts

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// handlerEnv is the feature on a real store and catalogue, at a fixed
// Monday morning, with a coordinator (Mette), two volunteers (Lars, Sara)
// and one shift held once on Thursday needing one person.
type handlerEnv struct {
	f                 *Feature
	mette, lars, sara domain.Member
	shiftID           int64
	slot              time.Time
	shiftArg, slotArg string
}

func newHandlerEnv(t *testing.T) *handlerEnv {
	t.Helper()
	loc := chattest.Loc(t)
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, loc)
	env := chattest.Env(t, chattest.At(now))
	h := &handlerEnv{f: New(env, domain.ShiftSettings{})}
	h.mette = chattest.RegisterNamed(t, env, 1, "Mette", "da", domain.RoleCoordinator)
	h.lars = chattest.RegisterNamed(t, env, 2, "Lars", "da", domain.RoleVolunteer)
	h.sara = chattest.RegisterNamed(t, env, 3, "Sara", "da", domain.RoleVolunteer)
	start := time.Date(2027, 1, 14, 15, 0, 0, 0, loc).UTC()
	end := start.Add(2 * time.Hour)
	var err error
	h.shiftID, err = env.Store.CreateShift(context.Background(), domain.Shift{Role: "Vært", Needed: 1, Place: "Ballerup Station", StartsAt: &start, EndsAt: &end}, now)
	if err != nil {
		t.Fatal(err)
	}
	h.slot = start
	h.shiftArg, h.slotArg = strconv.FormatInt(h.shiftID, 10), strconv.FormatInt(start.Unix(), 10)
	return h
}

// pressed is a request for a button m pressed on message 50 of their chat.
func (h *handlerEnv) pressed(m domain.Member, args ...string) *chat.Request {
	r := chattest.Press(h.f.Env, m, args...)
	r.CbMsgID = 50
	return r
}

// answer is the answer to the pressed button, if any.
func answer(r *chat.Request) (chat.Effect, bool) {
	for _, e := range r.Reply.Effects {
		if e.Kind == chat.Answer {
			return e, true
		}
	}
	return chat.Effect{}, false
}

func hasButton(k chat.Keyboard, data string) bool {
	for _, row := range k {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}

// TestHandlers drives a few shift handlers on the reply value, without
// Telegram: the list and its ✋ button, a sign-up, the last place refused
// to the next one, a forged shift refused, and the /newshift chat's typed
// answers and buttons through the flow.
func TestHandlers(t *testing.T) {
	h := newHandlerEnv(t)
	routes := h.f.Routes()
	D := h.f.Cat.For("da")
	signUp := chat.Payload(actShiftSignUp, h.shiftArg, h.slotArg)
	steps := []struct {
		name  string
		run   func() *chat.Request
		check func(t *testing.T, r *chat.Request)
	}{
		{"/shifts lists the shift with a sign-up button", func() *chat.Request {
			r := chattest.Typed(h.f.Env, h.lars, "")
			routes.Commands["shifts"].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			e := r.Reply.Effects[0]
			if e.Kind != chat.Send || !strings.HasPrefix(e.Text, D.T("ShiftsTitle", nil)) || !strings.Contains(e.Text, "Ballerup Station") {
				t.Fatalf("want the list sent, got %+v", e)
			}
			if !hasButton(e.Keyboard, signUp) {
				t.Errorf("no ✋ button %q in %v", signUp, e.Keyboard)
			}
		}},
		{"✋ signs up, answered with a toast, the list edited in place", func() *chat.Request {
			r := h.pressed(h.lars, h.shiftArg, h.slotArg)
			routes.Buttons[actShiftSignUp].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			a, ok := answer(r)
			if !ok || a.Alert || !strings.Contains(a.Text, "Vært") {
				t.Errorf("want a toast naming the role, got %+v", a)
			}
			last := r.Reply.Effects[len(r.Reply.Effects)-1]
			if last.Kind != chat.Edit || last.MessageID != 50 || !strings.Contains(last.Text, D.T("ShiftYouAreOn", nil)) {
				t.Errorf("want the list edited to show Lars on it, got %+v", last)
			}
		}},
		{"the last place taken: Sara is told with an alert", func() *chat.Request {
			r := h.pressed(h.sara, h.shiftArg, h.slotArg)
			routes.Buttons[actShiftSignUp].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			if a, ok := answer(r); !ok || !a.Alert || a.Text != D.T("ShiftTaken", nil) {
				t.Errorf("want the alert %q, got %+v", D.T("ShiftTaken", nil), r.Reply.Effects)
			}
		}},
		{"a forged shift id is answered that the shift is gone", func() *chat.Request {
			r := h.pressed(h.mette, "999999", h.slotArg)
			routes.Buttons[actStaffSlot].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			if a, ok := answer(r); !ok || !a.Alert || a.Text != D.T("ShiftGone", nil) || len(r.Reply.Effects) != 1 {
				t.Errorf("want only the alert %q, got %+v", D.T("ShiftGone", nil), r.Reply.Effects)
			}
		}},
		{"a button of the /newshift chat without a draft has expired", func() *chat.Request {
			r := h.pressed(h.mette, "roles", "ok")
			routes.Buttons[actShiftFlow].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			if a, ok := answer(r); !ok || !a.Alert || a.Text != D.T("ButtonExpired", nil) {
				t.Errorf("want the alert %q, got %+v", D.T("ButtonExpired", nil), r.Reply.Effects)
			}
		}},
		{"/newshift asks for the role with ✖️", func() *chat.Request {
			r := chattest.Typed(h.f.Env, h.mette, "")
			routes.Commands["newshift"].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			e := r.Reply.Effects[0]
			if e.Text != D.T("NewShiftAskRole", nil) || !hasButton(e.Keyboard, chat.Payload(chat.ActFlowCancel)) {
				t.Errorf("want the role question with ✖️, got %+v", e)
			}
		}},
		{"the typed role is trimmed and leads to the other languages", func() *chat.Request {
			r := chattest.Typed(h.f.Env, h.mette, "  Lektiehjælper ")
			routes.Flows[shiftFlow.Name].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			e := r.Reply.Effects[0]
			if e.Text != D.T("NewShiftRoles", locales.Data{"Role": "Lektiehjælper"}) || !hasButton(e.Keyboard, chat.Payload(actShiftFlow, "roles", "ok")) {
				t.Errorf("want the languages screen, got %+v", e)
			}
		}},
		{"text where a button is wanted: use the buttons", func() *chat.Request {
			r := chattest.Typed(h.f.Env, h.mette, "hello")
			routes.Flows[shiftFlow.Name].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			if got := r.Reply.Texts(); len(got) != 1 || got[0] != D.T("UseTheButtons", nil) {
				t.Errorf("want %q, got %q", D.T("UseTheButtons", nil), got)
			}
		}},
		{"a certificate date typed badly is asked again", func() *chat.Request {
			r := h.pressed(h.mette, strconv.FormatInt(h.lars.ID, 10))
			routes.Buttons[actVolCert].Handle(r)
			r = chattest.Typed(h.f.Env, h.mette, "not a date")
			routes.Flows[certFlow.Name].Handle(r)
			return r
		}, func(t *testing.T, r *chat.Request) {
			if got := r.Reply.Texts(); len(got) != 1 || got[0] != D.T("CertBadDate", nil) {
				t.Errorf("want %q, got %q", D.T("CertBadDate", nil), got)
			}
		}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) { s.check(t, s.run()) })
	}
	if n, err := h.f.Store.MyShifts(context.Background(), []int64{domain.DefaultBranchID}, h.f.Loc(), h.lars.ID, h.f.Now()); err != nil || len(n) != 1 {
		t.Errorf("Lars's shifts: %v, %v; want the one he took", n, err)
	}
}
