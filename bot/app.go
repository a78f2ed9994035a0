// Package bot is the chat: it turns Telegram updates into replies and
// storage changes. The data path reads top to bottom: an update enters
// through the middleware (recover, deadline, member and localizer loaded,
// every callback answered), routes.go finds its handler, the handler
// authorizes it on the server, calls one storage method (which writes any
// messages it causes to the outbox in the same transaction), and renders the
// direct reply. Messages the bot starts are left to the outbox sender.
package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

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
	// Shifts are the times of volunteer shifts (zero: storage.DefaultShiftSettings).
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
	store        *storage.Store
	cat          *locales.Catalog
	log          *slog.Logger
	now          func() time.Time
	coordinators map[int64]bool
	wake         func()
	timeout      time.Duration
	groupName    string
	askPerHour   int
	askKeep      time.Duration
	askPruned    time.Time // last deletion of old "Ask us" messages (RunProgress's goroutine only)

	limitedMu sync.Mutex
	limited   map[int64]time.Time // when a member over the "Ask us" limit was last told so
	shiftSet  domain.ShiftSettings

	mu       sync.RWMutex
	username string // the bot's @username, for deep links
	budget   Budget // nil: replies are not paced

	inflight sync.WaitGroup
}

// New builds the chat.
func New(cfg Config) *App {
	a := &App{
		store:        cfg.Store,
		cat:          cfg.Catalog,
		log:          cfg.Log,
		now:          cfg.Now,
		coordinators: map[int64]bool{},
		wake:         cfg.Wake,
		timeout:      cfg.UpdateTimeout,
		shiftSet:     cfg.Shifts,
		groupName:    cfg.GroupName,
		askPerHour:   cfg.AskPerHour,
		askKeep:      cfg.AskKeep,
		limited:      map[int64]time.Time{},
	}
	if a.groupName == "" {
		a.groupName = DefaultGroupName
	}
	if a.askPerHour <= 0 {
		a.askPerHour = DefaultAskPerHour
	}
	if a.askKeep <= 0 {
		a.askKeep = DefaultAskKeep
	}
	if a.shiftSet == (domain.ShiftSettings{}) {
		a.shiftSet = domain.DefaultShiftSettings
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.wake == nil {
		a.wake = func() {}
	}
	if a.timeout <= 0 {
		a.timeout = 15 * time.Second
	}
	for _, id := range cfg.Coordinators {
		a.coordinators[id] = true
	}
	return a
}

// SetUsername records the bot's username (from getMe) for deep links.
func (a *App) SetUsername(u string) {
	a.mu.Lock()
	a.username = u
	a.mu.Unlock()
}

func (a *App) botUsername() string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.username
}

// Wait blocks until every update being handled is done.
func (a *App) Wait() { a.inflight.Wait() }

// req is one update being handled: who sent it, in which language to answer,
// and helpers to answer.
type req struct {
	ctx    context.Context
	a      *App
	b      *tg.Bot
	upd    *models.Update
	from   *models.User
	chatID int64
	member *domain.Member // nil before consent
	L      *locales.Localizer

	cb       *models.CallbackQuery // nil for messages
	cbMsgID  int                   // the message the pressed button belongs to, 0 if inaccessible
	answered bool
	text     string                 // message text (commands stripped of the command itself)
	msg      *models.Message        // the message being handled (nil for buttons)
	entities []models.MessageEntity // formatting of the reply being shown (showFormatted only)
	args     []string               // callback payload arguments
}

// role is the member's role, or "" before consent.
func (r *req) role() domain.Role {
	if r.member == nil {
		return ""
	}
	return r.member.Role
}
