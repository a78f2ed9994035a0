package network

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

// TestGoldenProposalScreens renders every message of the double opt-in per
// language (proposal.*.txt): the cards, the answers and the introductions.
func TestGoldenProposalScreens(t *testing.T) {
	cat := chattest.Catalog(t)
	started := time.Date(2027, 2, 3, 10, 0, 0, 0, chattest.Loc(t))
	household := &domain.HouseholdCard{Adults: 2, ChildAges: []int{4, 9}, Languages: []string{"ti", "en", "other"}, Postcode: 2750, Town: "Ballerup",
		Help: domain.HelpKinds, Free: []string{"weekday_evening", "weekend"}, Wish: domain.WishFamily, WishText: "Gerne nogen, der kan lide at cykle"}
	volunteer := &domain.VolunteerCard{FirstName: "Lars", Kind: "family", Languages: []string{"da", "en", "ar"}, Postcode: 2750,
		Hello: domain.Texts{"da": "Hej! Vi er en familie med to børn og en hund.", "en": "Hi! We are a family with two children and a dog."}}
	intro := &domain.Introduction{Coordinator: "Mette", VolunteerName: "Lars", VolunteerContact: "+45 55 66 77 88",
		HouseholdName: "Semhar", HouseholdPhone: "+45 11 22 33 44", HouseholdAddress: "Banegårdspladsen 1, 2750 Ballerup", Postcode: 2750, Town: "Ballerup", Started: started}
	bare := &domain.Introduction{Coordinator: "Mette", VolunteerName: "Lars", Postcode: 2750, Town: "Ballerup", Started: started}
	screens := []struct {
		name   string
		render func(*locales.Localizer, domain.Member, domain.NetworkMatchValues) outbox.Rendered
		v      domain.NetworkMatchValues
	}{
		{"the network family's card", proposalCard, domain.NetworkMatchValues{Match: 7, Household: household}},
		{"a card of one adult", proposalCard, domain.NetworkMatchValues{Match: 7, Household: &domain.HouseholdCard{Adults: 1, Languages: []string{"ar"}, Postcode: 2730}}},
		{"the household's card", householdAsk, domain.NetworkMatchValues{Match: 7, Volunteer: volunteer}},
		{"the coordinator records the answer", recordCard, domain.NetworkMatchValues{Match: 7, Referral: 12, Volunteer: volunteer}},
		{"the network family said no", declinedNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideVolunteer, Reason: "Vi flytter i marts"}},
		{"the household said no", declinedNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideHousehold}},
		{"introduction to the network family", introduction, domain.NetworkMatchValues{Match: 7, Side: domain.SideVolunteer, Intro: intro}},
		{"introduction to the network family, nothing shared", introduction, domain.NetworkMatchValues{Match: 7, Side: domain.SideVolunteer, Intro: bare}},
		{"introduction to the household", introduction, domain.NetworkMatchValues{Match: 7, Side: domain.SideHousehold, Intro: intro}},
		{"the coordinator: the match is active", startedNotice, domain.NetworkMatchValues{Match: 7, Referral: 12, Intro: intro}},
	}
	replies := []string{"MatchDeclineWhy", "MatchVolunteerYesDone", "MatchVolunteerNoDone", "MatchHouseholdYesDone", "MatchHouseholdNoDone",
		"MatchRecordYesDone", "MatchRecordNoDone", "MatchProposalClosed"}
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		var out []string
		for _, s := range screens {
			got := s.render(L, domain.Member{Language: lang}, s.v)
			out = append(out, "== "+s.name+" ==\n"+chattest.Screen(got.Text, got.Buttons))
		}
		for _, id := range replies {
			out = append(out, "== "+id+" ==\n"+L.T(id, nil))
		}
		out = append(out, "== "+"BtnMatchNoReason"+" ==\n["+L.T("BtnMatchNoReason", nil)+"]")
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("proposal.%s.txt", lang)), strings.Join(out, "\n\n")+"\n")
	}
}
