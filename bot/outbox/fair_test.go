package outbox_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A broadcast to twenty queued while one to five thousand is going out is
// not held behind it: the two take turns, so the twenty are out within a few
// seconds (of the fake clock, at Telegram's 30 a second) rather than after
// the thousands; the big one gives up only as many turns as the small one
// takes, and the fake's limits are never crossed.
func TestSmallBroadcastNotHeldBehindBigOne(t *testing.T) {
	const big, small, startAfter = 5000, 20, 100
	r := newRig(t, true, tgfake.WithLimits(telegramLimits))
	for id := int64(1); id <= big+small; id++ {
		lang := "da"
		if id > big {
			lang = "ar"
		}
		if _, err := r.store.Register(r.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: "m" + strconv.FormatInt(id, 10), Language: lang}, r.now()); err != nil {
			t.Fatal(err)
		}
		r.fake.AddChat(id)
	}
	to := func(lang string) int {
		_, n, err := r.store.CreateBroadcast(r.ctx, storage.NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceLanguage, Lang: lang},
			Texts: map[string]string{"da": "to " + lang}}, r.now())
		if err != nil {
			t.Error(err)
		}
		return n
	}
	if n := to("da"); n != big {
		t.Fatalf("queued %d, want %d", n, big)
	}
	var (
		mu                sync.Mutex
		bigSent, smallOut int
		queuedAt, lastAt  time.Time
		bigMeanwhile      int // messages of the big broadcast sent while the small one was not all out
	)
	r.fake.OnCall(func(c tgfake.Call) {
		if c.Method != "sendMessage" || c.Status != 200 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		switch c.Params["text"] {
		case "to da":
			bigSent++
			if !queuedAt.IsZero() && smallOut < small {
				bigMeanwhile++
			}
			if bigSent == startAfter {
				queuedAt = r.clock.Now()
				if n := to("ar"); n != small {
					t.Errorf("queued %d, want %d", n, small)
				}
			}
		case "to ar":
			smallOut++
			lastAt = c.At
		}
	})
	r.run(nil, outbox.Config{Rate: 30})
	r.waitFor(time.Minute, "the small broadcast to be out", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return smallOut == small
	})
	mu.Lock()
	defer mu.Unlock()
	took := lastAt.Sub(queuedAt)
	t.Logf("the %d out %v after they were queued; meanwhile %d of the big broadcast", small, took, bigMeanwhile)
	if took > 3*time.Second {
		t.Errorf("the small broadcast took %v to go out, want a few seconds", took)
	}
	if bigMeanwhile > 2*small+outbox.DefaultConfig().MaxInFlight {
		t.Errorf("%d of the big broadcast went before the small one's %d were out", bigMeanwhile, small)
	}
	if n := r.fake.TooManyRequests(); n != 0 {
		t.Errorf("%d answers 429", n)
	}
}
