package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A head count tapped six times in a row while Telegram takes its time to
// answer: the edit in flight and one more go out (the taps between fold into
// the newest), never an older count after a newer, and the message ends on
// the stored count.
func TestHeadCountTapsFoldIntoTheNewestCount(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 14, 15, 5, 0, 0, cph)} // Thursday, the café has begun
	f := startFlow(t, withClock(clock))
	ctx := context.Background()
	if _, err := f.store.ImportPlan(ctx, storage.Plan{Activities: []domain.Activity{cafe}}, clock.now()); err != nil {
		t.Fatal(err)
	}
	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, cafe.Key)
	if err != nil {
		t.Fatal(err)
	}
	coord := tgfake.User{ID: 9601, FirstName: "Mette", LanguageCode: "da"}
	m := f.join(coord, "da")
	if _, err := f.store.SetRole(ctx, 1, m.ID, domain.RoleCoordinator, clock.now(), false); err != nil {
		t.Fatal(err)
	}
	D := f.cat.For("da")
	f.send(coord, "/count", D.T("CountPick", nil))
	f.tap(coord, cafe.Name)
	card := f.waitText(coord, D.T("CountHead", locales.Data{"Title": cafe.Name}))
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	data := "1:hc:" + strconv.FormatInt(a.ID, 10) + ":" + strconv.FormatInt(slot.Unix(), 10) + ":adult"

	f.fake.SetLatency(150 * time.Millisecond)
	before := card.Edits
	var last string
	for range 6 {
		last = f.fake.PressButton(coord, card.ID, data)
	}
	f.waitAnswered(last)
	want := D.T("CountLines", locales.Data{"Adults": 6, "Children": 0, "First": 0, "Total": 6})
	f.waitText(coord, want)
	time.Sleep(500 * time.Millisecond) // an older count would arrive after the newest now
	got, _ := f.fake.LastMessage(coord.ID)
	if got.ID != card.ID || !strings.Contains(got.Text, want) {
		t.Errorf("the card ends on %q, want the stored count %q", got.Text, want)
	}
	if h, _ := f.store.HeadCountOf(ctx, []int64{domain.DefaultBranchID}, a.ID, slot); h.Adults != 6 {
		t.Errorf("stored %+v, want 6 adults", h)
	}
	if n := got.Edits - before; n > 2 {
		t.Errorf("%d edits for six taps, want at most 2 (the one in flight and the newest)", n)
	}
}
