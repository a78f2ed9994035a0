package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"vejviser/bot"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// configError is a bad setting: one line naming the variable; exit code 2.
type configError struct {
	name, msg string
}

func (e *configError) Error() string { return oneLine(e.name + ": " + e.msg) }

// oneLine escapes control characters (a newline in a flag's name, say), so
// that an error stays the one line an operator's log expects.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}

func bad(name, format string, args ...any) error {
	return &configError{name: name, msg: fmt.Sprintf(format, args...)}
}

// config is every setting, read from the environment; flags override.
type config struct {
	Token        string
	APIURL       string
	DB           string
	Coordinators []int64
	// Admins are the national administrators (VEJVISER_ADMINS): they manage
	// branches and see national counts, never a branch's names.
	Admins []int64
	// Branch is the key of the first branch (VEJVISER_BRANCH, default
	// "default"), the one a single-branch installation has.
	Branch        string
	TZ            string
	Location      *time.Location
	WebhookURL    string
	Listen        string
	HealthListen  bool // serve /healthz on Listen in polling mode too (Listen was set)
	WebhookSecret string
	SendRate      float64
	ChatBurst     int // calls one private chat may get at once (VEJVISER_CHAT_BURST)
	LogLevel      string
	GroupName     string            // the local group's name members see (answers, broadcasts, poster)
	GroupNames    map[string]string // its name in other languages (VEJVISER_GROUP_NAME_AR …)
	AskPerHour    int               // "Ask us" messages a member may send an hour
	AskKeepDays   int               // days "Ask us" messages are kept
	AskPhone      string            // a number to call when no coordinator can read "Ask us" ("": none)
	// MatchKeepMonths is how long an ended network-family match's details
	// are kept (VEJVISER_MATCH_KEEP_MONTHS); the counts stay.
	MatchKeepMonths int
	Shifts          domain.ShiftSettings // VEJVISER_SHIFT_*
	Ops                                  // backups and metrics
}

var rePhone = regexp.MustCompile(`^(\+?[0-9][0-9 -]{2,18})?$`)

var reSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// rawConfig holds the values read as text before they are checked.
type rawConfig struct {
	coordinators, admins, rate, askPerHour, askKeep, burst string
}

var reToken = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// loadConfig reads the environment, then the flags of fs (already defined by
// defineFlags) override it. needToken is false for the demo and admin commands.
func loadConfig(getenv func(string) string, args []string, name string, needToken bool, stderr io.Writer) (config, []string, error) {
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c, raw := configFromEnv(env)
	fs, extra := configFlags(&c, &raw, name, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, nil, err
		}
		return c, nil, &configError{name: flagNamed(err), msg: err.Error()}
	}
	byFlag := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { byFlag[f.Name] = true })
	// src names where a bad value came from: the flag when one was given.
	src := func(env, flagName string) string {
		if byFlag[flagName] {
			return "-" + flagName
		}
		return env
	}
	c.HealthListen = strings.TrimSpace(getenv("VEJVISER_LISTEN")) != "" || byFlag["listen"]
	if err := c.checkConnection(needToken, src); err != nil {
		return c, nil, err
	}
	if err := c.checkGroup(raw, src, env); err != nil {
		return c, nil, err
	}
	if err := c.checkOps(env); err != nil {
		return c, nil, err
	}
	out := fs.Args()
	for k, v := range extra {
		out = append(out, "--"+k+"="+*v)
	}
	return c, out, nil
}

// configFromEnv is the configuration as the environment gives it.
func configFromEnv(env func(k, def string) string) (config, rawConfig) {
	c := config{
		Token:         env("TELEGRAM_BOT_TOKEN", ""),
		APIURL:        env("TELEGRAM_API_URL", "https://api.telegram.org"),
		DB:            env("VEJVISER_DB", "./vejviser.db"),
		TZ:            env("VEJVISER_TZ", "Europe/Copenhagen"),
		WebhookURL:    env("VEJVISER_WEBHOOK_URL", ""),
		Listen:        env("VEJVISER_LISTEN", ":8080"),
		WebhookSecret: env("VEJVISER_WEBHOOK_SECRET", ""),
		LogLevel:      env("VEJVISER_LOG_LEVEL", "info"),
		GroupName:     env("VEJVISER_GROUP_NAME", "Røde Kors Ballerup"),
		Branch:        env("VEJVISER_BRANCH", "default"),
		AskPhone:      env("VEJVISER_ASK_PHONE", ""),
		GroupNames:    map[string]string{},
	}
	for _, lang := range locales.Languages {
		if lang != locales.Default {
			c.GroupNames[lang] = env("VEJVISER_GROUP_NAME_"+strings.ToUpper(lang), "")
		}
	}
	return c, rawConfig{
		coordinators: env("VEJVISER_COORDINATORS", ""),
		admins:       env("VEJVISER_ADMINS", ""),
		rate:         env("VEJVISER_SEND_RATE", "30"),
		askPerHour:   env("VEJVISER_ASK_PER_HOUR", "10"),
		burst:        env("VEJVISER_CHAT_BURST", "3"),
		askKeep:      env("VEJVISER_ASK_KEEP_DAYS", "90"),
	}
}

// configFlags defines the flags that override the environment; extra holds
// the broadcast command's own flags.
func configFlags(c *config, raw *rawConfig, name string, stderr io.Writer) (*flag.FlagSet, map[string]*string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.APIURL, "api-url", c.APIURL, "Bot API server base URL (TELEGRAM_API_URL)")
	fs.StringVar(&c.DB, "db", c.DB, "SQLite database file (VEJVISER_DB)")
	fs.StringVar(&raw.coordinators, "coordinators", raw.coordinators, "comma-separated Telegram user ids of coordinators (VEJVISER_COORDINATORS)")
	fs.StringVar(&c.TZ, "tz", c.TZ, "time zone (VEJVISER_TZ)")
	fs.StringVar(&c.WebhookURL, "webhook-url", c.WebhookURL, "public HTTPS URL for webhook mode (VEJVISER_WEBHOOK_URL)")
	fs.StringVar(&c.Listen, "listen", c.Listen, "address of the webhook server and /healthz (VEJVISER_LISTEN; in long polling /healthz only when set)")
	fs.StringVar(&raw.rate, "send-rate", raw.rate, "messages per second overall (VEJVISER_SEND_RATE)")
	fs.StringVar(&raw.burst, "chat-burst", raw.burst, "calls one private chat may get at once, then one a second (VEJVISER_CHAT_BURST)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (VEJVISER_LOG_LEVEL)")
	fs.StringVar(&c.GroupName, "group-name", c.GroupName, "the local group's name shown to members (VEJVISER_GROUP_NAME)")
	if c.GroupNames == nil {
		c.GroupNames = map[string]string{}
	}
	for _, lang := range locales.Languages {
		if lang != locales.Default {
			fs.Func("group-name-"+lang, "the group's name read in "+lang+" (VEJVISER_GROUP_NAME_"+strings.ToUpper(lang)+"; default: the Danish name, or the known translation of "+bot.DefaultGroupName+")", func(s string) error {
				c.GroupNames[lang] = s
				return nil
			})
		}
	}
	fs.StringVar(&raw.askPerHour, "ask-per-hour", raw.askPerHour, "Ask us messages a member may send an hour (VEJVISER_ASK_PER_HOUR)")
	fs.StringVar(&c.AskPhone, "ask-phone", c.AskPhone, "a phone number members are given when no coordinator can read Ask us (VEJVISER_ASK_PHONE)")
	fs.StringVar(&raw.askKeep, "ask-keep-days", raw.askKeep, "days Ask us messages are kept (VEJVISER_ASK_KEEP_DAYS)")
	extra := map[string]*string{}
	if name == "broadcast" {
		extra["audience"] = fs.String("audience", "", "who gets it: all, participants, volunteers, coordinators, activity:N, event:N or language:"+strings.Join(locales.Languages, "|"))
		extra["text"] = fs.String("text", "", "the Danish text (required); members without a text in their own language get it")
		for _, lang := range locales.Languages {
			if lang != locales.Default {
				extra["text-"+lang] = fs.String("text-"+lang, "", "the text for members who read "+lang)
			}
		}
		extra["branch"] = fs.String("branch", "", "the KEY of the branch whose members get it (see vejviser branch list); needed when the bot serves several")
		national := new(string)
		extra["national"] = national
		fs.BoolFunc("national", "every branch's members get it, once each, under the Red Cross's name (no branch named)", func(string) error {
			*national = "yes"
			return nil
		})
	}
	fs.Usage = func() {
		if name != "" {
			fmt.Fprintf(fs.Output(), "Usage: vejviser %s [flags]\n", name)
		}
		fmt.Fprintln(fs.Output(), "Flags (each overrides the environment variable named in brackets):")
		fs.PrintDefaults()
	}
	return fs, extra
}

// checkConnection checks how the bot reaches Telegram and its database.
func (c *config) checkConnection(needToken bool, src func(env, flagName string) string) error {
	if needToken && c.Token == "" {
		return bad("TELEGRAM_BOT_TOKEN", "is required (create a bot with @BotFather), or try `vejviser demo`")
	}
	if c.Token != "" && !reToken.MatchString(c.Token) {
		return bad("TELEGRAM_BOT_TOKEN", "does not look like a bot token (digits, a colon, then letters)")
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad(src("TELEGRAM_API_URL", "api-url"), "must be an http(s) URL, got %q", c.APIURL)
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if strings.ContainsAny(c.DB, "?#") {
		return bad(src("VEJVISER_DB", "db"), "must be a file path without '?' or '#'")
	}
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return bad(src("VEJVISER_TZ", "tz"), "unknown time zone %q", c.TZ)
	}
	c.Location = loc
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return bad(src("VEJVISER_WEBHOOK_URL", "webhook-url"), "must be an https URL, got %q", c.WebhookURL)
		}
		if !reSecret.MatchString(c.WebhookSecret) {
			return bad("VEJVISER_WEBHOOK_SECRET", "is required in webhook mode: 1-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return bad(src("VEJVISER_LOG_LEVEL", "log-level"), "must be debug, info, warn or error")
	}
	return nil
}

// checkGroup checks the settings of the local group: coordinators, pace,
// name, Ask us and shifts.
func (c *config) checkGroup(raw rawConfig, src func(env, flagName string) string, env func(k, def string) string) error {
	var err error
	if c.Coordinators, err = telegramIDs(raw.coordinators, src("VEJVISER_COORDINATORS", "coordinators")); err != nil {
		return err
	}
	if c.Admins, err = telegramIDs(raw.admins, "VEJVISER_ADMINS"); err != nil {
		return err
	}
	if !domain.ValidBranchKey(c.Branch) {
		return bad("VEJVISER_BRANCH", "must be 2-32 of a-z, 0-9 and -, got %q", c.Branch)
	}
	r, err := strconv.ParseFloat(raw.rate, 64)
	// Slower than one message in ten seconds is a typo (1e-3), and a rate
	// near zero (1e-300) would make the sender wait forever.
	if err != nil || !(r >= 0.1 && r <= 10000) { // also refuses NaN and ±Inf
		return bad(src("VEJVISER_SEND_RATE", "send-rate"), "must be a number of messages per second from 0.1 to 10000, got %q", raw.rate)
	}
	c.SendRate = r
	if c.ChatBurst, err = strconv.Atoi(raw.burst); err != nil || c.ChatBurst < 1 || c.ChatBurst > 20 {
		return bad(src("VEJVISER_CHAT_BURST", "chat-burst"), "must be a whole number from 1 to 20, got %q", raw.burst)
	}
	c.GroupName = strings.TrimSpace(c.GroupName)
	if n := len([]rune(c.GroupName)); n == 0 || n > 64 {
		return bad("VEJVISER_GROUP_NAME", "must be 1-64 characters")
	}
	for lang, name := range c.GroupNames {
		c.GroupNames[lang] = strings.TrimSpace(name)
		if len([]rune(c.GroupNames[lang])) > 64 {
			return bad("VEJVISER_GROUP_NAME_"+strings.ToUpper(lang), "must be at most 64 characters")
		}
	}
	c.AskPhone = strings.TrimSpace(c.AskPhone)
	if !rePhone.MatchString(c.AskPhone) {
		return bad("VEJVISER_ASK_PHONE", "must be a phone number (digits, spaces, + and -, at most 20), got %q", c.AskPhone)
	}
	n, err := strconv.Atoi(raw.askPerHour)
	if err != nil || n < 1 || n > 1000 {
		return bad("VEJVISER_ASK_PER_HOUR", "must be a whole number from 1 to 1000, got %q", raw.askPerHour)
	}
	c.AskPerHour = n
	if n, err = strconv.Atoi(raw.askKeep); err != nil || n < 1 || n > 3650 {
		return bad("VEJVISER_ASK_KEEP_DAYS", "must be a whole number of days from 1 to 3650, got %q", raw.askKeep)
	}
	c.AskKeepDays = n
	if n, err = strconv.Atoi(env("VEJVISER_MATCH_KEEP_MONTHS", "12")); err != nil || n < 1 || n > 120 {
		return bad("VEJVISER_MATCH_KEEP_MONTHS", "must be a whole number of months from 1 to 120, got %q", env("VEJVISER_MATCH_KEEP_MONTHS", "12"))
	}
	c.MatchKeepMonths = n
	c.Shifts, err = shiftSettings(env)
	return err
}

// flagNamed picks the flag out of an error of package flag ("flag provided
// but not defined: -x", "flag needs an argument: -db").
func flagNamed(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, " -"); i >= 0 {
		f, _, _ := strings.Cut(msg[i+1:], " ")
		return strings.TrimRight(f, ":")
	}
	return "flags"
}

// telegramIDs parses a comma-separated list of Telegram user ids.
func telegramIDs(list, name string) ([]int64, error) {
	var ids []int64
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, bad(name, "%q is not a Telegram user id (a positive number)", part)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
