package domain

import "time"

// A member often writes one question as several short messages, a voice
// note and a photo, one right after another. Such a burst becomes one card
// for the coordinators (edited as the messages arrive) and one
// acknowledgement for the member.
const (
	// AskBurstWindow is how soon after the member's previous message a new
	// one still belongs to the same question, unless set otherwise.
	AskBurstWindow = 2 * time.Minute
	// AskBurstMax is how many messages one card holds. Twenty short lines
	// still read as one question and fit Telegram's 4,096 characters once
	// each is shortened; the next message starts a new card.
	AskBurstMax = 20
)

// AskLast is the member's latest message as the burst rule sees it.
type AskLast struct {
	Head  int64     // the first message of its burst (0: the member wrote nothing yet)
	Parts int       // messages in that burst so far
	At    time.Time // when the latest was written
	Open  bool      // its card is unanswered, not closed, and was relayed (not held)
}

// JoinsBurst is the rule: a message joins the card of the member's latest
// one when that card is still open, has room, and the latest was written
// at most window before (window 0 or less: every message is a card).
func JoinsBurst(last AskLast, now time.Time, window time.Duration) bool {
	if last.Head == 0 || !last.Open || last.Parts >= AskBurstMax || window <= 0 {
		return false
	}
	gap := now.Sub(last.At)
	return gap >= 0 && gap <= window
}
