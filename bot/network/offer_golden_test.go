package network

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestGoldenOfferScreens renders, per volunteer language, every screen of
// /networkfamily — each question, the answers refused (nothing ticked, a
// wrong postcode, an over-long hello, no contact, a past pause date), the
// hello written in Tigrinya too, the preview, the saved offer (no
// certificate), a pause, the stop question, the stopped offer, its
// resumption, and the offer with a valid certificate and a household
// proposed (offer.*.txt).
func TestGoldenOfferScreens(t *testing.T) {
	for i, lang := range locales.Languages {
		b, _ := chattest.TwoBranches(t, chattest.At(offerNow(t)))
		h := offerHarnessOn(t, b.Env)
		m := chattest.RegisterNamed(t, h.env, int64(600+i), "Lars", lang, domain.RoleVolunteer)
		coord := chattest.RegisterNamed(t, h.env, int64(700+i), "Mette", "da", domain.RoleCoordinator)
		var out []string
		add := func(name string, rp chat.Reply) { out = append(out, "== "+name+" ==\n"+offerScreen(t, rp)) }
		alert := func(name string, rp chat.Reply) {
			text, _ := offerAnswer(rp)
			out = append(out, "== "+name+" (pop-up) ==\n"+text)
		}
		add("who are you", h.run(m, "cmd", "networkfamily"))
		h.run(m, "button", "o1", "kind", "couple")
		add("languages, Danish and Tigrinya ticked", h.run(m, "button", "o1", "lang", "ti"))
		add("Danish unticked", h.run(m, "button", "o1", "lang", "da"))
		h.run(m, "button", "o1", "lang", "da")
		add("postcode", h.run(m, "button", "o1", "done", "langs"))
		add("a wrong postcode", h.run(m, "text", "networkfamily", "999"))
		add("free times", h.run(m, "text", "networkfamily", "2750"))
		alert("done with nothing ticked", h.run(m, "button", "o1", "done", "free"))
		h.run(m, "button", "o1", "free", "weekday_evening")
		add("help", h.run(m, "button", "o1", "done", "free"))
		h.run(m, "button", "o1", "help", "town")
		add("how many", h.run(m, "button", "o1", "done", "help"))
		add("the hello", h.run(m, "button", "o1", "cap", "1"))
		add("a hello too long", h.run(m, "text", "networkfamily", strings.Repeat("x", 301)))
		add("the hello, other languages", h.run(m, "text", "networkfamily", "Hej! Vi er Lars og Sanne. Vi cykler og laver mad."))
		add("the hello in Tigrinya", h.run(m, "button", "o1", "hello", "ti"))
		h.run(m, "text", "networkfamily", "ሰላም! ላርስን ሳነን ኢና።")
		add("how to reach you", h.run(m, "button", "o1", "done", "hellos"))
		add("a contact too long", h.run(m, "text", "networkfamily", strings.Repeat("1", 101)))
		add("the preview", h.run(m, "text", "networkfamily", "+45 12 34 56 78"))
		add("saved", h.run(m, "button", "o1", "save", "ok"))
		add("pause for how long", h.run(m, "button", "o2", "pause", "ok"))
		add("paused for three months", h.run(m, "button", "o2", "until", "3"))
		add("pause until a date", h.run(m, "button", "o2", "until", "date"))
		add("a date in the past", h.run(m, "text", "networkpause", "01.01.2027"))
		if _, err := h.env.Store.EndConversation(h.ctx, m.ID); err != nil { // /cancel
			t.Fatal(err)
		}
		add("stop?", h.run(m, "button", "o2", "stop", "ok"))
		add("stopped", h.run(m, "button", "o2", "stopyes", "ok"))
		add("resumed", h.run(m, "button", "o2", "resume", "ok"))
		if err := h.env.Store.SetCertificate(h.ctx, []int64{1}, m.ID, coord.ID, time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), h.env.Now(), false); err != nil {
			t.Fatal(err)
		}
		b.Exec(t, `INSERT INTO referrals (id, branch_id, adults, languages, postcode, consent_date, consent_how, waiting_since, created_at, updated_at)
			VALUES (1, 1, 2, '["ti"]', 2750, ?1, 'form', ?1, ?1, ?1)`, h.env.Now().UTC())
		if _, err := h.env.Store.ProposeMatch(h.ctx, 1, 1, m.ID, coord.ID, h.env.Now()); err != nil {
			t.Fatal(err)
		}
		add("a valid certificate, a household proposed", h.run(m, "cmd", "networkfamily"))
		got := strings.Join(out, "\n\n") + "\n"
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("offer.%s.txt", lang)), got)
	}
}
