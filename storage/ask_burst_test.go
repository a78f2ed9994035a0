package storage

import (
	"context"
	"strconv"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// TestAskBurstIsOneCard: messages written one right after another join the
// first one's card: no relay of their own, a copy of their media to every
// chat the card went to, and the hourly limit counts the card once.
func TestAskBurstIsOneCard(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	coord := register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "da", domain.RoleCoordinator)
	ask := func(msg domain.AskMessage, at time.Time) (domain.AskItem, domain.AskOutcome, int) {
		t.Helper()
		item, out, targets, err := s.Ask(ctx, 2, msg, 1, domain.AskBurstWindow, at) // one card an hour
		if err != nil {
			t.Fatal(err)
		}
		return item, out, targets
	}
	text := domain.AskMessage{Kind: domain.AskText, Text: "hej"}
	head, _, _ := ask(text, t0)
	at := t0
	for i := 1; i < domain.AskBurstMax; i++ {
		at = at.Add(domain.AskBurstWindow) // each within the window of the previous
		msg := text
		if i == 3 {
			msg = domain.AskMessage{Kind: domain.AskVoice, SrcChat: 2, SrcMessage: 77}
		}
		item, out, targets := ask(msg, at)
		if out != domain.AskRelayed || item.Burst.Int64 != head.ID || targets != 2 {
			t.Fatalf("message %d: %v, burst %+v, %d targets", i+1, out, item.Burst, targets)
		}
	}
	for _, c := range []int64{1, 3} {
		rows := askRows(t, s, c)
		if len(rows) != 2 || rows[0].Notice != domain.NoticeAskRelay || rows[0].AskItem.Int64 != head.ID || rows[1].CopyMessage.Int64 != 77 {
			t.Errorf("coordinator %d: %+v, want the card and the voice note's copy", c, rows)
		}
	}
	if items, err := s.AskBurst(ctx, head.ID); err != nil || len(items) != domain.AskBurstMax {
		t.Errorf("burst of %d (%v), want %d", len(items), err, domain.AskBurstMax)
	}
	// The card is full: the next message would be a new card, past the hourly limit.
	if _, out, _ := ask(text, at.Add(time.Second)); out != domain.AskLimited {
		t.Errorf("a full card: %v, want limited", out)
	}
	later := at.Add(2 * time.Hour)
	second, _, _ := ask(text, later)
	if second.Burst.Valid {
		t.Fatalf("a message two hours later joined %d", second.Burst.Int64)
	}
	if _, _, err := s.AskReply(ctx, second.ID, []int64{1}, coord, domain.AskMessage{Kind: domain.AskText, Text: "ja"}, nil, later); err != nil {
		t.Fatal(err)
	}
	if third, out, _, err := s.Ask(ctx, 2, text, 10, domain.AskBurstWindow, later.Add(time.Second)); err != nil || out != domain.AskRelayed || third.Burst.Valid {
		t.Errorf("after an answer: %v %v, burst %+v, want a new card", err, out, third.Burst)
	}
	cards, err := s.AskCards(ctx, head.ID)
	if err != nil || len(cards) != 2 || cards[0].State != StatePending || cards[0].Language != "da" || cards[0].Notice != domain.NoticeAskRelay {
		t.Errorf("cards %+v (%v)", cards, err)
	}
}

// TestAskBurstInTheOrderWritten: two messages of a burst handled the other
// way round are shown in the order the member wrote them.
func TestAskBurstInTheOrderWritten(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	var head int64
	for i, id := range []int{11, 10, 12} { // Telegram's ids; 10 handled after 11
		item, _, _, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: strconv.Itoa(id), MessageID: id}, 10, domain.AskBurstWindow, t0.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			head = item.ID
		}
	}
	items, err := s.AskBurst(ctx, head)
	if err != nil || len(items) != 3 || items[0].Text != "10" || items[1].Text != "11" || items[2].Text != "12" {
		t.Errorf("burst %+v (%v), want 10, 11, 12", items, err)
	}
}
