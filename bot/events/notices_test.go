package events

import (
	"database/sql"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/bot/outbox"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// TestNoticeRenderedInTheLanguageOfWhenItLeaves: an invitation decided while
// the member reads Danish is rendered in Arabic once she has switched, by
// the registry the sender uses, from the values the decision wrote.
func TestNoticeRenderedInTheLanguageOfWhenItLeaves(t *testing.T) {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	d := newDesk(t, now)
	amina := d.member(2, "da", domain.RoleParticipant)
	eid, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: "Fastelavnsfest", Titles: domain.Texts{"ar": "فاستلافن"},
		Place: "Ballerup Sprogskole", StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, cph),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, cph), Invite: domain.InviteParticipants}, nil, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil { // invites Amina, in Danish then
		t.Fatal(err)
	}
	if _, err := d.f.Store.SetLanguage(d.ctx, amina.ID, "ar"); err != nil {
		t.Fatal(err)
	}
	n := chat.NewNotices(d.f.Env)
	d.f.Notices(n)
	due, err := d.f.Store.DueMessages(d.ctx, now, 10)
	if err != nil || len(due) != 1 || due[0].Notice != domain.NoticeEventInvitation || due[0].Text != "" {
		t.Fatalf("due = %+v (%v), want Amina's invitation as data", due, err)
	}
	got, err := n.Render(d.ctx, due[0])
	if err != nil {
		t.Fatal(err)
	}
	e, err := d.f.Store.Event(d.ctx, []int64{domain.DefaultBranchID}, eid)
	if err != nil {
		t.Fatal(err)
	}
	amina.Language = "ar"
	want := invitationNotice(d.f.Cat.For("ar"), amina, domain.EventValues{Event: e})
	danish := invitationNotice(d.f.Cat.For("da"), amina, domain.EventValues{Event: e})
	if chattest.Screen(got.Text, got.Buttons) != chattest.Screen(want.Text, want.Buttons) || !strings.Contains(got.Text, "فاستلافن") {
		t.Errorf("rendered:\n%s\nwant the Arabic invitation:\n%s", chattest.Screen(got.Text, got.Buttons), chattest.Screen(want.Text, want.Buttons))
	}
	if got.Text == danish.Text {
		t.Error("rendered in Danish, the language when it was decided")
	}
}

// TestNoticesRenderTheirValues: every kind of the events' notices, written
// as storage writes it (JSON values), renders through the registry exactly
// as its renderer does from the values themselves (the golden screens).
func TestNoticesRenderTheirValues(t *testing.T) {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	d := newDesk(t, now)
	m := d.member(7, "ti", domain.RoleParticipant)
	capacity := 60
	until := time.Date(2027, 2, 2, 18, 30, 0, 0, cph)
	e := domain.Event{ID: 4, Title: "Fastelavnsfest", Titles: domain.Texts{"ti": "ፋስተላቭን (ጽምብል ቆልዑ)"},
		Notes: domain.Texts{"da": "Pris 20 kr. pr. familie"}, Place: "Ballerup Sprogskole",
		StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, cph),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, cph), Capacity: &capacity, Version: 2}
	cancelled := e
	cancelled.CancelledAt = &until
	household := domain.EventHouseholdValues{Event: e, Adults: 2, Children: 3}
	offer := domain.EventOfferValues{Event: e, Adults: 2, Children: 3, Until: until}
	L := d.f.Cat.For("ti")
	n := chat.NewNotices(d.f.Env)
	d.f.Notices(n)
	for _, tc := range []struct {
		kind   string
		values any
		want   outbox.Rendered
	}{
		{domain.NoticeEventInvitation, domain.EventValues{Event: e}, invitationNotice(L, m, domain.EventValues{Event: e})},
		{domain.NoticeEventOffer, offer, offerNotice(L, m, offer)},
		{domain.NoticeEventOfferLapsed, domain.EventValues{Event: e}, offerLapsedNotice(L, m, domain.EventValues{Event: e})},
		{domain.NoticeEventChanged, domain.EventValues{Event: e}, changedNotice(L, m, domain.EventValues{Event: e})},
		{domain.NoticeEventChanged, domain.EventValues{Event: cancelled}, changedNotice(L, m, domain.EventValues{Event: cancelled})},
		{domain.NoticeEventStillComing, household, stillComingNotice(L, m, household)},
		{domain.NoticeEventReminder, household, reminderNotice(L, m, household)},
	} {
		out, err := domain.NewNotice(tc.kind, m, tc.values)
		if err != nil {
			t.Fatal(err)
		}
		got, err := n.Render(d.ctx, storage.OutboxMessage{MemberID: sql.NullInt64{Int64: m.ID, Valid: true}, ChatID: m.ChatID,
			Notice: out.Notice, Values: string(out.Values)})
		if err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		if g, w := chattest.Screen(got.Text, got.Buttons), chattest.Screen(tc.want.Text, tc.want.Buttons); g != w || !sameButtons(got, tc.want) {
			t.Errorf("%s through the registry:\n%s\nwant:\n%s", tc.kind, g, w)
		}
	}
}

// sameButtons compares the buttons' data and links too (screen shows labels only).
func sameButtons(a, b outbox.Rendered) bool {
	if len(a.Buttons) != len(b.Buttons) {
		return false
	}
	for i := range a.Buttons {
		if len(a.Buttons[i]) != len(b.Buttons[i]) {
			return false
		}
		for j := range a.Buttons[i] {
			if a.Buttons[i][j] != b.Buttons[i][j] {
				return false
			}
		}
	}
	return true
}
