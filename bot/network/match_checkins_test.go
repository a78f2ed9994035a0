package network

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestProposalLapsesAfterAWeek: with a clock moved on, one reminder after
// three days, the lapse after seven; the card's buttons are then closed.
func TestProposalLapsesAfterAWeek(t *testing.T) {
	e := newProposalEnv(t)
	ctx := context.Background()
	start := e.f.Now()
	for _, days := range []int{1, 3, 3, 5} {
		if _, err := e.f.ClaimNotices(ctx, start.AddDate(0, 0, days), 0); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.queued(t, e.lars); fmt.Sprint(got) != "[network.proposal network.proposal]" {
		t.Fatalf("Lars's card and one reminder: %v", got)
	}
	res, err := e.f.ClaimNotices(ctx, start.AddDate(0, 0, 7), 0)
	if err != nil || res.Queued < 1 {
		t.Fatal(res, err)
	}
	if got := e.state(t, e.match); got != "lapsed//" {
		t.Fatalf("after a week: %s", got)
	}
	if got := e.queued(t, e.mette); fmt.Sprint(got) != "[network.lapsed]" {
		t.Fatalf("Mette is told: %v", got)
	}
	r := e.press(e.lars, actVolunteerAnswer, strconv.FormatInt(e.match, 10), "1")
	chattest.Check(t, "Lars too late", r, nil, e.f.Cat.For("da").T("MatchProposalClosed", nil), "")
}

// TestCheckinTaps: both said yes; a fortnight later both are asked; each
// taps once; 🆘 reaches Mette; someone else's tap changes nothing.
func TestCheckinTaps(t *testing.T) {
	e := newProposalEnv(t)
	ctx := context.Background()
	id := strconv.FormatInt(e.match, 10)
	e.press(e.lars, actVolunteerAnswer, id, "1")
	e.press(e.semhar, actHouseholdAnswer, id, "1")
	if _, err := e.f.ClaimNotices(ctx, e.f.Now().AddDate(0, 0, 14), 0); err != nil {
		t.Fatal(err)
	}
	for _, m := range []domain.Member{e.lars, e.semhar} {
		if got := e.queued(t, m); got[len(got)-1] != domain.NoticeNetworkCheckin {
			t.Fatalf("%s asked: %v", m.DisplayName, got)
		}
	}
	L, Lti := e.f.Cat.For("da"), e.f.Cat.For("ti")
	chattest.Check(t, "Sara's forged tap", e.press(e.sara, actCheckin, id, domain.CheckinHelp), nil, L.T("ButtonExpired", nil), "")
	chattest.Check(t, "Lars met", e.press(e.lars, actCheckin, id, domain.CheckinMet), []string{L.T("CheckinThanksMet", nil)}, "", "")
	chattest.Check(t, "Lars again", e.press(e.lars, actCheckin, id, domain.CheckinHelp), nil, L.T("CheckinAnswered", nil), "")
	before := len(e.queued(t, e.mette))
	chattest.Check(t, "Semhar needs help", e.press(e.semhar, actCheckin, id, domain.CheckinHelp), []string{Lti.T("CheckinThanksHelp", nil)}, "", "")
	if got := e.queued(t, e.mette); len(got) != before+1 || got[len(got)-1] != domain.NoticeNetworkHelp {
		t.Fatalf("Mette hears of 🆘: %v", got)
	}
	var answers string
	if err := e.b.DB.QueryRow(`SELECT group_concat(side || ':' || answer, ' ') FROM (SELECT side, answer FROM network_checkins WHERE match_id = ? ORDER BY side)`, e.match).Scan(&answers); err != nil || answers != "household:help volunteer:met" {
		t.Fatalf("the taps: %q %v", answers, err)
	}
}

// TestGoldenCheckinScreens renders the follow-up's messages per language
// (checkin.*.txt): reminders, lapses, the check-in and 🆘.
func TestGoldenCheckinScreens(t *testing.T) {
	cat := chattest.Catalog(t)
	since := time.Date(2027, 2, 3, 10, 0, 0, 0, chattest.Loc(t))
	household := &domain.HouseholdCard{Adults: 1, ChildAges: []int{6}, Languages: []string{"ar"}, Postcode: 2730, Town: "Herlev"}
	volunteer := &domain.VolunteerCard{FirstName: "Lars", Kind: "couple", Languages: []string{"da"}, Postcode: 2750, Hello: domain.Texts{"da": "Hej!"}}
	screens := []struct {
		name   string
		render func(*locales.Localizer, domain.Member, domain.NetworkMatchValues) outbox.Rendered
		v      domain.NetworkMatchValues
	}{
		{"the network family's card again", proposalCard, domain.NetworkMatchValues{Match: 7, Household: household, Reminder: true}},
		{"the household's card again", householdAsk, domain.NetworkMatchValues{Match: 7, Volunteer: volunteer, Reminder: true}},
		{"the coordinator's card again", recordCard, domain.NetworkMatchValues{Match: 7, Referral: 12, Volunteer: volunteer, Reminder: true}},
		{"lapsed: the network family did not answer", lapsedNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideVolunteer}},
		{"lapsed: the household did not answer", lapsedNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideHousehold}},
		{"the check-in", checkinQuestion, domain.NetworkMatchValues{Match: 7, Side: domain.SideHousehold, Since: since}},
		{"closed: the household said no or did not answer", closedNotice, domain.NetworkMatchValues{Match: 7, Side: domain.SideHousehold}},
		{"closed: the network family did not answer", closedNotice, domain.NetworkMatchValues{Match: 7, Side: domain.SideVolunteer}},
		{"🆘 from the network family", helpNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideVolunteer, Name: "Lars"}},
		{"🆘 from the household", helpNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideHousehold, Name: "Lars"}},
	}
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		var out []string
		for _, s := range screens {
			got := s.render(L, domain.Member{Language: lang}, s.v)
			out = append(out, "== "+s.name+" ==\n"+chattest.Screen(got.Text, got.Buttons))
		}
		for _, id := range []string{"CheckinThanksMet", "CheckinThanksNotYet", "CheckinThanksHelp", "CheckinAnswered"} {
			out = append(out, "== "+id+" ==\n"+L.T(id, nil))
		}
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("checkin.%s.txt", lang)), strings.Join(out, "\n\n")+"\n")
	}
}
