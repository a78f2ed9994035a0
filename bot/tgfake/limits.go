package tgfake

import (
	"net/http"
	"time"
)

// Limits are Telegram-like rate limits enforced on sendMessage, sendPhoto,
// sendDocument, editMessageText and editMessageReplyMarkup. A zero field
// disables that limit. A call for which any applicable bucket has no token
// gets 429 with retry_after, is not delivered, consumes no token and is
// counted by TooManyRequests. Time comes from the server clock (WithClock).
type Limits struct {
	// GlobalPerSecond is the rate of the bot-wide bucket; its burst is
	// max(1, GlobalPerSecond/10).
	GlobalPerSecond float64
	// PerChatPerSecond is the rate of each private chat's bucket.
	PerChatPerSecond float64
	// PerChatBurst is the burst of each private chat's bucket (min 1).
	PerChatBurst int
	// GroupPerMinute is the rate of each group chat's (negative id) bucket;
	// its burst is 3.
	GroupPerMinute float64
	// RetryAfter is the number of seconds put in 429 answers (default 1).
	RetryAfter int
}

// bucket is a token bucket implemented as GCRA: tat is the theoretical
// arrival time of the next conforming call. Exact integer arithmetic.
type bucket struct {
	tat time.Time
}

// check reports whether a call at now conforms to rate/burst and, if so,
// the bucket's new tat (not yet committed).
func (b *bucket) check(now time.Time, perSecond float64, burst int) (time.Time, bool) {
	interval := rateInterval(perSecond)
	if burst < 1 {
		burst = 1
	}
	tat := b.tat
	if tat.Before(now) {
		tat = now
	}
	if tat.Sub(now) > time.Duration(burst-1)*interval {
		return time.Time{}, false
	}
	return tat.Add(interval), true
}

func rateInterval(perSecond float64) time.Duration {
	const maxInterval = 24 * time.Hour * 365
	iv := float64(time.Second) / perSecond
	if iv > float64(maxInterval) {
		return maxInterval
	}
	if iv < 1 {
		return 1
	}
	return time.Duration(iv)
}

// takeTokensLocked applies the limits to a sending call into c. It returns
// nil when the call may proceed (tokens consumed) or a 429 response.
func (s *Server) takeTokensLocked(c *chat) *response {
	l := s.limits
	if l.GlobalPerSecond <= 0 && l.PerChatPerSecond <= 0 && l.GroupPerMinute <= 0 {
		return nil
	}
	now := s.now()
	var (
		globalTat, chatTat time.Time
		useGlobal, useChat bool
		ok                 = true
	)
	if l.GlobalPerSecond > 0 {
		burst := int(l.GlobalPerSecond / 10)
		globalTat, ok = s.global.check(now, l.GlobalPerSecond, max(1, burst))
		useGlobal = true
	}
	if ok {
		if c.id < 0 && l.GroupPerMinute > 0 {
			chatTat, ok = c.bucket.check(now, l.GroupPerMinute/60, 3)
			useChat = true
		} else if c.id >= 0 && l.PerChatPerSecond > 0 {
			chatTat, ok = c.bucket.check(now, l.PerChatPerSecond, l.PerChatBurst)
			useChat = true
		}
	}
	if !ok {
		s.tooMany++
		ra := s.defaultRetryAfter()
		return &response{status: http.StatusTooManyRequests, retryAfter: ra, desc: defaultDescription(http.StatusTooManyRequests, ra)}
	}
	if useGlobal {
		s.global.tat = globalTat
	}
	if useChat {
		c.bucket.tat = chatTat
	}
	return nil
}
