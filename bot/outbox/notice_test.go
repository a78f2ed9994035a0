package outbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/bot/outbox"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// renderer renders one kind, "test.hello", as "hello <values>"; any other
// kind is unknown to it.
type renderer struct{}

func (renderer) Render(_ context.Context, msg storage.OutboxMessage) (outbox.Rendered, error) {
	if msg.Notice != noticeHello {
		return outbox.Rendered{}, errors.New("unknown kind")
	}
	return outbox.Rendered{Text: "hello " + msg.Values, Buttons: [][]domain.Button{{{Text: "ok", Data: "1:m:help"}}}}, nil
}

var (
	noticeHello   = domain.DeclareNotice("test.hello", domain.ClassNotice)
	noticeUnknown = domain.DeclareNotice("test.unrendered", domain.ClassNotice)
)

// A notice row is rendered when it leaves; one nobody can render fails
// loudly (failed with reason "render", counted) and holds up nothing else.
func TestNoticesRenderedWhenTheyLeave(t *testing.T) {
	r := newRig(t, false)
	r.members(1, 3)
	hello, err := domain.NewNotice(noticeHello, domain.Member{ID: 1, ChatID: 1}, "Amina")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := domain.NewNotice(noticeUnknown, domain.Member{ID: 2, ChatID: 2}, 42)
	if err != nil {
		t.Fatal(err)
	}
	r.enqueue(hello, bad, notice(3, "plain text"))
	s := outbox.New(r.store, r.api, outbox.Config{}, nil, nil)
	s.SetRenderer(renderer{})
	run := r.runSender(s)
	c := r.waitSettled(10 * time.Second)
	if c[storage.StateSent] != 2 || c[storage.StateFailed] != 1 {
		t.Fatalf("outbox %v, want 2 sent and 1 failed", c)
	}
	texts := map[int64]string{}
	for _, call := range r.sends() {
		texts[chatOf(call)] = call.Params["text"]
	}
	if texts[1] != `hello "Amina"` || texts[3] != "plain text" || texts[2] != "" {
		t.Errorf("sent %v", texts)
	}
	if got := run.Stats().Unrendered; got != 1 {
		t.Errorf("Unrendered = %d, want 1", got)
	}
	// A sent notice keeps what it said, as a text row does (/mydata shows it).
	var said, buttons string
	if err := r.raw.QueryRow(`SELECT text, buttons FROM outbox WHERE chat_id = 1`).Scan(&said, &buttons); err != nil ||
		said != `hello "Amina"` || buttons != `[[{"text":"ok","data":"1:m:help"}]]` {
		t.Errorf("the sent notice's row says %q %q (%v)", said, buttons, err)
	}
	var reason string
	if err := r.raw.QueryRow(`SELECT error FROM outbox WHERE chat_id = 2`).Scan(&reason); err != nil || reason != "render" {
		t.Errorf("the unrendered row's error is %q (%v)", reason, err)
	}
}

// Without a renderer, a notice row fails the same way.
func TestNoticeWithoutRendererFails(t *testing.T) {
	r := newRig(t, false)
	r.members(1, 1)
	hello, _ := domain.NewNotice(noticeHello, domain.Member{ID: 1, ChatID: 1}, "x")
	r.enqueue(hello)
	r.run(nil, outbox.Config{})
	if c := r.waitSettled(10 * time.Second); c[storage.StateFailed] != 1 {
		t.Fatalf("outbox %v", c)
	}
}

// A 429 on a reply holds that reply's chat only: the others go on at once.
func TestThrottledReplyHoldsItsChatOnly(t *testing.T) {
	r := newRig(t, false)
	s := outbox.New(r.store, r.api, outbox.Config{}, nil, nil)
	s.Throttled(1, time.Minute)
	if !s.PausedUntil().IsZero() {
		t.Fatal("a 429 for one chat paused all sending")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	done, err := s.Direct(ctx, 2)
	if err != nil {
		t.Fatalf("chat 2 was held too: %v", err)
	}
	done()
	held, cancelHeld := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancelHeld()
	if done, err := s.Direct(held, 1); err == nil {
		done()
		t.Error("chat 1 was not held after its 429")
	}
}
