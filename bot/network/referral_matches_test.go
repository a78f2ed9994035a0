package network

import (
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestMatchesListsAttentionThenOldestFirst: /matches shows first the
// active match whose household answered 🆘 and whose network family's
// child certificate has lapsed, then the waiting households, the one
// waiting longest first, each with its best suggestion, paged by eight;
// Herlev's referral is not among them; a number opens the card.
func TestMatchesListsAttentionThenOldestFirst(t *testing.T) {
	e := newRefEnv(t)
	newer := e.referral(t, 1, e.now.Add(-2*24*time.Hour))
	older := e.referral(t, 1, e.now.Add(-40*24*time.Hour))
	e.referral(t, e.herlev, e.now.Add(-90*24*time.Hour))
	matched := e.referral(t, 1, e.now.Add(-90*24*time.Hour))
	e.b.Exec(t, `INSERT INTO network_matches (id, branch_id, referral_id, volunteer_id, state, proposed_at, started_at) VALUES (70, 1, ?, ?, 'active', ?, ?)`,
		matched, e.sara.ID, e.now.Add(-60*24*time.Hour).UTC(), e.now.Add(-50*24*time.Hour).UTC())
	e.b.Exec(t, `INSERT INTO network_checkins (match_id, side, asked_at, answer, answered_at) VALUES (70, 'household', ?1, 'help', ?1)`, e.now.Add(-24*time.Hour).UTC())
	r := e.press(e.mette, e.f.onMatches, "0")
	text, k := shown(r)
	want := "⚠️ Kræver opmærksomhed:\nNr. 4 og Sara: 🆘 beder om hjælp · ikke mødtes i 4 uger · børneattesten er udløbet\n\n" +
		"2 husstande venter, den der har ventet længst først. Side 1 af 1.\n" +
		"Nr. 2, 2750 Ballerup, siden onsdag den 2. december 2026: bedst Lars (103 point)\n" +
		"Nr. 1, 2750 Ballerup, siden lørdag den 9. januar 2027: bedst Lars (93 point)"
	if text != want {
		t.Fatalf("/matches:\n%s\nwant\n%s", text, want)
	}
	if !hasData(k, actRefCard, itoa(matched)) || !hasData(k, actRefCard, itoa(older)) || !hasData(k, actRefCard, itoa(newer)) || len(k) != 2 {
		t.Fatalf("buttons %v", k)
	}
	for i := 0; i < 8; i++ {
		e.referral(t, 1, e.now.Add(-time.Hour))
	}
	text, k = shown(e.press(e.mette, e.f.onMatches, "0"))
	mustContain(t, "page 1", text, "10 husstande venter", "Side 1 af 2")
	if !hasData(k, actMatches, "1") {
		t.Fatalf("no ▶️: %v", k)
	}
	text, _ = shown(e.press(e.mette, e.f.onMatches, "1"))
	if contains(text, "Kræver") || !contains(text, "Side 2 af 2") {
		t.Fatalf("page 2:\n%s", text)
	}
	text, _ = shown(e.press(e.hanne, e.f.onMatches, "0"))
	mustContain(t, "Herlev's list", text, "1 husstand venter")
}

// TestReferralsAreForCoordinatorsOfTheirBranch: a volunteer or participant
// is refused every command and button of referrals; Herlev's coordinator
// pressing forged buttons naming a Ballerup referral gets "this button no
// longer works", and nothing is proposed or changed.
func TestReferralsAreForCoordinatorsOfTheirBranch(t *testing.T) {
	e := newRefEnv(t)
	id := e.referral(t, 1, e.now)
	rt := e.f.referralRoutes()
	for _, m := range []domain.Member{e.lars, e.part} {
		routes := map[string]chat.Route{}
		for c, rr := range rt.Commands {
			routes["/"+c] = rr
		}
		for a, rr := range rt.Buttons {
			if a != actHousehold { // the household's own view (TestHouseholdSeesAndCorrectsItsReferral)
				routes[string(a)] = rr
			}
		}
		for fl, rr := range rt.Flows {
			routes["text in "+fl] = rr
		}
		for name, route := range routes {
			r := chattest.Press(e.f.Env, m)
			if chat.Authorize(r, route) {
				t.Errorf("%s may use %s", m.DisplayName, name)
			}
		}
	}
	stale := e.f.Cat.For("da").T("ButtonExpired", nil)
	for name, r := range map[string]func() *chat.Request{
		"card":    func() *chat.Request { return e.press(e.hanne, e.f.onRefCard, itoa(id)) },
		"propose": func() *chat.Request { return e.press(e.hanne, e.f.onRefPropose, itoa(id), itoa(e.lars.ID)) },
		"change":  func() *chat.Request { return e.press(e.hanne, e.f.onRefEdit, itoa(id)) },
		"qr":      func() *chat.Request { return e.press(e.hanne, e.f.onRefQR, itoa(id)) },
	} {
		got := r()
		if a := alert(got); a != stale {
			t.Errorf("Herlev's %s: %q", name, a)
		}
		if text, _ := shown(got); text != "" {
			t.Errorf("Herlev's %s shows %q", name, text)
		}
	}
	if n := e.b.Queued(t, e.lars.ChatID); n != 0 {
		t.Errorf("%d queued to Lars", n)
	}
	var n int
	if err := e.b.DB.QueryRow(`SELECT count(*) FROM network_matches`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d proposals, %v", n, err)
	}
}
