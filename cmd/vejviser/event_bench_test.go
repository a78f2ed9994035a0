package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// BenchmarkEventAnswers has 2,000 households answer one event through the
// fake Bot API server, each in three taps (✅, adults, children) waiting
// for the bot's edit before the next, 100 at a time. It reports the tap-to-
// reply time (press until the bot edits the message) at p50 and p99, the
// time all 6,000 taps took, and checks that the counts add up: every
// household is coming or waiting, the seats taken never exceed the
// capacity, and the heads recorded are the heads tapped. Run it once:
//
//	go test -run '^$' -bench EventAnswers -benchtime 1x ./cmd/vejviser
func BenchmarkEventAnswers(b *testing.B) {
	const households, workers, capacity = 2000, 100, 3000
	for i := 0; i < b.N; i++ {
		fake := tgfake.New()
		var mu sync.Mutex
		edited := map[int64]chan struct{}{}
		for m := int64(1); m <= households; m++ {
			fake.AddChat(m)
			edited[m] = make(chan struct{}, 8)
		}
		fake.OnCall(func(c tgfake.Call) {
			if c.Method != "editMessageText" || c.Status != 200 {
				return
			}
			id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
			mu.Lock()
			ch := edited[id]
			mu.Unlock()
			if ch != nil {
				ch <- struct{}{}
			}
		})
		h := startBotOn(b, fake, nopWriter{}, func(c *config, h *hooks) { c.LogLevel = "error"; c.SendRate = 1000 })
		ctx := context.Background()
		now := time.Now()
		for m := int64(1); m <= households; m++ {
			if _, err := h.store.Register(ctx, domain.Registration{ID: m, ChatID: m, DisplayName: fmt.Sprint("H", m), Language: []string{"da", "ar", "ti", "en"}[m%4]}, now); err != nil {
				b.Fatal(err)
			}
		}
		c := capacity
		if _, err := h.store.CreateEvent(ctx, domain.Event{Key: "bench", Title: "Bench fest", StartsAt: now.Add(72 * time.Hour), EndsAt: now.Add(75 * time.Hour),
			RSVPBy: now.Add(48 * time.Hour), Capacity: &c}, nil, now); err != nil {
			b.Fatal(err)
		}
		if _, err := h.app.ClaimEventNotices(ctx, time.Now()); err != nil {
			b.Fatal(err)
		}
		h.sender.Wake()
		if !fake.WaitFor(2*time.Minute, func() bool { return fake.CallCount("sendMessage") >= households }) {
			b.Fatalf("only %d invitations delivered", fake.CallCount("sendMessage"))
		}
		invitation := map[int64]tgfake.Message{}
		for m := int64(1); m <= households; m++ {
			msgs := fake.Messages(m)
			if len(msgs) != 1 {
				b.Fatalf("household %d has %d messages", m, len(msgs))
			}
			invitation[m] = msgs[0]
		}
		var lat []time.Duration
		var latMu sync.Mutex
		tap := func(u tgfake.User, msgID int, data string) {
			t0 := time.Now()
			fake.PressButton(u, msgID, data)
			select {
			case <-edited[u.ID]:
			case <-time.After(30 * time.Second):
				b.Errorf("household %d: no reply within 30 s", u.ID)
				return
			}
			latMu.Lock()
			lat = append(lat, time.Since(t0))
			latMu.Unlock()
		}
		find := func(m tgfake.Message, label string) string {
			for _, r := range m.Buttons {
				for _, bt := range r {
					if bt.Text == label {
						return bt.Data
					}
				}
			}
			return ""
		}
		wantHeads := 0
		jobs := make(chan int64)
		var wg sync.WaitGroup
		b.ResetTimer()
		began := time.Now()
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for m := range jobs {
					u := tgfake.User{ID: m, FirstName: fmt.Sprint("H", m)}
					inv := invitation[m]
					adults, children := 1+int(m%3), int(m%4)
					tap(u, inv.ID, inv.Buttons[0][0].Data) // ✅
					cur, _ := fake.LastMessage(m)
					tap(u, inv.ID, find(cur, strconv.Itoa(adults)))
					cur, _ = fake.LastMessage(m)
					tap(u, inv.ID, find(cur, strconv.Itoa(children)))
				}
			}()
		}
		for m := int64(1); m <= households; m++ {
			wantHeads += 1 + int(m%3) + int(m%4)
			jobs <- m
		}
		close(jobs)
		wg.Wait()
		took := time.Since(began)
		b.StopTimer()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		if len(lat) != 3*households {
			b.Fatalf("%d replies to %d taps", len(lat), 3*households)
		}
		is, err := h.store.Invitations(ctx, []int64{domain.DefaultBranchID}, mustEventID(b, h.store, "bench"))
		if err != nil {
			b.Fatal(err)
		}
		t := domain.TallyAnswers(is)
		if t.Households["yes"]+t.Households["waiting"] != households || t.Heads["yes"] > capacity || t.Heads["yes"]+t.Heads["waiting"] != wantHeads {
			b.Fatalf("counts do not add up: %+v (want %d households, %d heads, at most %d seated)", t, households, wantHeads, capacity)
		}
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-p50")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "ms-p99")
		b.ReportMetric(took.Seconds(), "s-all-taps")
		b.ReportMetric(float64(t.Households["yes"]), "coming")
		b.ReportMetric(float64(t.Households["waiting"]), "waiting")
		h.stop()
		fake.Close()
	}
}

func mustEventID(b *testing.B, s *storage.Store, key string) int64 {
	es, err := s.Events(context.Background(), []int64{domain.DefaultBranchID}, time.Time{})
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range es {
		if e.Key == key {
			return e.ID
		}
	}
	b.Fatalf("no event %q", key)
	return 0
}
