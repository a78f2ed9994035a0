package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
	"vejviser/storage"
)

// The sender's bookkeeping: one writer records claims and deliveries in
// group commits, and outcomes are retried until they are recorded.

// write is a request to the sender's writer: messages to claim before
// their calls, or a delivery to record. reply gets the ids claimed.
type write struct {
	claim []int64
	sent  *storage.Delivery
	reply chan writeResult
}

type writeResult struct {
	claimed []int64
	err     error
}

// writer is the one goroutine that claims messages and records deliveries:
// everything asked of it while a commit is under way goes into the next
// transaction together (a group commit), so many calls in flight cost few
// disk syncs. A failed claim is reported to the dispatcher, which backs off;
// deliveries are retried until recorded. It returns when writes is closed.
func (s *Sender) writer(ctx context.Context) {
	for first := range s.writes {
		group := []write{first}
	more:
		for len(group) < 512 {
			select {
			case w, ok := <-s.writes:
				if !ok {
					break more
				}
				group = append(group, w)
			default:
				break more
			}
		}
		var claim []int64
		var sent []storage.Delivery
		for _, w := range group {
			claim = append(claim, w.claim...)
			if w.sent != nil {
				sent = append(sent, *w.sent)
			}
		}
		claimed, err := s.store.ClaimAndRecord(detach(ctx), claim, sent, s.clock.Now())
		if err != nil && len(sent) > 0 {
			// Claims can wait for the dispatcher's backoff; deliveries must be recorded.
			s.book(ctx, "mark sent", sent[0].ID, func(c context.Context) error {
				_, err := s.store.ClaimAndRecord(c, nil, sent, s.clock.Now())
				return err
			})
		}
		s.stats.sent.Add(int64(len(sent)))
		for _, w := range group {
			w.reply <- writeResult{claimed: claimed, err: err}
		}
	}
}

// claim marks messages "sending" through the writer.
func (s *Sender) claim(ids []int64) ([]int64, error) {
	reply := make(chan writeResult, 1)
	s.writes <- write{claim: ids, reply: reply}
	r := <-reply
	return r.claimed, r.err
}

// recordSent records a delivery through the writer and returns once it is
// recorded; a notice with the text and buttons it was rendered to.
func (s *Sender) recordSent(msg storage.OutboxMessage, telegramID int) {
	reply := make(chan writeResult, 1)
	d := storage.Delivery{ID: msg.ID, TelegramID: telegramID}
	if msg.Notice != "" {
		d.Rendered, d.Text, d.Buttons = true, msg.Text, msg.ButtonsJSON
	}
	s.writes <- write{sent: &d, reply: reply}
	<-reply
}

// delivered reports whether a failed call nevertheless delivered the
// message: Telegram answered 200 (or "ok": true) with a body the library
// could not decode, for example after Telegram added a field.
func delivered(err error, status int) bool {
	if !isDecodeError(err) {
		return false
	}
	return status == http.StatusOK || strings.HasPrefix(err.Error(), "error decode response result")
}

func isDecodeError(err error) bool {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	return errors.As(err, &se) || errors.As(err, &te) || strings.HasPrefix(err.Error(), "error decode response")
}

func (s *Sender) retry(ctx context.Context, msg storage.OutboxMessage, at time.Time, class string, count bool) {
	s.book(ctx, "requeue", msg.ID, func(c context.Context) error { return s.store.Retry(c, msg.ID, at, class, count) })
	s.stats.retried.Add(1)
}

func (s *Sender) fail(ctx context.Context, msg storage.OutboxMessage, class string) {
	s.book(ctx, "mark failed", msg.ID, func(c context.Context) error { return s.store.MarkFailed(c, msg.ID, class, s.clock.Now()) })
	s.stats.failed.Add(1)
	s.log.Warn("message failed permanently", "id", msg.ID, "reason", class)
}

// bookGrace is how long bookkeeping keeps trying after shutdown began; a
// row it gives up on stays "sending" and is resent after the restart.
const bookGrace = 5 * time.Second

// book records an outcome, retrying with backoff while the database refuses
// (locked, disk full): a row left "sending" would be sent again after the
// next restart. The slot of the call stays taken meanwhile, so the sender
// slows down rather than piling up unrecorded calls.
func (s *Sender) book(ctx context.Context, what string, id int64, write func(context.Context) error) {
	wait := 50 * time.Millisecond
	var stopping time.Time
	for attempt := 1; ; attempt++ {
		err := write(detach(ctx))
		if err == nil {
			if attempt > 1 {
				s.log.Info("recorded after retrying", "what", what, "id", id, "attempts", attempt)
			}
			return
		}
		if ctx.Err() != nil {
			if stopping.IsZero() {
				stopping = s.clock.Now()
			} else if s.clock.Now().Sub(stopping) > bookGrace {
				s.log.Error("giving up recording an outcome at shutdown; the message will be sent again after the restart", "what", what, "id", id, "err", err)
				return
			}
		}
		s.log.Error("cannot record an outcome; retrying", "what", what, "id", id, "attempt", attempt, "in", wait, "err", err)
		_ = s.clock.Wait(context.Background(), jitter(wait), nil)
		wait = min(wait*2, 30*time.Second)
	}
}

// backoff grows exponentially with each consecutive failure, with ±20% jitter, bounded.
func (s *Sender) backoff() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.cfg.MinBackoff << min(s.failures, 20)
	if d <= 0 || d > s.cfg.MaxBackoff {
		d = s.cfg.MaxBackoff
	}
	s.failures++
	return jitter(d)
}

// messageDelay is how long one failing message waits before its next try.
func (s *Sender) messageDelay(attempts int) time.Duration {
	d := time.Second << min(attempts, 20)
	if d <= 0 || d > s.cfg.MaxRetryDelay {
		d = s.cfg.MaxRetryDelay
	}
	return jitter(d)
}

func jitter(d time.Duration) time.Duration {
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}
