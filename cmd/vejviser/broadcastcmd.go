package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"vejviser/bot"
	"vejviser/storage"
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
	aud, err := storage.ParseAudience(opts["audience"])
	if err != nil {
		return &configError{name: "--audience", msg: "must be all, participants, volunteers, coordinators, activity:N, event:N or language:da|ar|ti|en"}
	}
	if strings.TrimSpace(opts["text"]) == "" {
		return &configError{name: "--text", msg: "the Danish text is required"}
	}
	texts := map[string]string{"da": opts["text"], "ar": opts["text-ar"], "ti": opts["text-ti"], "en": opts["text-en"]}
	for lang, t := range texts {
		if n := len([]rune(t)); n > 4096 {
			return &configError{name: "--text", msg: fmt.Sprintf("the %s text has %d characters; Telegram allows 4096", lang, n)}
		}
	}
	store, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now()
	texts, entities := bot.BroadcastTexts(cfg.GroupName, texts)
	id, n, err := store.CreateBroadcast(ctx, storage.NewBroadcast{Audience: aud, Texts: texts, Entities: entities, ExpiresAt: now.Add(72 * time.Hour)}, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "queued %d messages (broadcast %d, audience %s)\n", n, id, aud)
	return nil
}
