package chat

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/tgfake"
)

// turnBudget holds the first edit that waits for its chat (for its turn or
// for the budget itself) until release is closed.
type turnBudget struct {
	once    sync.Once
	waiting chan struct{}
	release chan struct{}
}

func (b *turnBudget) hold() {
	b.once.Do(func() {
		close(b.waiting)
		<-b.release
	})
}

func (b *turnBudget) Direct(context.Context, int64) (func(), error) { return func() {}, nil }
func (b *turnBudget) Edit(context.Context, int64) (func(), error) {
	b.hold()
	return func() {}, nil
}
func (b *turnBudget) Throttled(int64, time.Duration) {}
func (b *turnBudget) EditTurn(context.Context, int64) error {
	b.hold()
	return nil
}

// An edit waiting for its chat's turn still takes newer states of its
// message: taps made while it waits go out as one edit showing the newest,
// not the waiting one and then another.
func TestWaitingEditTakesTheNewestState(t *testing.T) {
	fake := tgfake.New()
	defer fake.Close()
	fake.AddChat(5)
	ctx := context.Background()
	b, err := tg.New(fake.Token(), tg.WithServerURL(fake.URL()), tg.WithSkipGetMe())
	if err != nil {
		t.Fatal(err)
	}
	m, err := b.SendMessage(ctx, &tg.SendMessageParams{ChatID: 5, Text: "count 0"})
	if err != nil {
		t.Fatal(err)
	}
	budget := &turnBudget{waiting: make(chan struct{}), release: make(chan struct{})}
	env := &Env{Log: slog.New(slog.DiscardHandler)}
	env.SetBudget(budget)
	edit := func(text string) {
		env.lanes.enqueue(&job{out: telegramOut{b: b}, env: env, ctx: ctx, e: Effect{Kind: Edit, ChatID: 5, MessageID: m.ID, Text: text}})
	}
	edit("count 1")
	<-budget.waiting
	edit("count 2")
	edit("count 3")
	close(budget.release)
	env.Drain()
	if n := fake.CallCount("editMessageText"); n != 1 {
		t.Errorf("%d edits, want one with the newest count", n)
	}
	if last, _ := fake.LastMessage(5); last.Text != "count 3" {
		t.Errorf("the message shows %q, want count 3", last.Text)
	}
}
