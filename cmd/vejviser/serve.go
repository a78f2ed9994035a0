package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
)

// hooks lets the demo and tests watch a running bot; nil in production.
type hooks struct {
	ready         func(app *bot.App, store *storage.Store, sender *outbox.Sender) // after start-up
	sender        outbox.Config                                                   // overrides for the sender
	poll          time.Duration                                                   // long-poll timeout
	progressEvery time.Duration
}

// serve runs the bot until ctx ends, then shuts down in a fixed order:
// stop taking updates → let handlers in flight finish → stop progress
// reports → let the sender finish its call in flight → close the database.
func serve(ctx context.Context, cfg config, log *slog.Logger, h *hooks) error {
	if h == nil {
		h = &hooks{}
	}
	start := time.Now()
	store, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	cat, err := locales.New(cfg.Location)
	if err != nil {
		return err
	}
	cat.OnMissing = func(lang, id string, err error) {
		log.Warn("translation problem", "lang", lang, "id", id, "err", err.Error())
	}
	if n, err := store.EnsureCoordinators(ctx, cfg.Coordinators); err != nil {
		return err
	} else if n > 0 {
		log.Info("coordinators from the configuration", "promoted", n)
	}

	var sender *outbox.Sender
	app := bot.New(bot.Config{
		Store: store, Catalog: cat, Log: log, Coordinators: cfg.Coordinators,
		Wake: func() {
			if sender != nil {
				sender.Wake()
			}
		},
	})
	poll := h.poll
	if poll <= 0 {
		poll = time.Minute
	}
	b, err := tg.New(cfg.Token,
		tg.WithServerURL(cfg.APIURL),
		tg.WithSkipGetMe(),
		tg.WithDefaultHandler(app.Handle),
		tg.WithWorkers(8),
		tg.WithNotAsyncHandlers(), // the 8 workers bound concurrency; each handles one update at a time
		tg.WithHTTPClient(poll, outbox.HTTPClient(poll+15*time.Second)), // lets the sender see HTTP statuses
		tg.WithErrorsHandler(func(err error) { log.Warn("telegram client", "err", outbox.ErrorClass(err)) }),
		tg.WithAllowedUpdates(tg.AllowedUpdates{"message", "callback_query", "my_chat_member"}),
	)
	if err != nil {
		return fmt.Errorf("telegram client: %w", err)
	}
	me, err := getMe(ctx, b, log)
	if err != nil {
		return err
	}
	app.SetUsername(me)
	sc := h.sender
	sc.Rate = cfg.SendRate
	sender = outbox.New(store, b, sc, log.With("part", "sender"), nil)

	app.SetupCommands(ctx, b)

	// The workers: updates in, messages out, progress reports.
	sendCtx, stopSender := context.WithCancel(context.WithoutCancel(ctx))
	senderDone := make(chan error, 1)
	go func() { senderDone <- sender.Run(sendCtx) }()
	progCtx, stopProgress := context.WithCancel(context.WithoutCancel(ctx))
	progressDone := make(chan struct{})
	every := h.progressEvery
	if every <= 0 {
		every = 3 * time.Second
	}
	go func() { app.RunProgress(progCtx, b, every); close(progressDone) }()

	intakeDone := make(chan error, 1)
	if cfg.WebhookURL != "" {
		go func() { intakeDone <- runWebhook(ctx, cfg, b, log) }()
	} else {
		if _, err := b.DeleteWebhook(ctx, &tg.DeleteWebhookParams{}); err != nil {
			log.Warn("delete webhook", "err", outbox.ErrorClass(err))
		}
		go func() { b.Start(ctx); intakeDone <- nil }()
	}
	log.Info("vejviser is running", "bot", "@"+me, "mode", mode(cfg), "startup", time.Since(start).Round(time.Millisecond))
	if h.ready != nil {
		h.ready(app, store, sender)
	}

	<-ctx.Done()
	log.Info("shutting down")
	intakeErr := <-intakeDone // polling stopped / webhook server closed
	app.Wait()                // handlers in flight have finished
	stopProgress()
	<-progressDone
	stopSender()
	senderErr := <-senderDone // the call in flight has finished and been recorded
	log.Info("stopped", "sent", sender.Stats().Sent)
	return errors.Join(intakeErr, senderErr)
}

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
