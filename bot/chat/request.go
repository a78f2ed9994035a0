package chat

import (
	"context"

	"github.com/go-telegram/bot/models"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// Request is one update being handled: who sent it, in which language to
// answer, what they pressed or typed, and the Reply built so far.
type Request struct {
	Ctx    context.Context
	Env    *Env
	Update *models.Update
	From   *models.User
	ChatID int64
	Member *domain.Member // nil before consent
	// Scope is the member's role in each branch they belong to: what every
	// storage call made on their behalf is limited to.
	Scope domain.Scope
	L     *locales.Localizer

	CB      *models.CallbackQuery // nil for messages
	CbMsgID int                   // the message the pressed button belongs to, 0 if inaccessible
	Text    string                // message text (commands stripped of the command itself)
	Msg     *models.Message       // the message being handled (nil for buttons)
	Args    []string              // callback payload arguments

	// Reply is everything the handler answered, in order.
	Reply Reply

	out      Out                     // performs each effect as it is added; nil: recorded only (tests)
	branches map[int64]domain.Branch // read once per request (BranchName)
	answered bool
	wait     bool // the effect being added is awaited (ShowNow, EditInNow)
}

// NewRequest is a request for a handler test: its Reply is recorded and
// nothing is sent.
func NewRequest(ctx context.Context, env *Env, member *domain.Member, L *locales.Localizer) *Request {
	r := &Request{Ctx: ctx, Env: env, Member: member, L: L}
	if member != nil {
		r.ChatID = member.ChatID
		if env != nil && env.Store != nil {
			r.Scope, _ = env.Store.Scope(ctx, member.ID) // a test's member: an error leaves the scope empty, and the test fails on it
		}
	}
	return r
}

// Role is the member's highest role in any branch, or "" before consent:
// what the route table checks. What they may do with a given thing is
// decided by Scope, in the storage query that reads it.
func (r *Request) Role() domain.Role {
	if r.Member == nil {
		return ""
	}
	return r.Member.Role
}

// Pressed is the message whose button was pressed, nil if inaccessible.
func (r *Request) Pressed() *models.Message {
	if r.CB == nil {
		return nil
	}
	return r.CB.Message.Message
}

// Answered reports whether the pressed button has been answered.
func (r *Request) Answered() bool { return r.answered }

// GroupMembers asks Telegram how many members the group chatID has (the
// bot among them) and who its administrators are; ok is false when it
// cannot tell (Telegram failed, or a handler test without Telegram).
func (r *Request) GroupMembers(chatID int64) (count int, admins []int64, ok bool) {
	o, isTG := r.out.(telegramOut)
	if !isTG {
		return 0, nil, false
	}
	count, admins, err := o.groupMembers(r.Ctx, chatID)
	if err != nil {
		r.Env.Log.Warn("group members", "err", ErrorClass(err))
		return 0, nil, false
	}
	return count, admins, true
}
