// Package outbox owns delivery of every message the bot starts. The storage
// transaction that causes a message writes it to the outbox table; the
// Sender here drains that table to Telegram within its limits (overall,
// per private chat, per group), pauses everything on 429 for retry_after,
// backs off with jitter while Telegram fails or cannot be reached, marks
// members who blocked the bot unreachable, drops messages that expired, and
// records "sending" before each call so a crash leaves at most one message
// whose fate is uncertain.
package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"vejviser/storage"
)

// API is the part of the Telegram client the sender uses (*bot.Bot).
type API interface {
	SendMessage(ctx context.Context, p *tg.SendMessageParams) (*models.Message, error)
}

// Config sets the limits. Zero fields take the defaults in DefaultConfig.
type Config struct {
	Rate           float64       // messages per second overall (Telegram: ~30)
	PerChatRate    float64       // per private chat (Telegram: ~1/s, short bursts allowed)
	PerChatBurst   int           //
	GroupPerMinute float64       // per group chat (Telegram: 20/min)
	CallTimeout    time.Duration // one API call
	IdlePoll       time.Duration // how often an idle sender looks for rows queued by another process
	MinBackoff     time.Duration // first pause after a failure of Telegram
	MaxBackoff     time.Duration // longest pause
	MaxRetryDelay  time.Duration // longest a single failing message waits before its next try
	Batch          int           // rows read per query
	KeepDone       time.Duration // how long finished messages are kept before they are deleted
	KeepDrafts     time.Duration // how long an untouched step-by-step chat is kept
}

// DefaultConfig is Telegram's documented limits with a safety margin on bursts.
func DefaultConfig() Config {
	return Config{
		Rate: 30, PerChatRate: 1, PerChatBurst: 2, GroupPerMinute: 20,
		CallTimeout: 20 * time.Second, IdlePoll: time.Second,
		MinBackoff: time.Second, MaxBackoff: time.Minute, MaxRetryDelay: 10 * time.Minute,
		Batch: 256, KeepDone: 30 * 24 * time.Hour, KeepDrafts: 7 * 24 * time.Hour,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	orDefault(&c.Rate, d.Rate)
	orDefault(&c.PerChatRate, d.PerChatRate)
	orDefault(&c.PerChatBurst, d.PerChatBurst)
	orDefault(&c.GroupPerMinute, d.GroupPerMinute)
	orDefault(&c.CallTimeout, d.CallTimeout)
	orDefault(&c.IdlePoll, d.IdlePoll)
	orDefault(&c.MinBackoff, d.MinBackoff)
	orDefault(&c.MaxBackoff, d.MaxBackoff)
	orDefault(&c.MaxRetryDelay, d.MaxRetryDelay)
	orDefault(&c.Batch, d.Batch)
	orDefault(&c.KeepDone, d.KeepDone)
	orDefault(&c.KeepDrafts, d.KeepDrafts)
	return c
}

// orDefault replaces a zero or negative setting with its default.
func orDefault[T int | float64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Stats counts what the sender did since it started.
type Stats struct {
	Sent, Blocked, Failed, Expired, Retried, Throttled int64 // Throttled: 429 answers received
	Recovered                                          int64 // "sending" rows found at start
}

// Sender drains the outbox. Create it with New and run it with Run.
type Sender struct {
	store *storage.Store
	api   API
	cfg   Config
	log   *slog.Logger
	clock Clock

	global *rate.Limiter
	chats  map[int64]*rate.Limiter
	held   map[int64]time.Time // chats over their own limit, until when
	wake   chan struct{}

	failures int       // consecutive failures of Telegram, for the backoff
	pruned   time.Time // last clean-up of old rows
	stats    struct {
		sent, blocked, failed, expired, retried, throttled atomic.Int64
		recovered                                          atomic.Int64
	}
}

// New creates a sender. clock may be nil for the real clock.
func New(store *storage.Store, api API, cfg Config, log *slog.Logger, clock Clock) *Sender {
	cfg = cfg.withDefaults()
	if clock == nil {
		clock = RealClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{
		store: store, api: api, cfg: cfg, log: log, clock: clock,
		global: rate.NewLimiter(rate.Limit(cfg.Rate), 1),
		chats:  map[int64]*rate.Limiter{},
		held:   map[int64]time.Time{},
		wake:   make(chan struct{}, 1),
	}
}

// Wake tells the sender that messages were queued, so it need not wait for its poll.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Stats returns the counters.
func (s *Sender) Stats() Stats {
	return Stats{
		Sent: s.stats.sent.Load(), Blocked: s.stats.blocked.Load(), Failed: s.stats.failed.Load(),
		Expired: s.stats.expired.Load(), Retried: s.stats.retried.Load(), Throttled: s.stats.throttled.Load(),
		Recovered: s.stats.recovered.Load(),
	}
}

// Run sends until ctx ends. A call in flight when ctx ends is allowed to
// finish and its outcome is recorded before Run returns.
func (s *Sender) Run(ctx context.Context) error {
	n, err := s.store.RecoverSending(ctx)
	if err != nil {
		return err
	}
	s.stats.recovered.Store(int64(n))
	if n > 0 {
		s.log.Warn("resending messages whose delivery was uncertain after a restart", "count", n)
	}
	for ctx.Err() == nil {
		now := s.clock.Now()
		s.prune(ctx, now)
		skip, until := s.heldChats(now)
		batch, err := s.store.DueMessages(ctx, now, s.cfg.Batch, skip...)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			s.log.Error("read outbox", "err", err)
			_ = s.clock.Wait(ctx, s.cfg.IdlePoll, nil)
			continue
		}
		if len(batch) == 0 {
			s.idle(ctx, until)
			continue
		}
		s.drain(ctx, batch)
	}
	return nil
}

// prune deletes old finished messages and abandoned drafts, at most hourly.
func (s *Sender) prune(ctx context.Context, now time.Time) {
	if now.Sub(s.pruned) < time.Hour {
		return
	}
	s.pruned = now
	msgs, chats, err := s.store.Prune(ctx, now.Add(-s.cfg.KeepDone), now.Add(-s.cfg.KeepDrafts))
	if err != nil {
		s.log.Warn("prune", "err", err)
		return
	}
	if msgs+chats > 0 {
		s.log.Info("deleted old data", "messages", msgs, "unfinished_chats", chats)
	}
}

// heldChats forgets holds that have passed and lists the rest, with the
// earliest time one of them ends (zero if none).
func (s *Sender) heldChats(now time.Time) ([]int64, time.Time) {
	var ids []int64
	var until time.Time
	for id, t := range s.held {
		if !t.After(now) || len(ids) >= 500 {
			delete(s.held, id)
			continue
		}
		ids = append(ids, id)
		if until.IsZero() || t.Before(until) {
			until = t
		}
	}
	return ids, until
}

// idle waits until the next message is due, a held chat is free, new
// messages are queued, or the poll interval passes.
func (s *Sender) idle(ctx context.Context, heldUntil time.Time) {
	now := s.clock.Now()
	wait := s.cfg.IdlePoll
	if !heldUntil.IsZero() {
		wait = min(wait, heldUntil.Sub(now))
	}
	if next, ok, err := s.store.NextDue(ctx); err == nil && ok && next.After(now) {
		wait = min(wait, next.Sub(now))
	}
	_ = s.clock.Wait(ctx, max(wait, time.Millisecond), s.wake)
}

// refetchEvery bounds how long a batch is worked on before the queue is read
// again, so a notice queued during a broadcast goes out within about a second.
const refetchEvery = time.Second

// drain sends what it can of one batch. A chat over its own limit is held
// (left out of the next queries) until its bucket has a token again.
func (s *Sender) drain(ctx context.Context, batch []storage.OutboxMessage) {
	s.pruneChats()
	started := s.clock.Now()
	for _, msg := range batch {
		if ctx.Err() != nil {
			return
		}
		now := s.clock.Now()
		if _, held := s.held[msg.ChatID]; held {
			continue
		}
		if msg.ExpiresAt != nil && !now.Before(*msg.ExpiresAt) {
			s.expire(ctx, msg, now)
			continue
		}
		chat := s.chatLimiter(msg.ChatID)
		r := chat.ReserveN(now, 1)
		wait := r.DelayFrom(now)
		r.CancelAt(now) // only a check: the chat is charged when the call is made
		if wait > 0 {
			s.held[msg.ChatID] = now.Add(wait)
			continue
		}
		if err := s.pace(ctx); err != nil {
			return
		}
		// Charge the chat at the moment of the call: pace may have waited.
		chat.ReserveN(s.clock.Now(), 1)
		if pause := s.deliver(ctx, msg); pause > 0 {
			_ = s.clock.Wait(ctx, pause, nil)
			return // re-read: the queue may have changed while we waited
		}
		if s.clock.Now().Sub(started) >= refetchEvery {
			return
		}
	}
}

// pace waits for the global rate limit.
func (s *Sender) pace(ctx context.Context) error {
	now := s.clock.Now()
	r := s.global.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		if err := s.clock.Wait(ctx, d, nil); err != nil {
			r.CancelAt(s.clock.Now())
			return err
		}
	}
	return nil
}

func (s *Sender) chatLimiter(chatID int64) *rate.Limiter {
	l, ok := s.chats[chatID]
	if !ok {
		if chatID < 0 {
			l = rate.NewLimiter(rate.Limit(s.cfg.GroupPerMinute/60), 3)
		} else {
			l = rate.NewLimiter(rate.Limit(s.cfg.PerChatRate), s.cfg.PerChatBurst)
		}
		s.chats[chatID] = l
	}
	return l
}

// pruneChats forgets limiters of chats that are back to a full bucket.
func (s *Sender) pruneChats() {
	if len(s.chats) < 4096 {
		return
	}
	now := s.clock.Now()
	for id, l := range s.chats {
		if l.TokensAt(now) >= float64(l.Burst()) {
			delete(s.chats, id)
		}
	}
}

func (s *Sender) expire(ctx context.Context, msg storage.OutboxMessage, now time.Time) {
	if err := s.store.MarkExpired(detach(ctx), msg.ID, now); err != nil {
		s.log.Error("mark expired", "id", msg.ID, "err", err)
		return
	}
	s.stats.expired.Add(1)
}

// detach keeps bookkeeping writes alive through shutdown: the outcome of a
// call that was made must be recorded.
func detach(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// deliver makes one API call and records its outcome. It returns how long
// all sending must pause (429, or Telegram failing), or 0.
func (s *Sender) deliver(ctx context.Context, msg storage.OutboxMessage) time.Duration {
	bg := detach(ctx)
	ok, err := s.store.MarkSending(bg, msg.ID, s.clock.Now())
	if err != nil {
		s.log.Error("mark sending", "id", msg.ID, "err", err)
		return s.backoff()
	}
	if !ok {
		return 0 // deleted (the member left) or taken meanwhile
	}
	buttons, err := msg.Buttons()
	if err != nil {
		s.log.Error("bad buttons in outbox", "id", msg.ID, "err", err)
		s.fail(bg, msg, "bad buttons")
		return 0
	}
	callCtx, cancel := context.WithTimeout(bg, s.cfg.CallTimeout)
	id, err := s.call(callCtx, msg, buttons)
	cancel()
	now := s.clock.Now()
	if err == nil {
		s.failures = 0
		if err := s.store.MarkSent(bg, msg.ID, id, now); err != nil {
			s.log.Error("mark sent", "id", msg.ID, "err", err)
		}
		s.stats.sent.Add(1)
		return 0
	}

	var tooMany *tg.TooManyRequestsError
	var migrate *tg.MigrateError
	switch {
	case errors.As(err, &tooMany):
		// Our pacing was too fast for Telegram: not the message's fault.
		s.stats.throttled.Add(1)
		wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		s.retry(bg, msg, now, "429", false)
		s.log.Warn("telegram asked us to slow down", "retry_after", wait)
		return wait
	case errors.Is(err, tg.ErrorForbidden):
		if err := s.store.MarkBlocked(bg, msg, now); err != nil {
			s.log.Error("mark blocked", "id", msg.ID, "err", err)
		}
		s.stats.blocked.Add(1)
		s.log.Info("recipient cannot be reached; stopped writing to them", "chat", msg.ChatID)
		return 0
	case errors.As(err, &migrate), errors.Is(err, tg.ErrorBadRequest):
		s.fail(bg, msg, ErrorClass(err))
		return 0
	case errors.Is(err, tg.ErrorUnauthorized), errors.Is(err, tg.ErrorNotFound):
		// The token was revoked or the API URL is wrong: nothing will work until an operator acts.
		s.retry(bg, msg, now, "unauthorized", false)
		s.log.Error("telegram refuses our token; pausing", "err", ErrorClass(err))
		s.failures++
		return s.cfg.MaxBackoff
	default:
		// 5xx, timeouts, refused connections: back off everything, retry this one later.
		pause := s.backoff()
		s.retry(bg, msg, now.Add(s.messageDelay(msg.Attempts+1)), "transient", true)
		s.log.Warn("telegram unavailable; backing off", "pause", pause.Round(time.Millisecond), "err", ErrorClass(err))
		return pause
	}
}

// Copier is the part of the Telegram client that copies a message
// (*bot.Bot has it); an API without it fails copies as bad requests.
type Copier interface {
	CopyMessage(ctx context.Context, p *tg.CopyMessageParams) (*models.MessageID, error)
}

// errCannotCopy: the API given to the sender cannot copy messages.
var errCannotCopy = fmt.Errorf("%w: this API cannot copy messages", tg.ErrorBadRequest)

// call makes the one API call for an outbox row: a copy of a member's
// message (copyMessage: media is passed on by Telegram's reference, never
// downloaded) or a text with its entities. It returns the new message's id.
func (s *Sender) call(ctx context.Context, msg storage.OutboxMessage, buttons [][]storage.Button) (int, error) {
	if msg.CopyChat.Valid && msg.CopyMessage.Valid {
		c, ok := s.api.(Copier)
		if !ok {
			return 0, errCannotCopy
		}
		sent, err := c.CopyMessage(ctx, &tg.CopyMessageParams{
			ChatID: msg.ChatID, FromChatID: msg.CopyChat.Int64, MessageID: int(msg.CopyMessage.Int64),
			ReplyMarkup: Markup(buttons),
		})
		if err != nil || sent == nil {
			return 0, err
		}
		return sent.ID, nil
	}
	p := &tg.SendMessageParams{
		ChatID: msg.ChatID, Text: msg.Text, ReplyMarkup: Markup(buttons),
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
	}
	if msg.Entities != "" {
		if err := json.Unmarshal([]byte(msg.Entities), &p.Entities); err != nil {
			s.log.Warn("bad entities in outbox; sending plain text", "id", msg.ID)
			p.Entities = nil
		}
	}
	sent, err := s.api.SendMessage(ctx, p)
	if err != nil || sent == nil {
		return 0, err
	}
	return sent.ID, nil
}

func (s *Sender) retry(ctx context.Context, msg storage.OutboxMessage, at time.Time, class string, count bool) {
	if err := s.store.Retry(ctx, msg.ID, at, class, count); err != nil {
		s.log.Error("requeue", "id", msg.ID, "err", err)
	}
	s.stats.retried.Add(1)
}

func (s *Sender) fail(ctx context.Context, msg storage.OutboxMessage, class string) {
	if err := s.store.MarkFailed(ctx, msg.ID, class, s.clock.Now()); err != nil {
		s.log.Error("mark failed", "id", msg.ID, "err", err)
	}
	s.stats.failed.Add(1)
	s.log.Warn("message failed permanently", "id", msg.ID, "reason", class)
}

// backoff grows exponentially with each consecutive failure, with ±20% jitter, bounded.
func (s *Sender) backoff() time.Duration {
	d := s.cfg.MinBackoff << min(s.failures, 20)
	if d <= 0 || d > s.cfg.MaxBackoff {
		d = s.cfg.MaxBackoff
	}
	s.failures++
	return jitter(d)
}

// messageDelay is how long one failing message waits before its next try.
func (s *Sender) messageDelay(attempts int) time.Duration {
	d := time.Second << min(attempts, 20)
	if d <= 0 || d > s.cfg.MaxRetryDelay {
		d = s.cfg.MaxRetryDelay
	}
	return jitter(d)
}

func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// ErrorClass is a short, log-safe description of an API error: never a
// request or response body (which can hold what members wrote or were sent),
// never the token (go-telegram/bot already masks it in URLs). Every log line
// about a Telegram call goes through it.
func ErrorClass(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return "connection: " + ue.Err.Error()
	}
	s := err.Error()
	if i := strings.IndexAny(s, "{["); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160]
	}
	return s
}

// Markup converts stored buttons to Telegram's inline keyboard (nil for none).
func Markup(rows [][]storage.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := make([][]models.InlineKeyboardButton, 0, len(rows))
	for _, r := range rows {
		line := make([]models.InlineKeyboardButton, 0, len(r))
		for _, b := range r {
			line = append(line, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data, URL: b.URL})
		}
		kb = append(kb, line)
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}
}
