package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"vejviser/bot"
	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// envOf is a getenv over key/value pairs.
func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// Every bad setting is a configError: one line that names the variable.
func TestConfigErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	// Never a real database or Telegram, should a case slip through.
	safe := []string{"VEJVISER_DB", db, "TELEGRAM_API_URL", "http://127.0.0.1:1"}
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"token missing", nil, nil, "TELEGRAM_BOT_TOKEN"},
		{"token blank", []string{"TELEGRAM_BOT_TOKEN", "  "}, nil, "TELEGRAM_BOT_TOKEN"},
		{"token malformed", []string{"TELEGRAM_BOT_TOKEN", "not a token"}, nil, "TELEGRAM_BOT_TOKEN"},
		{"time zone", []string{"VEJVISER_TZ", "Mars/Base"}, nil, "VEJVISER_TZ"},
		{"coordinators", []string{"VEJVISER_COORDINATORS", "12,abc"}, nil, "VEJVISER_COORDINATORS"},
		{"coordinator not positive", []string{"VEJVISER_COORDINATORS", "12,-5"}, nil, "VEJVISER_COORDINATORS"},
		{"send rate zero", []string{"VEJVISER_SEND_RATE", "0"}, nil, "VEJVISER_SEND_RATE"},
		{"chat burst zero", []string{"VEJVISER_CHAT_BURST", "0"}, nil, "VEJVISER_CHAT_BURST"},
		{"chat burst not a number", []string{"VEJVISER_CHAT_BURST", "many"}, nil, "VEJVISER_CHAT_BURST"},
		{"match keep months zero", []string{"VEJVISER_MATCH_KEEP_MONTHS", "0"}, nil, "VEJVISER_MATCH_KEEP_MONTHS"},
		{"match keep months not a number", []string{"VEJVISER_MATCH_KEEP_MONTHS", "a year"}, nil, "VEJVISER_MATCH_KEEP_MONTHS"},
		{"send rate not a number", []string{"VEJVISER_SEND_RATE", "fast"}, nil, "VEJVISER_SEND_RATE"},
		{"api url not http", []string{"TELEGRAM_API_URL", "ftp://x"}, nil, "TELEGRAM_API_URL"},
		{"api url without host", []string{"TELEGRAM_API_URL", "https://"}, nil, "TELEGRAM_API_URL"},
		{"webhook over http", []string{"VEJVISER_WEBHOOK_URL", "http://insecure"}, nil, "VEJVISER_WEBHOOK_URL"},
		{"webhook without secret", []string{"VEJVISER_WEBHOOK_URL", "https://bot.example.org/hook"}, nil, "VEJVISER_WEBHOOK_SECRET"},
		{"webhook secret with spaces", []string{"VEJVISER_WEBHOOK_URL", "https://bot.example.org/hook", "VEJVISER_WEBHOOK_SECRET", "two words"}, nil, "VEJVISER_WEBHOOK_SECRET"},
		{"log level", []string{"VEJVISER_LOG_LEVEL", "verbose"}, nil, "VEJVISER_LOG_LEVEL"},
		{"database path with a query", []string{"VEJVISER_DB", "x.db?mode=memory"}, nil, "VEJVISER_DB"},
		{"send rate negative", []string{"VEJVISER_SEND_RATE", "-3"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate NaN", []string{"VEJVISER_SEND_RATE", "NaN"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate Inf", []string{"VEJVISER_SEND_RATE", "Inf"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate -Inf", []string{"VEJVISER_SEND_RATE", "-Inf"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate absurd", []string{"VEJVISER_SEND_RATE", "1e9"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate so slow nothing is sent", []string{"VEJVISER_SEND_RATE", "1e-300"}, nil, "VEJVISER_SEND_RATE"},
		{"send rate below one in ten seconds", []string{"VEJVISER_SEND_RATE", "0.09"}, nil, "VEJVISER_SEND_RATE"},
		{"time zone flag", nil, []string{"-tz", "Mars/Base"}, "-tz"},
		{"send rate flag", nil, []string{"-send-rate", "-1"}, "-send-rate"},
		{"send rate flag NaN overriding a good variable", []string{"VEJVISER_SEND_RATE", "20"}, []string{"-send-rate", "nan"}, "-send-rate"},
		{"db flag", nil, []string{"-db", "x.db?mode=memory"}, "-db"},
		{"log level flag", nil, []string{"-log-level", "loud"}, "-log-level"},
		{"coordinators flag", nil, []string{"-coordinators", "x"}, "-coordinators"},
		{"api url flag", nil, []string{"-api-url", "ftp://x"}, "-api-url"},
		{"unknown flag", nil, []string{"-bogus"}, "-bogus"},
		{"flag without its value", nil, []string{"-db"}, "-db"},
		{"broadcast unknown flag", nil, []string{"broadcast", "--colour=red"}, "-colour"},
		{"unknown command", nil, []string{"nonsense"}, "command"},
		{"backup time", []string{"VEJVISER_BACKUP_AT", "25:00"}, nil, "VEJVISER_BACKUP_AT"},
		{"backups kept zero", []string{"VEJVISER_BACKUP_KEEP", "0"}, nil, "VEJVISER_BACKUP_KEEP"},
		{"metrics token with spaces", []string{"VEJVISER_METRICS_TOKEN", "a b"}, nil, "VEJVISER_METRICS_TOKEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := append([]string(nil), safe...)
			if tc.want != "TELEGRAM_BOT_TOKEN" {
				env = append(env, "TELEGRAM_BOT_TOKEN", "123:abc")
			}
			env = append(env, tc.env...) // later pairs win
			// A valid configuration would start the bot: the deadline turns that into a failure.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			err := runIO(ctx, tc.args, envOf(env...), strings.NewReader(""), &stdout, &stderr)
			var ce *configError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v (%T), want a *configError", err, err)
			}
			if ce.name != tc.want || !strings.HasPrefix(err.Error(), tc.want+": ") {
				t.Errorf("error %q names %q, want %q", err, ce.name, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
			if strings.Contains(err.Error(), "123:abc") {
				t.Errorf("error shows the token: %q", err)
			}
		})
	}
}

func TestConfigFlagsOverrideEnvironment(t *testing.T) {
	env := envOf("TELEGRAM_BOT_TOKEN", "123:abc", "VEJVISER_DB", "/env/vejviser.db", "VEJVISER_SEND_RATE", "30",
		"VEJVISER_TZ", "UTC", "VEJVISER_COORDINATORS", "1, 2", "TELEGRAM_API_URL", "http://env.example/")
	c, rest, err := loadConfig(env, []string{"-db", "/flag/vejviser.db", "-send-rate", "5", "-coordinators", "7"}, "serve", true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "/flag/vejviser.db" || c.SendRate != 5 || !reflect.DeepEqual(c.Coordinators, []int64{7}) {
		t.Errorf("flags did not override: db %q, rate %v, coordinators %v", c.DB, c.SendRate, c.Coordinators)
	}
	if c.TZ != "UTC" || c.Location == nil || c.Location.String() != "UTC" || c.APIURL != "http://env.example" || c.Token != "123:abc" {
		t.Errorf("environment lost: %+v", c)
	}
	if len(rest) != 0 {
		t.Errorf("left-over arguments %q", rest)
	}

	c, _, err = loadConfig(env, nil, "serve", true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "/env/vejviser.db" || c.SendRate != 30 || !reflect.DeepEqual(c.Coordinators, []int64{1, 2}) {
		t.Errorf("environment not used: db %q, rate %v, coordinators %v", c.DB, c.SendRate, c.Coordinators)
	}

	c, _, err = loadConfig(envOf(), nil, "demo", false, io.Discard)
	if err != nil {
		t.Fatalf("defaults without a token for the demo: %v", err)
	}
	if c.DB != "./vejviser.db" || c.SendRate != 30 || c.TZ != "Europe/Copenhagen" || c.APIURL != "https://api.telegram.org" || c.LogLevel != "info" {
		t.Errorf("defaults: %+v", c)
	}
}

// `vejviser --help` should print the usage and succeed, like `vejviser help`.
func TestHelpFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(), &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), "Usage:") {
		t.Fatalf("help: err %v, stdout %q", err, stdout.String())
	}

	for _, arg := range []string{"--help", "-h"} {
		stdout.Reset()
		err := run(context.Background(), []string{arg}, envOf(), &stdout, &stderr)
		if err != nil || !strings.Contains(stdout.String(), "Usage:") {
			t.Errorf("%s: err %v, stdout %q", arg, err, stdout.String())
		}
	}
}

// The real binary: a bad setting exits with status 2 and one line on stderr.
func TestBinaryBadSettingExitsTwo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool in PATH")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "vejviser")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := []string{"build", "-o", bin}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "-race" && s.Value == "true" {
				args = append(args, "-race") // reuses what `go test -race` compiled (cgo SQLite): fast on a cold cache
			}
		}
	}
	if out, err := exec.CommandContext(ctx, goTool, append(args, ".")...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = []string{"VEJVISER_TZ=Mars/Base", "TELEGRAM_BOT_TOKEN=1:x", "VEJVISER_DB=" + filepath.Join(dir, "v.db")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v, want status 2 (stderr %q)", err, stderr.String())
	}
	lines := strings.Split(strings.TrimRight(stderr.String(), "\n"), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "VEJVISER_TZ") {
		t.Errorf("stderr = %q, want one line naming VEJVISER_TZ", stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q", stdout.String())
	}
}

// The log never holds the token or what a participant wrote, even when
// calls to Telegram fail.
func TestLogHoldsNoTokenOrMessageText(t *testing.T) {
	const said = "mit hemmelige svar"
	f := startFlow(t)
	f.secret(said)
	f.secret(strings.SplitN(flowToken, ":", 2)[1])
	u := tgfake.User{ID: 5001, FirstName: "Dorte", LanguageCode: "da"}
	f.join(u, "da")

	received := f.T("da", "AskHeld", locales.Data{"Group": bot.DefaultGroupName}) // what members write goes to "Ask us" (held: no coordinator yet)
	f.send(u, said, received)
	// Failing calls make the client and the handlers log errors.
	f.fake.FailNext("getUpdates", 1, tgfake.Fault{Drop: true})
	f.fake.FailNext("sendMessage", 1, tgfake.Fault{Drop: true})
	n0 := len(f.fake.Messages(u.ID))
	f.fake.SendText(u, said+" igen")
	f.waitFor("the dropped reply to be logged", func() bool { return strings.Contains(f.logs.String(), "send reply") })
	if len(f.fake.Messages(u.ID)) != n0 {
		t.Error("the dropped reply arrived")
	}
	f.fake.FailNext("sendMessage", 1, tgfake.Fault{Status: 500})
	f.fake.SendText(u, said)
	f.waitFor("the failed reply to be logged", func() bool { return strings.Count(f.logs.String(), "send reply") >= 2 })
	f.send(u, said, received) // the bot recovers
	f.send(u, "/mydata", f.T("da", "MyDataCaption", nil))
	f.stop()

	log := f.logs.String()
	if !strings.Contains(log, "vejviser is running") || !strings.Contains(log, "stopped") {
		t.Fatalf("the log was not captured:\n%s", log)
	}
	for _, s := range f.secrets {
		if strings.Contains(log, s) {
			t.Errorf("the log contains %q", s)
		}
	}
}

// Every subcommand's --help exits 0 and describes every flag it takes.
func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		flags []string
	}{
		{[]string{"--help"}, []string{"-db", "-api-url", "-coordinators", "-tz", "-webhook-url", "-listen", "-send-rate", "-log-level"}},
		{[]string{"-h"}, []string{"-db", "-send-rate"}},
		{[]string{"demo", "--help"}, []string{"-db", "-api-url", "-coordinators", "-tz", "-webhook-url", "-listen", "-send-rate", "-log-level"}},
		{[]string{"broadcast", "-h"}, []string{"-audience", "-text", "-text-ar", "-text-ti", "-text-en", "-db"}},
		{[]string{"-send-rate", "5", "--help"}, []string{"-send-rate"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runIO(context.Background(), tc.args, envOf(), strings.NewReader(""), &stdout, &stderr)
			if code := exit(err); code != 0 {
				t.Fatalf("exit code %d (%v), want 0", code, err)
			}
			out := stdout.String() + stderr.String()
			for _, f := range tc.flags {
				i := strings.Index(out, "  "+f+" ")
				if i < 0 {
					i = strings.Index(out, "  "+f+"\n")
				}
				if i < 0 {
					t.Errorf("%s is not described:\n%s", f, out)
					continue
				}
				// Described: a line of text follows the flag's name.
				rest := strings.SplitN(out[i:], "\n", 3)
				if len(rest) < 2 || len(strings.TrimSpace(rest[0]+rest[1])) <= len(f)+8 {
					t.Errorf("%s has no description:\n%s", f, out)
				}
			}
		})
	}
}

// The daily backup keeps its wall-clock time across the change to and
// from summer time.
func TestNextBackup(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	at := 3*time.Hour + 30*time.Minute
	for _, tc := range []struct{ now, want string }{
		{"2025-01-10T02:00:00+01:00", "2025-01-10T03:30:00+01:00"},
		{"2025-01-10T03:30:00+01:00", "2025-01-11T03:30:00+01:00"},
		{"2025-03-29T12:00:00+01:00", "2025-03-30T03:30:00+02:00"}, // the night the clocks go forward
		{"2025-10-25T12:00:00+02:00", "2025-10-26T03:30:00+01:00"}, // and back
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		if got := nextBackup(now, at, cph).Format(time.RFC3339); got != tc.want {
			t.Errorf("after %s: %s, want %s", tc.now, got, tc.want)
		}
	}
}

// The group's name is configurable per language: the environment, a flag
// over it, and a name too long refused with its variable.
func TestGroupNamePerLanguage(t *testing.T) {
	cfg, _, err := loadConfig(envOf("TELEGRAM_BOT_TOKEN", "1:x", "VEJVISER_GROUP_NAME", "Røde Kors Herlev",
		"VEJVISER_GROUP_NAME_AR", " الصليب الأحمر في Herlev ", "VEJVISER_GROUP_NAME_TI", "ቀይሕ መስቀል Herlev"),
		[]string{"-group-name-ti", "ቀይሕ መስቀል ሄርለቭ"}, "serve", true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ar": "الصليب الأحمر في Herlev", "ti": "ቀይሕ መስቀል ሄርለቭ", "en": ""}
	if !reflect.DeepEqual(cfg.GroupNames, want) {
		t.Errorf("group names %q, want %q", cfg.GroupNames, want)
	}
	_, _, err = loadConfig(envOf("TELEGRAM_BOT_TOKEN", "1:x", "VEJVISER_GROUP_NAME_EN", strings.Repeat("x", 65)), nil, "serve", true, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "VEJVISER_GROUP_NAME_EN") {
		t.Errorf("a 65-character English name: %v", err)
	}
}
