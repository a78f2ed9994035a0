package askus

import (
	"context"
	"sync"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is "Ask us": its limits, and what it remembers between updates.
type Feature struct {
	*chat.Env
	perHour int           // messages a member may send an hour
	keep    time.Duration // how long messages are kept
	pruned  time.Time     // last deletion of old messages (Prune's goroutine only)
	// Burst is how soon after a member's message the next one joins its
	// card (domain.JoinsBurst; 0 or less: every message is a card); set
	// before the bot starts.
	Burst time.Duration
	// Phone is a number members may call when no coordinator can read
	// their message ("": none); set before the bot starts.
	Phone string

	limitedMu sync.Mutex
	limited   map[int64]time.Time // when a member over the limit was last told so
}

// New builds the feature: a member may send perHour messages an hour, and
// messages are deleted after keep.
func New(env *chat.Env, perHour int, keep time.Duration) *Feature {
	return &Feature{Env: env, perHour: perHour, keep: keep, Burst: domain.AskBurstWindow, limited: map[int64]time.Time{}}
}

// The actions of the buttons on a relayed question; they work in the
// coordinators' group too.
var (
	actReply   = chat.NewAction("ar", chat.ID) // item id
	actDone    = chat.NewAction("ak", chat.ID) // item id
	actHistory = chat.NewAction("ah", chat.ID) // member id
	actMute    = chat.ActAskMute               // member id, 1|0; the member card shows it too
	// The inbox: ✅ use this group (asked in it), ✖️, and ↩️ on the notice
	// to the other coordinators.
	actInboxUse  = chat.NewAction("ag", chat.Code) // group chat id
	actInboxNo   = chat.NewAction("aj")            // -
	actInboxUndo = chat.NewAction("ay", chat.Code) // chat id made the inbox (0: private chats)
)

// Routes is the feature's part of the index: /ask for members, and for
// coordinators /inbox, the buttons on a relay and the answer they type.
func (f *Feature) Routes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"ask":   chat.Member(f.cmdAsk),
			"inbox": chat.Coordinator(f.cmdInbox),
		},
		Buttons: map[chat.Action]chat.Route{
			actReply:       chat.Coordinator(f.onReply),
			actDone:        chat.Coordinator(f.onDone),
			actHistory:     chat.Coordinator(f.onHistory),
			actMute:        chat.Coordinator(f.onMute),
			actInboxUse:    chat.Coordinator(f.onInboxUse),
			actInboxNo:     chat.Coordinator(f.onInboxNo),
			actInboxUndo:   chat.Coordinator(f.onInboxUndo),
			actOpenPage:    chat.Coordinator(f.onOpenPage),
			actOpenAsk:     chat.Coordinator(f.onOpenAsk),
			actOpenPrivate: chat.Coordinator(f.onOpenPrivate),
		},
		Group: []chat.Action{actReply, actDone, actHistory, actMute, actInboxUse, actInboxNo},
	}, replyFlow.Routes(domain.RoleCoordinator))
}

// Notices registers the renderers of the feature's notices: a member's
// message relayed to the coordinators, and a coordinator's answer.
func (f *Feature) Notices(n *chat.Notices) {
	chat.Render(n, domain.NoticeAskRelay, f.relay)
	chat.Render(n, domain.NoticeAskAnswer, f.answer)
	chat.Render(n, domain.NoticeInboxSet, f.inboxSet)
	chat.Render(n, domain.NoticeInboxUndone, f.inboxUndone)
	chat.Render(n, domain.NoticeInboxLost, f.inboxLost)
}

// Hooks are the updates the kernel hands over outside the index: a
// member's free text (the question), and the coordinators' group.
func (f *Feature) Hooks() chat.Hooks {
	return chat.Hooks{Text: f.ask, Group: f.onGroupMessage, GroupLeft: f.onGroupLeft}
}

// ClaimHeld is the scheduler's job that relays the questions held while
// no coordinator could read them (storage.Store.ClaimHeldAsks).
func (f *Feature) ClaimHeld(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return f.Store.ClaimHeldAsks(ctx, now)
}

// Prune deletes messages older than the retention time, at most hourly.
// It runs on one goroutine (the progress reporter's ticks).
func (f *Feature) Prune(ctx context.Context) {
	now := f.Now()
	if now.Sub(f.pruned) < time.Hour {
		return
	}
	f.pruned = now
	n, err := f.Store.PruneAsks(ctx, now.Add(-f.keep))
	if err != nil {
		f.Log.Warn("prune ask messages", "err", err)
		return
	}
	if n > 0 {
		f.Log.Info("deleted old Ask us messages", "count", n)
	}
}
