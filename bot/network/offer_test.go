package network

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// offerHarness is the feature on a real store and catalogue, its handlers
// called through its own route table (authorization included) and their
// replies read as values.
type offerHarness struct {
	t   *testing.T
	ctx context.Context
	env *chat.Env
	rt  chat.Routes
}

func newOfferHarness(t *testing.T) *offerHarness {
	t.Helper()
	return offerHarnessOn(t, chattest.Env(t, chattest.At(offerNow(t))))
}

// offerNow is the harness's time: a Wednesday in January 2027.
func offerNow(t *testing.T) time.Time { return time.Date(2027, 1, 13, 10, 0, 0, 0, chattest.Loc(t)) }

func offerHarnessOn(t *testing.T, env *chat.Env) *offerHarness {
	return &offerHarness{t: t, ctx: context.Background(), env: env, rt: New(env).Routes()}
}

// run handles a command ("cmd"), a button press ("button": the action,
// then its arguments) or typed text ("text": the flow, then the text).
func (h *offerHarness) run(m domain.Member, kind, name string, args ...string) chat.Reply {
	h.t.Helper()
	r := chat.NewRequest(h.ctx, h.env, &m, h.env.Cat.For(m.Language))
	var route chat.Route
	var ok bool
	switch kind {
	case "cmd":
		route, ok = h.rt.Commands[name]
	case "text":
		r.Text = strings.Join(args, " ")
		route, ok = h.rt.Flows[name]
	case "button":
		r.CB = &models.CallbackQuery{ID: "cb", Data: chat.Payload(chat.Action(name), args...),
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{ID: 5, Chat: models.Chat{ID: m.ChatID}}}}
		r.CbMsgID, r.Args = 5, args
		route, ok = h.rt.Buttons[chat.Action(name)]
	}
	if !ok {
		h.t.Fatalf("no %s route %q", kind, name)
	}
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}

// offerScreen is the last message a reply sends or edits, as the golden
// files show it.
func offerScreen(t *testing.T, rp chat.Reply) string {
	t.Helper()
	for i := len(rp.Effects) - 1; i >= 0; i-- {
		if e := rp.Effects[i]; e.Kind == chat.Send || e.Kind == chat.Edit {
			return chattest.Screen(e.Text, e.Keyboard)
		}
	}
	t.Fatalf("no message in %+v", rp.Effects)
	return ""
}

// offerAnswer is the answer to a press, and whether it is an alert.
func offerAnswer(rp chat.Reply) (string, bool) {
	for _, e := range rp.Effects {
		if e.Kind == chat.Answer {
			return e.Text, e.Alert
		}
	}
	return "", false
}

// offerThrough walks m through the whole chat up to the preview: a family
// speaking Danish and Arabic in 2750, free at weekends, helping with
// Danish and letters, for two households.
func (h *offerHarness) offerThrough(m domain.Member, hello string) chat.Reply {
	h.t.Helper()
	steps := [][]string{
		{"cmd", "networkfamily"},
		{"button", "o1", "kind", "family"},
		{"button", "o1", "lang", "ar"},
		{"button", "o1", "done", "langs"},
		{"text", "networkfamily", "2750"},
		{"button", "o1", "free", "weekend"},
		{"button", "o1", "done", "free"},
		{"button", "o1", "help", "danish"},
		{"button", "o1", "help", "letters"},
		{"button", "o1", "done", "help"},
		{"button", "o1", "cap", "2"},
		{"text", "networkfamily", hello},
		{"button", "o1", "done", "hellos"},
	}
	for _, s := range steps {
		h.run(m, s[0], s[1], s[2:]...)
	}
	return h.run(m, "text", "networkfamily", "lars@example.dk")
}

func (h *offerHarness) offer(m domain.Member) domain.OfferCard {
	h.t.Helper()
	c, err := h.env.Store.Offer(h.ctx, m.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return c
}

// TestOfferDanishVolunteer: a Danish volunteer answers every question, sees
// the preview, changes the postcode from it and saves; the offer is stored
// in their branch as answered, and /networkfamily then shows it.
func TestOfferDanishVolunteer(t *testing.T) {
	h := newOfferHarness(t)
	lars := chattest.RegisterNamed(t, h.env, 501, "Lars", "da", domain.RoleVolunteer)
	da := h.env.Cat.For("da")
	rp := h.offerThrough(lars, "Hej! Vi er Lars og Sanne med to børn.")
	if got := offerScreen(t, rp); !strings.Contains(got, da.T("NetfamPreview", nil)) || !strings.Contains(got, "2750") {
		t.Fatalf("preview:\n%s", got)
	}
	if _, err := h.env.Store.Offer(h.ctx, lars.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("saved before ✅: %v", err)
	}
	h.run(lars, "button", "o1", "edit", "postcode")
	if got := offerScreen(t, h.run(lars, "text", "networkfamily", "12")); !strings.Contains(got, da.T("NetfamPostcodeInvalid", nil)) {
		t.Fatalf("a bad postcode: %s", got)
	}
	if got := offerScreen(t, h.run(lars, "text", "networkfamily", "2740")); !strings.Contains(got, "2740") || !strings.Contains(got, da.T("NetfamPreview", nil)) {
		t.Fatalf("back at the preview: %s", got)
	}
	got := offerScreen(t, h.run(lars, "button", "o1", "save", "ok"))
	if !strings.Contains(got, da.T("NetfamSaved", nil)) || !strings.Contains(got, da.T("ProfileNoCertificate", nil)) || !strings.Contains(got, da.T("NetfamCertNeeded", nil)) {
		t.Fatalf("saved screen:\n%s", got)
	}
	c := h.offer(lars)
	if c.BranchID != domain.DefaultBranchID || c.Kind != "family" || strings.Join(c.Languages, ",") != "da,ar" || c.Postcode != 2740 ||
		strings.Join(c.Free, ",") != "weekend" || strings.Join(c.Help, ",") != "danish,letters" || c.Capacity != 2 ||
		c.Hello != "Hej! Vi er Lars og Sanne med to børn." || len(c.Hellos) != 0 || c.Contact != "lars@example.dk" {
		t.Fatalf("stored %+v", c)
	}
	if got := offerScreen(t, h.run(lars, "cmd", "networkfamily")); !strings.Contains(got, da.T("NetfamOfferTitle", nil)) || !strings.Contains(got, da.T("BtnNetfamPause", nil)) {
		t.Fatalf("/networkfamily again:\n%s", got)
	}
	if _, alert := offerAnswer(h.run(lars, "button", "o1", "save", "ok")); !alert {
		t.Fatal("a second ✅ after the chat ended is not refused")
	}
}

// TestOfferArabicVolunteerWithArabicHello: a volunteer who reads Arabic
// writes the hello in Danish, adds it in Arabic with ➕, and saves; a
// valid certificate is shown as such, without the note.
func TestOfferArabicVolunteerWithArabicHello(t *testing.T) {
	h := newOfferHarness(t)
	coord := chattest.RegisterNamed(t, h.env, 9001, "Mette", "da", domain.RoleCoordinator)
	amal := chattest.RegisterNamed(t, h.env, 502, "Amal", "ar", domain.RoleVolunteer)
	if err := h.env.Store.SetCertificate(h.ctx, []int64{1}, amal.ID, coord.ID, time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), h.env.Now(), false); err != nil {
		t.Fatal(err)
	}
	ar := h.env.Cat.For("ar")
	h.offerThrough(amal, "Hej, jeg hedder Amal.")
	if got := offerScreen(t, h.run(amal, "button", "o1", "hello", "ar")); !strings.Contains(got, ar.T("NetfamAskHelloIn", map[string]any{"Language": ar.Name("ar")})) {
		t.Fatalf("asked for the Arabic: %s", got)
	}
	if got := offerScreen(t, h.run(amal, "text", "networkfamily", "مرحبا، اسمي أمل.")); !strings.Contains(got, "✏️ \u2068العربية") {
		t.Fatalf("the hellos screen: %s", got)
	}
	got := offerScreen(t, h.run(amal, "button", "o1", "done", "hellos"))
	if !strings.Contains(got, ar.T("NetfamPreview", nil)) || !strings.Contains(got, "مرحبا، اسمي أمل.") {
		t.Fatalf("back at the preview:\n%s", got)
	}
	got = offerScreen(t, h.run(amal, "button", "o1", "save", "ok"))
	if strings.Contains(got, ar.T("NetfamCertNeeded", nil)) || !strings.Contains(got, "🪪") {
		t.Fatalf("saved, with a valid certificate:\n%s", got)
	}
	if c := h.offer(amal); c.Hellos["ar"] != "مرحبا، اسمي أمل." || c.Hello != "Hej, jeg hedder Amal." {
		t.Fatalf("stored %+v", c)
	}
}

// TestOfferPauseStopResume: a pause of three months, resumed; a pause to a
// typed date (a bad one first); a stop, confirmed, that leaves a proposal
// standing; and the offer resumed from stopped.
func TestOfferPauseStopResume(t *testing.T) {
	h := newOfferHarness(t)
	lars := chattest.RegisterNamed(t, h.env, 501, "Lars", "da", domain.RoleVolunteer)
	h.offerThrough(lars, "Hej")
	h.run(lars, "button", "o1", "save", "ok")
	now := h.env.Now()
	h.run(lars, "button", "o2", "pause", "ok")
	h.run(lars, "button", "o2", "until", "3")
	c := h.offer(lars)
	want := time.Date(2027, 4, 13, 0, 0, 0, 0, h.env.Loc())
	if c.PausedUntil == nil || !c.PausedUntil.Equal(want) || !c.Paused(now) || c.Stopped {
		t.Fatalf("three months: %+v, want until %v", c.PausedUntil, want)
	}
	h.run(lars, "button", "o2", "resume", "ok")
	if c := h.offer(lars); c.PausedUntil != nil {
		t.Fatalf("resumed: %+v", c.PausedUntil)
	}
	h.run(lars, "button", "o2", "until", "date")
	for _, bad := range []string{"i morgen", "01.01.2027", "01.01.2031"} {
		h.run(lars, "text", "networkpause", bad)
		if c := h.offer(lars); c.PausedUntil != nil {
			t.Fatalf("%q paused until %v", bad, c.PausedUntil)
		}
	}
	// /networkfamily while the date is asked for drops the question.
	h.run(lars, "cmd", "networkfamily")
	if _, alert := offerAnswer(h.run(lars, "text", "networkpause", "01.03.2027")); alert || h.offer(lars).PausedUntil != nil {
		t.Fatal("a date typed after /networkfamily still pauses")
	}
	h.run(lars, "button", "o2", "until", "date")
	h.run(lars, "text", "networkpause", "01.03.2027")
	if c := h.offer(lars); c.PausedUntil == nil || !c.PausedUntil.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, h.env.Loc())) {
		t.Fatalf("until a date: %+v", c.PausedUntil)
	}
	h.run(lars, "button", "o2", "stop", "ok")
	if c := h.offer(lars); c.Stopped {
		t.Fatal("stopped before the confirmation")
	}
	got := offerScreen(t, h.run(lars, "button", "o2", "stopyes", "ok"))
	if c := h.offer(lars); !c.Stopped || c.PausedUntil != nil {
		t.Fatalf("stopped: %+v", c)
	}
	da := h.env.Cat.For("da")
	if !strings.Contains(got, da.T("NetfamStopped", nil)) || !strings.Contains(got, da.T("BtnNetfamResume", nil)) || strings.Contains(got, da.T("BtnNetfamPause", nil)) {
		t.Fatalf("the stopped offer:\n%s", got)
	}
	h.run(lars, "button", "o2", "resume", "ok")
	if c := h.offer(lars); c.Stopped {
		t.Fatal("not resumed")
	}
}

// TestOfferAuthorization: a participant cannot start an offer or press its
// buttons; a volunteer pressing the offer buttons (which name no offer)
// changes only their own, and one without an offer changes nothing; a
// save with no chat open saves nothing.
func TestOfferAuthorization(t *testing.T) {
	h := newOfferHarness(t)
	lars := chattest.RegisterNamed(t, h.env, 501, "Lars", "da", domain.RoleVolunteer)
	omar := chattest.RegisterNamed(t, h.env, 42, "Omar", "ar", domain.RoleParticipant)
	eve := chattest.RegisterNamed(t, h.env, 503, "Eve", "en", domain.RoleVolunteer)
	h.offerThrough(lars, "Hej")
	h.run(lars, "button", "o1", "save", "ok")
	before := h.offer(lars)
	for _, try := range [][]string{
		{"cmd", "networkfamily"}, {"button", "o2", "stopyes", "ok"}, {"button", "o2", "until", "6"},
		{"button", "o1", "save", "ok"}, {"text", "networkpause", "01.03.2027"},
	} {
		for _, m := range []domain.Member{omar, eve} {
			h.run(m, try[0], try[1], try[2:]...)
		}
	}
	if got := h.offer(lars); got.Stopped != before.Stopped || got.PausedUntil != nil {
		t.Fatalf("Lars's offer changed: %+v", got)
	}
	for _, m := range []domain.Member{omar, eve} {
		if _, err := h.env.Store.Offer(h.ctx, m.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("%s has an offer: %v", m.DisplayName, err)
		}
	}
	if got := offerScreen(t, h.run(omar, "cmd", "networkfamily")); !strings.Contains(got, h.env.Cat.For("ar").T("VolunteersOnly", nil)) {
		t.Fatalf("a participant's /networkfamily: %s", got)
	}
	if text, alert := offerAnswer(h.run(eve, "button", "o2", "stopyes", "ok")); !alert || text != h.env.Cat.For("en").T("ButtonExpired", nil) {
		t.Fatalf("a volunteer without an offer: %q %v", text, alert)
	}
}
