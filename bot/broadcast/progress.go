package broadcast

import (
	"context"
	"time"

	tg "github.com/go-telegram/bot"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
)

// ProgressText renders a broadcast's progress, or its final report when
// done. paused, when not zero, is when sending resumes after Telegram asked
// for a long pause.
func ProgressText(L *locales.Localizer, st storage.BroadcastStats, paused time.Time) string {
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
func (f *Feature) pausedUntil() time.Time {
	if until := f.Env.PausedUntil(); until.Sub(f.Now()) >= longPause {
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
// writes the final report when nothing is left waiting. The housekeeping in
// also (deleting old "Ask us" messages) runs on the same ticks, after it.
func (f *Feature) RunProgress(ctx context.Context, b *tg.Bot, every time.Duration, also ...func(context.Context)) {
	last := map[int64]shown{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		f.reportProgress(ctx, b, last)
		for _, run := range also {
			run(ctx)
		}
	}
}

func (f *Feature) reportProgress(ctx context.Context, b *tg.Bot, last map[int64]shown) {
	open, err := f.Store.OpenBroadcasts(ctx)
	if err != nil {
		f.Log.Warn("open broadcasts", "err", err)
		return
	}
	for _, bc := range open {
		st, err := f.Store.BroadcastStats(ctx, bc.ID)
		if err != nil {
			f.Log.Warn("broadcast stats", "err", err)
			continue
		}
		if bc.ProgressChat != nil && bc.ProgressMsg == nil && f.Now().Sub(bc.CreatedAt) < time.Minute {
			continue // the progress message is being sent; its id is recorded right after
		}
		now := shown{st, f.pausedUntil()}
		if prev, seen := last[bc.ID]; seen && prev == now {
			continue
		}
		last[bc.ID] = now
		if bc.ProgressChat != nil && bc.ProgressMsg != nil {
			L := f.Cat.For(locales.Default)
			if bc.CreatedBy != nil {
				if m, err := f.Store.Member(ctx, *bc.CreatedBy); err == nil {
					L = f.Cat.For(m.Language)
				}
			}
			chat, msg, text := *bc.ProgressChat, *bc.ProgressMsg, ProgressText(L, st, now.paused)
			err := f.CountedEdit(ctx, chat, func(ctx context.Context) error {
				_, err := b.EditMessageText(ctx, &tg.EditMessageTextParams{ChatID: chat, MessageID: msg, Text: text})
				return err
			})
			if err != nil {
				f.Log.Info("edit progress", "err", outbox.ErrorClass(err))
			}
		}
		if st.Done() {
			if err := f.Store.FinishBroadcast(ctx, bc.ID, f.Now()); err != nil {
				f.Log.Warn("finish broadcast", "err", err)
				continue
			}
			delete(last, bc.ID)
		}
	}
}
