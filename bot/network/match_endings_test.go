package network

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestEndingThanksBoth: Lars ends the match (moved away); Semhar is thanked
// in Tigrinya and asks for a new network family; Mette is told both.
func TestEndingThanksBoth(t *testing.T) {
	e := newProposalEnv(t)
	id := strconv.FormatInt(e.match, 10)
	e.press(e.lars, actVolunteerAnswer, id, "1")
	e.press(e.semhar, actHouseholdAnswer, id, "1")
	L, Lti := e.f.Cat.For("da"), e.f.Cat.For("ti")
	r := e.press(e.lars, actEnd, id)
	if got := r.Reply.Texts(); len(got) != 1 || got[0] != L.T("MatchEndWhy", nil) {
		t.Fatalf("asked why: %q", got)
	}
	chattest.Check(t, "Semhar's forged reason", e.press(e.sara, actEndWhy, id, "goal"), nil, L.T("ButtonExpired", nil), "")
	chattest.Check(t, "Lars: moved away", e.press(e.lars, actEndWhy, id, "moved"), []string{L.T("MatchEndedByVolunteer", nil)}, "", "")
	chattest.Check(t, "Semhar ends it too", e.press(e.semhar, actEndWhy, id, "goal"), nil, Lti.T("MatchEndedAlready", nil), "")
	if got := e.queued(t, e.semhar); got[len(got)-1] != domain.NoticeNetworkEnded {
		t.Fatalf("Semhar is thanked: %v", got)
	}
	chattest.Check(t, "Lars asks for the household", e.press(e.lars, actAgain, id), nil, L.T("ButtonExpired", nil), "")
	chattest.Check(t, "Semhar asks again", e.press(e.semhar, actAgain, id), []string{Lti.T("MatchAgainDone", nil)}, "", "")
	if got := e.queued(t, e.mette); fmt.Sprint(got[len(got)-2:]) != "[network.ended network.again]" {
		t.Fatalf("Mette is told: %v", got)
	}
	if got := e.state(t, e.match); got != "ended/yes/yes" {
		t.Fatal(got)
	}
}

// TestGoldenEndingScreens renders the ending's messages per language
// (ending.*.txt).
func TestGoldenEndingScreens(t *testing.T) {
	cat := chattest.Catalog(t)
	screens := []struct {
		name string
		v    domain.NetworkMatchValues
	}{
		{"to the network family", domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideVolunteer, By: domain.SideHousehold, Reason: "goal", Name: "Lars"}},
		{"to the household", domain.NetworkMatchValues{Match: 7, Referral: 12, Side: domain.SideHousehold, By: domain.SideVolunteer, Reason: "moved", Name: "Lars"}},
		{"to the coordinator", domain.NetworkMatchValues{Match: 7, Referral: 12, By: domain.SideVolunteer, Reason: "not_working", Name: "Lars"}},
		{"to the coordinator: consent withdrawn", domain.NetworkMatchValues{Match: 7, Referral: 12, By: domain.SideHousehold, Reason: domain.EndConsent, Name: "Lars"}},
	}
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		var out []string
		add := func(name string, got outbox.Rendered) {
			out = append(out, "== "+name+" ==\n"+chattest.Screen(got.Text, got.Buttons))
		}
		for _, s := range screens {
			add(s.name, endedNotice(L, domain.Member{Language: lang}, s.v))
		}
		add("a new network family, to the coordinator", againNotice(L, domain.Member{}, domain.NetworkMatchValues{Referral: 12}))
		e := newProposalEnv(t)
		for _, m := range []*domain.Member{&e.lars, &e.semhar, &e.mette} {
			m.Language = lang
		}
		id := strconv.FormatInt(e.match, 10)
		e.press(e.lars, actVolunteerAnswer, id, "1")
		e.press(e.semhar, actHouseholdAnswer, id, "1")
		for _, step := range []struct {
			name string
			r    func() []string
		}{
			{"why does it end", func() []string { return screensOf(e.press(e.lars, actEnd, id)) }},
			{"ended by the household", func() []string { return screensOf(e.press(e.semhar, actEndWhy, id, "goal")) }},
		} {
			out = append(out, "== "+step.name+" ==\n"+strings.Join(step.r(), "\n"))
		}
		for _, msg := range []string{"MatchEndedByVolunteer", "MatchEndedByCoordinator", "MatchAgainDone", "MatchEndedAlready"} {
			out = append(out, "== "+msg+" ==\n"+L.T(msg, nil))
		}
		chattest.Golden(t, filepath.Join("testdata", "golden", fmt.Sprintf("ending.%s.txt", lang)), strings.Join(out, "\n\n")+"\n")
	}
}

// screensOf are the messages a reply sends or edits, with their buttons.
func screensOf(r *chat.Request) []string {
	var out []string
	for _, e := range r.Reply.Effects {
		if e.Text != "" && (e.Kind == chat.Send || e.Kind == chat.Edit) {
			out = append(out, chattest.Screen(e.Text, e.Keyboard))
		}
	}
	return out
}
