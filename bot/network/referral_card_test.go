package network

import (
	"testing"
	"time"

	"vejviser/storage/domain"
)

// TestReferralCardSuggestsWithReasonsAndProposes: the card of a Tigrinya
// family with children that waited 34 days suggests Lars with each reason
// in the reader's language, leaves out Sara (no child certificate) and a
// Herlev family is not read at all; 🤝 queues the proposal card for Lars
// (network.proposal) and the card then shows the proposal; a second 🤝 is
// refused.
func TestReferralCardSuggestsWithReasonsAndProposes(t *testing.T) {
	e := newRefEnv(t)
	hv := e.b.Join(t, 7, "Henrik", e.herlev, domain.RoleVolunteer)
	e.offer(t, hv.ID, e.herlev, `'family', '["ti"]', 2750, '[]', '[]'`)
	id := e.referral(t, 1, e.now.Add(-34*24*time.Hour))
	r := e.press(e.mette, e.f.onRefCard, itoa(id))
	card, k := shown(r)
	mustContain(t, "card", card,
		"📄 Henvisning nr. 1, venter siden tirsdag den 8. december 2026",
		"1. Lars: taler tigrinya · samme by (2750) · har tid weekender · en familie med børn · hjælper gerne med børnenes skole og fritid · venter 34 dage",
		"Ikke foreslået:\nSara: ingen gyldig børneattest",
		"fornavn ja, telefon nej, adresse nej", "?start=r")
	for _, bad := range []string{"Selam", "Henrik"} {
		if contains(card, bad) {
			t.Errorf("the card shows %q:\n%s", bad, card)
		}
	}
	if !hasData(k, actRefPropose, itoa(id), itoa(e.lars.ID)) || hasData(k, actRefPropose, itoa(id), itoa(e.sara.ID)) {
		t.Fatalf("🤝 buttons %v", k)
	}
	ar := e.press(e.rania, e.f.onRefCard, itoa(id))
	arCard, _ := shown(ar)
	mustContain(t, "Arabic card", arCard, "تتحدث \u2068التغرينية\u2069", "تنتظر منذ 34 يومًا", "لا شهادة حماية أطفال سارية")

	r = e.press(e.mette, e.f.onRefPropose, itoa(id), itoa(e.lars.ID))
	card, k = shown(r)
	mustContain(t, "card after 🤝", card, "🤝 Foreslået.", "🤝 Lars: foreslået, venter på svar")
	if hasData(k, actRefPropose, itoa(id), itoa(e.lars.ID)) {
		t.Error("🤝 still offered after proposing")
	}
	var kind string
	if err := e.b.DB.QueryRow(`SELECT notice FROM outbox WHERE member_id = ?`, e.lars.ID).Scan(&kind); err != nil || kind != domain.NoticeNetworkProposal {
		t.Fatalf("Lars's card: %q, %v", kind, err)
	}
	if a := alert(e.press(e.mette, e.f.onRefPropose, itoa(id), itoa(e.lars.ID))); a != e.f.Cat.For("da").T("RefAlreadyProposed", nil) {
		t.Errorf("the same pair again: %q", a)
	}
}
