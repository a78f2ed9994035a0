package domain

import (
	"strconv"
	"time"
)

// Button is an inline button of an outgoing message: callback data or a URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Message kinds and their default priorities (lower is sent first), so a
// personal notice does not wait behind a broadcast to thousands.
const (
	KindNotice    = "notice"
	KindReminder  = "reminder"
	KindBroadcast = "broadcast"
	// KindDelete deletes the bot's own message DeleteMessage in ChatID
	// (deleteMessage): Telegram allows it for 48 hours after it was sent.
	KindDelete = "delete"

	PriorityNotice    = 0
	PriorityReminder  = 5
	PriorityBroadcast = 10
)

// Outgoing is a message to queue: authored text (a broadcast, a relay, an
// answer), or a notice as data (Notice and Values) rendered when it leaves.
type Outgoing struct {
	MemberID  int64 // 0 when the recipient is not a member (a group)
	ChatID    int64
	Kind      string
	Priority  int
	Text      string
	Buttons   [][]Button
	NotBefore time.Time // zero: now
	ExpiresAt time.Time // zero: never; an expired message is dropped and recorded as expired
	// Entities is Telegram's message entities of Text as a JSON array ("" for none).
	Entities string
	// CopyChat and CopyMessage, when set, make this a copy (copyMessage) of
	// that message instead of a text: media is passed on, never downloaded.
	CopyChat    int64
	CopyMessage int
	// AskItem, when set, is the "Ask us" message this relays: the row is
	// deleted with it (the member's /forget, the retention time).
	AskItem int64
	// Notice, when set, makes this a notice as data (see NewNotice): Text is
	// empty and the chat renders the kind with Values when it leaves.
	Notice string
	Values []byte // JSON
	// Language renders a notice to a chat that is not a member's.
	Language string
	// DeleteMessage is the message a KindDelete row deletes.
	DeleteMessage int
	// AboutID, when set, is the member the message names (not its
	// recipient): it is deleted when they are forgotten.
	AboutID int64
	// Fair, when set, is the message's fairness key (see FairKey); empty:
	// FairKey decides from its priority and cause.
	Fair string
}

// FairKey is the key that shares the bulk budget fairly: the sender takes
// bulk messages round robin between keys, so a broadcast to twenty is not
// held behind one to five thousand. A broadcast's messages share one key;
// another bulk message is keyed by its cause (the notice's kind, else the
// message's kind). Messages before bulk (replies, time-critical notices)
// have none: they go strictly oldest first, all before bulk.
func FairKey(priority int, broadcast int64, cause string) string {
	switch {
	case priority < PriorityBroadcast:
		return ""
	case broadcast != 0:
		return "broadcast:" + strconv.FormatInt(broadcast, 10)
	default:
		return "cause:" + cause
	}
}

// FairGroup is the group a broadcast's fairness key takes turns in: its
// branch, or "national" for a broadcast to every branch. Groups take turns
// before their keys do, so one token's budget is shared between branches
// first (a national broadcast is one more of them) and then between a
// branch's broadcasts: a big branch's announcement or a national one
// holds back a small branch's message by a turn, never by its length.
func FairGroup(branch int64) string {
	if branch == 0 {
		return "national"
	}
	return "branch:" + strconv.FormatInt(branch, 10)
}

// DeleteWindow is how long after sending a message a bot may still delete
// it (Telegram's deleteMessage).
const DeleteWindow = 48 * time.Hour
