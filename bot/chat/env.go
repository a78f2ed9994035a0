package chat

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/locales"
	"vejviser/storage"
)

// Env is what every feature needs from the outside: the store, the words,
// the clock, the log, and a way to tell the sender that messages are queued.
// One Env is shared by all features.
type Env struct {
	Store *storage.Store
	Cat   *locales.Catalog
	Log   *slog.Logger
	Now   func() time.Time
	// Wake tells the outbox sender that new messages are queued.
	Wake func()
	// GroupName names the local group to members (answers, broadcasts, poster).
	GroupName string
	// GroupNames is the group's name per language ("الصليب الأحمر في
	// Ballerup"); a language without one reads GroupName.
	GroupNames map[string]string
	// Coordinators are Telegram user ids who are coordinators from the start.
	Coordinators map[int64]bool
	// Admins are the national administrators' Telegram user ids: they
	// manage branches and see national counts, never a branch's names
	// unless they are also its coordinators.
	Admins map[int64]bool

	mu       sync.RWMutex
	username string // the bot's @username, for deep links
	budget   Budget // nil: replies are not paced
	// startCodes take the /start codes of features' own links (OnStartCode).
	startCodes []StartCodeHandler

	lanes lanes // replies and edits on their way, per chat
}

// IsAdmin reports whether the Telegram user id is a national administrator.
func (e *Env) IsAdmin(id int64) bool { return e.Admins[id] }

// Drain waits until every reply and edit queued by handlers has been made.
func (e *Env) Drain() { e.lanes.wait() }

// DefaultGroupNames names the first home, Røde Kors Ballerup, in the other
// languages: an Arabic or Tigrinya reader knows the Red Cross by its name in
// their language.
var DefaultGroupNames = map[string]string{
	"ar": "الصليب الأحمر في Ballerup",
	"ti": "ቀይሕ መስቀል Ballerup",
	"en": "Red Cross Ballerup",
}

// Group is the group's name as a reader of lang knows it.
func (e *Env) Group(lang string) string {
	if n := e.GroupNames[lang]; n != "" {
		return n
	}
	return e.GroupName
}

// Loc is the group's time zone (Europe/Copenhagen).
func (e *Env) Loc() *time.Location { return e.Cat.Location() }

// SetUsername records the bot's username (from getMe) for deep links.
func (e *Env) SetUsername(u string) {
	e.mu.Lock()
	e.username = u
	e.mu.Unlock()
}

// Username is the bot's @username, "" before getMe answered.
func (e *Env) Username() string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.username
}

// Budget is Telegram's limits shared by everything the bot sends: the
// outbox sender (*outbox.Sender) implements it, so that replies and edits
// count against the same overall and per-chat windows as the messages it
// sends, and go before them.
type Budget interface {
	// Direct waits until a call into chatID fits the limits and counts it;
	// done is called once Telegram has answered the call.
	Direct(ctx context.Context, chatID int64) (done func(), err error)
	// Edit waits until an edit in chatID fits that chat's limit, and counts it.
	Edit(ctx context.Context, chatID int64) (done func(), err error)
	// Throttled tells the budget that Telegram answered a call into chatID
	// with 429 and retry_after d.
	Throttled(chatID int64, d time.Duration)
}

// SetBudget makes every reply and edit wait for b (nil: no pacing).
func (e *Env) SetBudget(b Budget) {
	e.mu.Lock()
	e.budget = b
	e.mu.Unlock()
}

// PausedUntil is when sending resumes after a pause Telegram asked for (zero: none).
func (e *Env) PausedUntil() time.Time {
	e.mu.RLock()
	p, ok := e.budget.(interface{ PausedUntil() time.Time })
	e.mu.RUnlock()
	if !ok {
		return time.Time{}
	}
	return p.PausedUntil()
}

// editTurn waits until an edit in chatID would fit the budget, when the
// budget can tell (outbox.Sender.EditTurn), without counting it.
func (e *Env) editTurn(ctx context.Context, chatID int64) {
	e.mu.RLock()
	t, ok := e.budget.(interface {
		EditTurn(context.Context, int64) error
	})
	e.mu.RUnlock()
	if ok {
		_ = t.EditTurn(ctx, chatID) // on an error the call itself waits and fails
	}
}

// Counted makes one API call into chatID that Telegram counts against its
// limits: it waits for the budget, and after a 429 waits retry_after and
// tries again while ctx allows, rather than dropping the reply.
func (e *Env) Counted(ctx context.Context, chatID int64, call func(context.Context) error) error {
	return e.counted(ctx, chatID, false, call)
}

// CountedEdit is Counted for an edit of a message: it counts against its
// chat's limit only (Budget.Edit).
func (e *Env) CountedEdit(ctx context.Context, chatID int64, call func(context.Context) error) error {
	return e.counted(ctx, chatID, true, call)
}

func (e *Env) counted(ctx context.Context, chatID int64, edit bool, call func(context.Context) error) error {
	e.mu.RLock()
	b := e.budget
	e.mu.RUnlock()
	for {
		done := func() {}
		if b != nil {
			var err error
			take := b.Direct
			if edit {
				take = b.Edit
			}
			if done, err = take(ctx, chatID); err != nil {
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
			b.Throttled(chatID, wait)
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		e.Log.Warn("reply throttled by telegram; retrying", "retry_after", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
