package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot"
	"vejviser/bot/outbox"
	"vejviser/bot/schedule"
	"vejviser/locales"
	"vejviser/storage"
)

// hooks lets the demo and tests watch a running bot; nil in production.
type hooks struct {
	ready         func(app *bot.App, store *storage.Store, sender *outbox.Sender) // after start-up
	sender        outbox.Config                                                   // overrides for the sender
	poll          time.Duration                                                   // long-poll timeout
	progressEvery time.Duration
	now           func() time.Time       // the chat's and the scheduler's clock (nil: the wall clock)
	schedPoll     time.Duration          // how often the scheduler looks again without being woken
	scheduler     func(*schedule.Runner) // sees the scheduler, to run it once after moving the clock
	backups       func(*backups)         // sees the daily backup
	askBurst      time.Duration          // Ask us' burst window (0: the default)
}

// serve runs the bot until ctx ends or one of its parts fails. Every
// long-running part is in one supervised list; shutdown stops them in the
// list's order: stop taking updates → let handlers in flight finish → stop
// progress reports → let the sender finish its calls in flight → close the
// database.
func serve(ctx context.Context, cfg config, log *slog.Logger, h *hooks) error {
	if h == nil {
		h = &hooks{}
	}
	start := time.Now()
	store, closeStore, err := openForServe(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeStore()
	cat, err := locales.New(cfg.Location)
	if err != nil {
		return err
	}
	cat.OnMissing = func(lang, id string, err error) {
		log.Warn("translation problem", "lang", lang, "id", id, "err", err.Error())
	}
	if _, err := store.EnsureDefaultBranch(ctx, cfg.Branch, bot.BranchNames(cfg.GroupName, cfg.GroupNames)); err != nil {
		return err
	}
	if n, err := store.EnsureCoordinators(ctx, cfg.Coordinators); err != nil {
		return err
	} else if n > 0 {
		log.Info("coordinators from the configuration", "promoted", n)
	}

	// The listener first: a port that cannot be bound stops the program now.
	var ln net.Listener
	if cfg.WebhookURL != "" || cfg.HealthListen {
		if ln, err = net.Listen("tcp", cfg.Listen); err != nil {
			return fmt.Errorf("listen on %s (VEJVISER_LISTEN): %w", cfg.Listen, err)
		}
		defer ln.Close()
	}

	var sender *outbox.Sender
	app, sched := newApp(cfg, store, cat, log, h, func() *outbox.Sender { return sender })
	met := newMetrics()
	sched.OnClaimed = met.Claimed
	b, err := newTelegram(cfg, h, log, met.Handle(app.Handle))
	if err != nil {
		return err
	}
	me, err := getMe(ctx, b, log)
	if err != nil {
		return err
	}
	app.SetUsername(me)
	sender = newSender(cfg, h, store, b, log, app, met)
	sched.OnQueued = sender.Wake
	if h.scheduler != nil {
		h.scheduler(sched)
	}
	app.SetBudget(sender) // replies and edits share the outbox's limits

	app.SetupCommands(ctx, b)

	every := cmp.Or(max(h.progressEvery, 0), 3*time.Second)
	mux := http.NewServeMux()
	bk := newBackups(store, cfg, log.With("part", "backups"))
	if h.backups != nil {
		h.backups(bk)
	}
	parts := append(serveParts(ctx, cfg, log, b, ln, mux, app, sched, sender, every), part{"backups", bk.Run})
	alive := routeHTTP(mux, cfg, store, sender, bk, met, parts)

	log.Info("vejviser is running", "bot", "@"+me, "mode", mode(cfg), "startup", time.Since(start).Round(time.Millisecond))
	if h.ready != nil {
		h.ready(app, store, sender)
	}
	err = supervise(ctx, log, parts, alive)
	log.Info("stopped", "sent", sender.Stats().Sent)
	return err
}

// newSender is the outbox sender at the configured pace, rendering the
// app's notices when they leave and reporting each call to the metrics.
func newSender(cfg config, h *hooks, store *storage.Store, b *tg.Bot, log *slog.Logger, app *bot.App, met *metrics) *outbox.Sender {
	sc := h.sender
	sc.Rate = cfg.SendRate
	if sc.PerChatBurst == 0 {
		sc.PerChatBurst = cfg.ChatBurst
	}
	var clock outbox.Clock
	if h.now != nil {
		clock = funcClock{now: h.now, start: time.Now()}
	}
	sender := outbox.New(store, b, sc, log.With("part", "sender"), clock)
	sender.SetRenderer(app.Notices()) // notices are rendered when they leave, in the member's language then
	sender.SetObserver(met.Call)
	return sender
}

// openForServe locks the database for this bot (restore looks for the lock
// before it swaps files; a second bot on the same file is refused) and
// opens it, copying it first when a new migration is to be applied.
func openForServe(ctx context.Context, cfg config, log *slog.Logger) (*storage.Store, func(), error) {
	release, err := storage.Lock(cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	store, err := storage.OpenWith(ctx, cfg.DB, storage.Options{
		BackupDir: cfg.BackupDir,
		OnBackup: func(path string, pending []string) {
			log.Info("database copied before the upgrade; restore it to undo", "path", path, "migrations", len(pending), "first", pending[0])
		},
	})
	if err != nil {
		release()
		return nil, nil, err
	}
	return store, func() { store.Close(); release() }, nil
}

// newApp is the chat and the scheduler that claims its notices; sender is
// the outbox sender once there is one, for Wake.
func newApp(cfg config, store *storage.Store, cat *locales.Catalog, log *slog.Logger, h *hooks, sender func() *outbox.Sender) (*bot.App, *schedule.Runner) {
	sched := schedule.NewRunner(h.now, log.With("part", "scheduler"))
	if h.schedPoll > 0 {
		sched.Poll = h.schedPoll
	}
	app := bot.New(bot.Config{
		Store: store, Catalog: cat, Log: log, Coordinators: cfg.Coordinators, Admins: cfg.Admins, Now: h.now,
		GroupName: cfg.GroupName, GroupNames: cfg.GroupNames, AskPerHour: cfg.AskPerHour, AskKeep: time.Duration(cfg.AskKeepDays) * 24 * time.Hour, AskPhone: cfg.AskPhone,
		Shifts: cfg.Shifts, AskBurst: h.askBurst, MatchKeepMonths: cfg.MatchKeepMonths,
		Wake: func() { // something changed: new messages to send, due times to look at again
			if s := sender(); s != nil {
				s.Wake()
			}
			sched.Wake()
		},
	})
	sched.Add("activity reminders", app.ClaimActivityReminders)
	sched.Add("shift notices", app.ClaimShiftNotices)
	sched.Add("event notices", app.ClaimEventNotices)
	sched.Add("held questions", app.ClaimHeldAsks)
	sched.Add("network families", app.ClaimNetworkNotices)
	sched.Add("forgotten bytes", store.FlushForgotten)
	return app, sched
}

// minPoll is the shortest long-poll timeout that still makes Telegram wait.
const minPoll = 2 * time.Second

// newTelegram is the Bot API client: updates go to handle, one at a time
// on each of 8 workers.
func newTelegram(cfg config, h *hooks, log *slog.Logger, handle tg.HandlerFunc) (*tg.Bot, error) {
	poll := h.poll
	if poll <= 0 {
		poll = time.Minute
	}
	// go-telegram/bot asks for a long poll of pollTimeout less a second,
	// in whole seconds: under two seconds it asks for none, and with no
	// update waiting the answer comes at once and the next request follows
	// it, a loop that keeps a core busy and every reply waiting for it.
	poll = max(poll, minPoll)
	b, err := tg.New(cfg.Token,
		tg.WithServerURL(cfg.APIURL),
		tg.WithSkipGetMe(),
		tg.WithDefaultHandler(handle),
		tg.WithWorkers(8),
		tg.WithNotAsyncHandlers(), // the 8 workers bound concurrency; each handles one update at a time
		// No buffer: an update is confirmed to Telegram (the next getUpdates
		// offset, or the webhook's 200) only once a worker has taken it, so a
		// stop never throws away updates Telegram believes delivered.
		tg.WithUpdatesChannelCap(0),
		tg.WithHTTPClient(poll, outbox.HTTPClient(poll+15*time.Second)), // lets the sender see HTTP statuses
		tg.WithErrorsHandler(func(err error) { log.Warn("telegram client", "err", outbox.ErrorClass(err)) }),
		tg.WithAllowedUpdates(tg.AllowedUpdates{"message", "callback_query", "my_chat_member"}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram client: %w", err)
	}
	return b, nil
}

// serveParts is every long-running part in the order shutdown stops them:
// stop taking updates, let handlers in flight finish, stop progress reports,
// the scheduler, then the sender after its calls in flight.
func serveParts(ctx context.Context, cfg config, log *slog.Logger, b *tg.Bot, ln net.Listener, mux *http.ServeMux,
	app *bot.App, sched *schedule.Runner, sender *outbox.Sender, every time.Duration) []part {
	var parts []part
	if cfg.WebhookURL != "" {
		parts = append(parts,
			part{"webhook server", func(ctx context.Context) error { return runWebhook(ctx, cfg, ln, mux, b, log) }},
			part{"update handlers", func(ctx context.Context) error { b.StartWebhook(ctx); app.Wait(); return nil }},
		)
	} else {
		if _, err := b.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
			log.Warn("delete webhook", "err", outbox.ErrorClass(err))
		}
		parts = append(parts, part{"long polling and update handlers", func(ctx context.Context) error { b.Start(ctx); app.Wait(); return nil }})
		if ln != nil {
			parts = append(parts, part{"health server", func(ctx context.Context) error { return serveHTTP(ctx, ln, mux) }})
		}
	}
	parts = append(parts,
		part{"progress reporter", func(ctx context.Context) error { app.RunProgress(ctx, b, every); return nil }},
		// Parts that queue messages stop before the sender.
		part{"scheduler", sched.Run},
		part{"sender", sender.Run},
	)
	return parts
}

// funcClock is the sender's clock when the chat and the scheduler run on a
// clock of their own (the flow tests' hand-moved clock): that clock's time
// plus the real time since start, so the sender agrees on the date and
// still sees time pass within it (its rate windows need that), and waits in
// real time.
type funcClock struct {
	outbox.RealClock
	now   func() time.Time
	start time.Time
}

// Now is the function's time, moved on by the real time since start.
func (c funcClock) Now() time.Time { return c.now().Add(time.Since(c.start)) }

func mode(cfg config) string {
	if cfg.WebhookURL != "" {
		return "webhook"
	}
	return "long polling"
}

// getMe learns the bot's username, retrying with backoff: at boot the
// network or Telegram may not be there yet.
func getMe(ctx context.Context, b *tg.Bot, log *slog.Logger) (string, error) {
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		callCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
		me, err := b.GetMe(callCtx)
		cancel()
		if err == nil {
			return me.Username, nil
		}
		if errors.Is(err, tg.ErrorUnauthorized) {
			return "", &configError{name: "TELEGRAM_BOT_TOKEN", msg: "Telegram does not accept this token"}
		}
		if errors.Is(err, tg.ErrorNotFound) {
			return "", &configError{name: "TELEGRAM_API_URL", msg: "the server answered 404: is this a Bot API server, and is the token right?"}
		}
		log.Warn("getMe failed; retrying", "attempt", attempt, "in", wait, "err", outbox.ErrorClass(err))
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
}

// routeHTTP serves /healthz and /metrics on mux and returns the parts'
// liveness flags that /healthz reports.
func routeHTTP(mux *http.ServeMux, cfg config, store *storage.Store, sender *outbox.Sender, bk *backups, met *metrics, parts []part) map[string]*atomic.Bool {
	alive := map[string]*atomic.Bool{}
	for _, p := range parts {
		alive[p.name] = &atomic.Bool{}
	}
	mux.Handle("/healthz", healthz(store, alive, bk))
	met.watch(store, sender, bk)
	mux.Handle("/metrics", met.handler(cfg.MetricsToken))
	return alive
}
