package main

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"vejviser/bot/outbox"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// metrics is what GET /metrics shows. Every label takes values from a
// short fixed list (a message kind, a Bot API method, an outcome, an update
// type, a scheduler job): never a member, a Telegram id or a text.
type metrics struct {
	reg       *prometheus.Registry
	calls     *prometheus.CounterVec
	callTime  *prometheus.HistogramVec
	updates   *prometheus.CounterVec
	handling  *prometheus.HistogramVec
	tap       prometheus.Histogram
	claimed   *prometheus.CounterVec
	lastClaim atomic.Int64 // unix nanoseconds of the scheduler's last good run
}

var (
	outboxKinds = []string{domain.KindNotice, domain.KindReminder, domain.KindBroadcast}
	latencies   = []float64{.025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
)

// label keeps a value only if it is one of the known ones.
func label(v string, known ...string) string {
	for _, k := range known {
		if v == k {
			return v
		}
	}
	return "other"
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.calls = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vejviser_telegram_calls_total",
		Help: "Bot API calls the sender made, by method and outcome (ok, too_many_requests, error: retried or given up)."}, []string{"method", "outcome"})
	m.callTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "vejviser_send_duration_seconds",
		Help: "How long a Bot API call of the sender took.", Buckets: latencies}, []string{"method"})
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vejviser_updates_total",
		Help: "Updates received from Telegram, by type."}, []string{"type"})
	m.handling = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "vejviser_update_handling_seconds",
		Help: "How long handling an update took, by type.", Buckets: latencies}, []string{"type"})
	m.tap = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "vejviser_tap_to_answer_seconds",
		Help: "From taking a button tap to having answered it.", Buckets: latencies})
	m.claimed = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vejviser_notices_claimed_total",
		Help: "Notices the scheduler decided, by job and result (queued or skipped)."}, []string{"job", "result"})
	m.reg.MustRegister(m.calls, m.callTime, m.updates, m.handling, m.tap, m.claimed,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Call is the sender's observer.
func (m *metrics) Call(method, outcome string, took time.Duration) {
	method = label(method, "sendMessage", "copyMessage")
	m.calls.WithLabelValues(method, label(outcome, "ok", "too_many_requests", "error")).Inc()
	m.callTime.WithLabelValues(method).Observe(took.Seconds())
}

// Claimed is the scheduler's observer.
func (m *metrics) Claimed(job string, res domain.ClaimResult, err error) {
	job = label(strings.ReplaceAll(job, " ", "_"), "activity_reminders", "shift_notices", "event_notices")
	m.claimed.WithLabelValues(job, "queued").Add(float64(res.Queued))
	m.claimed.WithLabelValues(job, "skipped").Add(float64(res.Skipped))
	if err == nil {
		m.lastClaim.Store(time.Now().UnixNano())
	}
}

// Handle wraps the update handler to count and time updates.
func (m *metrics) Handle(next tg.HandlerFunc) tg.HandlerFunc {
	return func(ctx context.Context, b *tg.Bot, u *models.Update) {
		kind := "other"
		switch {
		case u.Message != nil:
			kind = "message"
		case u.CallbackQuery != nil:
			kind = "callback_query"
		case u.MyChatMember != nil:
			kind = "my_chat_member"
		}
		start := time.Now()
		next(ctx, b, u)
		took := time.Since(start).Seconds()
		m.updates.WithLabelValues(kind).Inc()
		m.handling.WithLabelValues(kind).Observe(took)
		if kind == "callback_query" {
			m.tap.Observe(took)
		}
	}
}

// watch adds the values read at each scrape: the outbox, the sender's
// counters, the scheduler, the backups and the database's size.
func (m *metrics) watch(store *storage.Store, sender *outbox.Sender, bk *backups) {
	gauge := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f)
	}
	counter := func(name, help string, f func() float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, f)
	}
	m.reg.MustRegister(
		&backlogCollector{store: store},
		counter("vejviser_messages_sent_total", "Messages the outbox delivered.", func() float64 { return float64(sender.Stats().Sent) }),
		counter("vejviser_messages_retried_total", "Sends the outbox will try again.", func() float64 { return float64(sender.Stats().Retried) }),
		counter("vejviser_messages_throttled_total", "429 answers the outbox received.", func() float64 { return float64(sender.Stats().Throttled) }),
		counter("vejviser_messages_failed_total", "Messages given up (blocked, failed or expired).", func() float64 {
			st := sender.Stats()
			return float64(st.Blocked + st.Failed + st.Expired)
		}),
		gauge("vejviser_scheduler_lag_seconds", "Seconds since the scheduler last decided every notice due: no due notice has waited longer to be queued.", func() float64 {
			if t := m.lastClaim.Load(); t > 0 {
				return time.Since(time.Unix(0, t)).Seconds()
			}
			return 0
		}),
		gauge("vejviser_backup_age_seconds", "Seconds since the newest good backup (-1: none yet).", func() float64 {
			if st := bk.Status(); !st.LastGood.IsZero() {
				return time.Since(st.LastGood).Seconds()
			}
			return -1
		}),
		gauge("vejviser_backup_last_ok", "1 when the last backup attempt succeeded, 0 while backups fail.", func() float64 {
			if bk.Status().Failing != "" {
				return 0
			}
			return 1
		}),
		gauge("vejviser_backup_failures", "Backup attempts failed since the last good one.", func() float64 { return float64(bk.Status().Failures) }),
		gauge("vejviser_backup_size_bytes", "Size of the newest good backup.", func() float64 { return float64(bk.Status().Size) }),
		gauge("vejviser_database_size_bytes", "The database file and its WAL on disk.", func() float64 {
			n, _ := store.Size(context.Background())
			return float64(n)
		}),
	)
}

// backlogCollector reads the outbox's backlog by kind at each scrape.
type backlogCollector struct{ store *storage.Store }

var (
	backlogDesc = prometheus.NewDesc("vejviser_outbox_backlog", "Messages waiting in the outbox, by kind.", []string{"kind"}, nil)
	oldestDesc  = prometheus.NewDesc("vejviser_outbox_oldest_due_seconds", "How long the message waiting longest has been due (0: none).", nil, nil)
)

func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) { ch <- backlogDesc; ch <- oldestDesc }

func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rows, err := c.store.OutboxBacklog(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(backlogDesc, err)
		return
	}
	counts := map[string]float64{}
	for _, k := range append(outboxKinds, "other") {
		counts[k] = 0
	}
	oldest := 0.0
	for _, r := range rows {
		counts[label(r.Kind, outboxKinds...)] += float64(r.N)
		if due, ok := r.OldestDue(); ok {
			oldest = max(oldest, time.Since(due).Seconds())
		}
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(backlogDesc, prometheus.GaugeValue, n, k)
	}
	ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, oldest)
}

// handler serves the registry, asking for the bearer token when one is set.
func (m *metrics) handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="vejviser metrics"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}
