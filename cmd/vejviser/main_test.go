package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vejviser/bot"
	"vejviser/bot/outbox"
	"vejviser/bot/schedule"
	"vejviser/bot/tgfake"
	"vejviser/storage"
)

// TestMain lets a test start this very test binary as the real program:
// with VEJVISER_TEST_RUN_MAIN=1 it runs run() with the arguments after "--",
// the process's environment and SIGINT/SIGTERM handling, exactly as main does. The crash test kills
// such a process with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("VEJVISER_TEST_RUN_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, args, os.Getenv, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			os.Stderr.WriteString("vejviser: " + err.Error() + "\n")
		}
		os.Exit(exit(err))
	}
	os.Exit(m.Run())
}

// harness is the real bot (serve, with its sender and progress reports)
// running against the fake Telegram server on a fresh SQLite file.
type harness struct {
	t      testing.TB
	fake   *tgfake.Server
	store  *storage.Store
	app    *bot.App
	sender *outbox.Sender
	sched  *schedule.Runner
	db     string
	cancel context.CancelFunc
	done   chan error
}

type harnessOpt func(*config, *hooks)

// withCoordinators makes these Telegram user ids coordinators from the start.
func withCoordinators(ids ...int64) harnessOpt {
	return func(c *config, _ *hooks) { c.Coordinators = ids }
}

// withDB runs the bot on an existing database file (a restart on the same data).
func withDB(path string) harnessOpt { return func(c *config, _ *hooks) { c.DB = path } }

// startBot starts the bot and stops it when the test ends.
func startBot(t *testing.T, opts ...harnessOpt) *harness {
	t.Helper()
	fake := tgfake.New()
	t.Cleanup(fake.Close)
	return startBotOn(t, fake, nil, opts...)
}

// startBotOn starts the bot against a fake server the test has prepared,
// logging to logs (nil: the test log).
func startBotOn(t testing.TB, fake *tgfake.Server, logs io.Writer, opts ...harnessOpt) *harness {
	t.Helper()
	if logs == nil {
		logs = testWriter{t}
	}
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	dir := t.TempDir()
	cfg := config{
		Token: fake.Token(), APIURL: fake.URL(), DB: filepath.Join(dir, "vejviser.db"),
		TZ: "Europe/Copenhagen", Location: loc, SendRate: 1000, LogLevel: "debug",
		Ops: Ops{BackupDir: filepath.Join(dir, "backups"), BackupAt: 3*time.Hour + 30*time.Minute, BackupKeep: 14},
	}
	h := &hooks{poll: time.Second, progressEvery: 50 * time.Millisecond,
		sender: outbox.Config{PerChatRate: 100, PerChatBurst: 10}}
	for _, o := range opts {
		o(&cfg, h)
	}
	hs := &harness{t: t, fake: fake, db: cfg.DB, done: make(chan error, 1)}
	ready := make(chan struct{})
	h.scheduler = func(r *schedule.Runner) { hs.sched = r }
	h.ready = func(app *bot.App, store *storage.Store, sender *outbox.Sender) {
		hs.app, hs.store, hs.sender = app, store, sender
		close(ready)
	}
	ctx, cancel := context.WithCancel(context.Background())
	hs.cancel = cancel
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	go func() { hs.done <- serve(ctx, cfg, log, h) }()
	select {
	case <-ready:
	case err := <-hs.done:
		t.Fatalf("bot did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("bot did not start within 10s")
	}
	t.Cleanup(hs.stop)
	return hs
}

// stop shuts the bot down and fails the test if shutdown fails.
func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		h.t.Error("shutdown took more than 15s")
	}
}

// settle runs the scheduler once at the current time and waits until the
// sender has delivered (and recorded) every message due: after it, what the
// bot sends for that time has been sent, so a test can assert both what
// arrived and what did not.
func (h *harness) settle() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := h.sched.RunOnce(ctx); err != nil {
		h.t.Fatalf("scheduler run: %v", err)
	}
	if err := h.sender.Settled(ctx); err != nil {
		h.t.Fatalf("the sender did not settle: %v", err)
	}
}

// waitText waits until the newest bot message in u's chat contains want.
func (h *harness) waitText(u tgfake.User, want string) tgfake.Message {
	h.t.Helper()
	var last tgfake.Message
	ok := h.fake.WaitFor(5*time.Second, func() bool {
		m, ok := h.fake.LastMessage(u.ID)
		last = m
		return ok && (strings.Contains(m.Text, want) || strings.Contains(m.Caption, want))
	})
	if !ok {
		h.t.Fatalf("chat %d: no message containing %q; last was %q", u.ID, want, last.Text+last.Caption)
	}
	return last
}

func (h *harness) waitAnswered(callbackID string) (text string, alert bool) {
	h.t.Helper()
	if !h.fake.WaitFor(5*time.Second, func() bool { _, _, ok := h.fake.CallbackAnswer(callbackID); return ok }) {
		h.t.Fatalf("callback %s was never answered", callbackID)
	}
	text, alert, _ = h.fake.CallbackAnswer(callbackID)
	return text, alert
}

// testWriter sends the bot's log lines to the test log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestDemoOnboardingSmoke(t *testing.T) {
	h := startBot(t)
	u := tgfake.User{ID: 42, FirstName: "Amina", LanguageCode: "ar"}
	h.fake.SendText(u, "/start")
	m := h.waitText(u, "اختر")
	if len(m.Buttons) != 4 || !strings.Contains(m.Buttons[0][0].Text, "العربية") {
		t.Fatalf("picker buttons: %+v", m.Buttons)
	}
}

// TestStartupSurvivesTelegramHiccups: getMe is retried with backoff, and
// failing non-essential calls (command menus, deleteWebhook) do not stop the bot.
func TestStartupSurvivesTelegramHiccups(t *testing.T) {
	fake := tgfake.New()
	t.Cleanup(fake.Close)
	fake.FailNext("getMe", 2, tgfake.Fault{Status: 502})
	fake.FailNext("setMyCommands", 1000, tgfake.Fault{Status: 500})
	fake.FailNext("deleteWebhook", 1, tgfake.Fault{Drop: true})
	h := startBotOn(t, fake, nil)
	if n := fake.CallCount("getMe"); n != 3 {
		t.Errorf("getMe called %d times, want 2 failures and a success", n)
	}
	if fake.CallCount("setMyCommands") == 0 {
		t.Error("command menus were not even tried")
	}
	u := tgfake.User{ID: 77, FirstName: "Sara", LanguageCode: "en"}
	h.fake.SendText(u, "/start")
	h.waitText(u, "Choose your language.")
}

// TestIdleBotLongPolls: with nothing to answer the bot waits in getUpdates
// rather than asking again at once, even with a short poll setting (the
// harness's one second, which go-telegram/bot would send as timeout 0).
func TestIdleBotLongPolls(t *testing.T) {
	h := startBot(t)
	time.Sleep(200 * time.Millisecond) // past start-up
	before := h.fake.CallCount("getUpdates")
	time.Sleep(1500 * time.Millisecond)
	if n := h.fake.CallCount("getUpdates") - before; n > 10 {
		t.Errorf("%d getUpdates calls in 1.5 s with nothing to answer: the bot is not long-polling", n)
	}
}
