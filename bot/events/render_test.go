package events

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestGoldenEventScreens renders the event messages per language into
// testdata/golden/events.<lang>.txt, for review and for translators
// (refresh with go test ./bot/events -run Golden -update).
func TestGoldenEventScreens(t *testing.T) {
	cat := chattest.Catalog(t)
	loc := cat.Location()
	capacity := 60
	until := time.Date(2027, 2, 2, 18, 30, 0, 0, loc)
	e := domain.Event{ID: 4, Key: "fastelavn-2027", Title: "Fastelavnsfest",
		Titles: domain.Texts{"ar": "فاستلافن (كرنفال الأطفال الدنماركي)", "ti": "ፋስተላቭን (ጽምብል ቆልዑ)", "en": "Carnival party"},
		Notes:  domain.Texts{"da": "Pris 20 kr. pr. familie", "en": "20 kr. per family"}, Place: "Ballerup Sprogskole",
		StartsAt: time.Date(2027, 2, 7, 13, 0, 0, 0, loc), EndsAt: time.Date(2027, 2, 7, 16, 0, 0, 0, loc),
		RSVPBy: time.Date(2027, 2, 3, 20, 0, 0, 0, loc), Capacity: &capacity, Version: 1}
	inv := domain.Invitation{ID: 9, Answer: "yes", Adults: 2, Children: 3, OfferUntil: &until}
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		m := domain.Member{ID: 7, ChatID: 7, Language: lang}
		var out []string
		add := func(name string, o outbox.Rendered) {
			out = append(out, "== "+name+" ==\n"+chattest.Screen(o.Text, o.Buttons))
		}
		household := domain.EventHouseholdValues{Event: e, Adults: inv.Adults, Children: inv.Children}
		add("invitation", invitationNotice(L, m, domain.EventValues{Event: e}))
		add("offer from the waiting list", offerNotice(L, m, domain.EventOfferValues{Event: e, Adults: inv.Adults, Children: inv.Children, Until: *inv.OfferUntil}))
		add("offer lapsed", offerLapsedNotice(L, m, domain.EventValues{Event: e}))
		add("still coming?", stillComingNotice(L, m, household))
		add("reminder the day before", reminderNotice(L, m, household))
		add("new time or place", changedNotice(L, m, domain.EventValues{Event: e}))
		cancelled := e
		cancelled.CancelledAt = &until
		add("cancelled", changedNotice(L, m, domain.EventValues{Event: cancelled}))
		out = append(out, "== answers ==\n"+strings.Join([]string{
			answerLine(L, inv, 0),
			answerLine(L, domain.Invitation{Answer: "waiting", Adults: 1, Children: 2}, 3),
			L.T("EventRecordedYes", locales.Data{"Adults": 2, "Children": 3, "When": L.DateTime(e.RSVPBy)}),
			L.T("EventRecordedWaiting", locales.Data{"Adults": 1, "Children": 2, "Place": 3}),
			L.T("EventDeadlinePassed", nil),
		}, "\n"))
		got := strings.Join(out, "\n\n") + "\n"
		path := filepath.Join("testdata", "golden", fmt.Sprintf("events.%s.txt", lang))
		chattest.Golden(t, path, got)
	}
}
