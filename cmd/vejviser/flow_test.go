package main

// Flow tests: the real bot (serve with its handlers, SQLite, catalogue and
// outbox sender) driven through the fake Telegram server the way people use
// it. Texts are taken from the catalogue, never hard-coded, so a translation
// change does not break a test but a wrong language does.
//
// This file holds the helpers; the flows are in flow_onboarding_test.go,
// flow_coordinator_test.go and flow_broadcast_test.go.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// flowToken is the bot token of every flow: distinctive, so that a log line
// that leaks it is found.
const flowToken = "5550001234:AAHfLoWsEcReT_t0ken-never-logged"

// autonyms are the language names the picker must show, each in its own script.
var autonyms = map[string]string{"da": "Dansk", "ar": "العربية", "ti": "ትግርኛ", "en": "English"}

// flow is a running bot plus what the tests need to judge it.
type flow struct {
	*harness
	top     *testing.T // the test that started the bot
	cat     *locales.Catalog
	logs    *syncBuffer
	secrets []string // strings that must never appear in the log
	roOnce  sync.Once
	ro      *sql.DB
}

// syncBuffer collects the bot's log (slog writes from many goroutines) and
// copies each line to the test log.
type syncBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	t    *testing.T
	done bool
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if !w.done {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// startFlow starts the bot like startBot, but with a distinctive token and
// the log captured. When the test ends (after the bot has stopped) it checks
// that every callback query was answered and that the log holds neither the
// token nor any registered secret.
func startFlow(t *testing.T, opts ...harnessOpt) *flow {
	t.Helper()
	return startFlowWith(t, nil, opts...)
}

// startFlowWith is startFlow with setup applied to the fake Telegram before
// the bot starts (to make its start-up calls fail, say).
func startFlowWith(t *testing.T, setup func(*tgfake.Server), opts ...harnessOpt) *flow {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.New(loc) // the bot's time zone, for dates
	if err != nil {
		t.Fatal(err)
	}
	f := &flow{top: t, cat: cat, logs: &syncBuffer{t: t}, secrets: []string{flowToken}}
	t.Cleanup(f.finalChecks) // registered first: runs last, after the bot stopped

	fake := tgfake.New(tgfake.WithToken(flowToken))
	t.Cleanup(fake.Close)
	if setup != nil {
		setup(fake)
	}
	hs := startBotOn(t, fake, f.logs, opts...)
	t.Cleanup(func() {
		if f.ro != nil {
			f.ro.Close()
		}
	})
	f.harness = hs
	return f
}

func (f *flow) finalChecks() {
	t := f.top
	if f.harness != nil {
		if ids := f.fake.UnansweredCallbacks(); len(ids) > 0 {
			t.Errorf("callback queries never answered: %v", ids)
		}
	}
	log := f.logs.String()
	f.logs.mu.Lock()
	f.logs.done = true
	f.logs.mu.Unlock()
	for _, s := range f.secrets {
		if strings.Contains(log, s) {
			t.Errorf("the log contains %q", s)
		}
	}
}

// use makes the helpers report to subtest t until it ends.
func (f *flow) use(t *testing.T) {
	parent := f.t
	f.t = t
	t.Cleanup(func() { f.t = parent })
}

// secret registers a string that must never appear in the bot's log.
func (f *flow) secret(s string) { f.secrets = append(f.secrets, s) }

// T and N render a message of the catalogue.
func (f *flow) T(lang, id string, data locales.Data) string { return f.cat.For(lang).T(id, data) }
func (f *flow) N(lang, id string, n int, data locales.Data) string {
	return f.cat.For(lang).N(id, n, data)
}

// send sends text as u and waits for a new bot message in u's chat that
// contains want; it returns that message.
func (f *flow) send(u tgfake.User, text, want string) tgfake.Message {
	f.t.Helper()
	n0 := len(f.fake.Messages(u.ID))
	f.fake.SendText(u, text)
	var last tgfake.Message
	ok := f.fake.WaitFor(5*time.Second, func() bool {
		msgs := f.fake.Messages(u.ID)
		if len(msgs) <= n0 {
			return false
		}
		last = msgs[len(msgs)-1]
		return strings.Contains(last.Text, want) || strings.Contains(last.Caption, want)
	})
	if !ok {
		f.t.Fatalf("%q from %d: no new message containing %q; last was %q", text, u.ID, want, last.Text+last.Caption)
	}
	return last
}

// tap presses the newest button labelled label (or containing it) and
// returns how the bot answered the callback query.
func (f *flow) tap(u tgfake.User, label string) (text string, alert bool) {
	f.t.Helper()
	id, err := f.fake.Press(u, label)
	if err != nil {
		f.t.Fatalf("press %q: %v", label, err)
	}
	return f.waitAnswered(id)
}

// forge presses a button of message msgID with arbitrary callback data.
func (f *flow) forge(u tgfake.User, msgID int, data string) (text string, alert bool) {
	f.t.Helper()
	return f.waitAnswered(f.fake.PressButton(u, msgID, data))
}

// join onboards u in lang through the real chat (/start or a deep link,
// language, privacy note, consent) and returns the stored member.
func (f *flow) join(u tgfake.User, lang string) domain.Member {
	f.t.Helper()
	return f.joinWith(u, lang, "/start")
}

func (f *flow) joinWith(u tgfake.User, lang, start string) domain.Member {
	f.t.Helper()
	f.send(u, start, f.T(lang, "LanguagePrompt", nil))
	f.tap(u, autonyms[lang])
	f.waitText(u, f.T(lang, "PrivacyAsk", nil))
	f.tap(u, f.T(lang, "BtnConsentYes", nil))
	f.waitFor("welcome of "+u.FirstName, func() bool {
		for _, m := range f.fake.Messages(u.ID) {
			if strings.Contains(m.Text, f.T(lang, "Welcome", locales.Data{"Name": u.FirstName})) {
				return true
			}
		}
		return false
	})
	m, ok := f.member(u.ID)
	if !ok {
		f.t.Fatalf("%s has no member row after consent", u.FirstName)
	}
	return m
}

// member reads the member row of Telegram user id.
func (f *flow) member(id int64) (domain.Member, bool) {
	f.t.Helper()
	m, err := f.store.Member(context.Background(), id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Member{}, false
	}
	if err != nil {
		f.t.Fatalf("member %d: %v", id, err)
	}
	return m, true
}

func (f *flow) waitFor(what string, cond func() bool) {
	f.t.Helper()
	if !f.fake.WaitFor(5*time.Second, cond) {
		f.t.Fatalf("timed out waiting for %s", what)
	}
}

// count runs a counting query on a read-only connection to the bot's database.
func (f *flow) count(query string, args ...any) int {
	f.t.Helper()
	f.roOnce.Do(func() {
		db, err := sql.Open("sqlite3", "file:"+f.db+"?mode=ro&_busy_timeout=5000")
		if err != nil {
			f.t.Fatal(err)
		}
		f.ro = db
	})
	var n int
	if err := f.ro.QueryRow(query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// counter reads an anonymous counter (0 when never bumped).
func (f *flow) counter(name string) (int, error) {
	return f.count(`SELECT coalesce(sum(value), 0) FROM counters WHERE name = ?`, name), nil
}

// delivered counts how often text was delivered to u's chat with sendMessage.
func (f *flow) delivered(u tgfake.User, text string) int {
	n := 0
	for _, s := range f.fake.DeliveredTexts(u.ID) {
		if s == text {
			n++
		}
	}
	return n
}

// deliveredContaining counts the messages delivered to u's chat with
// sendMessage whose text contains part.
func (f *flow) deliveredContaining(u tgfake.User, part string) int {
	n := 0
	for _, s := range f.fake.DeliveredTexts(u.ID) {
		if strings.Contains(s, part) {
			n++
		}
	}
	return n
}

// button finds the button labelled label (or containing it) in m.
func button(t *testing.T, m tgfake.Message, label string) tgfake.Button {
	t.Helper()
	for _, exact := range []bool{true, false} {
		for _, row := range m.Buttons {
			for _, b := range row {
				if (exact && b.Text == label) || (!exact && strings.Contains(b.Text, label)) {
					return b
				}
			}
		}
	}
	t.Fatalf("message %d has no button %q: %+v", m.ID, label, m.Buttons)
	return tgfake.Button{}
}

func labels(m tgfake.Message) []string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

func hasLabel(m tgfake.Message, label string) bool {
	for _, l := range labels(m) {
		if l == label {
			return true
		}
	}
	return false
}

// expectAnswer checks a callback answer.
func expectAnswer(t *testing.T, what, gotText string, gotAlert bool, wantText string, wantAlert bool) {
	t.Helper()
	if gotText != wantText || gotAlert != wantAlert {
		t.Errorf("%s: answered %q (alert %v), want %q (alert %v)", what, gotText, gotAlert, wantText, wantAlert)
	}
}

// quiet waits a little and reports whether u's chat got no new bot message.
func (f *flow) quiet(u tgfake.User, n0 int, d time.Duration) bool {
	time.Sleep(d)
	return len(f.fake.Messages(u.ID)) == n0
}
