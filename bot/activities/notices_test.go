package activities

import (
	"reflect"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// A reminder and the notice of a moved meeting, decided while Omar reads
// Arabic, leave in Tigrinya once he has switched: storage writes what they
// say, the feature's renderers say it in the language he has when they are
// sent.
func TestNoticesRenderedInTheLanguageOfTheMomentTheyLeave(t *testing.T) {
	h := newHarness(t)
	store, loc, now := h.env.Store, h.env.Loc(), h.env.Now() // a Wednesday
	n := chat.NewNotices(h.env)
	h.f.Notices(n)
	if _, err := store.SetLanguage(h.ctx, h.omar.ID, "ar"); err != nil {
		t.Fatal(err)
	}
	if err := store.Follow(h.ctx, []int64{domain.DefaultBranchID}, h.cafe.ID, h.omar.ID, now); err != nil {
		t.Fatal(err)
	}
	thu := time.Date(2027, 1, 14, 15, 0, 0, 0, loc)
	next, moved := thu.AddDate(0, 0, 7), thu.AddDate(0, 0, 7).Add(time.Hour)
	told, err := store.ChangeMeeting(h.ctx, []int64{domain.DefaultBranchID}, domain.MeetingChange{ActivityID: h.cafe.ID, Slot: next, MovedTo: moved, By: h.coord.ID}, loc, now)
	if err != nil || told != 1 {
		t.Fatalf("ChangeMeeting = %d, %v", told, err)
	}
	due := thu.Add(-3 * time.Hour)
	for _, at := range []time.Time{now, due} {
		if _, err := store.ClaimActivityReminders(h.ctx, loc, at); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := store.DueMessages(h.ctx, due, 10)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("due %+v, %v; want the notice of the move and the reminder", msgs, err)
	}
	want := map[string]func(L *locales.Localizer) outbox.Rendered{
		domain.NoticeMeetingChanged: func(L *locales.Localizer) outbox.Rendered {
			return chat.Text(MeetingNotice(L, domain.MeetingChanged{Activity: h.cafe,
				Was: domain.Occurrence{Slot: next, Start: next}, Now: domain.Occurrence{Slot: next, Start: moved, Moved: true}}), nil)
		},
		domain.NoticeActivityReminder: func(L *locales.Localizer) outbox.Rendered {
			return chat.Text(Reminder(L, domain.ActivityReminder{Activity: h.cafe, Meeting: domain.Occurrence{Slot: thu, Start: thu}}))
		},
	}
	for _, msg := range msgs {
		if msg.Text != "" || want[msg.Notice] == nil {
			t.Fatalf("queued %+v, want a notice of the feature, as data", msg)
		}
	}
	said := map[string]string{}
	for _, lang := range []string{"ar", "ti"} {
		if _, err := store.SetLanguage(h.ctx, h.omar.ID, lang); err != nil {
			t.Fatal(err)
		}
		for _, msg := range msgs {
			got, err := n.Render(h.ctx, msg)
			w := want[msg.Notice](h.env.Cat.For(lang))
			if err != nil || !reflect.DeepEqual(got, w) {
				t.Errorf("%s in %s: %+v, %v; want %+v", msg.Notice, lang, got, err, w)
			}
			if said[msg.Notice] == got.Text {
				t.Errorf("%s reads the same in Arabic and Tigrinya: %q", msg.Notice, got.Text)
			}
			said[msg.Notice] = got.Text
		}
	}
}
