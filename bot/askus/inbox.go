package askus

import (
	"encoding/json"
	"strings"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Where "Ask us" goes: every coordinator privately, or the coordinators'
// group a coordinator designated by sending /inbox there.

// cmdInbox in a private chat sends "Ask us" to each coordinator privately
// again (in a group, onGroupMessage makes that group the inbox).
func (f *Feature) cmdInbox(r *chat.Request) {
	if err := f.Store.SetInbox(r.Ctx, 0, ""); err != nil {
		r.Fail(err)
		return
	}
	r.Say(r.L.T("InboxPrivate", nil))
}

// onGroupMessage handles a group message: /inbox from a coordinator makes
// the group the coordinators' inbox (and the inbox follows the group when it
// becomes a supergroup); another command addressed to the bot is pointed to
// the private chat; everything else is not the bot's business.
func (f *Feature) onGroupMessage(r *chat.Request, msg *models.Message) {
	if msg.MigrateToChatID != 0 { // the group became a supergroup with a new id
		if moved, err := f.Store.MoveInbox(r.Ctx, msg.Chat.ID, msg.MigrateToChatID); err != nil {
			f.Log.Error("move inbox", "err", err)
		} else if moved {
			f.Log.Info("coordinators' group moved to its supergroup", "chat", msg.MigrateToChatID)
		}
		return
	}
	cmd, _, isCmd := chat.ParseCommand(msg.Text, f.Username())
	if !isCmd {
		return
	}
	r.ChatID = msg.Chat.ID
	if cmd != "inbox" {
		if strings.Contains(msg.Text, "@") && f.Load(r, msg.From) == nil {
			r.Say(r.L.T("PrivateOnly", nil))
		}
		return
	}
	if err := f.Load(r, msg.From); err != nil {
		f.Log.Error("load member", "err", err)
		return
	}
	if r.Role() != domain.RoleCoordinator {
		r.Say(r.L.T("CoordinatorsOnly", nil))
		return
	}
	if err := f.Store.SetInbox(r.Ctx, msg.Chat.ID, r.Member.Language); err != nil {
		r.Fail(err)
		return
	}
	f.Log.Info("coordinators' group set for Ask us", "chat", msg.Chat.ID)
	r.Say(r.L.T("InboxSet", nil))
}

// onGroupLeft forgets the coordinators' group when the bot is removed from
// it, so members' messages go to the coordinators privately again.
func (f *Feature) onGroupLeft(r *chat.Request, u *models.ChatMemberUpdated) {
	switch u.NewChatMember.Type {
	case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
	default:
		return
	}
	dropped, err := f.Store.DropInbox(r.Ctx, u.Chat.ID)
	if err != nil {
		f.Log.Error("drop inbox", "err", err)
		return
	}
	if dropped {
		f.Log.Warn("removed from the coordinators' group; Ask us goes to coordinators privately", "chat", u.Chat.ID)
	}
}

// markRelays shows on every relay of the member's recent messages (in each
// coordinator's chat, or the group) that they were answered or closed, and
// by whom, so a second coordinator sees it before pressing anything. The
// message whose button was pressed is left to its handler.
func markRelays(r *chat.Request, memberID int64, status func(L *locales.Localizer) string, keep func(act chat.Action) bool) {
	env := r.Env
	relays, err := env.Store.AskRelays(r.Ctx, memberID, env.Now())
	if err != nil {
		env.Log.Warn("relays to mark", "err", err)
		return
	}
	pressed := r.Pressed()
	for _, rl := range relays {
		if pressed != nil && pressed.Chat.ID == rl.ChatID && pressed.ID == rl.TelegramID {
			continue
		}
		L := env.Cat.For(rl.Language)
		text, buttons, err := relayed(env.Cat, L, rl)
		if err != nil {
			continue
		}
		var k chat.Keyboard
		for _, rw := range buttons {
			var kept []domain.Button
			for _, b := range rw {
				if act, _, err := chat.DecodePayload(b.Data); err == nil && keep(act) {
					kept = append(kept, b)
				}
			}
			if len(kept) > 0 {
				k = append(k, kept)
			}
		}
		_ = r.EditIn(rl.ChatID, rl.TelegramID, text+"\n\n"+status(L), k)
	}
}

// relayed is a relay's text and buttons in L, the language of its chat now:
// a notice is rendered again from its values; a relay queued with its text
// has it.
func relayed(cat *locales.Catalog, L *locales.Localizer, rl storage.AskRelay) (string, chat.Keyboard, error) {
	if rl.Notice != domain.NoticeAskRelay {
		buttons, err := rl.Buttons()
		return rl.Text, buttons, err
	}
	var v domain.AskRelayValues
	if err := json.Unmarshal([]byte(rl.Values), &v); err != nil {
		return "", nil, err
	}
	text, k := relayText(cat, L, v)
	return text, k, nil
}
