package main

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
)

// runWebhook serves the webhook (and /healthz, already on mux) on ln and
// registers it with Telegram, retrying, until ctx ends.
func runWebhook(ctx context.Context, cfg config, ln net.Listener, mux *http.ServeMux, b *tg.Bot, log *slog.Logger) error {
	u, _ := url.Parse(cfg.WebhookURL)
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux.Handle(path, webhookHandler(cfg.WebhookSecret, b.WebhookHandler(), log))
	registered := make(chan struct{})
	go func() {
		defer close(registered)
		for wait := time.Second; ; wait = min(wait*2, 30*time.Second) {
			_, err := b.SetWebhook(ctx, &tg.SetWebhookParams{
				URL: cfg.WebhookURL, SecretToken: cfg.WebhookSecret,
				AllowedUpdates: []string{"message", "callback_query", "my_chat_member"},
			})
			if err == nil || ctx.Err() != nil {
				return
			}
			log.Warn("setWebhook failed; retrying", "in", wait, "err", outbox.ErrorClass(err))
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
	}()
	err := serveHTTP(ctx, ln, mux)
	<-registered
	return err
}

// serveHTTP serves handler on ln until ctx ends, then shuts the server down,
// letting requests in flight finish (a webhook request ends once its update
// is handed to a worker).
func serveHTTP(ctx context.Context, ln net.Listener, handler http.Handler) error {
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err // the listener failed: not a shutdown
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(shut)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
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
