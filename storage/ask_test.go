package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"strings"
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

// askRow is an outbox row of "Ask us" as the tests read it.
type askRow struct {
	MemberID    sql.NullInt64 `db:"member_id"`
	Kind        string        `db:"kind"`
	Priority    int           `db:"priority"`
	Text        string        `db:"text"`
	Notice      string        `db:"notice"`
	Values      string        `db:"notice_values"`
	Language    string        `db:"language"`
	CopyChat    sql.NullInt64 `db:"copy_chat"`
	CopyMessage sql.NullInt64 `db:"copy_message"`
	AskItem     sql.NullInt64 `db:"ask_item"`
	ExpiresAt   *time.Time    `db:"expires_at"`
}

func askRows(t *testing.T, s *Store, chat int64) []askRow {
	t.Helper()
	var rows []askRow
	if err := s.r.SelectContext(context.Background(), &rows, `SELECT member_id, kind, priority, text, notice, notice_values, language,
		copy_chat, copy_message, ask_item, expires_at FROM outbox WHERE chat_id = ? ORDER BY id`, chat); err != nil {
		t.Fatal(err)
	}
	return rows
}

// decode reads a notice row's values into v, failing on any other kind.
func decode(t *testing.T, r askRow, kind string, v any) {
	t.Helper()
	if r.Notice != kind || r.Text != "" || r.Kind != domain.KindNotice || r.Priority != domain.PriorityNotice || r.ExpiresAt != nil {
		t.Fatalf("row %+v, want a notice %s that does not expire", r, kind)
	}
	if err := json.Unmarshal([]byte(r.Values), v); err != nil {
		t.Fatalf("values %s: %v", r.Values, err)
	}
}

func TestAskRelayReplyForgetPrune(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	coord := register(t, s, 1, "da", domain.RoleCoordinator)
	coord.DisplayName = "Mette Hansen"
	amina := register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "da", domain.RoleCoordinator)
	queued := func(chat int64) int { // relays and their copies, not the notices about the inbox
		n := 0
		for _, r := range askRows(t, s, chat) {
			if r.AskItem.Valid {
				n++
			}
		}
		return n
	}

	t.Run("relayed to every coordinator, then to the group", func(t *testing.T) {
		item, out, targets, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "hej?"}, 10, domain.AskBurstWindow, t0)
		if err != nil || out != domain.AskRelayed || item.ID == 0 || targets != 2 {
			t.Fatalf("ask: %v %v %d %+v", err, out, targets, item)
		}
		if queued(1) != 1 || queued(3) != 1 {
			t.Errorf("private relays: %d, %d", queued(1), queued(3))
		}
		want := domain.AskRelayValues{Item: item.ID, Kind: domain.AskText, Text: "hej?", Asker: domain.AskAsker{
			ID: 2, DisplayName: amina.DisplayName, Language: "ar", Role: domain.RoleParticipant, Since: amina.CreatedAt}}
		for _, c := range []int64{1, 3} {
			r := askRows(t, s, c)[0]
			var got domain.AskRelayValues
			decode(t, r, domain.NoticeAskRelay, &got)
			if r.MemberID.Int64 != c || r.AskItem.Int64 != item.ID || r.Language != "" || !reflect.DeepEqual(got, want) {
				t.Errorf("relay to %d: %+v %+v, want %+v", c, r, got, want)
			}
		}
		if err := s.SetInbox(ctx, domain.DefaultBranchID, -50, "Koordinatorer", "da", coord, t0); err != nil {
			t.Fatal(err)
		}
		voice, _, targets, err := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskVoice, SrcChat: 2, SrcMessage: 77}, 10, domain.AskBurstWindow, t0.Add(domain.AskBurstWindow+time.Second))
		if err != nil || targets != 1 {
			t.Fatal(err, targets)
		}
		if queued(-50) != 2 || queued(1) != 1 {
			t.Errorf("group relay %d rows, private %d", queued(-50), queued(1))
		}
		group := askRows(t, s, -50)
		if c := group[0]; c.CopyChat.Int64 != 2 || c.CopyMessage.Int64 != 77 || c.Notice != "" || c.MemberID.Valid || c.AskItem.Int64 != voice.ID {
			t.Errorf("the voice message is not copied first: %+v", c)
		}
		var got domain.AskRelayValues
		decode(t, group[1], domain.NoticeAskRelay, &got)
		if group[1].MemberID.Valid || group[1].Language != "da" || group[1].AskItem.Int64 != voice.ID || got.Kind != domain.AskVoice || got.Item != voice.ID {
			t.Errorf("group relay %+v %+v", group[1], got)
		}
		if dropped, err := s.DropInbox(ctx, -51); err != nil || dropped {
			t.Errorf("dropped another group: %v %v", dropped, err)
		}
		if dropped, err := s.DropInbox(ctx, -50); err != nil || !dropped {
			t.Errorf("inbox not dropped: %v %v", dropped, err)
		}
	})

	t.Run("reply marks answered by first name; done records who", func(t *testing.T) {
		bold := json.RawMessage(`[{"type":"bold","offset":0,"length":2}]`)
		_, before, err := s.AskReply(ctx, 1, []int64{domain.DefaultBranchID}, coord, domain.AskMessage{Kind: domain.AskText, Text: "Ja"}, bold, t0.Add(time.Minute))
		if err != nil || before.AnsweredAt != nil {
			t.Fatalf("reply: %v %+v", err, before)
		}
		rows := askRows(t, s, 2)
		var got domain.AskAnswerValues
		if len(rows) != 1 {
			t.Fatalf("answer rows %+v", rows)
		}
		decode(t, rows[0], domain.NoticeAskAnswer, &got)
		if rows[0].MemberID.Int64 != 2 || got.Coordinator != "Mette" || got.Text != "Ja" || string(got.Entities) != string(bold) {
			t.Errorf("answer %+v %+v", rows[0], got)
		}
		it, _ := s.AskItem(ctx, 1, []int64{domain.DefaultBranchID})
		if it.AnsweredAt == nil || it.CoordinatorName != "Mette" {
			t.Errorf("after reply: %+v", it)
		}
		if b, _ := s.AskDone(ctx, 1, []int64{domain.DefaultBranchID}, coord, t0); b.DoneAt != nil {
			t.Error("first Done saw it closed")
		}
		if b, _ := s.AskDone(ctx, 1, []int64{domain.DefaultBranchID}, coord, t0); b.DoneAt == nil || b.DoneByName != "Mette" {
			t.Errorf("second Done: %+v", b)
		}
	})

	t.Run("a coordinator who forgets leaves answers without their name", func(t *testing.T) {
		if err := s.Forget(ctx, 1, t0); err != nil {
			t.Fatal(err)
		}
		h, err := s.AskHistory(ctx, 2, []int64{domain.DefaultBranchID}, 10)
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
		if _, out, _, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, domain.AskBurstWindow, t0); out != domain.AskLimited {
			t.Errorf("outcome %v, want limited", out)
		}
		if _, out, _, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, domain.AskBurstWindow, t0.Add(2*time.Hour)); out != domain.AskRelayed {
			t.Errorf("outcome %v an hour later, want relayed", out)
		}
		if err := s.SetMuted(ctx, 2, []int64{domain.DefaultBranchID}, 3, true, t0); err != nil {
			t.Fatal(err)
		}
		if _, out, _, _ := s.Ask(ctx, 2, domain.AskMessage{Kind: domain.AskText, Text: "x"}, 2, domain.AskBurstWindow, t0.Add(5*time.Hour)); out != domain.AskMuted {
			t.Errorf("outcome %v, want muted", out)
		}
		if err := s.SetMuted(ctx, 99, []int64{domain.DefaultBranchID}, 3, true, t0); err == nil {
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
		if err := s.Forget(ctx, 2, t0); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM outbox WHERE notice = ? OR copy_chat = 2`, domain.NoticeAskRelay); err != nil || n != 0 {
			t.Errorf("%d relays of a forgotten member left (%v)", n, err)
		}
	})
}

// A coordinator's voice note goes as the notice alone (no text: the intro)
// and then a copy of it.
func TestAskAnswerWithMedia(t *testing.T) {
	asker := domain.Member{ID: 2, ChatID: 20}
	out, err := answerOut(asker, domain.Member{DisplayName: "Carl Berg"}, domain.AskMessage{Kind: domain.AskVoice, SrcChat: 1, SrcMessage: 4}, nil)
	if err != nil || len(out) != 2 {
		t.Fatalf("%+v %v", out, err)
	}
	var v domain.AskAnswerValues
	if err := json.Unmarshal(out[0].Values, &v); err != nil || out[0].Notice != domain.NoticeAskAnswer || out[0].ChatID != 20 ||
		v.Coordinator != "Carl" || v.Text != "" || v.Entities != nil || strings.Contains(string(out[0].Values), "Text") {
		t.Errorf("notice %+v %+v %v", out[0], v, err)
	}
	if c := out[1]; c.CopyChat != 1 || c.CopyMessage != 4 || c.ChatID != 20 || c.MemberID != 2 || c.Notice != "" || c.Kind != domain.KindNotice {
		t.Errorf("copy %+v", c)
	}
}
