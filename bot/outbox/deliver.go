package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/storage"
	"vejviser/storage/domain"
)

// API is the part of the Telegram client the sender uses (*bot.Bot).
type API interface {
	SendMessage(ctx context.Context, p *tg.SendMessageParams) (*models.Message, error)
}

// errBadRow marks an outbox row that cannot become an API call.
var errBadRow = errors.New("bad outbox row")

// errRender marks a notice that could not be rendered (an unknown kind,
// values that do not decode, a recipient gone): a bug to see at once, so
// its row fails loudly rather than going out wrong.
var errRender = errors.New("notice not rendered")

// Renderer turns a notice row (kind and values) into the message's text in
// its recipient's language at the moment it leaves. The chat implements it.
type Renderer interface {
	Render(ctx context.Context, msg storage.OutboxMessage) (Rendered, error)
}

// Rendered is a notice made ready to send.
type Rendered struct {
	Text     string
	Buttons  [][]domain.Button
	Entities []models.MessageEntity
}

// SetRenderer gives the sender the chat's notice renderers (before Run).
func (s *Sender) SetRenderer(r Renderer) { s.renderer = r }

// content is what a row sends: its text as queued, or its notice rendered now.
func (s *Sender) content(ctx context.Context, msg storage.OutboxMessage) (Rendered, error) {
	if msg.Notice != "" {
		if s.renderer == nil {
			return Rendered{}, fmt.Errorf("%w: no renderer for %q", errRender, msg.Notice)
		}
		out, err := s.renderer.Render(ctx, msg)
		if err != nil {
			return Rendered{}, fmt.Errorf("%w: %q: %w", errRender, msg.Notice, err)
		}
		return out, nil
	}
	buttons, err := msg.Buttons()
	if err != nil {
		return Rendered{}, fmt.Errorf("%w: %w", errBadRow, err)
	}
	out := Rendered{Text: msg.Text, Buttons: buttons}
	if msg.Entities != "" {
		if err := json.Unmarshal([]byte(msg.Entities), &out.Entities); err != nil {
			s.log.Warn("bad entities in outbox; sending plain text", "id", msg.ID)
			out.Entities = nil
		}
	}
	return out, nil
}

// call makes the API call for one outbox row and returns the id Telegram
// gave the message. Every kind of message the outbox can send is made here.
// A notice's rendering is kept in msg, to be recorded with its delivery.
func (s *Sender) call(ctx context.Context, msg *storage.OutboxMessage) (int, error) {
	if msg.Kind == domain.KindDelete {
		return 0, s.delete(ctx, *msg)
	}
	c, err := s.content(ctx, *msg)
	if err != nil {
		return 0, err
	}
	if msg.Notice != "" {
		msg.Text, msg.ButtonsJSON = c.Text, ""
		if len(c.Buttons) > 0 {
			if b, err := json.Marshal(c.Buttons); err == nil {
				msg.ButtonsJSON = string(b)
			}
		}
	}
	buttons := c.Buttons
	if msg.CopyChat.Valid && msg.CopyMessage.Valid {
		// A copy of a member's message ("Ask us"): media is passed on by
		// Telegram's reference, never downloaded.
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
		ChatID: msg.ChatID, Text: c.Text, ReplyMarkup: Markup(buttons), Entities: c.Entities,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
	}
	sent, err := s.api.SendMessage(ctx, p)
	if err != nil || sent == nil {
		return 0, err
	}
	return sent.ID, nil
}

// Copier is the part of the Telegram client that copies a message
// (*bot.Bot has it); an API without it fails copies as bad requests.
type Copier interface {
	CopyMessage(ctx context.Context, p *tg.CopyMessageParams) (*models.MessageID, error)
}

// errCannotCopy: the API given to the sender cannot copy messages.
var errCannotCopy = fmt.Errorf("%w: this API cannot copy messages", tg.ErrorBadRequest)

// Deleter is the part of the Telegram client that deletes a message
// (*bot.Bot has it); an API without it fails deletions as bad requests.
type Deleter interface {
	DeleteMessage(ctx context.Context, p *tg.DeleteMessageParams) (bool, error)
}

// errCannotDelete: the API given to the sender cannot delete messages.
var errCannotDelete = fmt.Errorf("%w: this API cannot delete messages", tg.ErrorBadRequest)

// delete deletes one of the bot's own messages (a KindDelete row). Telegram
// refuses once the message is older than domain.DeleteWindow ("message
// can't be deleted") or gone ("message to delete not found"): a bad
// request, so the row fails with that class and is not retried.
func (s *Sender) delete(ctx context.Context, msg storage.OutboxMessage) error {
	d, ok := s.api.(Deleter)
	if !ok {
		return errCannotDelete
	}
	if !msg.DeleteMessage.Valid {
		return fmt.Errorf("%w: no message to delete", errBadRow)
	}
	_, err := d.DeleteMessage(ctx, &tg.DeleteMessageParams{ChatID: msg.ChatID, MessageID: int(msg.DeleteMessage.Int64)})
	return err
}

// send is one call in flight: it makes the call, records the outcome
// (retrying the bookkeeping until it succeeds) and frees its slot.
func (s *Sender) send(ctx context.Context, msg storage.OutboxMessage, started time.Time) {
	defer s.calls.Done()
	st := &callStatus{}
	callCtx, cancel := context.WithTimeout(withStatus(detach(ctx), st), s.cfg.CallTimeout)
	callStart := time.Now()
	id, err := s.call(callCtx, &msg)
	cancel()
	if s.observe != nil {
		s.observe(callMethod(msg), callOutcome(err, int(st.code.Load())), time.Since(callStart))
	}
	s.answered(msg.ChatID, started)
	pause := s.settle(ctx, msg, id, err, int(st.code.Load()))
	s.release(msg.ChatID, pause, true, started)
}

// answered moves a call made at at to where Telegram may have counted it,
// now that it is answered: a chat's window counts it from the answer; the
// overall window from the answer less the shortest recent round trip (a
// whole round trip on every call would cost a third of the rate at 300 ms).
// Uneven delays on the way then never make two calls look further apart
// to us than they were at Telegram.
func (s *Sender) answered(chatID int64, at time.Time) {
	end := s.clock.Now()
	s.lim.Lock()
	defer s.lim.Unlock()
	s.rtt.add(end.Sub(at))
	s.chatWindow(chatID).extend(at, end)
	s.global.extend(at, end.Add(-s.rtt.get()))
}

// longPause is a retry_after long enough to tell the operator when sending resumes.
const longPause = time.Minute

// settle records the outcome of a call and returns how long all sending
// must pause (Telegram failing, or 429s for more than one chat), or 0.
func (s *Sender) settle(ctx context.Context, msg storage.OutboxMessage, telegramID int, err error, status int) time.Duration {
	now := s.clock.Now()
	if err == nil || delivered(err, status) {
		if err != nil {
			// Telegram took the message; only its answer was not understood.
			s.log.Warn("message delivered but Telegram's answer could not be read", "id", msg.ID, "err", ErrorClass(err))
		}
		s.mu.Lock()
		s.failures = 0
		s.mu.Unlock()
		s.recordSent(msg, telegramID)
		return 0
	}

	var tooMany *tg.TooManyRequestsError
	var migrate *tg.MigrateError
	switch {
	case errors.Is(err, errBadRow):
		s.fail(ctx, msg, "bad buttons")
		return 0
	case errors.Is(err, errRender):
		s.stats.unrendered.Add(1)
		s.log.Error("notice could not be rendered; its message fails", "id", msg.ID, "notice", msg.Notice, "err", err.Error())
		s.fail(ctx, msg, "render")
		return 0
	case errors.As(err, &tooMany):
		// Our pacing was too fast for Telegram: not the message's fault.
		s.stats.throttled.Add(1)
		wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		s.retry(ctx, msg, now, "429", false)
		chatOnly := s.holdChat(msg.ChatID, now, wait)
		if wait >= longPause {
			s.log.Warn("telegram asked us to stop sending for a long time", "retry_after", wait, "resume_at", now.Add(wait).UTC().Format(time.RFC3339),
				"chat_only", chatOnly)
		} else {
			s.log.Warn("telegram asked us to slow down", "retry_after", wait, "chat_only", chatOnly)
		}
		if chatOnly {
			return 0
		}
		return wait
	case errors.Is(err, tg.ErrorForbidden), errors.Is(err, tg.ErrorBadRequest) && strings.Contains(err.Error(), "chat not found"):
		class := "blocked"
		if !errors.Is(err, tg.ErrorForbidden) {
			class = "chat not found"
		}
		s.book(ctx, "mark unreachable", msg.ID, func(c context.Context) error { return s.store.MarkUnreachable(c, msg, class, now) })
		s.stats.blocked.Add(1)
		s.log.Info("recipient cannot be reached; stopped writing to them", "chat", msg.ChatID, "reason", ErrorClass(err))
		return 0
	case errors.As(err, &migrate) && migrate.MigrateToChatID != 0:
		to := int64(migrate.MigrateToChatID)
		s.book(ctx, "follow migrated group", msg.ID, func(c context.Context) error { return s.store.MoveChat(c, msg.ChatID, to) })
		s.mu.Lock()
		s.moved[msg.ChatID] = to
		s.mu.Unlock()
		s.retry(ctx, msg, now, "group migrated", false)
		s.log.Info("group became a supergroup; sending there", "from", msg.ChatID, "to", to)
		return 0
	case errors.Is(err, tg.ErrorBadRequest):
		s.fail(ctx, msg, ErrorClass(err))
		return 0
	case errors.Is(err, tg.ErrorUnauthorized), errors.Is(err, tg.ErrorNotFound):
		// The token was revoked or the API URL is wrong: nothing will work until an operator acts.
		s.retry(ctx, msg, now, "unauthorized", false)
		s.log.Error("telegram refuses our token; pausing", "err", ErrorClass(err))
		s.mu.Lock()
		s.failures++
		s.mu.Unlock()
		return s.cfg.MaxBackoff
	default:
		// 5xx, timeouts, refused connections: back off everything, retry this one later.
		pause := s.backoff()
		s.retry(ctx, msg, now.Add(s.messageDelay(msg.Attempts+1)), "transient", true)
		s.log.Warn("telegram unavailable; backing off", "pause", pause.Round(time.Millisecond), "err", ErrorClass(err))
		return pause
	}
}

// holdChat holds chatID for d after Telegram answered a call into it 429:
// the limit it hit is that chat's (about one message a second, twenty a
// minute in a group), so the other chats keep going. The chat's window
// holds it, so the dispatcher leaves it out (held) and direct replies into
// it wait too. It reports false when another chat was answered 429 within
// its own retry_after: then the limit is not one chat's, and the caller
// pauses all sending rather than probing every chat of a broadcast.
func (s *Sender) holdChat(chatID int64, now time.Time, d time.Duration) (chatOnly bool) {
	s.mu.Lock()
	chatOnly = s.tooMany.chat == chatID || !s.tooMany.until.After(now)
	s.tooMany.chat = chatID
	if until := now.Add(d); until.After(s.tooMany.until) || chatOnly {
		s.tooMany.until = until
	}
	s.mu.Unlock()
	s.lim.Lock()
	s.chatWindow(chatID).hold(now.Add(d))
	s.lim.Unlock()
	return chatOnly
}

// ErrorClass is a short, log-safe description of an API error: never a
// request or response body (which can hold what members wrote or were sent,
// or a proxy's whole error page), never the token (go-telegram/bot already
// masks it in URLs). Every log line about a Telegram call goes through it.
func ErrorClass(err error) string {
	if err == nil {
		return ""
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return "connection: " + ue.Err.Error()
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "undecodable answer: " + se.Error()
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "undecodable answer: " + te.Error()
	}
	s := err.Error()
	if strings.HasPrefix(s, "error decode response") {
		return "undecodable answer"
	}
	if i := strings.IndexAny(s, "{[<"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160]
	}
	return strings.ToValidUTF8(s, "")
}

// Markup converts stored buttons to Telegram's inline keyboard (nil for none).
func Markup(rows [][]domain.Button) models.ReplyMarkup {
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

// Observer hears of every call the sender makes (for the metrics): the
// Bot API method, the outcome ("ok", "too_many_requests" or "error") and
// how long the call took. It must be quick and must not block.
type Observer func(method, outcome string, took time.Duration)

// SetObserver sets the observer; call it before Run.
func (s *Sender) SetObserver(o Observer) { s.observe = o }

func callMethod(msg storage.OutboxMessage) string {
	if msg.Kind == domain.KindDelete {
		return "deleteMessage"
	}
	if msg.CopyChat.Valid && msg.CopyMessage.Valid {
		return "copyMessage"
	}
	return "sendMessage"
}

func callOutcome(err error, status int) string {
	switch {
	case err == nil:
		return "ok"
	case status == 429 || errors.Is(err, tg.ErrorTooManyRequests):
		return "too_many_requests"
	}
	return "error"
}
