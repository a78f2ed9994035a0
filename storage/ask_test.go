package storage

import (
	"context"
	"testing"
	"time"
	"vejviser/storage/domain"
)

func TestDecideAsk(t *testing.T) {
	for _, tc := range []struct {
		name            string
		muted           bool
		lastHour, limit int
		want            domain.AskOutcome
	}{
		{"first message", false, 0, 10, domain.AskRelayed},
		{"last one allowed", false, 9, 10, domain.AskRelayed},
		{"over the limit", false, 10, 10, domain.AskLimited},
		{"muted wins over the limit", true, 10, 10, domain.AskMuted},
		{"muted", true, 0, 10, domain.AskMuted},
		{"no limit configured", false, 1000, 0, domain.AskRelayed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.DecideAsk(tc.muted, tc.lastHour, tc.limit); got != tc.want {
				t.Errorf("DecideAsk(%v, %d, %d) = %v, want %v", tc.muted, tc.lastHour, tc.limit, got, tc.want)
			}
		})
	}
}

func TestAskRelayReplyForgetPrune(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	coord := register(t, s, 1, "da", domain.RoleCoordinator)
	coord.DisplayName = "Mette Hansen"
	register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "da", domain.RoleCoordinator)
	relay := func(item domain.AskItem, asker domain.Member, to domain.AskTarget) []domain.Outgoing {
		return []domain.Outgoing{{MemberID: to.MemberID, ChatID: to.ChatID, Text: "relay " + item.Text, AskItem: item.ID}}
	}
	queued := func(chat int64) int {
		var n int
		if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM outbox WHERE chat_id = ?`, chat); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("relayed to every coordinator, then to the group", func(t *testing.T) {
		item, out, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "hej?"}, 10, t0, relay)
		if err != nil || out != domain.AskRelayed || item.ID == 0 {
			t.Fatalf("ask: %v %v %+v", err, out, item)
		}
		if queued(1) != 1 || queued(3) != 1 {
			t.Errorf("private relays: %d, %d", queued(1), queued(3))
		}
		if err := s.SetInbox(ctx, -50, "da"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskVoice, SrcChat: 2, SrcMessage: 77}, 10, t0, relay); err != nil {
			t.Fatal(err)
		}
		if queued(-50) != 1 || queued(1) != 1 {
			t.Errorf("group relay %d, private %d", queued(-50), queued(1))
		}
		if dropped, err := s.DropInbox(ctx, -51); err != nil || dropped {
			t.Errorf("dropped another group: %v %v", dropped, err)
		}
		if dropped, err := s.DropInbox(ctx, -50); err != nil || !dropped {
			t.Errorf("inbox not dropped: %v %v", dropped, err)
		}
	})

	t.Run("reply marks answered by first name; done records who", func(t *testing.T) {
		_, before, err := s.AskReply(ctx, 1, coord, domain.AskMessage{Kind: domain.AskText, Text: "Ja"}, t0.Add(time.Minute), func(m domain.Member) []domain.Outgoing {
			return []domain.Outgoing{{MemberID: m.ID, ChatID: m.ChatID, Text: "svar"}}
		})
		if err != nil || before.AnsweredAt != nil {
			t.Fatalf("reply: %v %+v", err, before)
		}
		it, _ := s.AskItem(ctx, 1)
		if it.AnsweredAt == nil || it.CoordinatorName != "Mette" {
			t.Errorf("after reply: %+v", it)
		}
		if b, _ := s.AskDone(ctx, 1, coord, t0); b.DoneAt != nil {
			t.Error("first Done saw it closed")
		}
		if b, _ := s.AskDone(ctx, 1, coord, t0); b.DoneAt == nil || b.DoneByName != "Mette" {
			t.Errorf("second Done: %+v", b)
		}
	})

	t.Run("a coordinator who forgets leaves answers without their name", func(t *testing.T) {
		if err := s.Forget(ctx, 1); err != nil {
			t.Fatal(err)
		}
		h, err := s.AskHistory(ctx, 2, 10)
		if err != nil || len(h) != 3 {
			t.Fatalf("history %v %+v", err, h)
		}
		for _, it := range h {
			if it.CoordinatorName != "" || it.DoneByName != "" {
				t.Errorf("name kept: %+v", it)
			}
		}
	})

	t.Run("over the limit, muted, pruned", func(t *testing.T) {
		if _, out, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, t0, relay); out != domain.AskLimited {
			t.Errorf("outcome %v, want limited", out)
		}
		if _, out, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, t0.Add(2*time.Hour), relay); out != domain.AskRelayed {
			t.Errorf("outcome %v an hour later, want relayed", out)
		}
		if err := s.SetMuted(ctx, 2, 3, true, t0); err != nil {
			t.Fatal(err)
		}
		if _, out, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, t0.Add(5*time.Hour), relay); out != domain.AskMuted {
			t.Errorf("outcome %v, want muted", out)
		}
		if err := s.SetMuted(ctx, 99, 3, true, t0); err == nil {
			t.Error("muted a member who does not exist")
		}
		n, err := s.PruneAsks(ctx, t0.Add(time.Hour))
		if err != nil || n != 3 {
			t.Errorf("pruned %d (%v), want the 3 old ones", n, err)
		}
		if queued(3) != 1 {
			t.Errorf("relays of pruned messages left: %d rows for coordinator 3, want the newer one's", queued(3))
		}
	})

	t.Run("the asker's /forget takes the relays along", func(t *testing.T) {
		if err := s.Forget(ctx, 2); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM outbox WHERE text LIKE 'relay %'`); err != nil || n != 0 {
			t.Errorf("%d relays of a forgotten member left (%v)", n, err)
		}
	})
}
