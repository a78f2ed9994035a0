package bot

import (
	"context"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
)

// progressText renders a broadcast's progress, or its final report when
// done. paused, when not zero, is when sending resumes after Telegram asked
// for a long pause.
func (a *App) progressText(L *locales.Localizer, st storage.BroadcastStats, paused time.Time) string {
	data := locales.Data{"Sent": st.Sent, "Total": st.Total, "Waiting": st.Waiting,
		"Blocked": st.Blocked, "Failed": st.Failed, "Expired": st.Expired}
	if st.Done() {
		return L.T("BroadcastDone", data)
	}
	text := L.T("BroadcastProgress", data)
	if !paused.IsZero() {
		text += "\n\n" + L.T("BroadcastPaused", locales.Data{"Time": L.DateTime(paused)})
	}
	return text
}

// longPause is how long Telegram's pause must be for the progress to say so.
const longPause = time.Minute

// pausedUntil is when sending resumes after a long pause Telegram asked for,
// or the zero time.
func (a *App) pausedUntil() time.Time {
	a.mu.RLock()
	p, ok := a.budget.(interface{ PausedUntil() time.Time })
	a.mu.RUnlock()
	if !ok {
		return time.Time{}
	}
	if until := p.PausedUntil(); until.Sub(a.now()) >= longPause {
		return until
	}
	return time.Time{}
}

// shown is what a progress message shows, to edit it only when it changes.
type shown struct {
	stats  storage.BroadcastStats
	paused time.Time
}

// RunProgress keeps each open broadcast's progress message up to date by
// editing it (one message, not a flood) every interval while it changes, and
// writes the final report when nothing is left waiting.
func (a *App) RunProgress(ctx context.Context, b *tg.Bot, every time.Duration) {
	last := map[int64]shown{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		a.reportProgress(ctx, b, last)
		a.pruneAsks(ctx)
	}
}

// pruneAsks deletes "Ask us" messages older than the retention time, at most hourly.
func (a *App) pruneAsks(ctx context.Context) {
	now := a.now()
	if now.Sub(a.askPruned) < time.Hour {
		return
	}
	a.askPruned = now
	n, err := a.store.PruneAsks(ctx, now.Add(-a.askKeep))
	if err != nil {
		a.log.Warn("prune ask messages", "err", err)
		return
	}
	if n > 0 {
		a.log.Info("deleted old Ask us messages", "count", n)
	}
}

func (a *App) reportProgress(ctx context.Context, b *tg.Bot, last map[int64]shown) {
	open, err := a.store.OpenBroadcasts(ctx)
	if err != nil {
		a.log.Warn("open broadcasts", "err", err)
		return
	}
	for _, bc := range open {
		st, err := a.store.BroadcastStats(ctx, bc.ID)
		if err != nil {
			a.log.Warn("broadcast stats", "err", err)
			continue
		}
		if bc.ProgressChat != nil && bc.ProgressMsg == nil && a.now().Sub(bc.CreatedAt) < time.Minute {
			continue // the progress message is being sent; its id is recorded right after
		}
		now := shown{st, a.pausedUntil()}
		if prev, seen := last[bc.ID]; seen && prev == now {
			continue
		}
		last[bc.ID] = now
		if bc.ProgressChat != nil && bc.ProgressMsg != nil {
			L := a.cat.For(locales.Default)
			if bc.CreatedBy != nil {
				if m, err := a.store.Member(ctx, *bc.CreatedBy); err == nil {
					L = a.cat.For(m.Language)
				}
			}
			chat, msg, text := *bc.ProgressChat, *bc.ProgressMsg, a.progressText(L, st, now.paused)
			err := a.counted(ctx, chat, func(ctx context.Context) error {
				_, err := b.EditMessageText(ctx, &tg.EditMessageTextParams{ChatID: chat, MessageID: msg, Text: text})
				return err
			})
			if err != nil {
				a.log.Info("edit progress", "err", outbox.ErrorClass(err))
			}
		}
		if st.Done() {
			if err := a.store.FinishBroadcast(ctx, bc.ID, a.now()); err != nil {
				a.log.Warn("finish broadcast", "err", err)
				continue
			}
			delete(last, bc.ID)
		}
	}
}
