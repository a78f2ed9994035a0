package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// BenchmarkPressesDuringBroadcast measures, in one run and each against its
// own fake Bot API server enforcing Telegram's limits, Vejviser beside the
// smallest bot on the same library while each sends a broadcast to 5,000
// members at the full rate (30 a second):
//
//   - presses that write an RSVP at 10 and then 100 a second, spread over
//     200 members, from 5 s into the broadcast: p99 from the press to the
//     visible edit and to the button's answer (goal: edit ≤ 250 ms);
//   - a reminder to 20 followers that falls due during the broadcast
//     (Vejviser only: the bare bot has no scheduler): from the due time to
//     the first and the last reminder delivered (goal ≤ 2 s);
//   - the broadcast's own rate: members ÷ the time from queueing it to its
//     last delivery, and its ratio to 30 a second (goal ≥ 0.95);
//   - the fake's 429s (goal 0).
//
// The bare bot's broadcast is a loop with a ticker at 30 a second on its own
// client; its presses are answered and edited by its handler as in
// BenchmarkPressesAgainstBareBot. One run takes about seven minutes:
//
//	go test -run '^$' -bench PressesDuringBroadcast -benchtime 1x ./cmd/vejviser
func BenchmarkPressesDuringBroadcast(b *testing.B) {
	limits := tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: outbox.DefaultBurst, GroupPerMinute: 20}
	b.Run("bare", func(b *testing.B) {
		for range b.N {
			bare := newBareRig(b, bcPressers, limits)
			start, ended := bareBroadcaster(b, bare)
			bare.duringBroadcast(b, "bare", start, ended)
			bare.stop()
		}
	})
	b.Run("vejviser", func(b *testing.B) {
		for range b.N {
			benchVejviserBroadcast(b, limits)
		}
	})
}

func benchVejviserBroadcast(b *testing.B, limits tgfake.Limits) {
	vj, h := newBroadcastVejviser(b, limits)
	due, followers := reminderDuringBroadcast(b, h)
	vj.duringBroadcast(b, "vejviser", func() time.Time {
		queued := time.Now()
		if _, n, err := h.store.CreateBroadcast(context.Background(), storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceLanguage, Lang: "ar"},
			Texts: map[string]string{"da": bcText}}, queued); err != nil || n != bcAudience {
			b.Fatalf("broadcast queued %d, err %v", n, err)
		}
		h.sender.Wake()
		return queued
	}, func() bool { return false })
	first, last := deliveries(vj.fake, followers, func(text string) bool { return strings.Contains(text, "Bench Café") })
	if first.IsZero() || first.Before(due) {
		b.Errorf("reminder delivered at %v, due %v", first, due)
	}
	b.ReportMetric(first.Sub(due).Seconds()*1000, "vejviser-reminder-first-ms")
	b.ReportMetric(last.Sub(due).Seconds()*1000, "vejviser-reminder-last-ms")
	vj.stop()
}

const (
	bcPressers  = 200
	bcAudience  = 5000
	bcFollowers = 20
	bcFirst     = 10001 // the broadcast's audience: chats bcFirst.. bcFirst+bcAudience-1
	bcFollower  = 20001 // the reminder's followers
	bcText      = "Bench announcement"
)

func chats(first int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out
}

// duringBroadcast starts the broadcast (start returns when it was queued),
// presses while it goes out, waits for it to end (every member reached, or
// the bare bot's loop done) and reports.
func (r *pressRig) duringBroadcast(b *testing.B, name string, start func() time.Time, ended func() bool) {
	audience := chats(bcFirst, bcAudience)
	queued := start()
	time.Sleep(5 * time.Second) // at full rate
	pressing := time.Now()
	for _, rate := range []int{10, 100} {
		edit, answer := r.presses(b, bcPressers, rate, 15*rate)
		b.ReportMetric(ms(edit), fmt.Sprintf("%s-%d/s-edit-p99-ms", name, rate))
		b.ReportMetric(ms(answer), fmt.Sprintf("%s-%d/s-answer-p99-ms", name, rate))
	}
	pressed := time.Now()
	reached := func() int {
		n := 0
		for _, c := range audience {
			if r.fake.Delivered(c) > 0 {
				n++
			}
		}
		return n
	}
	if !r.fake.WaitFor(10*time.Minute, func() bool { return ended() || reached() == bcAudience }) {
		b.Errorf("%s: the broadcast not done within 10 minutes", name)
	}
	_, last := deliveries(r.fake, audience, func(text string) bool { return text == bcText })
	n := reached()
	b.ReportMetric(float64(bcAudience-n), name+"-broadcast-lost")
	rate := float64(n) / last.Sub(queued).Seconds()
	b.ReportMetric(rate, name+"-broadcast-msgs/s")
	b.ReportMetric(rate/30, name+"-broadcast-ratio")
	// The rate while the presses came and after them: what the presses cost the broadcast.
	before, during, after := 0, 0, 0
	for _, c := range r.fake.Calls() {
		id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		if c.Method != "sendMessage" || c.Status != 200 || id < bcFirst || id >= bcFirst+bcAudience {
			continue
		}
		switch {
		case c.At.Before(pressing):
			before++
		case c.At.Before(pressed):
			during++
		default:
			after++
		}
	}
	b.ReportMetric(float64(before)/pressing.Sub(queued).Seconds(), name+"-broadcast-msgs/s-before-presses")
	b.ReportMetric(float64(during)/pressed.Sub(pressing).Seconds(), name+"-broadcast-msgs/s-during-presses")
	if last.After(pressed) {
		b.ReportMetric(float64(after)/last.Sub(pressed).Seconds(), name+"-broadcast-msgs/s-after-presses")
	}
	b.ReportMetric(float64(r.fake.TooManyRequests()), name+"-429s")
}

// deliveries is the first and last time a message whose text matches was
// delivered into one of chats.
func deliveries(fake *tgfake.Server, chats []int64, match func(string) bool) (first, last time.Time) {
	in := map[int64]bool{}
	for _, c := range chats {
		in[c] = true
	}
	for _, c := range fake.Calls() {
		id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
		if c.Method != "sendMessage" || c.Status != 200 || !in[id] || !match(c.Params["text"]) {
			continue
		}
		if first.IsZero() || c.At.Before(first) {
			first = c.At
		}
		if c.At.After(last) {
			last = c.At
		}
	}
	return first, last
}

// bareBroadcaster makes the bare bot's audience known to its fake and
// returns its broadcast: a loop on its own client sending to each member at
// 30 a second, started in the background, waiting out a 429's retry_after
// and trying again once; and whether the loop is done.
func bareBroadcaster(b *testing.B, r *pressRig) (start func() time.Time, ended func() bool) {
	audience := chats(bcFirst, bcAudience)
	for _, c := range audience {
		r.fake.AddChat(c)
	}
	bot, err := tg.New(r.fake.Token(), tg.WithServerURL(r.fake.URL()), tg.WithSkipGetMe())
	if err != nil {
		b.Fatal(err)
	}
	var done atomic.Bool
	send := func(c int64) error {
		_, err := bot.SendMessage(context.Background(), &tg.SendMessageParams{ChatID: c, Text: bcText})
		return err
	}
	start = func() time.Time {
		go func() {
			defer done.Store(true)
			tick := time.NewTicker(time.Second / 30)
			defer tick.Stop()
			for _, c := range audience {
				<-tick.C
				var wait *tg.TooManyRequestsError
				if err := send(c); errors.As(err, &wait) {
					time.Sleep(time.Duration(wait.RetryAfter) * time.Second)
					_ = send(c)
				}
			}
		}()
		return time.Now()
	}
	return start, done.Load
}

// newBroadcastVejviser starts Vejviser with Telegram's limits, invites
// bcPressers participants to one event, and registers the broadcast's
// audience (volunteers reading Arabic, so the event does not invite them).
func newBroadcastVejviser(b *testing.B, limits tgfake.Limits) (*pressRig, *harness) {
	r := newPressRig("vejviser", bcPressers, limits)
	h := startBotOn(b, r.fake, nopWriter{}, func(c *config, h *hooks) {
		c.LogLevel, c.SendRate = "error", 30
		h.sender = outbox.Config{} // Telegram's limits, as in production
		h.progressEvery = 0        // the progress card's production pace, not the flow tests' 50 ms
	})
	ctx := context.Background()
	now := time.Now()
	register := func(id int64, lang string, role domain.Role) {
		if _, err := h.store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("M", id), Language: lang, Role: role}, now); err != nil {
			b.Fatal(err)
		}
	}
	for m := int64(1); m <= bcPressers; m++ {
		register(m, "da", domain.RoleParticipant)
	}
	if _, err := h.store.CreateEvent(ctx, domain.Event{Key: "bench", Title: "Bench fest", StartsAt: now.Add(72 * time.Hour), EndsAt: now.Add(75 * time.Hour),
		RSVPBy: now.Add(48 * time.Hour), Invite: domain.InviteParticipants}, nil, now); err != nil {
		b.Fatal(err)
	}
	if _, err := h.app.ClaimEventNotices(ctx, now); err != nil {
		b.Fatal(err)
	}
	h.sender.Wake()
	if !r.fake.WaitFor(2*time.Minute, func() bool {
		for m := int64(1); m <= bcPressers; m++ {
			if len(r.fake.Messages(m)) == 0 {
				return false
			}
		}
		return true
	}) {
		b.Fatalf("not every invitation delivered within 2 minutes")
	}
	for m := int64(1); m <= bcPressers; m++ {
		r.msg[m], _ = r.fake.LastMessage(m)
	}
	for _, c := range chats(bcFirst, bcAudience) {
		r.fake.AddChat(c)
		register(c, "ar", domain.RoleVolunteer)
	}
	r.stop = func() { h.stop(); r.fake.Close() }
	return r, h
}

// reminderDuringBroadcast creates a weekly café whose reminder to
// bcFollowers volunteers falls due at a whole minute 20 to 80 s from now
// (the broadcast about to start lasts about 170 s), and returns that time
// and the followers' chats.
func reminderDuringBroadcast(b *testing.B, h *harness) (time.Time, []int64) {
	ctx := context.Background()
	now := time.Now()
	due := now.Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
	start := due.Add(3 * time.Hour).In(cph)
	id, err := h.store.CreateActivity(ctx, domain.Activity{Name: "Bench Café", Schedule: fmt.Sprintf("%d %d * * *", start.Minute(), start.Hour()),
		DurationMin: 60, RemindBeforeMin: 180}, now)
	if err != nil {
		b.Fatal(err)
	}
	followers := chats(bcFollower, bcFollowers)
	for _, m := range followers {
		h.fake.AddChat(m)
		if _, err := h.store.Register(ctx, domain.Registration{ID: m, ChatID: m, Language: "da", Role: domain.RoleVolunteer}, now); err != nil {
			b.Fatal(err)
		}
		if err := h.store.Follow(ctx, []int64{1}, id, m, now); err != nil {
			b.Fatal(err)
		}
	}
	return due, followers
}
