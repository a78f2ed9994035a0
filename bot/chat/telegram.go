package chat

import (
	"bytes"
	"context"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
)

// telegramOut performs a reply's effects through the Bot API. The answer to
// a pressed button and the chat's command menu go at once: neither is a
// message Telegram limits. Messages, edits and files are queued in their
// chat's lane (lanes) and the handler goes on; there each waits for its
// chat's limit (and a new message for the overall one, before bulk).
type telegramOut struct{ b *tg.Bot }

func (o telegramOut) Perform(r *Request, e Effect) (int, error) {
	env, ctx := r.Env, r.Ctx
	switch e.Kind {
	case Answer:
		// At once and beside the handler, which goes on to its next update;
		// even when the handler's deadline has passed: a spinning button is worse.
		p := &tg.AnswerCallbackQueryParams{CallbackQueryID: r.CB.ID, Text: e.Text, ShowAlert: e.Alert}
		env.lanes.busy.Add(1)
		go func() {
			defer env.lanes.busy.Done()
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			if _, err := o.b.AnswerCallbackQuery(ctx, p); err != nil {
				env.Log.Warn("answer callback", "err", ErrorClass(err))
			}
		}()
		return 0, nil
	case Commands:
		env.SyncCommands(ctx, o.b, *e.Member)
		return 0, nil
	case DropMenu:
		env.DropForgottenMenu(ctx, o.b, e.ChatID)
		return 0, nil
	}
	j := &job{out: o, env: env, ctx: ctx, e: e}
	if r.wait {
		j.done = make(chan result, 1)
	}
	env.lanes.enqueue(j)
	if j.done != nil {
		res := <-j.done
		return res.id, res.err
	}
	if e.Kind == Edit || e.Kind == DropButtons {
		return e.MessageID, nil
	}
	return 0, nil
}

// call makes one counted call; the lane calls it.
func (o telegramOut) call(ctx context.Context, env *Env, e Effect) (int, error) {
	switch e.Kind {
	case Send:
		var m *models.Message
		err := env.Counted(ctx, e.ChatID, func(ctx context.Context) (err error) {
			m, err = o.b.SendMessage(ctx, &tg.SendMessageParams{
				ChatID: e.ChatID, Text: e.Text, ReplyMarkup: outbox.Markup(e.Keyboard), LinkPreviewOptions: noPreview, Entities: e.Entities,
			})
			return err
		})
		if err != nil || m == nil {
			env.Log.Warn("send reply", "err", ErrorClass(err))
			return 0, err
		}
		return m.ID, nil
	case Edit:
		err := env.CountedEdit(ctx, e.ChatID, func(ctx context.Context) error {
			_, err := o.b.EditMessageText(ctx, &tg.EditMessageTextParams{
				ChatID: e.ChatID, MessageID: e.MessageID, Text: e.Text, Entities: e.Entities,
				ReplyMarkup: outbox.Markup(e.Keyboard), LinkPreviewOptions: noPreview,
			})
			return err
		})
		switch {
		case err == nil:
			return e.MessageID, nil
		case IsNotModified(err):
			return e.MessageID, ErrNotModified
		case e.Fallback:
			env.Log.Info("edit failed, sending anew", "err", ErrorClass(err))
			return o.call(ctx, env, Effect{Kind: Send, ChatID: e.ChatID, Text: e.Text, Entities: e.Entities, Keyboard: e.Keyboard})
		}
		env.Log.Info("edit message", "err", ErrorClass(err))
		return 0, err
	case DropButtons:
		err := env.CountedEdit(ctx, e.ChatID, func(ctx context.Context) error {
			_, err := o.b.EditMessageReplyMarkup(ctx, &tg.EditMessageReplyMarkupParams{ChatID: e.ChatID, MessageID: e.MessageID})
			return err
		})
		if err != nil {
			env.Log.Info("drop buttons", "err", ErrorClass(err))
		}
		return e.MessageID, err
	case Document, Photo:
		return o.file(ctx, env, e)
	}
	return 0, nil
}

func (o telegramOut) file(ctx context.Context, env *Env, e Effect) (int, error) {
	file := &models.InputFileUpload{Filename: e.FileName, Data: bytes.NewReader(e.Data)}
	var m *models.Message
	err := env.Counted(ctx, e.ChatID, func(ctx context.Context) (err error) {
		if e.Kind == Photo {
			m, err = o.b.SendPhoto(ctx, &tg.SendPhotoParams{ChatID: e.ChatID, Photo: file, Caption: e.Text})
		} else {
			m, err = o.b.SendDocument(ctx, &tg.SendDocumentParams{ChatID: e.ChatID, Document: file, Caption: e.Text})
		}
		return err
	})
	if err != nil || m == nil {
		return 0, err
	}
	return m.ID, nil
}

// IsNotModified reports Telegram's answer to an edit that changes nothing.
func IsNotModified(err error) bool {
	return err != nil && strings.Contains(err.Error(), "message is not modified")
}

// groupMembers asks Telegram how many members chatID has (the bot too) and
// which of them, not bots, are its administrators.
func (o telegramOut) groupMembers(ctx context.Context, chatID int64) (int, []int64, error) {
	n, err := o.b.GetChatMemberCount(ctx, &tg.GetChatMemberCountParams{ChatID: chatID})
	if err != nil {
		return 0, nil, err
	}
	admins, err := o.b.GetChatAdministrators(ctx, &tg.GetChatAdministratorsParams{ChatID: chatID})
	if err != nil {
		return 0, nil, err
	}
	var ids []int64
	for _, a := range admins {
		switch {
		case a.Owner != nil && a.Owner.User != nil:
			ids = append(ids, a.Owner.User.ID)
		case a.Administrator != nil:
			ids = append(ids, a.Administrator.User.ID)
		}
	}
	return n, ids, nil
}
