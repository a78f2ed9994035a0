package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// Handle is the one entry point for updates (go-telegram/bot's default
// handler). It recovers panics, gives the update its own deadline detached
// from the poller's context (so shutdown lets it finish), loads the member
// and their localizer, dispatches, and answers any callback left unanswered.
func (a *App) Handle(ctx context.Context, b *tg.Bot, upd *models.Update) {
	if upd == nil {
		return
	}
	if id, ok := senderOf(upd); !ok {
		// A channel post, an anonymous admin, or a forged update: nobody to
		// answer or to store (a missing "from" would register member 0).
		a.log.Info("ignored an update without a valid sender", "update_id", upd.ID, "sender", id)
		if cq := upd.CallbackQuery; cq != nil && b != nil {
			_, _ = b.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: cq.ID}) // no spinning button
		}
		return
	}
	a.inflight.Add(1)
	defer a.inflight.Done()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.timeout)
	defer cancel()

	r := &req{ctx: ctx, a: a, b: b, upd: upd}
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("panic handling update", "update_id", upd.ID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if r.L != nil {
				r.fail(errors.New("panic"))
			}
		}
		if r.cb != nil && !r.answered {
			r.toast("")
		}
	}()

	switch {
	case upd.MyChatMember != nil:
		a.onMyChatMember(r, upd.MyChatMember)
	case upd.CallbackQuery != nil:
		a.onCallback(r, upd.CallbackQuery)
	case upd.Message != nil:
		a.onMessage(r, upd.Message)
	}
}

// senderOf is the Telegram user id an update comes from; ok is false when
// there is none or it is not a positive number, as a real user's always is.
func senderOf(upd *models.Update) (id int64, ok bool) {
	switch {
	case upd.MyChatMember != nil:
		id = upd.MyChatMember.From.ID
	case upd.CallbackQuery != nil:
		id = upd.CallbackQuery.From.ID
	case upd.Message != nil:
		if m := upd.Message; m.From == nil {
			// A group becoming a supergroup: a service message that may come
			// without a sender; it moves the coordinators' inbox, stores no one.
			migrated := m.MigrateToChatID != 0 || m.MigrateFromChatID != 0
			return 0, migrated && m.Chat.Type != models.ChatTypePrivate
		}
		id = upd.Message.From.ID
	default:
		return 0, true // a kind we do not handle: the switch in Handle ignores it
	}
	return id, id > 0
}

// load fills in the sender, their member record and localizer.
func (a *App) load(r *req, from *models.User) error {
	r.from = from
	r.L = a.cat.For(locales.Default)
	if from == nil {
		return errors.New("update without sender")
	}
	if lang, ok := locales.Guess(from.LanguageCode); ok {
		r.L = a.cat.For(lang)
	}
	m, err := a.store.Member(r.ctx, from.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	r.member = &m
	r.L = a.cat.For(m.Language)
	// Seen: at most one write an hour per member, or at once when they come back after blocking us.
	if now := a.now(); !m.Reachable || now.Sub(m.LastSeenAt) > time.Hour {
		if err := a.store.Touch(r.ctx, m.ID, now); err != nil {
			a.log.Warn("touch member", "err", err)
		}
	}
	return nil
}

func (a *App) onMessage(r *req, msg *models.Message) {
	if msg.Chat.Type != models.ChatTypePrivate {
		// Vejviser talks in private chats; in a group it takes /inbox and points elsewhere when addressed.
		a.onGroupMessage(r, msg)
		return
	}
	r.chatID = msg.Chat.ID
	if err := a.load(r, msg.From); err != nil {
		a.log.Error("load member", "err", err)
		if r.from != nil {
			r.fail(err)
		}
		return
	}
	cmd, rest, isCmd := parseCommand(msg.Text, a.botUsername())
	if isCmd {
		rt, ok := commands[cmd]
		if !ok {
			r.say(r.L.T("UnknownCommand", nil))
			return
		}
		r.text = rest
		note := a.keptDraft(r, cmd)
		if a.authorize(r, rt) {
			rt.handle(a, r)
		}
		if note != "" {
			r.say(r.L.T(note, nil))
		}
		return
	}
	r.text, r.msg = msg.Text, msg
	if r.member != nil {
		flow, _, err := a.store.Conversation(r.ctx, r.member.ID)
		if err == nil {
			if rt, ok := flows[flow]; ok {
				if a.authorize(r, rt) {
					rt.handle(a, r)
				}
				return
			}
		} else if !errors.Is(err, domain.ErrNotFound) {
			r.fail(err)
			return
		}
	}
	if r.member == nil {
		r.say(r.L.T("NeedStart", nil))
		return
	}
	if r.member.Role != domain.RoleCoordinator {
		a.ask(r, msg) // "Ask us": a person will answer
		return
	}
	r.say(r.L.T("UnknownText", nil), a.mainMenu(r.L, *r.member)...)
}

// parseCommand splits "/cmd@bot rest" into its parts.
func parseCommand(text, username string) (cmd, rest string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, rest, _ := strings.Cut(text[1:], " ")
	head, at, hasAt := strings.Cut(head, "@")
	if hasAt && username != "" && !strings.EqualFold(at, username) {
		return "", "", false // a command for another bot
	}
	return strings.ToLower(head), strings.TrimSpace(rest), true
}

func (a *App) onCallback(r *req, cq *models.CallbackQuery) {
	r.cb = cq
	inGroup := false
	if m := cq.Message.Message; m != nil {
		r.chatID, r.cbMsgID = m.Chat.ID, m.ID
		if m.Chat.Type != models.ChatTypePrivate {
			// Only the coordinators' group's buttons work in a group; what they
			// start continues in the presser's private chat.
			act, _, err := decodePayload(cq.Data)
			if err != nil || !groupActions[act] {
				r.toast("")
				return
			}
			inGroup = true
			r.chatID, r.cbMsgID = cq.From.ID, 0
		}
	} else if im := cq.Message.InaccessibleMessage; im != nil {
		r.chatID = im.Chat.ID
	}
	if r.chatID == 0 {
		r.chatID = cq.From.ID
	}
	if err := a.load(r, &cq.From); err != nil {
		a.log.Error("load member", "err", err)
		r.fail(err)
		return
	}
	if inGroup && r.member != nil {
		r.chatID = r.member.ChatID
	}
	act, args, err := decodePayload(cq.Data)
	if err != nil {
		a.log.Info("stale or unknown button", "reason", err.Error())
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	rt := buttons[act]
	r.args = args
	if a.authorize(r, rt) {
		rt.handle(a, r)
	}
}

// onMyChatMember follows whether the member has blocked the bot.
func (a *App) onMyChatMember(r *req, u *models.ChatMemberUpdated) {
	if u.Chat.Type != models.ChatTypePrivate {
		a.onGroupLeft(r, u)
		return
	}
	var reachable bool
	switch u.NewChatMember.Type {
	case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
		reachable = false
	case models.ChatMemberTypeMember, models.ChatMemberTypeAdministrator, models.ChatMemberTypeOwner:
		reachable = true
	default:
		return
	}
	if _, err := a.store.Member(r.ctx, u.From.ID); err != nil {
		return // not a member (never consented, or forgotten): nothing to record, nothing to log
	}
	err := a.store.SetReachable(r.ctx, u.From.ID, reachable, a.now())
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		a.log.Error("set reachable", "err", err)
		return
	}
	a.log.Info("member reachability changed", slog.Int64("member", u.From.ID), slog.Bool("reachable", reachable))
}
