package askus

import (
	"testing"

	"vejviser/bot/chat/chattest"
)

// The buttons' payloads fit Telegram's 64 bytes with the largest ids and
// keys, and decode to what was built.
func TestPayloadRoundTrip(t *testing.T) {
	chattest.PayloadRoundTrip(t, actMute, "9223372036854775807", "1")
	chattest.PayloadRoundTrip(t, actReply, "9223372036854775807")
}
