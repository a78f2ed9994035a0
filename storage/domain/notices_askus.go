package domain

import (
	"encoding/json"
	"time"
)

// The notices of "Ask us": a member's message relayed to the coordinators,
// and a coordinator's answer to the member. Media is never in them: it goes
// as a copy of its Telegram message, a row of its own beside the notice.
var (
	// NoticeAskRelay passes a member's message (AskRelayValues) on to a
	// coordinator or the coordinators' group as soon as they write it: who
	// wrote, the kind of media if any, their text, and the buttons to answer,
	// close, read the history and mute.
	NoticeAskRelay = DeclareNotice("askus.relay", ClassNotice)
	// NoticeAskAnswer gives a member a coordinator's answer (AskAnswerValues)
	// as soon as it is written: "<first name> from <group> answers:", then
	// the answer with its formatting, or nothing more before a copy of the
	// coordinator's voice note or photo.
	NoticeAskAnswer = DeclareNotice("askus.answer", ClassNotice)
)

// AskRelayValues is what NoticeAskRelay shows: the message and who wrote it,
// as they were when they wrote.
type AskRelayValues struct {
	Item  int64  // the relayed message (its Reply and Done buttons)
	Kind  string // AskText, or the kind of media named above its caption
	Text  string // the text or caption, "" for none
	Asker AskAsker
}

// AskAsker is what a relay says of who wrote.
type AskAsker struct {
	ID          int64 // their History and Mute buttons
	DisplayName string
	Language    string
	Role        Role
	Since       time.Time // when they joined
}

// AskAnswerValues is what NoticeAskAnswer shows: the coordinator's first
// name, and the text they wrote with Telegram's entities of it (a JSON
// array, none when empty); Text is "" when their answer is media. Lang is
// the language the coordinator answers in (their own): a member reading
// another one sees the answer marked so.
type AskAnswerValues struct {
	Coordinator string
	Lang        string          `json:",omitempty"`
	Text        string          `json:",omitempty"`
	Entities    json.RawMessage `json:",omitempty"`
}

// The notices of the coordinators' group ("inbox") for "Ask us", each to
// every other coordinator, as soon as it happens.
var (
	// NoticeInboxSet: a coordinator made a group (or the private chats,
	// Chat 0) where questions go; with ↩️ to undo (InboxValues).
	NoticeInboxSet = DeclareNotice("askus.inbox_set", ClassNotice)
	// NoticeInboxUndone: a coordinator undid it (InboxValues.By).
	NoticeInboxUndone = DeclareNotice("askus.inbox_undone", ClassNotice)
	// NoticeInboxLost: whoever set the group is no longer a coordinator, so
	// questions go to the coordinators privately again (no name).
	NoticeInboxLost = DeclareNotice("askus.inbox_lost", ClassNotice)
)

// InboxValues is what the inbox notices show.
type InboxValues struct {
	Chat  int64  `json:",omitempty"` // the group (its ↩️), 0: the private chats
	Title string `json:",omitempty"` // the group's title
	By    string `json:",omitempty"` // the first name of the coordinator who did it
}
