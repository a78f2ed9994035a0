// Package bot wires the chat together: it builds the shared environment,
// merges every feature's routes into one index (chat.Router), and gives
// cmd/vejviser the entry points it starts (Handle, the scheduler's claims,
// the broadcast progress loop).
package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/activities"
	"vejviser/bot/chat"
	"vejviser/bot/people"
	"vejviser/bot/shifts"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Config is what the chat needs from the outside.
type Config struct {
	Store        *storage.Store
	Catalog      *locales.Catalog
	Log          *slog.Logger
	Now          func() time.Time
	Coordinators []int64 // Telegram user ids who are coordinators from the start
	// Wake tells the outbox sender that new messages are queued.
	Wake func()
	// UpdateTimeout bounds the handling of one update.
	UpdateTimeout time.Duration
	// GroupName names the local group to members (answers, broadcasts, poster).
	GroupName string
	// AskPerHour is how many messages a member may send to "Ask us" an hour.
	AskPerHour int
	// AskKeep is how long "Ask us" messages are kept.
	AskKeep time.Duration
	// Shifts are the times of volunteer shifts (zero: domain.DefaultShiftSettings).
	Shifts domain.ShiftSettings
}

// Defaults of the "Ask us" settings.
const (
	DefaultGroupName  = "Røde Kors Ballerup"
	DefaultAskPerHour = 10
	DefaultAskKeep    = 90 * 24 * time.Hour
)

// App handles updates. Create it with New.
type App struct {
	*chat.Env
	router  *chat.Router
	notices *chat.Notices
	people  *people.Feature

	activities *activities.Feature

	askPerHour int
	askKeep    time.Duration
	askPruned  time.Time // last deletion of old "Ask us" messages (RunProgress's goroutine only)

	limitedMu sync.Mutex
	limited   map[int64]time.Time // when a member over the "Ask us" limit was last told so

	shifts *shifts.Feature
}

// New builds the chat.
func New(cfg Config) *App {
	env := &chat.Env{
		Store:        cfg.Store,
		Cat:          cfg.Catalog,
		Log:          cfg.Log,
		Now:          cfg.Now,
		Wake:         cfg.Wake,
		GroupName:    cfg.GroupName,
		Coordinators: map[int64]bool{},
	}
	a := &App{
		Env:        env,
		shifts:     shifts.New(env, cfg.Shifts),
		askPerHour: cfg.AskPerHour,
		askKeep:    cfg.AskKeep,
		limited:    map[int64]time.Time{},
	}
	if env.GroupName == "" {
		env.GroupName = DefaultGroupName
	}
	if a.askPerHour <= 0 {
		a.askPerHour = DefaultAskPerHour
	}
	if a.askKeep <= 0 {
		a.askKeep = DefaultAskKeep
	}
	if env.Log == nil {
		env.Log = slog.New(slog.DiscardHandler)
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Wake == nil {
		env.Wake = func() {}
	}
	for _, id := range cfg.Coordinators {
		env.Coordinators[id] = true
	}
	a.people = people.New(env, people.Config{AskKeep: a.askKeep, AskMute: actAskMute})
	a.activities = activities.New(env)
	router, err := chat.NewRouter(env, chat.Hooks{Text: a.ask, Group: a.onGroupMessage, GroupLeft: a.onGroupLeft},
		cfg.UpdateTimeout, a.routes(),
		a.people.Routes(),
		a.activities.Routes(),
		a.shifts.Routes(),
	)
	if err != nil {
		panic(err) // a route claimed twice: a programming error every test catches
	}
	a.router = router
	a.notices = chat.NewNotices(env)
	a.shifts.Notices(a.notices)
	return a
}

// Notices renders the notices the features decide, when they leave (the
// outbox sender's Renderer).
func (a *App) Notices() *chat.Notices { return a.notices }

// Handle is the one entry point for updates (go-telegram/bot's default handler).
func (a *App) Handle(ctx context.Context, b *tg.Bot, upd *models.Update) {
	a.router.Handle(ctx, b, upd)
}

// Wait blocks until every update being handled is done.
func (a *App) Wait() { a.router.Wait() }

// Index is the merged index of every route.
func (a *App) Index() *chat.Index { return a.router.Index() }

// ClaimActivityReminders is the scheduler's job for activity reminders.
func (a *App) ClaimActivityReminders(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.activities.ClaimReminders(ctx, now)
}

// ClaimShiftNotices is the scheduler's job for shifts (shifts.Feature.ClaimNotices).
func (a *App) ClaimShiftNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.shifts.ClaimNotices(ctx, now)
}
