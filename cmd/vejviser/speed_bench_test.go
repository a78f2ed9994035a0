package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage/domain"
)

// BenchmarkPressesAgainstBareBot measures, in one run and each against its
// own fake Bot API server enforcing Telegram's limits (30 new messages a
// second, a burst of 3 then 1 a second per chat, 20 a minute per group),
// Vejviser beside the smallest bot on the same library (go-telegram/bot,
// default options) that answers a press by editing the message:
//
//   - presses that write an RSVP (❌ and 🤔 in turn on an invitation) at 10,
//     100 and 400 a second spread over 500 members: p99 from the press to
//     the visible edit and to the button's answer (answerCallbackQuery);
//   - households answering in three presses (✅, adults, children), 5 and
//     50 at once: p99 of the whole answer;
//   - the fake's 429s (goal 0), the process's CPU time per press while
//     each bot was pressed (user and system, from getrusage: the bot, its
//     fake and the presses together), and the heap and resident memory
//     after the runs.
//
// Run it once:
//
//	go test -run '^$' -bench PressesAgainstBareBot -benchtime 1x ./cmd/vejviser
func BenchmarkPressesAgainstBareBot(b *testing.B) {
	const members, households = 500, 55
	limits := tgfake.Limits{GlobalPerSecond: 30, PerChatPerSecond: 1, PerChatBurst: outbox.DefaultBurst, GroupPerMinute: 20}
	for range b.N {
		vj := newVejviserRig(b, members+households, limits)
		bare := newBareRig(b, members+households, limits)
		b.ReportMetric(float64(vj.fake.TooManyRequests()), "vejviser-invitations-429s")
		cpu := map[string]time.Duration{} // the process's CPU time while each bot was pressed
		pressed := 0                      // presses made of each bot
		for _, rate := range benchRates {
			n := min(rate*5, 1500)
			pressed += n
			for _, r := range []*pressRig{bare, vj} {
				var edit, answer time.Duration
				cpu[r.name] += cpuOf(b, []*pressRig{bare, vj}, func() { edit, answer = r.presses(b, members, rate, n) })
				b.ReportMetric(ms(edit), fmt.Sprintf("%s-%d/s-edit-p99-ms", r.name, rate))
				b.ReportMetric(ms(answer), fmt.Sprintf("%s-%d/s-answer-p99-ms", r.name, rate))
			}
		}
		for name, d := range cpu {
			b.ReportMetric(ms(d)/float64(pressed), name+"-cpu-ms/press")
		}
		next := members + 1
		for _, at := range []int{5, 50} {
			for _, r := range []*pressRig{bare, vj} {
				b.ReportMetric(ms(r.households(b, next, at)), fmt.Sprintf("%s-%dhouseholds-p99-ms", r.name, at))
			}
			next += at
		}
		for _, r := range []*pressRig{bare, vj} {
			b.ReportMetric(float64(r.fake.TooManyRequests()), r.name+"-429s")
		}
		runtime.GC()
		var mem runtime.MemStats
		runtime.ReadMemStats(&mem)
		b.ReportMetric(float64(mem.HeapAlloc)/(1<<20), "heap-MB-after")
		b.ReportMetric(float64(mem.HeapInuse)/(1<<20), "heap-inuse-MB-after")
		b.ReportMetric(rssMB(), "rss-MB-after")
		vj.stop()
		bare.stop()
	}
}

var benchRates = []int{10, 100, 400}

// cpuTime is the CPU time the process has used so far, user and system:
// both bots and their fakes run in it, so the difference over a bot's
// presses is what that bot, its fake and the presses cost together.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuOf is the process's CPU time while f runs, the garbage f left
// collected within it and none of what came before; the fakes' record of
// calls is dropped first, so the collector does not walk it.
func cpuOf(b *testing.B, rigs []*pressRig, f func()) time.Duration {
	for _, r := range rigs {
		r.fake.ForgetCalls()
	}
	runtime.GC()
	c0 := cpuTime(b)
	f()
	runtime.GC()
	return cpuTime(b) - c0
}

// rssMB is the process's resident memory now (Linux), or at its peak
// where /proc is not there.
func rssMB() float64 {
	if s, err := os.ReadFile("/proc/self/statm"); err == nil {
		if f := strings.Fields(string(s)); len(f) > 1 {
			if pages, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				return float64(pages*int64(os.Getpagesize())) / (1 << 20)
			}
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / (1 << 10) // kilobytes on Linux
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// pressRig is one bot behind its fake, with the edits and answers it made.
type pressRig struct {
	name     string
	fake     *tgfake.Server
	msg      map[int64]tgfake.Message // the message each member presses
	edited   map[int64]chan struct{}  // a successful edit in the chat
	mu       sync.Mutex
	answered map[string]chan struct{} // callback id → answered
	turn     map[int64]int            // presses each member made: ❌ and 🤔 in turn
	stop     func()
}

func newPressRig(name string, n int, limits tgfake.Limits) *pressRig {
	r := &pressRig{name: name, fake: tgfake.New(tgfake.WithLimits(limits)), msg: map[int64]tgfake.Message{},
		edited: map[int64]chan struct{}{}, answered: map[string]chan struct{}{}, turn: map[int64]int{}}
	for m := int64(1); m <= int64(n); m++ {
		r.fake.AddChat(m)
		r.edited[m] = make(chan struct{}, 16)
	}
	r.fake.OnCall(func(c tgfake.Call) {
		if c.Status != 200 {
			return
		}
		switch c.Method {
		case "editMessageText":
			id, _ := strconv.ParseInt(c.Params["chat_id"], 10, 64)
			if ch := r.edited[id]; ch != nil {
				ch <- struct{}{}
			}
		case "answerCallbackQuery":
			r.mu.Lock()
			ch := r.answered[c.Params["callback_query_id"]]
			if ch == nil {
				ch = make(chan struct{}, 1)
				r.answered[c.Params["callback_query_id"]] = ch
			}
			r.mu.Unlock()
			ch <- struct{}{}
		}
	})
	return r
}

func (r *pressRig) answer(id string) chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	ch := r.answered[id]
	if ch == nil {
		ch = make(chan struct{}, 1)
		r.answered[id] = ch
	}
	return ch
}

// press presses data on member m's message and waits for the edit and the
// answer; it returns the times to each.
func (r *pressRig) press(b *testing.B, m int64, data string) (edit, answer time.Duration) {
	t0 := time.Now()
	id := r.fake.PressButton(tgfake.User{ID: m, FirstName: "M"}, r.msg[m].ID, data)
	timeout := time.After(60 * time.Second)
	for done := 0; done < 2; done++ {
		select {
		case <-r.edited[m]:
			edit = time.Since(t0)
		case <-r.answer(id):
			answer = time.Since(t0)
		case <-timeout:
			last, _ := r.fake.LastMessage(m)
			b.Errorf("%s: member %d's press %q not answered within 60 s (edit %v, answer %v); last %q", r.name, m, data, edit, answer, last.Text)
			return
		}
	}
	return edit, answer
}

// presses makes n presses at rate a second, each by a member of 1..members
// without a press of their own in flight, and returns the p99s.
func (r *pressRig) presses(b *testing.B, members, rate, n int) (edit, answer time.Duration) {
	free := make(chan int64, members)
	for _, m := range rand.Perm(members) {
		free <- int64(m + 1)
	}
	var mu sync.Mutex
	var edits, answers []time.Duration
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for range n {
		<-tick.C
		m := <-free
		r.turn[m]++
		k := r.msg[m].Buttons
		if len(k) < 2 {
			b.Fatalf("%s: member %d's message %+v", r.name, m, r.msg[m])
		}
		data := k[1][r.turn[m]%2].Data // ❌ and 🤔 in turn (the bare bot's one button either way)
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, a := r.press(b, m, data)
			mu.Lock()
			edits, answers = append(edits, e), append(answers, a)
			mu.Unlock()
			free <- m
		}()
	}
	wg.Wait()
	return p99(edits), p99(answers)
}

// households has count members from first answer in three presses each,
// all at once, and returns the p99 of the whole answers.
func (r *pressRig) households(b *testing.B, first, count int) time.Duration {
	var mu sync.Mutex
	var totals []time.Duration
	var wg sync.WaitGroup
	for m := int64(first); m < int64(first+count); m++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			r.press(b, m, r.msg[m].Buttons[0][0].Data) // ✅
			for _, n := range []string{"2", "1"} {     // adults, children
				cur, _ := r.fake.LastMessage(m)
				r.press(b, m, buttonData(cur, n))
			}
			mu.Lock()
			totals = append(totals, time.Since(t0))
			mu.Unlock()
		}()
	}
	wg.Wait()
	return p99(totals)
}

func buttonData(m tgfake.Message, label string) string {
	for _, row := range m.Buttons {
		for _, bt := range row {
			if bt.Text == label {
				return bt.Data
			}
		}
	}
	return m.Buttons[0][0].Data
}

func p99(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)*99/100]
}

// newVejviserRig starts Vejviser with Telegram's limits and invites n
// members to one event.
func newVejviserRig(b *testing.B, n int, limits tgfake.Limits) *pressRig {
	r := newPressRig("vejviser", n, limits)
	h := startBotOn(b, r.fake, nopWriter{}, func(c *config, h *hooks) {
		c.LogLevel, c.SendRate = "error", 30
		h.sender = outbox.Config{} // Telegram's limits, as in production
	})
	ctx := context.Background()
	now := time.Now()
	for m := int64(1); m <= int64(n); m++ {
		if _, err := h.store.Register(ctx, domain.Registration{ID: m, ChatID: m, DisplayName: fmt.Sprint("M", m), Language: "da"}, now); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := h.store.CreateEvent(ctx, domain.Event{Key: "bench", Title: "Bench fest", StartsAt: now.Add(72 * time.Hour), EndsAt: now.Add(75 * time.Hour),
		RSVPBy: now.Add(48 * time.Hour)}, nil, now); err != nil {
		b.Fatal(err)
	}
	if _, err := h.app.ClaimEventNotices(ctx, time.Now()); err != nil {
		b.Fatal(err)
	}
	h.sender.Wake()
	if !r.fake.WaitFor(2*time.Minute, func() bool {
		for m := int64(1); m <= int64(n); m++ {
			if len(r.fake.Messages(m)) == 0 {
				return false
			}
		}
		return true
	}) {
		b.Fatalf("not every invitation delivered within 2 minutes")
	}
	for m := int64(1); m <= int64(n); m++ {
		r.msg[m], _ = r.fake.LastMessage(m)
	}
	r.stop = func() { h.stop(); r.fake.Close() }
	return r
}

// newBareRig starts the smallest bot on go-telegram/bot (default options):
// it answers a press and edits the pressed message to a new count.
func newBareRig(b *testing.B, n int, limits tgfake.Limits) *pressRig {
	r := newPressRig("bare", n, tgfake.Limits{})
	var count sync.Map
	handler := func(ctx context.Context, bot *tg.Bot, upd *models.Update) {
		cq := upd.CallbackQuery
		if cq == nil || cq.Message.Message == nil {
			return
		}
		_, _ = bot.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: cq.ID})
		v, _ := count.LoadOrStore(cq.From.ID, new(int))
		p := v.(*int)
		*p++
		_, _ = bot.EditMessageText(ctx, &tg.EditMessageTextParams{ChatID: cq.Message.Message.Chat.ID, MessageID: cq.Message.Message.ID,
			Text: fmt.Sprint("Answer ", *p), ReplyMarkup: bareKeyboard()})
	}
	bot, err := tg.New(r.fake.Token(), tg.WithServerURL(r.fake.URL()), tg.WithDefaultHandler(handler))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	for m := int64(1); m <= int64(n); m++ {
		if _, err := bot.SendMessage(ctx, &tg.SendMessageParams{ChatID: m, Text: "Invitation", ReplyMarkup: bareKeyboard()}); err != nil {
			b.Fatal(err)
		}
		r.msg[m], _ = r.fake.LastMessage(m)
	}
	r.fake.SetLimits(limits) // the invitations went out before the limits: only the presses are measured
	done := make(chan struct{})
	go func() { bot.Start(ctx); close(done) }()
	r.stop = func() { cancel(); <-done; r.fake.Close() }
	return r
}

func bareKeyboard() models.ReplyMarkup {
	row := []models.InlineKeyboardButton{{Text: "1", CallbackData: "a"}, {Text: "2", CallbackData: "b"}}
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{row, row}}
}
