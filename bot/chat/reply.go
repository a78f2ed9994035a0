package chat

import (
	"context"
	"errors"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/storage/domain"
)

// Keyboard is an inline keyboard in the storage form, shared with the outbox.
type Keyboard = [][]domain.Button

// Btn is one button pressing act with args.
func Btn(text string, act Action, args ...string) domain.Button {
	return domain.Button{Text: text, Data: Payload(act, args...)}
}

// Row is one row of buttons.
func Row(bs ...domain.Button) []domain.Button { return bs }

// EffectKind is what an Effect does in Telegram.
type EffectKind int

// The effects a reply is made of.
const (
	Send        EffectKind = iota // a new message into ChatID
	Edit                          // edit MessageID in ChatID
	Answer                        // answer the pressed button (a toast or an alert)
	Document                      // a file into ChatID
	Photo                         // a picture into ChatID
	DropButtons                   // take the keyboard off MessageID in ChatID
	Commands                      // give Member's chat the command menu of their role
	DropMenu                      // remove a forgotten member's chat menu (ChatID)
)

// Effect is one call a reply makes.
type Effect struct {
	Kind      EffectKind
	ChatID    int64
	MessageID int
	Text      string // the message, the toast, or a file's caption
	Entities  []models.MessageEntity
	Keyboard  Keyboard
	Alert     bool           // Answer: shown as an alert the member must close
	Fallback  bool           // Edit: send anew when the message cannot be edited
	Preview   bool           // Send, Edit: show a link preview
	FileName  string         // Document, Photo
	Data      []byte         // Document, Photo
	Member    *domain.Member // Commands
	// Render, on an Edit, makes the edit when it leaves its chat's lane
	// rather than when the handler queues it: it reads what is stored then.
	// Edits of one message caused by different people's updates (each
	// handler reading the store a moment apart) then never show an older
	// state after a newer one. ok false: nothing to edit (yet).
	Render func(ctx context.Context) (e Effect, ok bool)
	// Key names the message an Edit with Render changes when its id is not
	// known yet, so waiting edits of it fold into one.
	Key string
}

// Reply is a handler's answer, as a value: the effects in the order the
// handler made them. Handler tests read it; in the bot each effect is also
// performed as it is added.
type Reply struct {
	Effects []Effect
}

// Texts is the text of every message sent or edited, in order (for tests).
func (rp Reply) Texts() []string {
	var out []string
	for _, e := range rp.Effects {
		if e.Kind == Send || e.Kind == Edit {
			out = append(out, e.Text)
		}
	}
	return out
}

// Out performs effects in Telegram.
type Out interface {
	// Perform makes the call and returns the id of the message sent or
	// edited (0 if none). An edit that changes nothing is ErrNotModified.
	Perform(r *Request, e Effect) (int, error)
}

// ErrNotModified is an edit that would leave the message as it is.
var ErrNotModified = errors.New("message is not modified")

func (r *Request) add(e Effect) (int, error) {
	r.Reply.Effects = append(r.Reply.Effects, e)
	if r.out == nil {
		return e.MessageID, nil
	}
	return r.out.Perform(r, e)
}

// Say sends a direct reply to the member's own command or button press.
// Direct replies are queued in the chat's lane and go before the outbox's
// messages; it returns 0: the id is not known yet (ShowNow waits for it).
func (r *Request) Say(text string, keyboard ...[]domain.Button) int {
	if r.ChatID == 0 {
		return 0
	}
	id, _ := r.add(Effect{Kind: Send, ChatID: r.ChatID, Text: text, Keyboard: keyboard})
	return id
}

// Show edits the message whose button was pressed, so a chat reads as one
// screen that changes rather than a flood; without one it sends a new message.
func (r *Request) Show(text string, keyboard ...[]domain.Button) int {
	return r.ShowFormatted(text, nil, keyboard...)
}

// ShowFormatted is Show with Telegram message entities (bold, links …).
func (r *Request) ShowFormatted(text string, entities []models.MessageEntity, keyboard ...[]domain.Button) int {
	if r.CbMsgID == 0 {
		if r.ChatID == 0 {
			return 0
		}
		id, _ := r.add(Effect{Kind: Send, ChatID: r.ChatID, Text: text, Entities: entities, Keyboard: keyboard})
		return id
	}
	id, _ := r.add(Effect{Kind: Edit, ChatID: r.ChatID, MessageID: r.CbMsgID, Text: text, Entities: entities, Keyboard: keyboard, Fallback: true})
	return id
}

// EditIn edits a message the bot sent earlier in any chat (a relay in a
// coordinator's chat, the pressed message in the group). It returns
// ErrNotModified when the message already reads so.
func (r *Request) EditIn(chatID int64, msgID int, text string, keyboard Keyboard) error {
	_, err := r.add(Effect{Kind: Edit, ChatID: chatID, MessageID: msgID, Text: text, Keyboard: keyboard})
	return err
}

// EditLater queues an edit in chatID made as it leaves (see Effect.Render):
// for a message other people's updates change too. Waiting edits with the
// same key fold into the newest.
func (r *Request) EditLater(chatID int64, key string, render func(ctx context.Context) (Effect, bool)) {
	_, _ = r.add(Effect{Kind: Edit, ChatID: chatID, Key: key, Render: render})
}

// EditInNow is EditIn that waits for Telegram's answer, for a handler that
// must know whether the message already read so (a second tap that raced
// the first). It waits only for the calls queued before it in that chat.
func (r *Request) EditInNow(chatID int64, msgID int, text string, keyboard Keyboard) error {
	r.wait = true
	defer func() { r.wait = false }()
	return r.EditIn(chatID, msgID, text, keyboard)
}

// ShowNow is Show that waits for the message's id, for a handler that keeps
// it to edit the message later (a broadcast's progress).
func (r *Request) ShowNow(text string, keyboard ...[]domain.Button) int {
	r.wait = true
	defer func() { r.wait = false }()
	return r.Show(text, keyboard...)
}

// EditPressed edits the message whose button was pressed where it is (a
// private chat or the coordinators' group).
func (r *Request) EditPressed(text string, keyboard Keyboard) {
	if m := r.Pressed(); m != nil {
		_ = r.EditIn(m.Chat.ID, m.ID, text, keyboard)
	}
}

// DropButtons takes the keyboard off the message whose button was pressed.
func (r *Request) DropButtons() {
	if r.CbMsgID != 0 {
		_, _ = r.add(Effect{Kind: DropButtons, ChatID: r.ChatID, MessageID: r.CbMsgID})
	}
}

// SendDocument sends a file into the member's chat.
func (r *Request) SendDocument(name string, data []byte, caption string) error {
	_, err := r.add(Effect{Kind: Document, ChatID: r.ChatID, FileName: name, Data: data, Text: caption})
	return err
}

// SendPhoto sends a picture into the member's chat.
func (r *Request) SendPhoto(name string, data []byte, caption string) error {
	_, err := r.add(Effect{Kind: Photo, ChatID: r.ChatID, FileName: name, Data: data, Text: caption})
	return err
}

// SyncCommands gives m's chat the command menu of m's role.
func (r *Request) SyncCommands(m domain.Member) {
	_, _ = r.add(Effect{Kind: Commands, ChatID: m.ChatID, Member: &m})
}

// DropMenu removes a forgotten member's own chat menu and, once Telegram
// confirms, the last trace of their chat id.
func (r *Request) DropMenu(chatID int64) {
	_, _ = r.add(Effect{Kind: DropMenu, ChatID: chatID})
}

// Alert answers the pressed button with a note the member must close.
func (r *Request) Alert(text string) { r.answer(text, true) }

// Toast answers the pressed button with a short note (or silently).
func (r *Request) Toast(text string) { r.answer(text, false) }

// Deny answers a refused action: as an alert on a button, or as a reply.
func (r *Request) Deny(text string) {
	if r.CB != nil {
		r.answer(text, true)
		return
	}
	r.Say(text)
}

func (r *Request) answer(text string, alert bool) {
	if r.CB == nil || r.answered {
		return
	}
	r.answered = true
	_, _ = r.add(Effect{Kind: Answer, Text: text, Alert: alert})
}

// Fail tells the member what went wrong in their language: a domain error
// from UserErrors, or "something went wrong" (and a log line) otherwise.
func (r *Request) Fail(err error) {
	for _, e := range UserErrors {
		if errors.Is(err, e.Err) {
			r.Deny(r.L.T(e.Msg, nil))
			return
		}
	}
	r.Env.Log.Error("handler failed", "err", ErrorClass(err))
	r.Deny(r.L.T("SomethingWrong", nil))
}

// Expired answers a button whose context is gone.
func (r *Request) Expired() { r.Deny(r.L.T("ButtonExpired", nil)) }

var noPreview = &models.LinkPreviewOptions{IsDisabled: tg.True()}
