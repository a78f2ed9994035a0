package main

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// doorTaps are twenty taps at the door: people in, a first-timer, and the
// odd undo, ending on a tap that changes the count.
var doorTaps = []string{"adult", "adult", "child", "child", "first", "adult", "undo", "adult", "child", "adult",
	"child", "child", "undo", "adult", "first", "adult", "child", "undo", "adult", "child"}

// headCountRig is a coordinator's head count open in their chat, behind a
// fake enforcing Telegram's limits, with every edit of it the fake applied.
type headCountRig struct {
	h     *harness
	coord tgfake.User
	card  tgfake.Message
	data  string // the taps' callback data without the tap
	act   int64
	slot  time.Time
	want  func(domain.HeadCount) string

	mu    sync.Mutex
	edits []tgfake.Call // successful edits of the card
}

func newHeadCountRig(tb testing.TB) *headCountRig {
	tb.Helper()
	clock := &testClock{t: time.Date(2027, 1, 14, 15, 5, 0, 0, cph)} // Thursday, the café has begun
	fake := tgfake.New(tgfake.WithLimits(tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: outbox.DefaultBurst, GroupPerMinute: 20}))
	tb.Cleanup(fake.Close)
	h := startBotOn(tb, fake, nopWriter{}, withClock(clock), func(c *config, h *hooks) {
		c.LogLevel, c.SendRate = "error", 30
		h.sender = outbox.Config{} // Telegram's limits, as in production
	})
	ctx := context.Background()
	if _, err := h.store.ImportPlan(ctx, storage.Plan{Activities: []domain.Activity{cafe}}, clock.now()); err != nil {
		tb.Fatal(err)
	}
	a, err := h.store.ActivityByKey(ctx, 1, cafe.Key)
	if err != nil {
		tb.Fatal(err)
	}
	coord := tgfake.User{ID: 9701, FirstName: "Mette", LanguageCode: "da"}
	m, err := h.store.Register(ctx, domain.Registration{ID: coord.ID, ChatID: coord.ID, DisplayName: "Mette", Language: "da"}, clock.now())
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := h.store.SetRole(ctx, 1, m.ID, domain.RoleCoordinator, clock.now(), false); err != nil {
		tb.Fatal(err)
	}
	cat, err := locales.New(cph)
	if err != nil {
		tb.Fatal(err)
	}
	D := cat.For("da")
	fake.SendText(coord, "/count")
	h.waitText(coord, D.T("CountPick", nil))
	if _, err := fake.Press(coord, cafe.Name); err != nil {
		tb.Fatal(err)
	}
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	r := &headCountRig{h: h, coord: coord, card: h.waitText(coord, D.T("CountHead", locales.Data{"Title": cafe.Name})),
		data: "1:hc:" + strconv.FormatInt(a.ID, 10) + ":" + strconv.FormatInt(slot.Unix(), 10) + ":", act: a.ID, slot: slot,
		want: func(c domain.HeadCount) string {
			return D.T("CountLines", locales.Data{"Adults": c.Adults, "Children": c.Children, "First": c.FirstTime, "Total": c.Total()})
		}}
	fake.OnCall(func(c tgfake.Call) {
		if c.Method == "editMessageText" && c.Status == 200 && c.Params["message_id"] == strconv.Itoa(r.card.ID) {
			r.mu.Lock()
			r.edits = append(r.edits, c)
			r.mu.Unlock()
		}
	})
	return r
}

// tapTwenty taps doorTaps over span, one every span/20, waits until every
// tap is answered and every edit it queued has reached Telegram, and
// returns when the last tap was made, the card's last edit, how many edits
// the taps made and the count stored.
func (r *headCountRig) tapTwenty(tb testing.TB, span time.Duration) (lastTap time.Time, last tgfake.Call, edits int, stored domain.HeadCount) {
	tb.Helper()
	r.mu.Lock()
	before := len(r.edits)
	r.mu.Unlock()
	tick := time.NewTicker(span / time.Duration(len(doorTaps)))
	defer tick.Stop()
	ids := make([]string, 0, len(doorTaps))
	for _, tap := range doorTaps {
		<-tick.C
		ids = append(ids, r.h.fake.PressButton(r.coord, r.card.ID, r.data+tap))
		lastTap = time.Now()
	}
	for _, id := range ids {
		r.h.waitAnswered(id)
	}
	r.h.app.Wait() // the handlers, then every edit they queued
	stored, err := r.h.store.HeadCountOf(context.Background(), []int64{1}, r.act, r.slot)
	if err != nil {
		tb.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.edits) == before {
		tb.Fatalf("twenty taps made no edit")
	}
	last = r.edits[len(r.edits)-1]
	if shown, _ := r.h.fake.LastMessage(r.coord.ID); shown.ID != r.card.ID || !strings.Contains(shown.Text, r.want(stored)) ||
		!strings.Contains(last.Params["text"], r.want(stored)) {
		tb.Fatalf("after twenty taps the card shows\n%s\n(last edit %q) but the store holds %+v", shown.Text, last.Params["text"], stored)
	}
	return lastTap, last, len(r.edits) - before, stored
}

// TestTwentyHeadCountTapsEndOnTheStoredCount: twenty taps in five seconds
// under Telegram's limits (a burst of three, then one call a second in the
// chat) leave the card showing the stored count, without a 429.
func TestTwentyHeadCountTapsEndOnTheStoredCount(t *testing.T) {
	r := newHeadCountRig(t)
	_, _, edits, stored := r.tapTwenty(t, 5*time.Second)
	if stored.Total() == 0 {
		t.Errorf("nothing counted: %+v", stored)
	}
	if n := r.h.fake.TooManyRequests(); n > 0 {
		t.Errorf("%d 429s", n)
	}
	t.Logf("%d edits for twenty taps", edits)
}

// BenchmarkHeadCountTwentyTaps: a head count tapped twenty times in five
// seconds under Telegram's limits ends on the stored count; it reports how
// long after the last tap that final edit reached Telegram (goal ≤ 1 s),
// how many edits the taps made and the fake's 429s.
//
//	go test -run '^$' -bench HeadCountTwentyTaps -benchtime 3x ./cmd/vejviser
func BenchmarkHeadCountTwentyTaps(b *testing.B) {
	r := newHeadCountRig(b)
	var worst time.Duration
	edits := 0
	for range b.N {
		lastTap, last, n, _ := r.tapTwenty(b, 5*time.Second)
		worst = max(worst, last.At.Sub(lastTap))
		edits += n
	}
	b.ReportMetric(ms(worst), "final-edit-after-last-tap-ms")
	b.ReportMetric(float64(edits)/float64(b.N), "edits/20taps")
	b.ReportMetric(float64(r.h.fake.TooManyRequests()), "429s")
}
