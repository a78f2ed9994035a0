package bot

import (
	"context"
	"errors"
	"time"

	tg "github.com/go-telegram/bot"
)

// Budget is Telegram's limits shared by everything the bot sends: the
// outbox sender (*outbox.Sender) implements it, so that replies and edits
// count against the same overall and per-chat windows as the messages it
// sends, and go before them.
type Budget interface {
	// Direct waits until a call into chatID fits the limits and counts it;
	// done is called once Telegram has answered the call.
	Direct(ctx context.Context, chatID int64) (done func(), err error)
	// Throttled tells the budget that Telegram answered 429 with retry_after d.
	Throttled(d time.Duration)
}

// SetBudget makes every reply and edit wait for b (nil: no pacing).
func (a *App) SetBudget(b Budget) {
	a.mu.Lock()
	a.budget = b
	a.mu.Unlock()
}

// counted makes one API call into chatID that Telegram counts against its
// limits: it waits for the budget, and after a 429 waits retry_after and
// tries again while ctx allows, rather than dropping the reply.
func (a *App) counted(ctx context.Context, chatID int64, call func(context.Context) error) error {
	a.mu.RLock()
	b := a.budget
	a.mu.RUnlock()
	for {
		done := func() {}
		if b != nil {
			var err error
			if done, err = b.Direct(ctx, chatID); err != nil {
				return err
			}
		}
		err := call(ctx)
		done()
		var tooMany *tg.TooManyRequestsError
		if !errors.As(err, &tooMany) {
			return err
		}
		wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		if b != nil {
			b.Throttled(wait)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		a.log.Warn("reply throttled by telegram; retrying", "retry_after", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
