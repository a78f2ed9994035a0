package main

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
)

// runWebhook registers the webhook and serves it until ctx ends.
func runWebhook(ctx context.Context, cfg config, b *tg.Bot, log *slog.Logger) error {
	u, _ := url.Parse(cfg.WebhookURL)
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(path, webhookHandler(cfg.WebhookSecret, b.WebhookHandler(), log))
	srv := &http.Server{Addr: cfg.Listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	shutdown := func() error {
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}

	for wait := time.Second; ; wait = min(wait*2, 30*time.Second) {
		_, err := b.SetWebhook(ctx, &tg.SetWebhookParams{
			URL: cfg.WebhookURL, SecretToken: cfg.WebhookSecret,
			AllowedUpdates: []string{"message", "callback_query", "my_chat_member"},
		})
		if err == nil {
			break
		}
		log.Warn("setWebhook failed; retrying", "in", wait, "err", outbox.ErrorClass(err))
		select {
		case <-ctx.Done():
			return shutdown()
		case err := <-errc:
			return err
		case <-time.After(wait):
		}
	}
	workersDone := make(chan struct{})
	go func() { b.StartWebhook(ctx); close(workersDone) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	err := shutdown()
	<-workersDone
	return err
}

// webhookHandler checks Telegram's secret header in constant time (the
// library's own check is neither constant-time nor a 401), refuses anything
// that is not a valid update, and hands the rest to the library's queue.
func webhookHandler(secret string, next http.Handler, log *slog.Logger) http.Handler {
	want := []byte(secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if subtle.ConstantTimeCompare(got, want) != 1 {
			log.Warn("webhook request with a wrong secret", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var upd models.Update
		if err := json.Unmarshal(body, &upd); err != nil {
			// Never log the body: it may hold a participant's message.
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		r2 := r.Clone(r.Context())
		r2.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r2)
	})
}
