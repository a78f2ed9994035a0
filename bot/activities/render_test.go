package activities

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// lastScreen is the last message a reply sends or edits, as the golden
// files show it.
func lastScreen(t *testing.T, rp chat.Reply) string {
	t.Helper()
	for i := len(rp.Effects) - 1; i >= 0; i-- {
		if e := rp.Effects[i]; e.Kind == chat.Send || e.Kind == chat.Edit {
			return chattest.Screen(e.Text, e.Keyboard)
		}
	}
	t.Fatalf("no message in %+v", rp.Effects)
	return ""
}

// TestGoldenMeetingPreview renders, per coordinator language, the preview
// of a cancelled date (its message in Danish only, then with the Arabic
// added through ➕) and of a moved one without a message, to followers who
// read Danish, Arabic, Tigrinya (English second) and English
// (meeting_preview.*.txt).
func TestGoldenMeetingPreview(t *testing.T) {
	h := newHarness(t)
	id := strconv.FormatInt(h.cafe.ID, 10)
	slot := strconv.FormatInt(time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC).Unix(), 10) // Thursday 15:00 in Copenhagen
	for i, lang := range []string{"da", "ar", "ti"} {
		m := chattest.Register(t, h.env, int64(101+i), lang, domain.RoleParticipant)
		if lang == "ti" {
			if _, err := h.env.Store.SetSecondLanguage(h.ctx, m.ID, "en"); err != nil {
				t.Fatal(err)
			}
		}
		if err := h.env.Store.Follow(h.ctx, []int64{1}, h.cafe.ID, m.ID, h.env.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.env.Store.Follow(h.ctx, []int64{1}, h.cafe.ID, h.omar.ID, h.env.Now()); err != nil {
		t.Fatal(err)
	}
	for i, lang := range locales.Languages {
		c := chattest.RegisterNamed(t, h.env, int64(9100+i), "Mette", lang, domain.RoleCoordinator)
		var out []string
		add := func(name string, rp chat.Reply) { out = append(out, "== "+name+" ==\n"+lastScreen(t, rp)) }
		h.run(c, "button", "mo", id, slot, "cancel")
		add("cancelled, the message in Danish only", h.run(c, "text", "meeting", "Biblioteket er lukket"))
		add("writing the Arabic", h.run(c, "button", "mf", "lang", "ar"))
		add("cancelled, the message in Danish and Arabic", h.run(c, "text", "meeting", "المكتبة مغلقة"))
		h.run(c, "button", "mo", id, slot, "move")
		add("moved, no message", h.run(c, "text", "meeting", "15.01.2027 16:00"))
		got := strings.Join(out, "\n\n") + "\n"
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("meeting_preview.%s.txt", lang)), got)
	}
}
