package main

import (
	"errors"
	"flag"
	"io"
	"math"
	"strings"
	"testing"
)

// The configuration comes from an operator's environment and flags: any
// value either loads into a sane configuration or is refused with one line
// naming the setting; nothing panics.
func FuzzConfig(f *testing.F) {
	f.Add("30", "1,2,3", "Europe/Copenhagen", "https://bot.example.org/hook", "s3cret", "info", "-send-rate=5")
	f.Add("NaN", "-1", "Mars/Base", "http://x", "", "loud", "-bogus")
	f.Add("Inf", "", "", "", "two words", "", "")
	f.Fuzz(func(t *testing.T, rate, coordinators, tz, webhook, secret, level, arg string) {
		env := envOf("TELEGRAM_BOT_TOKEN", "123:abc", "VEJVISER_SEND_RATE", rate, "VEJVISER_COORDINATORS", coordinators,
			"VEJVISER_TZ", tz, "VEJVISER_WEBHOOK_URL", webhook, "VEJVISER_WEBHOOK_SECRET", secret, "VEJVISER_LOG_LEVEL", level)
		var args []string
		if arg != "" {
			args = []string{arg}
		}
		c, _, err := loadConfig(env, args, "serve", true, io.Discard)
		if err != nil {
			var ce *configError
			if !errors.As(err, &ce) && !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("%v (%T) is not a configError", err, err)
			}
			if ce != nil && strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is more than one line: %q", err)
			}
			return
		}
		if !(c.SendRate > 0 && c.SendRate <= 10000) || math.IsNaN(c.SendRate) {
			t.Fatalf("send rate %v accepted", c.SendRate)
		}
		for _, id := range c.Coordinators {
			if id <= 0 {
				t.Fatalf("coordinator %d accepted", id)
			}
		}
		if c.Location == nil {
			t.Fatal("no time zone")
		}
	})
}
