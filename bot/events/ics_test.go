package events

import (
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// The 📅 button is an event button like the others: a member gets the
// calendar file of an event they are invited to only (a forged id of a
// volunteers-only event gives nothing away); coordinators get any.
func TestCalendarFileNeedsTheInvitation(t *testing.T) {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	amina := d.member(2, "ar", domain.RoleParticipant)
	vol := d.member(3, "da", domain.RoleVolunteer)
	eid, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: "Frivilligmøde", Place: "Hjemmet", Notes: map[string]string{"da": "Kode 4711"},
		StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, cph), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, cph),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, cph), Invite: domain.InviteVolunteers}, &coord.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(eid, 10)
	documents := func(rp chat.Reply) int {
		n := 0
		for _, e := range rp.Effects {
			if e.Kind == chat.Document {
				n++
			}
		}
		return n
	}
	if rp := d.press(amina, actEvICS, id); documents(rp) != 0 {
		t.Errorf("a participant not invited got the calendar file of a volunteers-only event: %+v", rp.Effects)
	}
	if rp := d.press(vol, actEvICS, id); documents(rp) != 1 {
		t.Errorf("an invited volunteer got %d calendar files, want 1", documents(rp))
	}
	if rp := d.press(coord, actEvICS, id); documents(rp) != 1 {
		t.Errorf("a coordinator got %d calendar files, want 1", documents(rp))
	}
}
