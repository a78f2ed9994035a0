package events

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The handlers answer with a reply value: each case calls one handler the
// way the router would (authorized, with the payload decoded) and reads the
// messages, keyboards and the answer to the press, without Telegram.
func TestHandlersReply(t *testing.T) {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	amina := d.member(2, "ar", domain.RoleParticipant)
	capacity := 6
	eid, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: "Fastelavnsfest", Place: "Ballerup Sprogskole",
		StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, cph),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, cph), Capacity: &capacity, Invite: domain.InviteParticipants}, &coord.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil { // invites Amina
		t.Fatal(err)
	}
	id := strconv.FormatInt(eid, 10)
	A, D := d.f.Cat.For("ar"), d.f.Cat.For("da")

	cases := []struct {
		name    string
		do      func() chat.Reply
		answer  string   // "": none, "toast", or the alert's text
		texts   []string // each in the text of the one message shown
		buttons []string // each a label of its keyboard
	}{
		{"✅ asks the adults", func() chat.Reply { return d.press(amina, actEvAnswer, id, "yes") },
			"toast", []string{A.T("EventAskAdults", nil)}, []string{"1", "5", "6+", A.T("BtnBack", nil)}},
		{"the adults chosen ask the children", func() chat.Reply { return d.press(amina, actEvChildren, id, "2", "0") },
			"toast", []string{A.T("EventAskChildren", nil)}, []string{"0", "5", "6+"}},
		{"the heads record the yes", func() chat.Reply { return d.press(amina, actEvHeads, id, "2", "1") },
			"toast", []string{A.T("EventRecordedYes", locales.Data{"Adults": 2, "Children": 1, "When": A.DateTime(time.Date(2027, 2, 3, 20, 0, 0, 0, cph))})},
			[]string{A.T("BtnEventYes", nil), A.T("BtnEvents", nil)}},
		{"/events shows her answer", func() chat.Reply { return d.command(amina, "events", "") },
			"", []string{A.T("EventsTitle", nil), A.T("EventYourAnswerYes", locales.Data{"Adults": 2, "Children": 1})}, nil},
		{"a forged event id is an expired button", func() chat.Reply { return d.press(amina, actEvShow, "987654") },
			A.T("ButtonExpired", nil), nil, nil},
		{"an unknown answer is an expired button", func() chat.Reply { return d.press(amina, actEvAnswer, id, "perhaps") },
			A.T("ButtonExpired", nil), nil, nil},
		{"a participant cannot open the desk", func() chat.Reply { return d.press(amina, actEvOpen, id) },
			A.T("CoordinatorsOnly", nil), nil, nil},
		{"the card counts the answers", func() chat.Reply { return d.press(coord, actEvOpen, id) },
			"toast", []string{D.T("EventCapacityLine", locales.Data{"Capacity": 6, "Free": 3})},
			[]string{D.T("BtnEventNames", nil), D.T("BtnCheckIn", nil), D.T("BtnCancelEvent", nil)}},
		{"checking in a household that is gone", func() chat.Reply { return d.press(coord, actEvCheckIn, id, "424242", "in") },
			D.T("ButtonExpired", nil), nil, nil},
		{"a walk-in is counted", func() chat.Reply { return d.press(coord, actEvWalkIn, id, domain.TapAdult) },
			"toast", []string{D.T("EventWalkIns", locales.Data{"Adults": 1, "Children": 0, "First": 0})}, []string{D.T("BtnCountUndo", nil)}},
		{"/newevent asks the title", func() chat.Reply { return d.command(coord, "newevent", "") },
			"", []string{D.T("NewEventAskTitle", nil)}, []string{D.T("BtnCancel", nil)}},
		{"the title typed offers the other languages", func() chat.Reply { return d.typed(coord, "event", "  \u202eSommer\u200bfest\x00  ") },
			"", []string{D.T("NewEventTitles", locales.Data{"Title": "Sommerfest"})}, []string{D.T("BtnContinue", nil)}},
		{"text where buttons are wanted", func() chat.Reply { return d.typed(coord, "event", "hej") },
			"", []string{D.T("UseTheButtons", nil)}, nil},
		{"a button of another step does nothing", func() chat.Reply { return d.press(coord, actEvFlow, "cap", "20") },
			"toast", nil, nil},
		{"a household typed for the record chat that ended", func() chat.Reply { return d.typed(coord, "eventrecord", "Familien Ali 2 3") },
			"", []string{D.T("ButtonExpired", nil)}, nil},
		{"the edit screen names the button it shows", func() chat.Reply { return d.press(coord, actEvEdit, id) },
			"toast", []string{D.T("EventEditPreview", nil)}, []string{D.T("BtnSaveEvent", nil)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rp := c.do()
			var answers []chat.Effect
			for _, e := range rp.Effects {
				if e.Kind == chat.Answer {
					answers = append(answers, e)
				}
			}
			switch {
			case c.answer == "" && len(answers) > 0:
				t.Errorf("answered the press %+v, want no answer", answers)
			case c.answer == "toast" && (len(answers) != 1 || answers[0].Alert || answers[0].Text != ""):
				t.Errorf("answers %+v, want one silent toast", answers)
			case c.answer != "" && c.answer != "toast" && (len(answers) != 1 || !answers[0].Alert || answers[0].Text != c.answer):
				t.Errorf("answers %+v, want the alert %q", answers, c.answer)
			}
			texts := rp.Texts()
			if len(c.texts) == 0 && len(c.buttons) == 0 {
				if c.answer != "" && len(texts) > 0 {
					t.Errorf("refused, yet showed %q", texts)
				}
				return
			}
			if len(texts) != 1 {
				t.Fatalf("showed %d messages %q, want one", len(texts), texts)
			}
			for _, want := range c.texts {
				if !strings.Contains(texts[0], want) {
					t.Errorf("shown %q, want it to contain %q", texts[0], want)
				}
			}
			var k chat.Keyboard
			for _, e := range rp.Effects {
				if e.Kind == chat.Send || e.Kind == chat.Edit {
					k = e.Keyboard
				}
			}
			for _, label := range c.buttons {
				if !strings.Contains(chattest.Screen("", k), "["+label+"]") {
					t.Errorf("keyboard %s, want the button %q", chattest.Screen("", k), label)
				}
			}
		})
	}
}
