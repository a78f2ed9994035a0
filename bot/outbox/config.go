package outbox

import (
	"math"
	"time"
)

// Config sets the limits. Zero fields take the defaults in DefaultConfig.
type Config struct {
	Rate           float64       // messages per second overall (Telegram: 30)
	PerChatRate    float64       // per private chat (Telegram: 1/s)
	PerChatBurst   int           // calls one private chat may get at once, within PerChatBurst/PerChatRate seconds
	GroupPerMinute float64       // per group chat (Telegram: 20 in any minute)
	Guard          time.Duration // added to every limit's window, for uneven network delays
	MaxInFlight    int           // most calls in flight at once: the bound on duplicates per crash
	CallTimeout    time.Duration // one API call
	IdlePoll       time.Duration // how often an idle sender looks for rows queued by another process
	MinBackoff     time.Duration // first pause after a failure of Telegram
	MaxBackoff     time.Duration // longest pause
	MaxRetryDelay  time.Duration // longest a single failing message waits before its next try
	Batch          int           // rows read per query
	KeepDone       time.Duration // how long finished messages are kept before they are deleted
	KeepDrafts     time.Duration // how long an untouched step-by-step chat is kept
}

// DefaultBurst is how many calls one private chat may get at once.
// Telegram says to avoid more than one message a second in a chat over
// time and that it "may allow short bursts", without a number: three is
// the shortest burst that answers a household's three presses (yes,
// adults, children) at once, and conforms to one a second over any three.
const DefaultBurst = 3

// DefaultConfig is Telegram's documented limits.
func DefaultConfig() Config {
	return Config{
		Rate: 30, PerChatRate: 1, PerChatBurst: DefaultBurst, GroupPerMinute: 20,
		Guard: 15 * time.Millisecond, MaxInFlight: 32,
		CallTimeout: 20 * time.Second, IdlePoll: time.Second,
		MinBackoff: time.Second, MaxBackoff: time.Minute, MaxRetryDelay: 10 * time.Minute,
		Batch: 256, KeepDone: 30 * 24 * time.Hour, KeepDrafts: 7 * 24 * time.Hour,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	orDefault(&c.Rate, d.Rate)
	orDefault(&c.PerChatRate, d.PerChatRate)
	orDefault(&c.PerChatBurst, d.PerChatBurst)
	orDefault(&c.GroupPerMinute, d.GroupPerMinute)
	orDefault(&c.Guard, d.Guard)
	orDefault(&c.MaxInFlight, d.MaxInFlight)
	orDefault(&c.CallTimeout, d.CallTimeout)
	orDefault(&c.IdlePoll, d.IdlePoll)
	orDefault(&c.MinBackoff, d.MinBackoff)
	orDefault(&c.MaxBackoff, d.MaxBackoff)
	orDefault(&c.MaxRetryDelay, d.MaxRetryDelay)
	orDefault(&c.Batch, d.Batch)
	orDefault(&c.KeepDone, d.KeepDone)
	orDefault(&c.KeepDrafts, d.KeepDrafts)
	return c
}

// orDefault replaces a zero, negative or not-a-number setting with its default.
func orDefault[T int | float64 | time.Duration](v *T, def T) {
	if !(*v > 0) || math.IsInf(float64(*v), 0) {
		*v = def
	}
}
