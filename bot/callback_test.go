package bot

import (
	"path/filepath"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/bot/people"
)

// The index is complete: every declared action has a route with a
// handler, every command a handler, and every command menu lists routed
// commands only.
func TestEveryActionHasARouteAndASpec(t *testing.T) {
	ix := testApp(t).Index()
	if un := ix.Unrouted(); len(un) > 0 {
		t.Errorf("actions without a route: %q", un)
	}
	if len(ix.Buttons) < 60 {
		t.Errorf("only %d buttons routed: the index is not merged", len(ix.Buttons))
	}
	for act, rt := range ix.Buttons {
		if _, _, err := chat.DecodePayload("1:" + string(act)); err != nil && strings.Contains(err.Error(), "unknown action") {
			t.Errorf("route %q has no payload spec", act)
		}
		if rt.Handle == nil {
			t.Errorf("route %q has no handler", act)
		}
	}
	for cmd, rt := range ix.Commands {
		if rt.Handle == nil {
			t.Errorf("command /%s has no handler", cmd)
		}
	}
	if missing := testApp(t).Notices().Missing(); len(missing) > 0 {
		t.Errorf("notice kinds no feature renders: %q", missing)
	}
	for role, items := range chat.CommandMenu {
		for _, it := range items {
			if _, ok := ix.Commands[it.Cmd]; !ok {
				t.Errorf("menu of %s lists /%s, which has no route", role, it.Cmd)
			}
		}
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	cases := []struct {
		act  chat.Action
		args []string
	}{
		{people.ActLang, []string{"ar"}},
		{people.ActConsent, []string{"ti", "yes", "AbCdEfGhIjKlMnOp"}},
		{people.ActSetRole, []string{"9223372036854775807", "c", "12"}},
	}
	for _, c := range cases {
		chattest.PayloadRoundTrip(t, c.act, c.args...)
	}
}

func TestDecodeRejectsForgedPayloads(t *testing.T) {
	for _, data := range []string{
		"", "garbage", "1", "1:", "2:l:da", "1:zz", "1:l", "1:l:da:extra", "1:l:DA!", "1:mr:1:c", "1:mr:x:c:0",
		"1:mc:-5:0", "1:mr:12345678901234567890:c:0", "1:c:da:yes:" + strings.Repeat("a", 33),
		"1:l:" + strings.Repeat("a", 70), "1:l:dä",
	} {
		if act, args, err := chat.DecodePayload(data); err == nil {
			t.Errorf("%q decoded as %q %v", data, act, args)
		}
	}
}

func TestPayloadPanicsOnProgrammingErrors(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("an oversized payload did not panic")
		}
	}()
	chat.Payload(people.ActConsent, "da", "yes", strings.Repeat("a", 40))
}

func TestParseCommand(t *testing.T) {
	cases := []struct {
		text, cmd, rest string
		ok              bool
	}{
		{"/start", "start", "", true},
		{"/start abc_123", "start", "abc_123", true},
		{"/Help@VejviserBot", "help", "", true},
		{"/help@OtherBot", "", "", false},
		{"hello", "", "", false},
		{"", "", "", false},
	}
	for _, c := range cases {
		cmd, rest, ok := chat.ParseCommand(c.text, "VejviserBot")
		if cmd != c.cmd || rest != c.rest || ok != c.ok {
			t.Errorf("chat.ParseCommand(%q) = %q %q %v", c.text, cmd, rest, ok)
		}
	}
}

// The index as a reader wants it, kept in review: every command, button and
// typed text, who may use it, and the feature that handles it. A route added,
// removed or given another role changes testdata/routes.txt (refresh it with
// go test ./bot -run TestRouteIndex -update).
func TestRouteIndex(t *testing.T) {
	got := testApp(t).Index().Table()
	path := filepath.Join("testdata", "routes.txt")
	chattest.Golden(t, path, got)
	for _, line := range strings.Split(strings.TrimSpace(got), "\n") {
		if f := strings.Fields(line); len(f) < 4 || f[len(f)-1] == "" {
			t.Errorf("a route without a feature: %q", line)
		}
	}
}
