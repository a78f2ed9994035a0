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
	if until := a.Env.PausedUntil(); until.Sub(a.Now()) >= longPause {
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
	now := a.Now()
	if now.Sub(a.askPruned) < time.Hour {
		return
	}
	a.askPruned = now
	n, err := a.Store.PruneAsks(ctx, now.Add(-a.askKeep))
	if err != nil {
		a.Log.Warn("prune ask messages", "err", err)
		return
	}
	if n > 0 {
		a.Log.Info("deleted old Ask us messages", "count", n)
	}
}

func (a *App) reportProgress(ctx context.Context, b *tg.Bot, last map[int64]shown) {
	open, err := a.Store.OpenBroadcasts(ctx)
	if err != nil {
		a.Log.Warn("open broadcasts", "err", err)
		return
	}
	for _, bc := range open {
		st, err := a.Store.BroadcastStats(ctx, bc.ID)
		if err != nil {
			a.Log.Warn("broadcast stats", "err", err)
			continue
		}
		if bc.ProgressChat != nil && bc.ProgressMsg == nil && a.Now().Sub(bc.CreatedAt) < time.Minute {
			continue // the progress message is being sent; its id is recorded right after
		}
		now := shown{st, a.pausedUntil()}
		if prev, seen := last[bc.ID]; seen && prev == now {
			continue
		}
		last[bc.ID] = now
		if bc.ProgressChat != nil && bc.ProgressMsg != nil {
			L := a.Cat.For(locales.Default)
			if bc.CreatedBy != nil {
				if m, err := a.Store.Member(ctx, *bc.CreatedBy); err == nil {
					L = a.Cat.For(m.Language)
				}
			}
			chat, msg, text := *bc.ProgressChat, *bc.ProgressMsg, a.progressText(L, st, now.paused)
			err := a.Counted(ctx, chat, func(ctx context.Context) error {
				_, err := b.EditMessageText(ctx, &tg.EditMessageTextParams{ChatID: chat, MessageID: msg, Text: text})
				return err
			})
			if err != nil {
				a.Log.Info("edit progress", "err", outbox.ErrorClass(err))
			}
		}
		if st.Done() {
			if err := a.Store.FinishBroadcast(ctx, bc.ID, a.Now()); err != nil {
				a.Log.Warn("finish broadcast", "err", err)
				continue
			}
			delete(last, bc.ID)
		}
	}
}
