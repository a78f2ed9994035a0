package network

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestGoldenOfferScreens renders, per volunteer language, every screen of
// /networkfamily — each question, a wrong postcode, the hello written in
// Arabic too, the preview, the saved offer (no certificate), a pause, the
// stop question, the stopped offer and its resumption (offer.*.txt).
func TestGoldenOfferScreens(t *testing.T) {
	for i, lang := range locales.Languages {
		h := newOfferHarness(t)
		m := chattest.RegisterNamed(t, h.env, int64(600+i), "Lars", lang, domain.RoleVolunteer)
		var out []string
		add := func(name string, rp chat.Reply) { out = append(out, "== "+name+" ==\n"+offerScreen(t, rp)) }
		add("who are you", h.run(m, "cmd", "networkfamily"))
		h.run(m, "button", "o1", "kind", "couple")
		add("languages, Danish and Tigrinya ticked", h.run(m, "button", "o1", "lang", "ti"))
		add("Danish unticked", h.run(m, "button", "o1", "lang", "da"))
		h.run(m, "button", "o1", "lang", "da")
		add("postcode", h.run(m, "button", "o1", "done", "langs"))
		add("a wrong postcode", h.run(m, "text", "networkfamily", "999"))
		add("free times", h.run(m, "text", "networkfamily", "2750"))
		h.run(m, "button", "o1", "free", "weekday_evening")
		add("help", h.run(m, "button", "o1", "done", "free"))
		h.run(m, "button", "o1", "help", "town")
		add("how many", h.run(m, "button", "o1", "done", "help"))
		add("the hello", h.run(m, "button", "o1", "cap", "1"))
		add("the hello, other languages", h.run(m, "text", "networkfamily", "Hej! Vi er Lars og Sanne. Vi cykler og laver mad."))
		add("the hello in Tigrinya", h.run(m, "button", "o1", "hello", "ti"))
		h.run(m, "text", "networkfamily", "ሰላም! ላርስን ሳነን ኢና።")
		add("how to reach you", h.run(m, "button", "o1", "done", "hellos"))
		add("the preview", h.run(m, "text", "networkfamily", "+45 12 34 56 78"))
		add("saved", h.run(m, "button", "o1", "save", "ok"))
		add("pause for how long", h.run(m, "button", "o2", "pause", "ok"))
		add("paused for three months", h.run(m, "button", "o2", "until", "3"))
		add("pause until a date", h.run(m, "button", "o2", "until", "date"))
		add("stop?", h.run(m, "button", "o2", "stop", "ok"))
		add("stopped", h.run(m, "button", "o2", "stopyes", "ok"))
		add("resumed", h.run(m, "button", "o2", "resume", "ok"))
		got := strings.Join(out, "\n\n") + "\n"
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("offer.%s.txt", lang)), got)
	}
}
