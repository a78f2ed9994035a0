// Package bot wires the chat together: it builds the shared environment,
// merges every feature's routes into one index (chat.Router), and gives
// cmd/vejviser the entry points it starts (Handle, the scheduler's claims,
// the broadcast progress loop).
package bot

import (
	"context"
	"log/slog"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/activities"
	"vejviser/bot/askus"
	"vejviser/bot/branches"
	"vejviser/bot/broadcast"
	"vejviser/bot/chat"
	"vejviser/bot/events"
	"vejviser/bot/network"
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
	// Admins are the national administrators' Telegram user ids (/branches,
	// the national /report), authorized by this list, not by a role.
	Admins []int64
	// Wake tells the outbox sender that new messages are queued.
	Wake func()
	// UpdateTimeout bounds the handling of one update.
	UpdateTimeout time.Duration
	// GroupName names the local group to members (answers, broadcasts, poster).
	GroupName string
	// GroupNames is the group's name in other languages; with the default
	// GroupName, chat.DefaultGroupNames fills the languages it lacks.
	GroupNames map[string]string
	// AskPerHour is how many messages a member may send to "Ask us" an hour.
	AskPerHour int
	// AskBurst, when set, is how soon after a member's message the next one
	// joins its card rather than starting a new one (negative: never); the
	// default is domain.AskBurstWindow.
	AskBurst time.Duration
	// AskKeep is how long "Ask us" messages are kept.
	AskKeep time.Duration
	// AskPhone is a number members may call when no coordinator can read
	// their message ("": none).
	AskPhone string
	// Shifts are the times of volunteer shifts (zero: domain.DefaultShiftSettings).
	Shifts domain.ShiftSettings
	// MatchKeepMonths is how long the details of an ended network-family
	// match are kept (zero: domain.DefaultMatchKeepMonths).
	MatchKeepMonths int
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

	people     *people.Feature
	events     *events.Feature
	activities *activities.Feature
	shifts     *shifts.Feature
	broadcasts *broadcast.Feature
	asks       *askus.Feature
	network    *network.Feature
	// matchKeepMonths is how long ended matches' details are kept.
	matchKeepMonths int
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
		Admins:       map[int64]bool{},
	}
	if env.GroupName == "" {
		env.GroupName = DefaultGroupName
	}
	env.GroupNames = groupNames(env.GroupName, cfg.GroupNames)
	askPerHour, askKeep := cfg.AskPerHour, cfg.AskKeep
	if askPerHour <= 0 {
		askPerHour = DefaultAskPerHour
	}
	if askKeep <= 0 {
		askKeep = DefaultAskKeep
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
	for _, id := range cfg.Admins {
		env.Admins[id] = true
	}
	a := &App{
		Env:             env,
		notices:         chat.NewNotices(env),
		people:          people.New(env, people.Config{AskKeep: askKeep, AskMute: chat.ActAskMute}),
		events:          events.New(env),
		activities:      activities.New(env),
		shifts:          shifts.New(env, cfg.Shifts),
		broadcasts:      broadcast.New(env),
		asks:            askus.New(env, askPerHour, askKeep),
		network:         network.New(env),
		matchKeepMonths: cfg.MatchKeepMonths,
	}
	a.asks.Phone = cfg.AskPhone
	if cfg.AskBurst != 0 {
		a.asks.Burst = cfg.AskBurst
	}
	a.people.Notices(a.notices)
	a.events.Notices(a.notices)
	a.activities.Notices(a.notices)
	a.shifts.Notices(a.notices)
	a.asks.Notices(a.notices)
	a.network.Notices(a.notices)
	router, err := chat.NewRouter(env, a.asks.Hooks(), cfg.UpdateTimeout,
		a.people.Routes().Of("people"),
		a.events.Routes().Of("events"),
		a.activities.Routes().Of("activities"),
		a.shifts.Routes().Of("shifts"),
		a.broadcasts.Routes().Of("broadcast"),
		a.asks.Routes().Of("askus"),
		branches.New(env).Routes().Of("branches"),
		a.network.Routes().Of("network"),
	)
	if err != nil {
		panic(err) // a route claimed twice: a programming error every test catches
	}
	a.router = router
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

// ClaimHeldAsks relays "Ask us" questions held while no coordinator could read them.
func (a *App) ClaimHeldAsks(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.asks.ClaimHeld(ctx, now)
}

// ClaimNetworkNotices is the scheduler's job for network families
// (network.Feature.ClaimNotices).
func (a *App) ClaimNetworkNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.network.ClaimNotices(ctx, now, a.matchKeepMonths)
}

// ClaimShiftNotices is the scheduler's job for shifts (shifts.Feature.ClaimNotices).
func (a *App) ClaimShiftNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.shifts.ClaimNotices(ctx, now)
}

// RunProgress keeps the broadcasts' progress messages up to date and, on
// the same ticks, deletes "Ask us" messages past their retention time.
func (a *App) RunProgress(ctx context.Context, b *tg.Bot, every time.Duration) {
	a.broadcasts.RunProgress(ctx, b, every, a.asks.Prune)
}

// BroadcastTexts is what members receive of a broadcast queued from the
// shell, as storage.NewBroadcast takes it (texts, entities and the mark).
// group and names are the group's name as Config has them.
func BroadcastTexts(cat *locales.Catalog, group string, names map[string]string, texts map[string]string) storage.NewBroadcast {
	env := chat.Env{GroupName: group, GroupNames: groupNames(group, names)}
	return broadcast.Texts(cat, env.Group, texts)
}

// groupNames is the group's name per language: those configured, and for the
// default group the names chat.DefaultGroupNames knows.
func groupNames(group string, configured map[string]string) map[string]string {
	out := map[string]string{}
	if group == DefaultGroupName {
		for lang, n := range chat.DefaultGroupNames {
			out[lang] = n
		}
	}
	for lang, n := range configured {
		if n != "" {
			out[lang] = n
		}
	}
	return out
}

// BranchNames is the first branch's name per language as the configuration
// gives it ("da": the group's name), for storage.EnsureDefaultBranch.
func BranchNames(group string, configured map[string]string) domain.Texts {
	names := domain.Texts{"da": group}
	for lang, n := range groupNames(group, configured) {
		names[lang] = n
	}
	return names
}
