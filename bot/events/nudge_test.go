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

// 🔔 on the card says how many it reaches, queues a reminder for each
// household that has not answered (rendered in its language), and a second
// press the same day reminds no one and says when the first was.
func TestNudgeThoseWithoutAnswerOnceADay(t *testing.T) {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	d.member(2, "ar", domain.RoleParticipant)
	yonas := d.member(3, "ti", domain.RoleParticipant)
	eid, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: "Fastelavnsfest", Place: "Ballerup Sprogskole",
		StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, cph),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, cph), Invite: domain.InviteParticipants}, &coord.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(eid, 10)
	d.press(yonas, actEvAnswer, id, "no")
	D := d.f.Cat.For("da")
	btn := D.T("BtnEventNudge", locales.Data{"Count": 1})
	card := d.press(coord, actEvOpen, id)
	if s := screenOf(card); !strings.Contains(s, "["+btn+"]") {
		t.Fatalf("card %s, want the button %q", s, btn)
	}
	before, err := d.f.Store.DueMessages(d.ctx, now, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range before { // the invitations leave, so the reminders are next in each chat
		if err := d.f.Store.MarkExpired(d.ctx, m.ID, now); err != nil {
			t.Fatal(err)
		}
	}
	rp := d.press(coord, actEvNudge, id)
	if a := answerOf(rp); a.Alert || a.Text != D.T("EventNudgeSent", locales.Data{"Count": 1}) {
		t.Errorf("answer %+v, want the note that 1 was reminded", a)
	}
	due, err := d.f.Store.DueMessages(d.ctx, now, 100)
	if err != nil {
		t.Fatal(err)
	}
	var nudges []string
	n := chat.NewNotices(d.f.Env)
	d.f.Notices(n)
	for _, m := range due {
		if m.Notice == domain.NoticeEventNudge {
			got, err := n.Render(d.ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			nudges = append(nudges, got.Text)
		}
	}
	A := d.f.Cat.For("ar")
	if len(nudges) != 1 || !strings.HasPrefix(nudges[0], strings.Split(A.T("EventNudgeNotice", locales.Data{"Title": "x"}), "\u2068")[0]) {
		t.Fatalf("reminders queued %q, want one to Amina in Arabic", nudges)
	}
	again := d.press(coord, actEvNudge, id)
	if a := answerOf(again); !a.Alert || a.Text != D.T("EventNudgedToday", locales.Data{"Time": "10:00"}) {
		t.Errorf("second press answered %+v, want the alert that it was done at 10:00 today", a)
	}
	after, err := d.f.Store.DueMessages(d.ctx, now, 100)
	if err != nil || len(after) != len(due) {
		t.Errorf("second press queued %d more (%v), want none", len(after)-len(due), err)
	}
}

func answerOf(rp chat.Reply) chat.Effect {
	for _, e := range rp.Effects {
		if e.Kind == chat.Answer {
			return e
		}
	}
	return chat.Effect{}
}

func screenOf(rp chat.Reply) string {
	var k chat.Keyboard
	for _, e := range rp.Effects {
		if e.Kind == chat.Send || e.Kind == chat.Edit {
			k = e.Keyboard
		}
	}
	return chattest.Screen("", k)
}
