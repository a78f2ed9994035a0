package main

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/tgfake"
	"vejviser/storage/domain"
)

// TestNetworkFamilyFlow walks a network family through the chat: a
// referral, the proposal, both yes, the introductions (the household's
// name and phone, which it consented to, reach the network family; its
// address, which it did not, does not), a check-in a fortnight later (✅
// from the network family, 🆘 from the household, which reaches the
// coordinator at once, and words typed after it through "Ask us"), and the
// household ending the match: both thanked,
// the coordinator told. In Danish, Arabic, and with the household reading
// Tigrinya; a forged button on the proposal by another volunteer changes
// nothing.
func TestNetworkFamilyFlow(t *testing.T) {
	for _, c := range []struct{ volunteer, household string }{{"da", "da"}, {"ar", "ar"}, {"da", "ti"}} {
		t.Run(c.volunteer+"-"+c.household, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 2, 1, 9, 0, 0, 0, cph)}
			coordID := int64(9001)
			f := startFlow(t, withCoordinators(coordID), withClock(clock))
			ctx := context.Background()
			coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
			lars := tgfake.User{ID: 9401, FirstName: "Lars", LanguageCode: c.volunteer}
			semhar := tgfake.User{ID: 9402, FirstName: "Semhar", LanguageCode: c.household}
			sara := tgfake.User{ID: 9403, FirstName: "Sara", LanguageCode: "da"}
			f.join(coord, "da")
			for _, u := range []tgfake.User{lars, semhar, sara} {
				f.join(u, u.LanguageCode)
			}
			for _, u := range []tgfake.User{lars, sara} {
				if _, err := f.store.SetRole(ctx, 1, u.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
					t.Fatal(err)
				}
			}
			f.secret("+45 11 22 33 44")
			db, err := sql.Open("sqlite3", "file:"+f.db+"?_busy_timeout=5000")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range []string{
				`INSERT INTO referrals (id, branch_id, adults, child_ages, languages, postcode, town, help, free, consent_name, contact_name,
					consent_phone, contact_phone, consent_date, consent_how, member_id, waiting_since, created_at, updated_at)
					VALUES (1, 1, 2, '[4]', '["ti","ar"]', 2750, 'Ballerup', '["danish"]', '["weekend"]', 1, 'Semhar',
					1, '+45 11 22 33 44', ?1, 'form', 9402, ?1, ?1, ?1)`,
				`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, hellos, contact, created_at, updated_at)
					VALUES (9401, 1, 'couple', '["da","ar","en"]', 2750, 1, 'Hej! Vi glæder os.', '{"ar":"مرحبًا! نتطلع إلى لقائكم.","ti":"ሰላም! ክንራኸብ ሃንቀውታ ኣለና።"}', 'lars@example.org', ?1, ?1)`,
			} {
				if _, err := db.Exec(q, clock.now().UTC()); err != nil {
					t.Fatal(err)
				}
			}
			V, H, D := f.cat.For(c.volunteer), f.cat.For(c.household), f.cat.For("da")
			match, err := f.store.ProposeMatch(ctx, 1, 1, lars.ID, coordID, clock.now())
			if err != nil {
				t.Fatal(err)
			}
			f.settle()

			// The network family's card has no names; Sara's forged ✅ changes nothing.
			card := f.waitAny(lars, V.T("MatchProposalHead", nil))
			if strings.Contains(card.Text, "Semhar") || strings.Contains(card.Text, "+45") {
				t.Fatalf("the card names the household:\n%s", card.Text)
			}
			last, _ := f.fake.LastMessage(sara.ID)
			text, alert := f.forge(sara, last.ID, chat.Payload("xv", strconv.FormatInt(match, 10), "1"))
			expectAnswer(t, "Sara's forged yes", text, alert, D.T("ButtonExpired", nil), true)
			f.tap(lars, V.T("BtnMatchVolunteerYes", nil))
			f.waitAny(lars, V.T("MatchVolunteerYesDone", nil))
			f.settle()

			// The household hears of Lars in its own language, hello included.
			ask := f.waitAny(semhar, H.T("MatchAskHead", nil))
			if hello := map[string]string{"da": "Hej! Vi glæder os.", "ar": "مرحبًا! نتطلع إلى لقائكم.", "ti": "ሰላም! ክንራኸብ ሃንቀውታ ኣለና።"}[c.household]; !strings.Contains(ask.Text, hello) {
				t.Errorf("the household's card lacks the hello %q:\n%s", hello, ask.Text)
			}
			f.tap(semhar, H.T("BtnMatchHouseholdYes", nil))
			f.settle()
			intro := f.waitAny(lars, V.T("MatchIntroVolunteer", nil))
			if !strings.Contains(intro.Text, "Semhar") || !strings.Contains(intro.Text, "+45 11 22 33 44") || !strings.Contains(intro.Text, "Mette") {
				t.Errorf("the introduction to Lars:\n%s", intro.Text)
			}
			if intro := f.waitAny(semhar, H.T("MatchIntroHousehold", nil)); !strings.Contains(intro.Text, "lars@example.org") {
				t.Errorf("the introduction to Semhar:\n%s", intro.Text)
			}
			f.waitAny(coord, "Lars")
			if n := f.count(`SELECT count(*) FROM network_matches WHERE state = 'active'`); n != 1 {
				t.Fatalf("%d active matches", n)
			}

			// A fortnight later: both are asked; ✅ and 🆘.
			clock.set(clock.now().AddDate(0, 0, 14))
			f.settle()
			f.waitAny(lars, V.T("CheckinQuestion", map[string]any{"Date": V.Date(clock.now().AddDate(0, 0, -14))}))
			f.waitAny(semhar, H.T("CheckinQuestion", map[string]any{"Date": H.Date(clock.now().AddDate(0, 0, -14))}))
			f.tap(lars, V.T("BtnCheckinMet", nil))
			f.waitAny(lars, V.T("CheckinThanksMet", nil))
			f.tap(semhar, H.T("BtnCheckinHelp", nil))
			f.waitAny(semhar, H.T("CheckinThanksHelp", nil))
			f.settle()
			f.waitAny(coord, "🆘")
			// Words typed after a check-in reach the coordinator as "Ask us" does.
			f.secret("Brevet fra kommunen er svært")
			f.fake.SendText(semhar, "Brevet fra kommunen er svært")
			f.waitAny(coord, "Brevet fra kommunen er svært")

			// The household ends it: both thanked, the coordinator told.
			f.tap(semhar, H.T("BtnMatchEnd", nil))
			f.waitAny(semhar, H.T("MatchEndWhy", nil))
			f.tap(semhar, H.T("BtnEndGoal", nil))
			f.waitAny(semhar, H.T("MatchEndedByHousehold", nil))
			f.settle()
			f.waitAny(lars, V.T("MatchEndedVolunteer", nil))
			f.waitAny(coord, D.T("BtnEndGoal", nil))
			if n := f.count(`SELECT count(*) FROM network_matches WHERE state = 'ended' AND end_reason = 'goal' AND ended_by = 'household'`); n != 1 {
				t.Fatalf("%d ended matches", n)
			}
			if n := f.count(`SELECT count(*) FROM network_checkins WHERE answered_at IS NOT NULL`); n != 2 {
				t.Fatalf("%d check-ins answered", n)
			}
		})
	}
}
