package broadcast

import (
	"testing"

	"vejviser/bot/chat/chattest"
)

// The buttons' payloads fit Telegram's 64 bytes with the largest ids and
// keys, and decode to what was built.
func TestPayloadRoundTrip(t *testing.T) {
	chattest.PayloadRoundTrip(t, actPreview, "AbCdEfGhIjKlMnOp")
	chattest.PayloadRoundTrip(t, actPick, "activity", "9223372036854775807")
}
