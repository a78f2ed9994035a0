package askus

import (
	"strings"
	"testing"

	"vejviser/bot/chat"
)

// The buttons' payloads fit Telegram's 64 bytes with the largest ids and
// keys, and decode to what was built.
func TestPayloadRoundTrip(t *testing.T) {
	cases := []struct {
		act  chat.Action
		args []string
	}{
		{actMute, []string{"9223372036854775807", "1"}}, {actReply, []string{"9223372036854775807"}},
	}
	for _, c := range cases {
		data := chat.Payload(c.act, c.args...)
		if len(data) > 64 {
			t.Errorf("%q is %d bytes", data, len(data))
		}
		act, args, err := chat.DecodePayload(data)
		if err != nil || act != c.act || strings.Join(args, ",") != strings.Join(c.args, ",") {
			t.Errorf("round trip of %q: %q %v %v", data, act, args, err)
		}
	}
}
