package main

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// countTaps are quick taps at the door, net two adults, one child and a
// first-timer, in an order where an older state differs from the last.
var countTaps = []string{"adult", "adult", "undo", "child", "adult", "first", "adult", "undo", "child", "undo", "adult", "undo"}

// jitterEdits delays each edit in chat by up to 40 ms before Telegram
// applies it, as a slow network does, so that edits of quick taps may
// arrive out of order.
func jitterEdits(fake *tgfake.Server, chat int64) {
	fake.SetFaultFunc(func(method string, chatID int64) *tgfake.Fault {
		if method == "editMessageText" && chatID == chat {
			time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		}
		return nil
	})
}

// tapAll presses data+tap on message msgID for every tap at once, waits
// until each is answered, every handler has finished and every edit it
// queued has reached Telegram (quick taps may fold into fewer edits), and
// returns the message.
func (f *flow) tapAll(u tgfake.User, msgID int, data string) tgfake.Message {
	f.t.Helper()
	ids := make([]string, len(countTaps))
	for i, tap := range countTaps {
		ids[i] = f.fake.PressButton(u, msgID, data+tap)
	}
	for _, id := range ids {
		f.waitAnswered(id)
	}
	f.app.Wait() // the handlers in flight, then every reply and edit they queued
	for _, m := range f.fake.Messages(u.ID) {
		if m.ID == msgID {
			return m
		}
	}
	f.t.Fatalf("message %d is gone", msgID)
	return tgfake.Message{}
}

// TestConcurrentHeadCountTaps: a dozen taps at once on the head count, each
// edit delayed at random, leave the message showing the stored count.
func TestConcurrentHeadCountTaps(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 14, 15, 5, 0, 0, cph)} // Thursday, the café has begun
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	ctx := context.Background()
	if _, err := f.store.ImportPlan(ctx, storage.Plan{Activities: []domain.Activity{cafe}}, clock.now()); err != nil {
		t.Fatal(err)
	}
	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, cafe.Key)
	if err != nil {
		t.Fatal(err)
	}
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	f.join(coord, "da")
	D := f.cat.For("da")
	f.send(coord, "/count", D.T("CountPick", nil))
	f.tap(coord, cafe.Name)
	counter := f.waitText(coord, D.T("CountHead", locales.Data{"Title": cafe.Name}))
	jitterEdits(f.fake, coordID)
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	for round := 0; round < 3; round++ {
		m := f.tapAll(coord, counter.ID, "1:hc:"+strconv.FormatInt(a.ID, 10)+":"+strconv.FormatInt(slot.Unix(), 10)+":")
		h, err := f.store.HeadCountOf(ctx, []int64{domain.DefaultBranchID}, a.ID, slot)
		if err != nil {
			t.Fatal(err)
		}
		want := D.T("CountLines", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime, "Total": h.Total()})
		if !strings.Contains(m.Text, want) {
			t.Fatalf("round %d: the counter shows\n%s\nbut the store holds %+v", round, m.Text, h)
		}
	}
}

// TestConcurrentWalkInTaps: the same at an event's door, for walk-ins.
func TestConcurrentWalkInTaps(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 2, 7, 13, 30, 0, 0, cph)}
	coordID := int64(9001)
	f := startFlow(t, withCoordinators(coordID), withClock(clock))
	ctx := context.Background()
	start := time.Date(2027, 2, 7, 13, 0, 0, 0, cph)
	id, err := f.store.CreateEvent(ctx, domain.Event{Key: "fest", Title: "Fastelavnsfest", StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		RSVPBy: start.Add(-48 * time.Hour)}, nil, start.Add(-10*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
	f.join(coord, "da")
	D := f.cat.For("da")
	f.send(coord, "/events", "Fastelavnsfest")
	f.tap(coord, D.Button("BtnManageEvent", locales.Data{"Title": "Fastelavnsfest"}))
	f.waitButton(coord, D.T("BtnCheckIn", nil))
	f.tap(coord, D.T("BtnCheckIn", nil))
	door := f.waitText(coord, D.T("EventCheckInHead", locales.Data{"Title": "Fastelavnsfest"}))
	jitterEdits(f.fake, coordID)
	for round := 0; round < 3; round++ {
		m := f.tapAll(coord, door.ID, "1:ew:"+strconv.FormatInt(id, 10)+":")
		h, err := f.store.WalkIns(ctx, []int64{domain.DefaultBranchID}, id)
		if err != nil {
			t.Fatal(err)
		}
		want := D.T("EventWalkIns", locales.Data{"Adults": h.Adults, "Children": h.Children, "First": h.FirstTime}) + "\n" +
			D.T("EventCameTotal", locales.Data{"Total": h.Total()})
		if !strings.Contains(m.Text, want) {
			t.Fatalf("round %d: the door shows\n%s\nbut the store holds %+v", round, m.Text, h)
		}
	}
}
