package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Members using the bot during a broadcast: their replies and the
// broadcast share one budget, so the fake Telegram, enforcing its own
// limits (30 in any second, a short burst then 1 a second per chat), never answers 429;
// the replies go before the bulk messages; nothing is lost.
func TestRepliesDuringBroadcastStayWithinTelegramLimits(t *testing.T) {
	const members, tapping, taps = 150, 8, 3
	f := startFlowWith(t, func(s *tgfake.Server) {
		s.SetLimits(tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: outbox.DefaultBurst, GroupPerMinute: 20})
	}, func(c *config, h *hooks) {
		c.SendRate = 30
		h.sender = outbox.Config{} // Telegram's limits, as in production
	})
	now := time.Now()
	users := make([]tgfake.User, 0, tapping)
	for id := int64(7001); id < 7001+members; id++ {
		if _, err := f.store.Register(context.Background(), domain.Registration{ID: id, ChatID: id, DisplayName: "M", Language: "en"}, now); err != nil {
			t.Fatal(err)
		}
		f.fake.AddChat(id)
		if len(users) < tapping {
			users = append(users, tgfake.User{ID: id, FirstName: fmt.Sprint("Tapper", id), LanguageCode: "en"})
		}
	}
	text := "Remember the party on Saturday"
	if _, n, err := f.store.CreateBroadcast(context.Background(), storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": text, "en": text}}, now); err != nil || n != members {
		t.Fatalf("broadcast: %d queued, %v", n, err)
	}
	f.sender.Wake()
	f.waitFor("the broadcast to start", func() bool { return f.count(`SELECT count(*) FROM outbox WHERE state = 'sent'`) > 10 })

	help := f.T("en", "HelpIntro", nil)
	var wg sync.WaitGroup
	for _, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range taps {
				f.fake.SendText(u, "/help")
			}
		}()
	}
	wg.Wait()
	var sentWhenReplied int
	if !f.fake.WaitFor(20*time.Second, func() bool {
		for _, u := range users {
			if f.deliveredContaining(u, help) < taps {
				return false
			}
		}
		sentWhenReplied = f.count(`SELECT count(*) FROM outbox WHERE state = 'sent'`)
		return true
	}) {
		t.Fatalf("not every reply arrived within 20s")
	}
	if !f.fake.WaitFor(30*time.Second, func() bool { return f.count(`SELECT count(*) FROM outbox WHERE state = 'sent'`) == members }) {
		t.Fatalf("the broadcast did not finish in 30s")
	}
	if q := f.fake.TooManyRequests(); q != 0 {
		t.Errorf("the fake Telegram answered 429 %d times", q)
	}
	if sentWhenReplied >= members {
		t.Errorf("the replies waited for the whole broadcast (%d of %d sent when the last reply came)", sentWhenReplied, members)
	}
	for id := int64(7001); id < 7001+members; id++ {
		got := 0
		for _, txt := range f.fake.DeliveredTexts(id) {
			if txt == text {
				got++
			}
		}
		if got != 1 {
			t.Errorf("member %d got the broadcast %d times", id, got)
		}
	}
	t.Logf("%d of %d broadcast messages were sent when the last of %d replies arrived", sentWhenReplied, members, tapping*taps)
}

// A 429 on a direct reply is waited out and the reply sent, not dropped.
func TestReplyRetriedAfterTooManyRequests(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 7401, FirstName: "Rita", LanguageCode: "en"}
	f.join(u, "en")
	f.fake.FailNext("sendMessage", 1, tgfake.Fault{RetryAfter: 1})
	before := f.fake.CallCount("sendMessage")
	f.fake.SendText(u, "/help")
	if !f.fake.WaitFor(10*time.Second, func() bool { return f.deliveredContaining(u, f.T("en", "HelpIntro", nil)) == 1 }) {
		t.Fatal("the reply answered 429 was never sent")
	}
	if n := f.fake.CallCount("sendMessage") - before; n != 2 {
		t.Errorf("%d sendMessage calls, want 2 (the 429 and the retry)", n)
	}
	if f.sender.Stats().Throttled != 1 {
		t.Errorf("the sender did not hear of the 429: %+v", f.sender.Stats())
	}
}

// Updates without a sender, or with a sender id that is not a positive
// number, are ignored before they reach storage.
func TestUpdatesWithoutValidSenderIgnored(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 7501, FirstName: "Valid", LanguageCode: "en"}
	f.join(u, "en")
	f.fake.AddChat(-5)
	for _, upd := range []map[string]any{
		{"callback_query": map[string]any{"id": "cb-no-from", "chat_instance": "x", "data": "1:lang:da",
			"message": map[string]any{"message_id": 1, "date": 0, "chat": map[string]any{"id": 7501, "type": "private"}}}},
		{"callback_query": map[string]any{"id": "cb-negative", "chat_instance": "x", "data": "1:lang:da",
			"from":    map[string]any{"id": -42, "is_bot": false, "first_name": "Neg"},
			"message": map[string]any{"message_id": 1, "date": 0, "chat": map[string]any{"id": 7501, "type": "private"}}}},
		{"message": map[string]any{"message_id": 9, "date": 0, "text": "/start",
			"chat": map[string]any{"id": 7502, "type": "private"}}},
		{"message": map[string]any{"message_id": 10, "date": 0, "text": "/start",
			"from": map[string]any{"id": -7, "is_bot": false, "first_name": "Neg"},
			"chat": map[string]any{"id": -7, "type": "private"}}},
	} {
		f.fake.QueueUpdate(upd)
	}
	// A valid update queued after them is handled: they were read and dropped.
	f.send(u, "/help", f.T("en", "HelpIntro", nil))
	if n := f.count(`SELECT count(*) FROM members WHERE id <= 0`); n != 0 {
		t.Errorf("%d members with an id that is not positive", n)
	}
	if n := f.count(`SELECT count(*) FROM members`); n != 1 {
		t.Errorf("%d members, want only the valid one", n)
	}
	if !strings.Contains(f.logs.String(), "ignored an update without a valid sender") {
		t.Error("the ignored updates were not logged")
	}
}
