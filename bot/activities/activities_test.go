package activities

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// harness is the feature on a real store and catalogue, its handlers
// called through its own route table (authorization included) and their
// replies read as values: no Telegram, no HTTP.
type harness struct {
	t     *testing.T
	ctx   context.Context
	env   *chat.Env
	f     *Feature
	rt    chat.Routes
	cafe  domain.Activity
	coord domain.Member
	omar  domain.Member
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	ctx := context.Background()
	loc := chattest.Loc(t)
	now := time.Date(2027, 1, 13, 10, 0, 0, 0, loc) // a Wednesday
	env := chattest.Env(t, chattest.At(now))
	h := &harness{t: t, ctx: ctx, env: env, f: New(env)}
	h.rt = h.f.Routes()
	h.cafe = domain.Activity{Key: "tal-dansk", Name: "Tal Dansk Café", Titles: domain.Texts{"en": "Speak Danish Café"},
		Place: "Ballerup Bibliotek", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}
	var err error
	if h.cafe.ID, err = env.Store.CreateActivity(ctx, h.cafe, now); err != nil {
		t.Fatal(err)
	}
	h.coord = chattest.RegisterNamed(t, env, 9001, "Mette", "da", domain.RoleCoordinator)
	h.omar = chattest.RegisterNamed(t, env, 42, "Omar", "en", domain.RoleParticipant)
	return h
}

func (h *harness) request(m domain.Member) *chat.Request {
	return chat.NewRequest(h.ctx, h.env, &m, h.env.Cat.For(m.Language))
}

// run handles a command, a button press or typed text and returns the reply.
func (h *harness) run(m domain.Member, kind, name string, args ...string) chat.Reply {
	h.t.Helper()
	r := h.request(m)
	var route chat.Route
	var ok bool
	switch kind {
	case "cmd":
		route, ok = h.rt.Commands[name]
	case "text":
		r.Text = strings.Join(args, " ")
		route, ok = h.rt.Flows[name]
	case "button":
		// A press on message 5 of the member's chat.
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

func answer(rp chat.Reply) (text string, alert, ok bool) {
	for _, e := range rp.Effects {
		if e.Kind == chat.Answer {
			return e.Text, e.Alert, true
		}
	}
	return "", false, false
}

func buttons(rp chat.Reply) []string {
	var out []string
	for _, e := range rp.Effects {
		for _, row := range e.Keyboard {
			for _, b := range row {
				out = append(out, b.Data)
			}
		}
	}
	return out
}

func TestHandlers(t *testing.T) {
	h := newHarness(t)
	da, en := h.env.Cat.For("da"), h.env.Cat.For("en")
	id := strconv.FormatInt(h.cafe.ID, 10)
	thursday := time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC) // 15:00 in Copenhagen
	slot := strconv.FormatInt(thursday.Unix(), 10)
	forged := strconv.FormatInt(thursday.Add(7*time.Minute).Unix(), 10)
	for _, c := range []struct {
		name       string
		who        domain.Member
		kind, what string
		args       []string
		text       string // in a message sent or edited ("": none expected)
		answer     string // the answer to the press ("": none checked)
		alert      bool
		button     string // a button the reply must carry ("": none checked)
	}{
		{name: "a participant lists the activities", who: h.omar, kind: "cmd", what: "activities",
			text: en.T("ActivitiesTitle", nil), button: chat.Payload(actActFollow, id, "on")},
		{name: "a participant follows", who: h.omar, kind: "button", what: "af", args: []string{id, "on"},
			text: en.T("ActivityFollowing", nil), answer: en.T("FollowedToast", locales.Data{"Title": "Speak Danish Café"}),
			button: chat.Payload(actActFollow, id, "off")},
		{name: "a follow of an activity that does not exist", who: h.omar, kind: "button", what: "af", args: []string{"987654", "on"},
			answer: en.T("ActivityGone", nil), alert: true},
		{name: "a participant opens the coordinators' card", who: h.omar, kind: "button", what: "ao", args: []string{id},
			answer: en.T("CoordinatorsOnly", nil), alert: true},
		{name: "a participant counts", who: h.omar, kind: "cmd", what: "count", text: en.T("VolunteersOnly", nil)},
		{name: "the coordinator opens the card", who: h.coord, kind: "button", what: "ao", args: []string{id},
			text: da.T("ActivityKeyLine", locales.Data{"Key": "tal-dansk"}), answer: "", button: chat.Payload(actActDates, id)},
		{name: "the coordinator lists the dates", who: h.coord, kind: "button", what: "ad", args: []string{id},
			text: da.T("MeetingsTitle", locales.Data{"Title": "Tal Dansk Café"}), button: chat.Payload(actMeeting, id, slot)},
		{name: "a date the schedule does not have", who: h.coord, kind: "button", what: "am", args: []string{id, forged},
			answer: da.T("ButtonExpired", nil), alert: true},
		{name: "no reason for a cancellation never asked", who: h.coord, kind: "button", what: "mn",
			answer: da.T("ButtonExpired", nil), alert: true},
		{name: "the coordinator starts cancelling a date", who: h.coord, kind: "button", what: "mo", args: []string{id, slot, "cancel"},
			text:   da.T("AskCancelReason", locales.Data{"Title": "Tal Dansk Café", "When": da.DateTime(thursday)}),
			button: chat.Payload(actMeetingNoReason)},
		{name: "send before the message is written", who: h.coord, kind: "button", what: "mf", args: []string{"send", "ok"},
			answer: da.T("ButtonExpired", nil), alert: true},
		{name: "the reason is typed: the preview", who: h.coord, kind: "text", what: "meeting", args: []string{"  Biblioteket er lukket "},
			text: da.T("MeetingPreview", nil), button: chat.Payload(actMeetingFlow, "send", "ok")},
		{name: "text typed at the preview", who: h.coord, kind: "text", what: "meeting", args: []string{"send it"},
			text: da.T("UseTheButtons", nil)},
		{name: "nobody is told before the preview is sent", who: h.coord, kind: "button", what: "am", args: []string{id, slot},
			text: "Tal Dansk Café", answer: "", button: chat.Payload(actMeetingOp, id, slot, "cancel")},
		{name: "a preview button of a date no longer asked", who: h.coord, kind: "button", what: "mf", args: []string{"lang", "xx"},
			answer: da.T("ButtonExpired", nil), alert: true},
		{name: "the preview is sent", who: h.coord, kind: "button", what: "mf", args: []string{"send", "ok"},
			text: "✅ " + da.N("MeetingChangedTold", 1, nil), answer: da.N("MeetingChangedTold", 1, nil), button: chat.Payload(actMeetingOp, id, slot, "restore")},
		{name: "the coordinator starts a new activity", who: h.coord, kind: "cmd", what: "newactivity",
			text: da.T("NewActivityAskTitle", nil), button: chat.Payload(chat.ActFlowCancel)},
		{name: "a title too long", who: h.coord, kind: "text", what: "activity", args: []string{strings.Repeat("x", 201)},
			text: da.T("ActivityTitleInvalid", nil)},
		{name: "the title is typed", who: h.coord, kind: "text", what: "activity", args: []string{"Lektiehjælp"},
			text: da.T("NewActivityTitles", locales.Data{"Title": "Lektiehjælp"}), button: chat.Payload(actActFlow, "lang", "ar")},
		{name: "text where a button is wanted", who: h.coord, kind: "text", what: "activity", args: []string{"hello"},
			text: da.T("UseTheButtons", nil)},
		{name: "a step of the chat it is not at", who: h.coord, kind: "button", what: "an", args: []string{"save", "ok"},
			answer: da.T("ButtonExpired", nil), alert: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rp := h.run(c.who, c.kind, c.what, c.args...)
			texts := strings.Join(rp.Texts(), "\n---\n")
			if c.text != "" && !strings.Contains(texts, c.text) {
				t.Errorf("replied %q, want it to contain %q", texts, c.text)
			}
			if c.text == "" && len(rp.Texts()) > 0 {
				t.Errorf("replied %q, want no message", texts)
			}
			got, alert, answered := answer(rp)
			if c.kind == "button" && (!answered || got != c.answer || alert != c.alert) {
				t.Errorf("answered %q (alert %v, answered %v), want %q (alert %v)", got, alert, answered, c.answer, c.alert)
			}
			if c.button != "" && !strings.Contains(strings.Join(buttons(rp), " "), c.button) {
				t.Errorf("buttons %q, want %q among them", buttons(rp), c.button)
			}
		})
	}
	// The followers were told of the cancellation, in their language.
	o, err := h.env.Store.Meeting(h.ctx, h.cafe, h.env.Loc(), thursday)
	if err != nil || !o.Cancelled || !o.Reason.Equal(domain.Texts{"da": "Biblioteket er lukket"}) {
		t.Errorf("the Thursday is %+v (%v), want cancelled with the reason trimmed", o, err)
	}
}

// The reminder's 🔕 button stops the follow without touching the reminder.
func TestReminderStopButton(t *testing.T) {
	h := newHarness(t)
	slot := time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC)
	_, buttons := Reminder(h.env.Cat.For(h.omar.Language), domain.ActivityReminder{Activity: h.cafe, Meeting: domain.Occurrence{Slot: slot, Start: slot}})
	if len(buttons) != 1 || len(buttons[0]) != 1 {
		t.Fatalf("reminder buttons %+v", buttons)
	}
	_, args, err := chat.DecodePayload(buttons[0][0].Data)
	if err != nil {
		t.Fatal(err)
	}
	h.run(h.omar, "button", "af", strconv.FormatInt(h.cafe.ID, 10), "on")
	rp := h.run(h.omar, "button", "af", args...)
	if len(rp.Texts()) != 0 {
		t.Errorf("the stop button edited the reminder: %q", rp.Texts())
	}
	if got, alert, _ := answer(rp); alert || got != h.env.Cat.For("en").T("UnfollowedToast", locales.Data{"Title": "Speak Danish Café"}) {
		t.Errorf("answered %q (alert %v)", got, alert)
	}
}

// The lists a coordinator reads as a calendar are in date order, not by
// title: /activities by the next meeting, /count by the time of day.
func TestListsInDateOrder(t *testing.T) {
	h := newHarness(t)
	da := h.env.Cat.For("da")
	for _, a := range []domain.Activity{
		{Key: "aften", Name: "Aftenskole", Schedule: "0 17 * * WED", DurationMin: 60}, // today, after Zumba
		{Key: "zumba", Name: "Zumba", Schedule: "0 12 * * WED", DurationMin: 60},      // today, first
		{Key: "lektier", Name: "Lektiehjælp", Schedule: "0 16 * * FRI", DurationMin: 60},
	} {
		if _, err := h.env.Store.CreateActivity(h.ctx, a, h.env.Now()); err != nil {
			t.Fatal(err)
		}
	}
	order := func(text string, names ...string) {
		t.Helper()
		last := -1
		for _, n := range names {
			i := strings.Index(text, n)
			if i < 0 || i < last {
				t.Fatalf("want %q in this order, got:\n%s", names, text)
			}
			last = i
		}
	}
	rp := h.run(h.coord, "cmd", "activities")
	order(strings.Join(rp.Texts(), "\n"), "Zumba", "Aftenskole", "Tal Dansk Café", "Lektiehjælp")
	rp = h.run(h.coord, "cmd", "count")
	var labels []string
	for _, e := range rp.Effects {
		for _, row := range e.Keyboard {
			for _, b := range row {
				labels = append(labels, b.Text)
			}
		}
	}
	order(strings.Join(labels, "\n"), "Zumba · "+da.Clock(time.Date(2027, 1, 13, 12, 0, 0, 0, h.env.Loc())), "Aftenskole")
}
