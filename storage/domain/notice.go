package domain

import (
	"encoding/json"
	"fmt"
	"time"
)

// A notice is a message the bot starts because something was decided (an
// offer of seats, a reminder, a date moved), written as data in the same
// transaction as the decision: its kind and the values the message shows.
// The chat renders it when it leaves, in the language the recipient has then;
// each feature renders its own kinds. An unknown kind at send time fails its
// row loudly.

// NoticeClass is how the outbox queues a kind of notice.
type NoticeClass struct {
	Kind     string // the outbox kind (KindNotice, KindReminder)
	Priority int
}

// noticeClasses: reminders go behind personal notices and ahead of broadcasts.
var noticeClasses = map[string]NoticeClass{}

// DeclareNotice names a kind of notice and how it is queued. Kinds are
// declared once, by the package that decides them (see NoticeKinds).
func DeclareNotice(kind string, class NoticeClass) string {
	if _, dup := noticeClasses[kind]; dup {
		panic(fmt.Sprintf("notice kind %q declared twice", kind))
	}
	noticeClasses[kind] = class
	return kind
}

// NoticeKinds lists every declared kind (the chat checks at start-up that
// each has a renderer).
func NoticeKinds() []string {
	out := make([]string, 0, len(noticeClasses))
	for k := range noticeClasses {
		out = append(out, k)
	}
	return out
}

// Personal and reminder classes.
var (
	ClassNotice   = NoticeClass{KindNotice, PriorityNotice}
	ClassReminder = NoticeClass{KindReminder, PriorityReminder}
)

// NewNotice is the outbox message telling member to about values, as kind:
// data only, no text. Values must encode as JSON (domain types do).
func NewNotice(kind string, to Member, values any) (Outgoing, error) {
	class, ok := noticeClasses[kind]
	if !ok {
		return Outgoing{}, fmt.Errorf("notice kind %q not declared", kind)
	}
	data, err := json.Marshal(values)
	if err != nil {
		return Outgoing{}, fmt.Errorf("notice %s: %w", kind, err)
	}
	return Outgoing{MemberID: to.ID, ChatID: to.ChatID, Kind: class.Kind, Priority: class.Priority,
		Notice: kind, Values: data}, nil
}

// GroupNotice is a notice to a chat that is no member's (the coordinators'
// group), rendered in lang.
func GroupNotice(kind string, chatID int64, lang string, values any) (Outgoing, error) {
	out, err := NewNotice(kind, Member{ChatID: chatID}, values)
	out.Language = lang
	return out, err
}

// About makes the notice one about m (it names them): it goes when m is
// forgotten.
func (o Outgoing) About(m Member) Outgoing {
	o.AboutID = m.ID
	return o
}

// Expiring sets when a notice is no longer worth sending.
func (o Outgoing) Expiring(at time.Time) Outgoing {
	o.ExpiresAt = at
	return o
}
