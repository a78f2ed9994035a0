package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage/domain"
)

// BenchmarkReminderDueToFirstMessage measures, on the wall clock, the delay
// from a reminder's due time to the first reminder leaving through the fake
// Bot API server, and to the last of 200 (paced by the sender's 30/s and the
// fake's own limits). Goal: first message out within 1 s of the due time.
// Each run waits for the next minute boundary (reminders are due on whole
// minutes), so run it once:
//
//	go test -run '^$' -bench ReminderDueToFirstMessage -benchtime 1x ./cmd/vejviser
func BenchmarkReminderDueToFirstMessage(b *testing.B) {
	const followers = 200
	for i := 0; i < b.N; i++ {
		fake := tgfake.New()
		var mu sync.Mutex
		var first, last time.Time
		n := 0
		fake.OnCall(func(c tgfake.Call) {
			if c.Method != "sendMessage" || !strings.Contains(c.Params["text"], "Bench Café") {
				return
			}
			mu.Lock()
			if first.IsZero() {
				first = time.Now()
			}
			last = time.Now()
			n++
			mu.Unlock()
		})
		h := startBotOn(b, fake, nopWriter{}, func(c *config, h *hooks) { c.SendRate = 30; c.LogLevel = "error"; h.sender.PerChatRate = 1 })
		ctx := context.Background()
		now := time.Now()
		due := now.Truncate(time.Minute).Add(time.Minute)
		if due.Sub(now) < 3*time.Second {
			due = due.Add(time.Minute)
		}
		start := due.Add(3 * time.Hour).In(cph)
		id, err := h.store.CreateActivity(ctx, domain.Activity{Name: "Bench Café", Schedule: fmt.Sprintf("%d %d * * *", start.Minute(), start.Hour()), DurationMin: 60, RemindBeforeMin: 180}, now)
		if err != nil {
			b.Fatal(err)
		}
		for m := int64(1); m <= followers; m++ {
			fake.AddChat(m)
			if _, err := h.store.Register(ctx, domain.Registration{ID: m, ChatID: m, Language: "da"}, now); err != nil {
				b.Fatal(err)
			}
			if err := h.store.Follow(ctx, []int64{domain.DefaultBranchID}, id, m, now); err != nil {
				b.Fatal(err)
			}
		}
		if !fake.WaitFor(time.Until(due)+30*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return n >= followers }) {
			b.Fatalf("only %d of %d reminders delivered", n, followers)
		}
		mu.Lock()
		b.ReportMetric(first.Sub(due).Seconds()*1000, "ms-to-first")
		b.ReportMetric(last.Sub(due).Seconds(), "s-to-last")
		mu.Unlock()
		h.stop()
		fake.Close()
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
