package outbox_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
)

// Telegram's limits as the fake enforces them: 30 messages/s for the bot,
// about 1/s per private chat with short bursts, 20/min per group.
var telegramLimits = tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, GroupPerMinute: 20}

// The broadcast benchmarks send one broadcast per run, however large b.N
// is: one run is the measurement (minutes at Telegram's limit). Run them with
// -benchtime=1x, e.g.
//
//	go test -run '^$' -bench 'Broadcast1000|Ceiling' -benchtime=1x ./bot/outbox/
//
// Each reports msgs/s (members ÷ time from the sender's start to the last
// delivery), ratio_to_limit (msgs/s ÷ the configured rate; goal ≥ 0.97),
// 429s (answers the fake's limits provoked; goal 0), lost (members without
// the message) and duplicated (extra copies), both with goal 0, and the most
// calls the sender had in flight. The fake answers each call after the
// given latency, as Telegram does from Europe (about 50–300 ms).

var latencies = []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond}

// BenchmarkBroadcast5000AtTelegramLimit broadcasts to 5,000 members at 30/s
// at each latency: about 170 s each.
func BenchmarkBroadcast5000AtTelegramLimit(b *testing.B) {
	for _, l := range latencies {
		b.Run(fmt.Sprintf("latency=%v", l), func(b *testing.B) {
			benchBroadcast(b, 5000, l, &telegramLimits, outbox.Config{Rate: 30})
		})
	}
}

// BenchmarkBroadcast1000AtTelegramLimit is the same with 1,000 members: about 34 s each.
func BenchmarkBroadcast1000AtTelegramLimit(b *testing.B) {
	for _, l := range latencies {
		b.Run(fmt.Sprintf("latency=%v", l), func(b *testing.B) {
			benchBroadcast(b, 1000, l, &telegramLimits, outbox.Config{Rate: 30})
		})
	}
}

// BenchmarkSenderAt1000 raises the limit to 1,000/s against a fake without
// limits or latency. The guard that keeps a margin from Telegram's windows
// is set to nothing: there is no window to keep from.
func BenchmarkSenderAt1000(b *testing.B) {
	benchBroadcast(b, 5000, 0, nil, outbox.Config{Rate: 1000, PerChatRate: 1000, PerChatBurst: 10, Guard: time.Nanosecond})
}

// BenchmarkSenderCeiling raises the limit to 5,000/s, out of the way, to
// find what the sender itself (SQLite writes, HTTP) can do.
func BenchmarkSenderCeiling(b *testing.B) {
	benchBroadcast(b, 5000, 0, nil, outbox.Config{Rate: 5000, PerChatRate: 1000, PerChatBurst: 10, Guard: time.Nanosecond})
}

func benchBroadcast(b *testing.B, members int, latency time.Duration, limits *tgfake.Limits, cfg outbox.Config) {
	b.StopTimer()
	opts := []tgfake.Option{tgfake.WithLatency(latency)}
	if limits != nil {
		opts = append(opts, tgfake.WithLimits(*limits))
	}
	r := newRig(b, false, opts...)
	setup := time.Now()
	r.members(1, int64(members))
	if n := r.broadcast("benchmark"); n != members {
		b.Fatalf("queued %d messages, want %d", n, members)
	}
	b.Logf("setup: %d members and the broadcast in %v", members, time.Since(setup).Round(time.Millisecond))

	var (
		mu   sync.Mutex
		ok   int
		last time.Time
	)
	r.fake.OnCall(func(c tgfake.Call) {
		if c.Method == "sendMessage" && c.Status == 200 {
			mu.Lock()
			ok++
			last = time.Now()
			mu.Unlock()
		}
	})

	b.StartTimer()
	start := time.Now()
	s := r.run(nil, cfg)
	budget := time.Duration(float64(members)/cfg.Rate*float64(time.Second))*2 + time.Minute
	finished := r.fake.WaitFor(budget, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return ok >= members
	})
	// Let a duplicate, if any, show itself before the sender stops.
	settle, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	if err := s.Settled(settle); err != nil {
		b.Error(err)
	}
	cancel()
	if err := s.stop(); err != nil {
		b.Error(err)
	}
	b.StopTimer()

	mu.Lock()
	elapsed := last.Sub(start)
	mu.Unlock()
	if !finished {
		b.Errorf("not finished within %v", budget)
	}
	lost, dup := 0, 0
	for id := int64(1); id <= int64(members); id++ {
		switch n := r.fake.Delivered(id); {
		case n == 0:
			lost++
		case n > 1:
			dup += n - 1
		}
	}
	rate := float64(members-lost) / elapsed.Seconds()
	b.ReportMetric(rate, "msgs/s")
	b.ReportMetric(rate/cfg.Rate, "ratio_to_limit")
	b.ReportMetric(float64(r.fake.TooManyRequests()), "429s")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(dup), "duplicated")
	b.ReportMetric(float64(s.Stats().MaxInFlight), "max_in_flight")
	st := s.Stats()
	c := r.counts()
	b.Logf("%d members at a limit of %g/s: last delivery after %v; stats %+v; outbox %v",
		members, cfg.Rate, elapsed.Round(time.Millisecond), st, c)
	if lost > 0 || dup > 0 || c[storage.StateSent] != members {
		b.Errorf("lost %d, duplicated %d, outbox %v", lost, dup, c)
	}
}
