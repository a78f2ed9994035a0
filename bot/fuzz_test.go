package bot

import (
	"strings"
	"testing"

	"vejviser/bot/chat"
)

// The fuzz targets run in CI for a few seconds each (.ci/run); their corpus
// is in testdata/fuzz. Run one longer with e.g.
//
//	go test -run '^$' -fuzz '^FuzzDecodePayload$' -fuzztime 1m ./bot

// Callback data comes from anyone: decoding never panics, and what it
// accepts is exactly what payload would build.
func FuzzDecodePayload(f *testing.F) {
	for _, s := range []string{"1:lang:da", "1:consent:ar:ask:-", "2:lang:da", "1:lang", "", ":::", strings.Repeat("1:", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		act, args, err := chat.DecodePayload(data)
		if err != nil {
			return
		}
		if len(data) > 64 {
			t.Fatalf("accepted %d bytes", len(data))
		}
		if got := chat.Payload(act, args...); got != data {
			t.Fatalf("chat.Payload(%q, %q) = %q, decoded from %q", act, args, got, data)
		}
	})
}

// Commands come from anyone: parsing never panics, and a command it
// finds is one lowercase word without the bot's name.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/start", "/START@VejviserBot hej", "/help@OtherBot", "/", "/ ", "hello", "/start@", "/x\u00a0y"} {
		f.Add(s, "VejviserBot")
	}
	f.Fuzz(func(t *testing.T, text, username string) {
		cmd, rest, ok := chat.ParseCommand(text, username)
		if !ok {
			return
		}
		if !strings.HasPrefix(text, "/") {
			t.Fatalf("%q is not a command", text)
		}
		if strings.ContainsAny(cmd, " @") || cmd != strings.ToLower(cmd) {
			t.Fatalf("command %q from %q", cmd, text)
		}
		if rest != strings.TrimSpace(rest) {
			t.Fatalf("rest %q not trimmed", rest)
		}
	})
}
