package outbox

// Stats counts what the sender did since it started.
type Stats struct {
	Sent, Blocked, Failed, Expired, Retried, Throttled int64 // Throttled: 429 answers received
	Recovered                                          int64 // "sending" rows found at start
	MaxInFlight                                        int64 // most calls that were in flight at once
	Unrendered                                         int64 // notices that failed to render (a bug: see the log)
}

// Stats returns the counters.
func (s *Sender) Stats() Stats {
	return Stats{
		Sent: s.stats.sent.Load(), Blocked: s.stats.blocked.Load(), Failed: s.stats.failed.Load(),
		Expired: s.stats.expired.Load(), Retried: s.stats.retried.Load(), Throttled: s.stats.throttled.Load(),
		Recovered: s.stats.recovered.Load(), MaxInFlight: s.stats.maxInFlight.Load(),
		Unrendered: s.stats.unrendered.Load(),
	}
}
