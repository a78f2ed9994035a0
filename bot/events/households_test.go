package events

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// smallParty is an event of capacity seats a week after now, its
// invitations sent.
func smallParty(t *testing.T, d *desk, now time.Time, coord domain.Member, capacity int) (int64, string) {
	t.Helper()
	eid, err := d.f.Store.CreateEvent(d.ctx, domain.Event{Title: "Fest", StartsAt: now.AddDate(0, 0, 7), EndsAt: now.AddDate(0, 0, 7).Add(3 * time.Hour),
		RSVPBy: now.AddDate(0, 0, 5), Capacity: &capacity, Invite: domain.InviteParticipants}, &coord.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.f.ClaimNotices(d.ctx, now); err != nil {
		t.Fatal(err)
	}
	return eid, strconv.FormatInt(eid, 10)
}

func TestRecordedHouseholdCorrectedAndRemoved(t *testing.T) {
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, chattest.Loc(t))
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	amina := d.member(2, "ar", domain.RoleParticipant)
	eid, id := smallParty(t, d, now, coord, 4)
	if err := d.f.Store.RecordHousehold(d.ctx, []int64{domain.DefaultBranchID}, eid, "Familien Hansen", 2, 2, now); err != nil {
		t.Fatal(err)
	}
	d.press(amina, actEvHeads, id, "1", "0") // waits: the event is full
	D := d.f.Cat.For("da")
	names := d.press(coord, actEvNames, id)
	if s := chattest.Screen("", names.Effects[len(names.Effects)-1].Keyboard); !strings.Contains(s, "[✏️ Familien Hansen]") {
		t.Fatalf("names keyboard %s, want the household's ✏️", s)
	}
	var rec string
	is, _ := d.f.Store.Invitations(d.ctx, []int64{domain.DefaultBranchID}, eid)
	for _, i := range is {
		if i.Recorded() {
			rec = strconv.FormatInt(i.ID, 10)
		}
	}
	if texts := d.press(coord, actEvHousehold, id, rec, "edit").Texts(); len(texts) != 1 ||
		texts[0] != D.T("EventHouseholdEditAsk", locales.Data{"Name": "Familien Hansen"}) {
		t.Fatalf("edit asks %q", texts)
	}
	// One fewer: the seat is offered to Amina at once.
	if texts := d.typed(coord, "eventrecord", "Hansen (telefon) 2 1").Texts(); len(texts) != 1 ||
		texts[0] != D.T("EventHouseholdChanged", locales.Data{"Name": "Hansen (telefon)", "Adults": 2, "Children": 1}) {
		t.Fatalf("edited: %q", texts)
	}
	if mine, _ := d.f.Store.MyInvitation(d.ctx, []int64{domain.DefaultBranchID}, eid, amina.ID); mine.Answer != string(domain.AnswerOffered) {
		t.Errorf("Amina is %q after the seat freed, want offered", mine.Answer)
	}
	d.press(coord, actEvHousehold, id, rec, "remove")
	if texts := d.press(coord, actEvHousehold, id, rec, "yes").Texts(); len(texts) != 1 ||
		texts[0] != D.T("EventHouseholdRemoved", locales.Data{"Name": "Hansen (telefon)"}) {
		t.Fatalf("removed: %q", texts)
	}
	if is, _ := d.f.Store.Invitations(d.ctx, []int64{domain.DefaultBranchID}, eid); len(is) != 1 {
		t.Errorf("after removal %d invitations, want Amina's only", len(is))
	}
	// Amina's own answer has no ✏️: pressing one forged for it is an expired button.
	mine, _ := d.f.Store.MyInvitation(d.ctx, []int64{domain.DefaultBranchID}, eid, amina.ID)
	if rp := d.press(coord, actEvHousehold, id, strconv.FormatInt(mine.ID, 10), "yes"); len(rp.Texts()) != 0 {
		t.Errorf("a member's answer removed by a forged button: %q", rp.Texts())
	}
}

func TestFullAnswerSaysSeatsLeft(t *testing.T) {
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, chattest.Loc(t))
	d := newDesk(t, now)
	coord := d.member(1, "da", domain.RoleCoordinator)
	amina := d.member(2, "en", domain.RoleParticipant)
	eid, id := smallParty(t, d, now, coord, 4)
	if err := d.f.Store.RecordHousehold(d.ctx, []int64{domain.DefaultBranchID}, eid, "Familien Hansen", 1, 1, now); err != nil {
		t.Fatal(err)
	}
	E := d.f.Cat.For("en")
	texts := d.press(amina, actEvHeads, id, "2", "1").Texts()
	if len(texts) != 1 || !strings.Contains(texts[0], E.N("EventSeatsLeft", 2, nil)) {
		t.Errorf("three into two seats: %q, want %q", texts, E.N("EventSeatsLeft", 2, nil))
	}
}
