package bot

import (
	"context"
	"errors"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// kb is an inline keyboard in the storage form, shared with the outbox.
type kb = [][]domain.Button

func btn(text string, act action, args ...string) domain.Button {
	return domain.Button{Text: text, Data: payload(act, args...)}
}

func row(bs ...domain.Button) []domain.Button { return bs }

var noPreview = &models.LinkPreviewOptions{IsDisabled: tg.True()}

// say sends a direct reply to the member's own command or button press.
// Direct replies are sent at once; messages the bot starts go to the outbox.
func (r *req) say(text string, keyboard ...[]domain.Button) int {
	if r.chatID == 0 {
		return 0
	}
	var m *models.Message
	err := r.a.counted(r.ctx, r.chatID, func(ctx context.Context) (err error) {
		m, err = r.b.SendMessage(ctx, &tg.SendMessageParams{
			ChatID: r.chatID, Text: text, ReplyMarkup: outbox.Markup(keyboard), LinkPreviewOptions: noPreview, Entities: r.entities,
		})
		return err
	})
	if err != nil || m == nil {
		r.a.log.Warn("send reply", "err", outbox.ErrorClass(err))
		return 0
	}
	return m.ID
}

// show edits the message whose button was pressed, so a chat reads as one
// screen that changes rather than a flood; without one it sends a new message.
func (r *req) show(text string, keyboard ...[]domain.Button) int {
	if r.cbMsgID == 0 {
		return r.say(text, keyboard...)
	}
	return r.editMessage(r.cbMsgID, text, keyboard)
}

func (r *req) editMessage(msgID int, text string, keyboard kb) int {
	err := r.a.counted(r.ctx, r.chatID, func(ctx context.Context) error {
		_, err := r.b.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: r.chatID, MessageID: msgID, Text: text, ReplyMarkup: outbox.Markup(keyboard), LinkPreviewOptions: noPreview, Entities: r.entities,
		})
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "message is not modified") {
			return msgID
		}
		r.a.log.Info("edit failed, sending anew", "err", outbox.ErrorClass(err))
		return r.say(text, keyboard...)
	}
	return msgID
}

// showFormatted is show with Telegram message entities (bold, links …).
func (r *req) showFormatted(text string, entities []models.MessageEntity, keyboard ...[]domain.Button) int {
	r.entities = entities
	defer func() { r.entities = nil }()
	return r.show(text, keyboard...)
}

// toast answers the pressed button with a short note (or silently).
func (r *req) toast(text string) { r.answer(text, false) }

// deny answers a refused action: as an alert on a button, or as a reply.
func (r *req) deny(text string) {
	if r.cb != nil {
		r.answer(text, true)
		return
	}
	r.say(text)
}

func (r *req) answer(text string, alert bool) {
	if r.cb == nil || r.answered {
		return
	}
	r.answered = true
	// Answer even when the handler's deadline has passed: a spinning button is worse.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 5e9)
	defer cancel()
	_, err := r.b.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: r.cb.ID, Text: text, ShowAlert: alert})
	if err != nil {
		r.a.log.Warn("answer callback", "err", outbox.ErrorClass(err))
	}
}

// fail tells the member what went wrong in their language: a domain error
// from the table below, or "something went wrong" (and a log line) otherwise.
func (r *req) fail(err error) {
	for _, e := range userErrors {
		if errors.Is(err, e.err) {
			r.deny(r.L.T(e.msg, nil))
			return
		}
	}
	r.a.log.Error("handler failed", "err", outbox.ErrorClass(err))
	r.deny(r.L.T("SomethingWrong", nil))
}

// userErrors maps domain errors to the message that explains them.
var userErrors = []struct {
	err error
	msg string
}{
	{domain.ErrCountCancelled, "CountCancelled"},
	{domain.ErrCountNotToday, "CountOnlyOnTheDay"},
	{domain.ErrCountNotHost, "CountOnlyHosts"},
	{domain.ErrFirstNeedsPerson, "CountFirstNeedsPerson"},
	{domain.ErrNothingToUndo, "CountNothingToUndo"},
	{domain.ErrLastCoordinator, "LastCoordinator"},
	{domain.ErrInviteExpired, "InviteInvalid"},
	{domain.ErrInviteUsedUp, "InviteInvalid"},
	{domain.ErrInviteRevoked, "InviteInvalid"},
	{errButtonExpired, "ButtonExpired"},
	// Events (issue 7): answers the rules refused.
	{domain.ErrEventGone, "EventCancelledAlert"},
	{domain.ErrNotInvited, "EventNotInvited"},
	{domain.ErrFull, "EventFull"},
	{domain.ErrAnswerDeadline, "EventDeadlinePassed"},
	{domain.ErrEventStarted, "EventStarted"},
	{domain.ErrOfferLapsed, "EventOfferGone"},
	{domain.ErrNoOffer, "EventNothingToConfirm"},
}

// errButtonExpired: a button whose context is gone (a deleted member, a finished draft).
var errButtonExpired = errors.New("button expired")

// pressed is the message whose button was pressed, nil if inaccessible.
func (r *req) pressed() *models.Message {
	if r.cb == nil {
		return nil
	}
	return r.cb.Message.Message
}

// editPressed edits the message whose button was pressed where it is (a
// private chat or the coordinators' group).
func (r *req) editPressed(text string, keyboard kb) {
	m := r.pressed()
	if m == nil {
		return
	}
	err := r.a.counted(r.ctx, m.Chat.ID, func(ctx context.Context) error {
		_, err := r.b.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: m.Chat.ID, MessageID: m.ID, Text: text, ReplyMarkup: outbox.Markup(keyboard), LinkPreviewOptions: noPreview,
		})
		return err
	})
	if err != nil && !strings.Contains(err.Error(), "message is not modified") {
		r.a.log.Info("edit pressed message", "err", outbox.ErrorClass(err))
	}
}

// languageButton is the ➕ (no text yet) or ✏️ (has one) button for the
// text of one language in a step-by-step chat, pressing act with args.
func (a *App) languageButton(L *locales.Localizer, lang string, has bool, act action, args ...string) domain.Button {
	key := "BtnAddLanguage"
	if has {
		key = "BtnEditLanguage"
	}
	return btn(L.T(key, locales.Data{"Language": a.cat.For(lang).T("LanguageName", nil)}), act, args...)
}
