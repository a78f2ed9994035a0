package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"vejviser/bot"
	"vejviser/bot/broadcast"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// broadcastCmd queues a broadcast from the shell into the database of a
// running bot (its sender polls the outbox) or for its next start.
func broadcastCmd(ctx context.Context, cfg config, args []string, init bool, stdout io.Writer) error {
	opts := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !ok {
			return &configError{name: "broadcast", msg: fmt.Sprintf("unexpected argument %q", a)}
		}
		opts[k] = v
	}
	national, branchKey := opts["national"] != "", opts["branch"]
	if national && branchKey != "" {
		return &configError{name: "--national", msg: "reaches every branch: leave out --branch"}
	}
	aud, err := domain.ParseAudience(opts["audience"])
	kind, key, _ := strings.Cut(opts["audience"], ":")
	byKey := err != nil && (kind == domain.AudienceActivity || kind == domain.AudienceEvent) && domain.ValidKey(key)
	if byKey && national {
		return &configError{name: "--audience", msg: "a national broadcast goes to all, participants, volunteers, coordinators or language:xx; activities and events belong to a branch"}
	}
	if err != nil && !byKey {
		return &configError{name: "--audience", msg: "must be all, participants, volunteers, coordinators, activity:KEY, event:KEY (the plan's keys, such as activity:tal-dansk) or language:" + strings.Join(locales.Languages, "|")}
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
	store, err := openAdmin(ctx, cfg.DB, init)
	if err != nil {
		return err
	}
	defer store.Close()
	var branch domain.Branch
	if !national {
		if branch, err = pickBranch(ctx, store, branchKey); err != nil {
			return err
		}
	}
	if byKey {
		aud = domain.Audience{Kind: kind}
		if aud.Ref, err = store.RefByKeyIn(ctx, branch.ID, kind, key); errors.Is(err, domain.ErrNotFound) {
			return &configError{name: "--audience", msg: fmt.Sprintf("there is no %s with the key %q", kind, key)}
		} else if err != nil {
			return err
		}
	}
	now := time.Now()
	cat, err := locales.New(cfg.Location)
	if err != nil {
		return err
	}
	nb := broadcastTexts(cat, cfg, branch, national, texts)
	aud.Branch = branch.ID // 0 (national): every branch's members, each once
	nb.Audience, nb.ExpiresAt = aud, now.Add(72*time.Hour)
	id, n, err := store.CreateBroadcast(ctx, nb, now)
	if errors.Is(err, domain.ErrNotFound) {
		return &configError{name: "--audience", msg: fmt.Sprintf("there is no %s with id %d", aud.Kind, aud.Ref)}
	}
	if err != nil {
		return err
	}
	where := "branch " + branch.Key
	if national {
		where = "every branch"
	}
	fmt.Fprintf(stdout, "queued %d messages (broadcast %d, audience %s, %s)\n", n, id, aud, where)
	return nil
}

// broadcastTexts puts the sender above the texts: the branch's name in the
// reader's language, or for a national broadcast the Red Cross's, with no
// branch named. The first branch keeps the configured group names.
func broadcastTexts(cat *locales.Catalog, cfg config, b domain.Branch, national bool, texts map[string]string) storage.NewBroadcast {
	switch {
	case national:
		return broadcast.Texts(cat, func(lang string) string { return cat.For(lang).T("BroadcastNationalSender", nil) }, texts)
	case b.ID == domain.DefaultBranchID || b.Name == "":
		return bot.BroadcastTexts(cat, cfg.GroupName, cfg.GroupNames, texts)
	}
	return broadcast.Texts(cat, b.NameFor, texts)
}
