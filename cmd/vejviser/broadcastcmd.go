package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"vejviser/bot"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// broadcastCmd queues a broadcast from the shell into the database of a
// running bot (its sender polls the outbox) or for its next start.
func broadcastCmd(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	opts := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok {
			return &configError{name: "broadcast", msg: fmt.Sprintf("unexpected argument %q", a)}
		}
		opts[k] = v
	}
	aud, err := domain.ParseAudience(opts["audience"])
	if err != nil {
		return &configError{name: "--audience", msg: "must be all, participants, volunteers, coordinators, activity:N, event:N or language:" + strings.Join(locales.Languages, "|")}
	}
	if domain.Blank(opts["text"]) {
		return &configError{name: "--text", msg: "the Danish text is required (and must not be blank)"}
	}
	texts := map[string]string{"da": opts["text"]}
	for _, lang := range locales.Languages {
		flagName := "--text-" + lang
		if lang == locales.Default {
			flagName = "--text"
		} else if t := opts["text-"+lang]; !domain.Blank(t) {
			texts[lang] = t
		}
		if n := domain.TextLength(texts[lang]); n > domain.MaxText {
			return &configError{name: flagName, msg: fmt.Sprintf("the text is %d long as Telegram counts (UTF-16 units; an emoji counts 2); Telegram allows %d", n, domain.MaxText)}
		}
	}
	// A missing file is a wrong path, not an empty bot: never create it here.
	if _, err := os.Stat(cfg.DB); err != nil {
		return &configError{name: "VEJVISER_DB (-db)", msg: fmt.Sprintf("no database at %s (give the running bot's file with -db): %v", cfg.DB, errors.Unwrap(err))}
	}
	store, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now()
	texts, entities := bot.BroadcastTexts(cfg.GroupName, texts)
	id, n, err := store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: aud, Texts: texts, Entities: entities, ExpiresAt: now.Add(72 * time.Hour)}, now)
	if errors.Is(err, domain.ErrNotFound) {
		return &configError{name: "--audience", msg: fmt.Sprintf("there is no %s with id %d", aud.Kind, aud.Ref)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "queued %d messages (broadcast %d, audience %s)\n", n, id, aud)
	return nil
}
