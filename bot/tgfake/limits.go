package tgfake

import (
	"net/http"
	"time"
)

// Limits are Telegram's flood limits as its documentation states them
// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
// "no more than 30 messages per second" to different users counts new
// messages (sendMessage, sendPhoto, sendDocument, copyMessage); in one
// private chat "avoid sending more than one message per second" over time,
// "we may allow short bursts", and in a group no more than 20 messages a
// minute, both counting new messages and edits (editMessageText,
// editMessageReplyMarkup). answerCallbackQuery is not a message and is
// never limited. Each rule is a sliding window over the times of the calls
// it let through (a private chat with PerChatBurst: a bucket of that many
// calls refilled at PerChatPerSecond), written without reference to how
// the bot paces itself. A zero field disables that limit. A call that would exceed any rule gets 429 with
// retry_after (the whole seconds until the window frees, at least 1), is not
// delivered, does not count, and is counted by TooManyRequests. Time comes
// from the server clock (WithClock).
type Limits struct {
	// GlobalPerSecond: calls to all chats together in any 1 s (Telegram: 30).
	GlobalPerSecond int
	// PerChatPerSecond: calls to one private chat in any 1 s (Telegram: 1).
	PerChatPerSecond int
	// PerChatBurst, when positive, lets a private chat take that many calls
	// at once, refilled at PerChatPerSecond (Telegram's "short bursts").
	PerChatBurst int
	// GroupPerMinute: calls to one group chat (negative id) in any 60 s (Telegram: 20).
	GroupPerMinute int
	// RetryAfter, when positive, is put in every 429 instead of the computed wait.
	RetryAfter int
}

// slidingLog holds the times of the calls let through within the last span.
type slidingLog struct {
	at []time.Time
}

// wait reports how long a call at now must wait for the log to hold fewer
// than n calls within (now-span, now]; 0 means it may go now.
func (l *slidingLog) wait(now time.Time, n int, span time.Duration) time.Duration {
	cut := now.Add(-span)
	i := 0
	for i < len(l.at) && !l.at[i].After(cut) {
		i++
	}
	l.at = l.at[i:]
	if len(l.at) < n {
		return 0
	}
	// The call fits when the oldest of the last n leaves the window.
	return l.at[len(l.at)-n].Add(span).Sub(now)
}

func (l *slidingLog) add(t time.Time) { l.at = append(l.at, t) }

// bucket is a private chat's burst: tat is when the bucket is full again
// (the generic cell rate algorithm).
type bucket struct{ tat time.Time }

// wait is how long a call at now must wait to fit n calls at once refilled
// at perSecond.
func (b *bucket) wait(now time.Time, n, perSecond int) time.Duration {
	every := time.Second / time.Duration(perSecond)
	if !b.tat.After(now) {
		return 0
	}
	if d := b.tat.Sub(now) - time.Duration(n-1)*every; d > 0 {
		return d
	}
	return 0
}

func (b *bucket) add(now time.Time, perSecond int) {
	b.tat = later(b.tat, now).Add(time.Second / time.Duration(perSecond))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// takeTokensLocked applies the limits to a call into c that sends a new
// message (newMsg) or edits one. It returns nil when the call may proceed
// (and counts it) or a 429 response.
func (s *Server) takeTokensLocked(c *chat, newMsg bool) *response {
	l := s.limits
	now := s.now()
	burst := c.id >= 0 && l.PerChatPerSecond > 0 && l.PerChatBurst > 0
	var wait time.Duration
	if l.GlobalPerSecond > 0 && newMsg {
		wait = max(wait, s.global.wait(now, l.GlobalPerSecond, time.Second))
	}
	if c.id < 0 && l.GroupPerMinute > 0 {
		wait = max(wait, c.window.wait(now, l.GroupPerMinute, time.Minute))
	} else if burst {
		wait = max(wait, c.bucket.wait(now, l.PerChatBurst, l.PerChatPerSecond))
	} else if c.id >= 0 && l.PerChatPerSecond > 0 {
		wait = max(wait, c.window.wait(now, l.PerChatPerSecond, time.Second))
	}
	if wait > 0 {
		s.tooMany++
		ra := int((wait + time.Second - 1) / time.Second)
		if l.RetryAfter > 0 {
			ra = l.RetryAfter
		}
		return &response{status: http.StatusTooManyRequests, retryAfter: ra, desc: defaultDescription(http.StatusTooManyRequests, ra)}
	}
	if l.GlobalPerSecond > 0 && newMsg {
		s.global.add(now)
	}
	if burst {
		c.bucket.add(now, l.PerChatPerSecond)
	} else if (c.id < 0 && l.GroupPerMinute > 0) || (c.id >= 0 && l.PerChatPerSecond > 0) {
		c.window.add(now)
	}
	return nil
}
