package chat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// Hooks are the few updates the kernel hands to one feature as they are,
// outside the index.
type Hooks struct {
	// Text is free text from a member outside any step-by-step chat who is
	// not a coordinator ("Ask us").
	Text func(r *Request, msg *models.Message)
	// Group is a message in a group chat (the coordinators' inbox).
	Group func(r *Request, msg *models.Message)
	// GroupLeft is the bot's membership of a group changing.
	GroupLeft func(r *Request, u *models.ChatMemberUpdated)
}

// Router turns updates into handler calls: it is the middleware.
type Router struct {
	env     *Env
	ix      *Index
	hooks   Hooks
	timeout time.Duration

	inflight sync.WaitGroup
	serial   serial
}

// NewRouter routes updates through the index of the features' routes and
// the kernel's own; timeout bounds one update.
func NewRouter(env *Env, hooks Hooks, timeout time.Duration, features ...Routes) (*Router, error) {
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	rt := &Router{env: env, hooks: hooks, timeout: timeout}
	ix, err := NewIndex(append([]Routes{rt.routes()}, features...)...)
	if err != nil {
		return nil, err
	}
	rt.ix = ix
	return rt, nil
}

// Wait blocks until every update being handled is done and what the
// handlers queued has been sent.
func (rt *Router) Wait() {
	rt.inflight.Wait()
	rt.env.Drain()
}

// Index is the merged route index.
func (rt *Router) Index() *Index { return rt.ix }

// Handle is the one entry point for updates (go-telegram/bot's default
// handler). It recovers panics, gives the update its own deadline detached
// from the poller's context (so shutdown lets it finish), loads the member
// and their localizer, dispatches, and answers any callback left unanswered.
func (rt *Router) Handle(ctx context.Context, b *tg.Bot, upd *models.Update) {
	if upd == nil {
		return
	}
	id, ok := senderOf(upd)
	if !ok {
		// A channel post, an anonymous admin, or a forged update: nobody to
		// answer or to store (a missing "from" would register member 0).
		rt.env.Log.Info("ignored an update without a valid sender", "update_id", upd.ID, "sender", id)
		if cq := upd.CallbackQuery; cq != nil && b != nil {
			_, _ = b.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{CallbackQueryID: cq.ID}) // no spinning button
		}
		return
	}
	rt.inflight.Add(1)
	defer rt.inflight.Done()
	// One person's updates are handled one after another, in the order they
	// came: each handler reads what the one before wrote, and queues its
	// screens after it, so the last screen shows the last state.
	defer rt.serial.lock(id)()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rt.timeout)
	defer cancel()

	r := &Request{Ctx: ctx, Env: rt.env, Update: upd}
	if b != nil {
		r.out = telegramOut{b}
	}
	defer func() {
		if p := recover(); p != nil {
			rt.env.Log.Error("panic handling update", "update_id", upd.ID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if r.L != nil {
				r.Fail(errors.New("panic"))
			}
		}
		if r.CB != nil && !r.answered {
			r.Toast("")
		}
	}()

	switch {
	case upd.MyChatMember != nil:
		rt.onMyChatMember(r, upd.MyChatMember)
	case upd.CallbackQuery != nil:
		rt.onCallback(r, upd.CallbackQuery)
	case upd.Message != nil:
		rt.onMessage(r, upd.Message)
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

// Load fills in the sender, their member record and localizer.
func (env *Env) Load(r *Request, from *models.User) error {
	r.From = from
	r.L = env.Cat.For(locales.Default)
	if from == nil {
		return errors.New("update without sender")
	}
	if lang, ok := locales.Guess(from.LanguageCode); ok {
		r.L = env.Cat.For(lang)
	}
	m, err := env.Store.Member(r.Ctx, from.ID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	r.Member = &m
	r.L = env.Cat.Reader(m.Reader())
	if r.Scope, err = env.Store.Scope(r.Ctx, m.ID); err != nil {
		return err
	}
	// Seen: at most one write an hour per member, or at once when they come back after blocking us.
	if now := env.Now(); !m.Reachable || now.Sub(m.LastSeenAt) > time.Hour {
		if err := env.Store.Touch(r.Ctx, m.ID, now); err != nil {
			env.Log.Warn("touch member", "err", err)
		}
	}
	return nil
}

func (rt *Router) onMessage(r *Request, msg *models.Message) {
	env := rt.env
	if msg.Chat.Type != models.ChatTypePrivate {
		// Vejviser talks in private chats; in a group it takes /inbox and points elsewhere when addressed.
		if rt.hooks.Group != nil {
			rt.hooks.Group(r, msg)
		}
		return
	}
	r.ChatID = msg.Chat.ID
	if err := rt.env.Load(r, msg.From); err != nil {
		env.Log.Error("load member", "err", err)
		if r.From != nil {
			r.Fail(err)
		}
		return
	}
	cmd, rest, isCmd := ParseCommand(msg.Text, env.Username())
	if isCmd {
		route, ok := rt.ix.Commands[cmd]
		if admin, has := rt.ix.AdminCommands[cmd]; has && (!ok || (r.Member != nil && env.IsAdmin(r.Member.ID))) {
			route, ok = admin, true
		}
		if !ok {
			r.Say(r.L.T("UnknownCommand", nil))
			return
		}
		r.Text = rest
		note := rt.keptDraft(r, cmd)
		if Authorize(r, route) {
			route.Handle(r)
		}
		if note != "" {
			r.Say(r.L.T(note, nil))
		}
		return
	}
	r.Text, r.Msg = msg.Text, msg
	if r.Member != nil {
		flow, _, err := env.Store.Conversation(r.Ctx, r.Member.ID)
		if err == nil {
			if route, ok := rt.ix.Flows[flow]; ok {
				if Authorize(r, route) {
					route.Handle(r)
				}
				return
			}
		} else if !errors.Is(err, domain.ErrNotFound) {
			r.Fail(err)
			return
		}
	}
	if r.Member == nil {
		r.Say(r.L.T("NeedStart", nil))
		return
	}
	if r.Member.Role != domain.RoleCoordinator && rt.hooks.Text != nil {
		rt.hooks.Text(r, msg) // "Ask us": a person will answer
		return
	}
	r.Say(r.L.T("UnknownText", nil), MainMenu(r.L, *r.Member)...)
}

// keptDraft returns the note that command cmd must add because the member
// is in the middle of a step-by-step chat ("" for none). It is read before
// the command runs: the flow's own commands and /cancel add nothing.
func (rt *Router) keptDraft(r *Request, cmd string) string {
	if r.Member == nil || cmd == "cancel" || cmd == "broadcast" {
		return ""
	}
	flow, _, err := rt.env.Store.Conversation(r.Ctx, r.Member.ID)
	if err != nil {
		return ""
	}
	if fl, ok := flowNamed(flow); ok && fl.command == cmd {
		return "" // the chat's own command asks "continue or start over?"
	}
	return rt.ix.Kept[flow]
}

// ParseCommand splits "/cmd@bot rest" into its parts.
func ParseCommand(text, username string) (cmd, rest string, ok bool) {
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

func (rt *Router) onCallback(r *Request, cq *models.CallbackQuery) {
	r.CB = cq
	inGroup := false
	if m := cq.Message.Message; m != nil {
		r.ChatID, r.CbMsgID = m.Chat.ID, m.ID
		if m.Chat.Type != models.ChatTypePrivate {
			// Only the coordinators' group's buttons work in a group; what they
			// start continues in the presser's private chat.
			act, _, err := DecodePayload(cq.Data)
			if err != nil || !rt.ix.Group[act] {
				r.Toast("")
				return
			}
			inGroup = true
			r.ChatID, r.CbMsgID = cq.From.ID, 0
		}
	} else if im := cq.Message.InaccessibleMessage; im != nil {
		r.ChatID = im.Chat.ID
	}
	if r.ChatID == 0 {
		r.ChatID = cq.From.ID
	}
	if err := rt.env.Load(r, &cq.From); err != nil {
		rt.env.Log.Error("load member", "err", err)
		r.Fail(err)
		return
	}
	if inGroup && r.Member != nil {
		r.ChatID = r.Member.ChatID
	}
	act, args, err := DecodePayload(cq.Data)
	if err != nil {
		rt.env.Log.Info("stale or unknown button", "reason", err.Error())
		r.Expired()
		return
	}
	route, ok := rt.ix.Buttons[act]
	if !ok {
		r.Expired()
		return
	}
	r.Args = args
	if Authorize(r, route) {
		route.Handle(r)
	}
}

// Dispatch runs command cmd for r as if typed, authorized like it; it
// answers "this button has expired" for a command that does not exist.
func (rt *Router) Dispatch(r *Request, cmd string) {
	route, ok := rt.ix.Commands[cmd]
	if !ok {
		r.Expired()
		return
	}
	if Authorize(r, route) {
		r.Toast("")
		route.Handle(r)
	}
}

// onMyChatMember follows whether the member has blocked the bot.
func (rt *Router) onMyChatMember(r *Request, u *models.ChatMemberUpdated) {
	env := rt.env
	if u.Chat.Type != models.ChatTypePrivate {
		if rt.hooks.GroupLeft != nil {
			rt.hooks.GroupLeft(r, u)
		}
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
	if _, err := env.Store.Member(r.Ctx, u.From.ID); err != nil {
		return // not a member (never consented, or forgotten): nothing to record, nothing to log
	}
	err := env.Store.SetReachable(r.Ctx, u.From.ID, reachable, env.Now())
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		env.Log.Error("set reachable", "err", err)
		return
	}
	env.Log.Info("member reachability changed", slog.Int64("member", u.From.ID), slog.Bool("reachable", reachable))
}
