package chat

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// TestEditsOfOneCardFromManyPeopleEndOnTheStore: two dozen people act at
// once, each storing something a coordinator's card counts and queueing an
// edit of that one card, their handlers taking a moment between storing and
// queueing as real ones do. The card's edits reach Telegram in an order
// that never goes back (no edit older than one sent before it), fewer than
// one per person, and the last shows what is stored.
func TestEditsOfOneCardFromManyPeopleEndOnTheStore(t *testing.T) {
	const tok, coord, people = "1:lane", int64(900), 24
	fake := tgfake.New(tgfake.WithToken(tok))
	t.Cleanup(fake.Close)
	fake.AddChat(coord)
	b, err := tg.New(tok, tg.WithServerURL(fake.URL()), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := storage.Open(ctx, filepath.Join(t.TempDir(), "lane.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	env := &Env{Store: st, Log: slog.New(slog.DiscardHandler), Now: time.Now, Wake: func() {}}
	card, err := b.SendMessage(ctx, &tg.SendMessageParams{ChatID: coord, Text: "0"})
	if err != nil {
		t.Fatal(err)
	}
	stored := func(ctx context.Context) int {
		ms, err := st.MembersWithRole(ctx, domain.RoleParticipant)
		if err != nil {
			t.Error(err)
		}
		return len(ms)
	}
	var mu sync.Mutex
	var shown []int // the count of each edit of the card, as it arrived
	fake.SetFaultFunc(func(method string, chatID int64) *tgfake.Fault {
		if method == "editMessageText" && chatID == coord {
			time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond) // a slow network
		}
		return nil
	})
	fake.OnCall(func(c tgfake.Call) {
		if c.Method == "editMessageText" && c.Status == 200 {
			n, _ := strconv.Atoi(c.Params["text"])
			mu.Lock()
			shown = append(shown, n)
			mu.Unlock()
		}
	})

	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := int64(1000 + i)
			r := &Request{Ctx: ctx, Env: env, ChatID: id, out: telegramOut{b}}
			if _, err := st.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "P", Language: "da", Role: domain.RoleParticipant}, time.Now()); err != nil {
				t.Error(err)
			}
			time.Sleep(time.Duration(rand.IntN(10)) * time.Millisecond) // the rest of the handler
			r.EditLater(coord, "card", func(ctx context.Context) (Effect, bool) {
				return Effect{MessageID: card.ID, Text: strconv.Itoa(stored(ctx))}, true
			})
		}()
	}
	wg.Wait()
	env.Drain()

	mu.Lock()
	defer mu.Unlock()
	want := stored(ctx)
	if want != people || len(shown) == 0 || shown[len(shown)-1] != want {
		t.Fatalf("the card's edits showed %v; the store holds %d", shown, want)
	}
	for i := 1; i < len(shown); i++ {
		if shown[i] < shown[i-1] {
			t.Errorf("edit %d showed %d after %d: an older state after a newer one (%v)", i, shown[i], shown[i-1], shown)
		}
	}
	if len(shown) >= people {
		t.Errorf("%d edits for %d people: waiting edits were not folded", len(shown), people)
	}
	t.Logf("%d people, %d edits: %v", people, len(shown), shown)
}
