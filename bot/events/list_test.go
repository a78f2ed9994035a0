package events

import (
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// A coordinator's event list is in date order, also when they are invited to
// a later event and not to an earlier one.
func TestCoordinatorEventsInDateOrder(t *testing.T) {
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, chattest.Loc(t))
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	for _, e := range []struct {
		title  string
		days   int
		invite string
	}{{"Juletræ", 14, domain.InviteEveryone}, {"Bowling", 7, domain.InviteParticipants}} {
		start := now.AddDate(0, 0, e.days)
		if _, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: e.title, StartsAt: start, EndsAt: start.Add(3 * time.Hour),
			RSVPBy: start.AddDate(0, 0, -1), Invite: e.invite}, &coord.ID, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil {
		t.Fatal(err)
	}
	texts := d.command(coord, "events", "").Texts()
	if len(texts) == 0 {
		t.Fatal("no list")
	}
	list := texts[len(texts)-1]
	b, j := strings.Index(list, "Bowling"), strings.Index(list, "Juletræ")
	if b < 0 || j < 0 || b > j {
		t.Errorf("events not in date order:\n%s", list)
	}
}
