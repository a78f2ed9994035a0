package bot

import (
	"context"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Where "Ask us" goes: every coordinator privately, or the coordinators'
// group a coordinator designated by sending /inbox there.

// cmdInbox in a private chat sends "Ask us" to each coordinator privately
// again (in a group, onGroupMessage makes that group the inbox).
func (a *App) cmdInbox(r *req) {
	if err := a.store.SetInbox(r.ctx, 0, ""); err != nil {
		r.fail(err)
		return
	}
	r.say(r.L.T("InboxPrivate", nil))
}

// onGroupMessage handles a group message: /inbox from a coordinator makes
// the group the coordinators' inbox (and the inbox follows the group when it
// becomes a supergroup); another command addressed to the bot is pointed to
// the private chat; everything else is not the bot's business.
func (a *App) onGroupMessage(r *req, msg *models.Message) {
	if msg.MigrateToChatID != 0 { // the group became a supergroup with a new id
		if moved, err := a.store.MoveInbox(r.ctx, msg.Chat.ID, msg.MigrateToChatID); err != nil {
			a.log.Error("move inbox", "err", err)
		} else if moved {
			a.log.Info("coordinators' group moved to its supergroup", "chat", msg.MigrateToChatID)
		}
		return
	}
	cmd, _, isCmd := parseCommand(msg.Text, a.botUsername())
	if !isCmd {
		return
	}
	r.chatID = msg.Chat.ID
	if cmd != "inbox" {
		if strings.Contains(msg.Text, "@") && a.load(r, msg.From) == nil {
			r.say(r.L.T("PrivateOnly", nil))
		}
		return
	}
	if err := a.load(r, msg.From); err != nil {
		a.log.Error("load member", "err", err)
		return
	}
	if r.role() != domain.RoleCoordinator {
		r.say(r.L.T("CoordinatorsOnly", nil))
		return
	}
	if err := a.store.SetInbox(r.ctx, msg.Chat.ID, r.member.Language); err != nil {
		r.fail(err)
		return
	}
	a.log.Info("coordinators' group set for Ask us", "chat", msg.Chat.ID)
	r.say(r.L.T("InboxSet", nil))
}

// onGroupLeft forgets the coordinators' group when the bot is removed from
// it, so members' messages go to the coordinators privately again.
func (a *App) onGroupLeft(r *req, u *models.ChatMemberUpdated) {
	switch u.NewChatMember.Type {
	case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
	default:
		return
	}
	dropped, err := a.store.DropInbox(r.ctx, u.Chat.ID)
	if err != nil {
		a.log.Error("drop inbox", "err", err)
		return
	}
	if dropped {
		a.log.Warn("removed from the coordinators' group; Ask us goes to coordinators privately", "chat", u.Chat.ID)
	}
}

// groupActions are the buttons that work in the coordinators' group.
var groupActions = map[action]bool{actAskReply: true, actAskDone: true, actAskHistory: true, actAskMute: true}

// markRelays shows on every relay of the member's recent messages (in each
// coordinator's chat, or the group) that they were answered or closed, and
// by whom, so a second coordinator sees it before pressing anything. The
// message whose button was pressed is left to its handler.
func (a *App) markRelays(r *req, memberID int64, status func(L *locales.Localizer) string, keep func(act action) bool) {
	relays, err := a.store.AskRelays(r.ctx, memberID, a.now())
	if err != nil {
		a.log.Warn("relays to mark", "err", err)
		return
	}
	pressed := r.pressed()
	for _, rl := range relays {
		if pressed != nil && pressed.Chat.ID == rl.ChatID && pressed.ID == rl.TelegramID {
			continue
		}
		buttons, err := rl.Buttons()
		if err != nil {
			continue
		}
		var k kb
		for _, rw := range buttons {
			var kept []domain.Button
			for _, b := range rw {
				if act, _, err := decodePayload(b.Data); err == nil && keep(act) {
					kept = append(kept, b)
				}
			}
			if len(kept) > 0 {
				k = append(k, kept)
			}
		}
		err = r.a.counted(r.ctx, rl.ChatID, func(ctx context.Context) error {
			_, err := r.b.EditMessageText(ctx, &tg.EditMessageTextParams{
				ChatID: rl.ChatID, MessageID: rl.TelegramID, Text: rl.Text + "\n\n" + status(a.cat.For(rl.Language)),
				ReplyMarkup: outbox.Markup(k), LinkPreviewOptions: noPreview,
			})
			return err
		})
		if err != nil && !strings.Contains(err.Error(), "message is not modified") {
			a.log.Info("mark relay", "err", outbox.ErrorClass(err))
		}
	}
}
