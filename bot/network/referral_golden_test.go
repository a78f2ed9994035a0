package network

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

var reCode = regexp.MustCompile(`start=r[0-9a-f]{12}`)

// TestGoldenReferralScreens renders every screen of referrals per
// language: each question of /newreferral and its refusals, the preview,
// the card with suggestions and families left out, after 🤝, /matches with
// a match needing attention, the household's own view, its pickers and
// withdrawal, and the network family's notice
// (testdata/golden/referral.<lang>.txt).
func TestGoldenReferralScreens(t *testing.T) {
	for _, lang := range []string{"da", "ar", "ti", "en"} {
		t.Run(lang, func(t *testing.T) {
			e := newRefEnv(t)
			coord := chattest.RegisterNamed(t, e.f.Env, 20, "Mette", lang, domain.RoleCoordinator)
			var b strings.Builder
			snap := func(name string, r *chat.Request) {
				t.Helper()
				text, k := shown(r)
				if text == "" {
					text = "(pop-up) " + alert(r)
				}
				// the personal link's code is random
				text = reCode.ReplaceAllString(text, "start=r000000000000")
				b.WriteString("## " + name + "\n" + chattest.Screen(text, k) + "\n\n")
			}
			flow := func(args ...string) *chat.Request { return e.press(coord, e.f.onRefFlow, args...) }
			r := e.typed(t, coord, "")
			cmdNewReferral(r)
			snap("adults", r)
			snap("children", flow("adults", "2"))
			snap("children, one added", flow("age", "7"))
			snap("languages", flow("kids", "done"))
			flow("lang", "ti")
			snap("languages, two chosen", flow("lang", "so"))
			snap("languages, one taken off", flow("lang", "so"))
			flow("lang", "ti")
			snap("done with no language", flow("done", "lang"))
			flow("lang", "ti")
			snap("postcode", flow("done", "lang"))
			snap("postcode refused", e.typed(t, coord, "123"))
			snap("town", e.typed(t, coord, "2750"))
			snap("town refused", e.typed(t, coord, strings.Repeat("x", 101)))
			snap("help", e.typed(t, coord, "Ballerup"))
			snap("help, one chosen", flow("help", "letters"))
			snap("free", flow("done", "help"))
			flow("free", "weekday_evening")
			snap("wish", flow("done", "free"))
			snap("wish refused", e.typed(t, coord, strings.Repeat("x", 201)))
			snap("consent: first name", e.typed(t, coord, "Gerne en familie med hund"))
			snap("first name", flow("yes", "cname"))
			snap("first name refused", e.typed(t, coord, strings.Repeat("x", 65)))
			snap("consent: phone", e.typed(t, coord, "Selam"))
			snap("phone", flow("yes", "cphone"))
			snap("consent: address", e.typed(t, coord, "12345678"))
			snap("address", flow("yes", "caddress"))
			snap("consent date", e.typed(t, coord, "Hovedgaden 1"))
			snap("consent date refused", e.typed(t, coord, "31.12.2099"))
			snap("how", flow("date", "today"))
			snap("preview", flow("how", "in_person"))
			snap("a stale button", flow("adults", "3"))
			snap("saved", flow("save", "ok"))

			id := e.referral(t, 1, e.now.Add(-34*24*time.Hour))
			e.b.Exec(t, `UPDATE referrals SET join_code = 'r000000000002' WHERE id = ?`, id)
			snap("card", e.press(coord, e.f.onRefCard, itoa(id)))
			snap("proposed", e.press(coord, e.f.onRefPropose, itoa(id), itoa(e.lars.ID)))
			snap("proposed again", e.press(coord, e.f.onRefPropose, itoa(id), itoa(e.lars.ID)))
			e.b.Exec(t, `UPDATE network_matches SET state = 'active', started_at = ? WHERE referral_id = ?`, e.now.Add(-40*24*time.Hour).UTC(), id)
			e.b.Exec(t, `INSERT INTO network_checkins (match_id, side, asked_at, answer, answered_at) SELECT id, 'volunteer', ?1, 'help', ?1 FROM network_matches`, e.now.Add(-time.Hour).UTC())
			snap("matches", e.press(coord, e.f.onMatches, "0"))
			e.b.Exec(t, `DELETE FROM referrals WHERE id != ?`, id)
			e.b.Exec(t, `DELETE FROM network_matches`)
			snap("matches, none needing attention", e.press(coord, e.f.onMatches, "0"))

			e.b.Exec(t, `UPDATE members SET language = ? WHERE id = ?`, lang, e.part.ID)
			part, err := e.b.Store.Member(context.Background(), e.part.ID)
			if err != nil {
				t.Fatal(err)
			}
			r = chattest.Typed(e.f.Env, part, "")
			e.f.onStartCode(r, "r000000000002")
			snap("household view", r)
			hh := func(args ...string) *chat.Request { return e.press(part, e.f.onHousehold, args...) }
			snap("household languages", hh("langs", "0"))
			snap("household free times", hh("frees", "0"))
			snap("household withdraw?", hh("withdraw", "ask"))
			snap("household withdrawn", hh("withdraw", "yes"))
			snap("withdrawn card", e.press(coord, e.f.onRefCard, itoa(id)))
			snap("matches, none waiting", e.press(coord, e.f.onMatches, "0"))
			L := e.f.Cat.For(lang)
			b.WriteString("## network family told\n" + consentEnded(L, e.lars, domain.NetworkMatchValues{Match: 1}).Text + "\n")
			chattest.Golden(t, "testdata/golden/referral."+lang+".txt", b.String())
		})
	}
}
