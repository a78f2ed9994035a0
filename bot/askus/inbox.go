package askus

import (
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Where "Ask us" goes: every coordinator privately, or the coordinators'
// group a coordinator designated by sending /inbox there.

// onGroupMessage handles a group message: /inbox@<bot> from a coordinator
// makes the group the coordinators' inbox (and the inbox follows the group
// when it becomes a supergroup); another command addressed to the bot is
// pointed to the private chat; everything else is not the bot's business.
// Plain /inbox may be meant for another bot in the group: it moves nothing.
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
	addressed := f.Username() != "" && strings.Contains(strings.ToLower(strings.Fields(msg.Text)[0]), "@"+strings.ToLower(f.Username()))
	if cmd != "inbox" || !addressed {
		if addressed && f.Load(r, msg.From) == nil {
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
	f.offerInbox(r, msg.Chat.ID, msg.Chat.Title)
}

// offerInbox makes the group the inbox when the bot can see that no one but
// coordinators is in it; otherwise it asks first (members' names, texts and
// media would be read by everyone there).
func (f *Feature) offerInbox(r *chat.Request, chatID int64, title string) {
	branch := r.Acting(domain.RoleCoordinator)
	coords, err := f.Store.CountCoordinators(r.Ctx, branch)
	if err != nil {
		r.Fail(err)
		return
	}
	count, admins, ok := r.GroupMembers(chatID)
	others := 0
	for _, id := range admins { // a coordinator of another branch is someone else here
		if sc, err := f.Store.Scope(r.Ctx, id); err != nil || !sc.Has(branch, domain.RoleCoordinator) {
			others++
		}
	}
	if ok && count-1 <= coords && others == 0 {
		f.setInbox(r, chatID, title)
		return
	}
	key := "InboxConfirm"
	if !ok {
		key = "InboxConfirmUnknown"
	}
	id := strconv.FormatInt(chatID, 10)
	r.Say(r.L.T(key, locales.Data{"Count": max(count-1, 0), "Coordinators": coords}),
		chat.Row(chat.Btn(r.L.T("BtnInboxUse", nil), actInboxUse, id)), chat.Row(chat.Btn(r.L.T("BtnCancel", nil), actInboxNo)))
}

func (f *Feature) setInbox(r *chat.Request, chatID int64, title string) {
	if err := f.Store.SetInbox(r.Ctx, r.Acting(domain.RoleCoordinator), chatID, title, r.Member.Language, *r.Member, f.Now()); err != nil {
		r.Fail(err)
		return
	}
	f.Wake()
	f.Log.Info("coordinators' group set for Ask us", "chat", chatID)
	r.Say(r.L.T("InboxSet", nil))
}

// onInboxUse is ✅ under InboxConfirm, pressed in that group: "1:au:<chat>".
func (f *Feature) onInboxUse(r *chat.Request) {
	pressed := r.Pressed()
	if pressed == nil || strconv.FormatInt(pressed.Chat.ID, 10) != r.Args[0] {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	r.Toast("")
	r.ChatID = pressed.Chat.ID
	r.DropButtons()
	f.setInbox(r, pressed.Chat.ID, pressed.Chat.Title)
}

// onInboxNo is ✖️ under InboxConfirm.
func (f *Feature) onInboxNo(r *chat.Request) {
	r.Toast("")
	r.DropButtons()
}

// onInboxUndo is ↩️ under an inbox notice: "1:ab:<chat>" puts back where
// questions went before chat (0: the private chats) became the inbox.
func (f *Feature) onInboxUndo(r *chat.Request) {
	chatID, err := strconv.ParseInt(r.Args[0], 10, 64)
	if err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	undone, err := f.Store.UndoInbox(r.Ctx, coordinated(r), chatID, *r.Member, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if !undone {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	f.Wake()
	r.Toast(r.L.T("InboxUndone", nil))
	r.DropButtons()
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

// markRelays shows on every card of the member's recent messages (in each
// coordinator's chat, or the group) that they were answered or closed, and
// by whom, so a second coordinator sees it before pressing anything. Each
// card is drawn from what is stored as its edit leaves (cardEdit), so two
// coordinators answering and closing at once leave every card on the
// stored state. It reports whether the pressed message is one of them.
func markRelays(r *chat.Request, memberID, branch int64) (pressedCard bool) {
	env := r.Env
	relays, err := env.Store.AskRelays(r.Ctx, memberID, branch, env.Now())
	if err != nil {
		env.Log.Warn("relays to mark", "err", err)
		return false
	}
	pressed := r.Pressed()
	for _, rl := range relays {
		if pressed != nil && pressed.Chat.ID == rl.ChatID && pressed.ID == rl.TelegramID {
			pressedCard = true
		}
		r.EditLater(rl.ChatID, "askcard:"+strconv.FormatInt(rl.Outbox, 10), cardEdit(env, rl.Outbox))
	}
	return pressedCard
}
