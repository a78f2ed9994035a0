package network

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The messages of the double opt-in, rendered from what storage copied into
// the notice when it was decided: the network family's card of the
// household (no names, no contacts), the household's card of the network
// family, the coordinator's card to record a household's answer from a
// phone call, a no, and the introductions once both said yes.

// kindIDs are the message ids of who a network family is, inside a
// sentence; the other lists are named as on a referral (langName, helpName,
// freeName, wishName).
var kindIDs = map[string]string{"woman": "MatchKindWoman", "man": "MatchKindMan", "couple": "MatchKindCouple", "family": "MatchKindFamily"}

// place is a postcode and, when known, its town.
func place(L *locales.Localizer, postcode int, town string) string {
	p := strconv.Itoa(postcode)
	if town != "" {
		p += " " + town
	}
	return L.Isolate(p)
}

// householdLines describe a household without saying who they are.
func householdLines(L *locales.Localizer, h domain.HouseholdCard) []string {
	size := L.N("MatchAdults", h.Adults, nil)
	if len(h.ChildAges) > 0 {
		ages := make([]string, len(h.ChildAges))
		for i, a := range h.ChildAges {
			ages[i] = strconv.Itoa(a)
		}
		size += " · " + L.N("MatchChildren", len(h.ChildAges), locales.Data{"Ages": L.List(ages)})
	}
	lines := []string{"👨‍👩‍👧 " + size, "🗣 " + string(names(L, h.Languages, langName)), "📍 " + place(L, h.Postcode, h.Town)}
	if len(h.Help) > 0 {
		lines = append(lines, L.T("MatchHelpLine", locales.Data{"Help": names(L, h.Help, helpName)}))
	}
	if len(h.Free) > 0 {
		lines = append(lines, L.T("MatchFreeLine", locales.Data{"Free": names(L, h.Free, freeName)}))
	}
	var wish []string
	if h.Wish != "" {
		wish = append(wish, wishName(L, h.Wish))
	}
	if h.WishText != "" {
		wish = append(wish, "«"+L.Isolate(h.WishText)+"»")
	}
	if len(wish) > 0 {
		lines = append(lines, L.T("MatchWishLine", locales.Data{"Wish": locales.Isolated(strings.Join(wish, " · "))}))
	}
	return lines
}

// volunteerLines describe a network family as the household meets it.
func volunteerLines(L *locales.Localizer, v domain.VolunteerCard) []string {
	lines := []string{"👤 " + L.T("MatchVolunteerWho", locales.Data{"Name": v.FirstName, "Kind": L.T(kindIDs[v.Kind], nil)}),
		"🗣 " + string(names(L, v.Languages, langName)), "📍 " + place(L, v.Postcode, "")}
	if hello := L.Written(v.Hello); hello != "" {
		lines = append(lines, "💬 "+string(hello))
	}
	return lines
}

// answerRow are the ✅ and ❌ of a proposal for act.
func answerRow(L *locales.Localizer, act chat.Action, match int64, yes, no string) []domain.Button {
	id := strconv.FormatInt(match, 10)
	return chat.Row(chat.Btn(L.T(yes, nil), act, id, "1"), chat.Btn(L.T(no, nil), act, id, "0"))
}

// proposalCard is the network family's card of a household.
func proposalCard(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	lines := []string{reminded(L, v, L.T("MatchProposalHead", nil)), ""}
	if v.Household != nil {
		lines = append(lines, householdLines(L, *v.Household)...)
	}
	lines = append(lines, "", L.T("MatchProposalAsk", nil))
	return chat.Text(strings.Join(lines, "\n"), chat.Keyboard{answerRow(L, actVolunteerAnswer, v.Match, "BtnMatchVolunteerYes", "BtnMatchVolunteerNo")})
}

// householdAsk is the household's card of the network family that said yes.
func householdAsk(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	lines := []string{reminded(L, v, L.T("MatchAskHead", nil)), ""}
	if v.Volunteer != nil {
		lines = append(lines, volunteerLines(L, *v.Volunteer)...)
	}
	lines = append(lines, "", L.T("MatchAskQuestion", nil))
	return chat.Text(strings.Join(lines, "\n"), chat.Keyboard{answerRow(L, actHouseholdAnswer, v.Match, "BtnMatchHouseholdYes", "BtnMatchHouseholdNo")})
}

// recordCard asks a coordinator to call the household and record its answer.
func recordCard(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	var who []string
	if v.Volunteer != nil {
		who = volunteerLines(L, *v.Volunteer)
	}
	lines := append([]string{reminded(L, v, L.T("MatchRecordHead", locales.Data{"Referral": v.Referral})), ""}, who...)
	lines = append(lines, "", L.T("MatchRecordAsk", nil))
	return chat.Text(strings.Join(lines, "\n"), chat.Keyboard{answerRow(L, actRecordAnswer, v.Match, "BtnMatchRecordYes", "BtnMatchRecordNo")})
}

// declinedNotice tells the coordinator which side said no, and why if given.
func declinedNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	id := "MatchDeclinedVolunteer"
	if v.Side == domain.SideHousehold {
		id = "MatchDeclinedHousehold"
	}
	text := L.T(id, locales.Data{"Referral": v.Referral})
	if v.Reason != "" {
		text += "\n" + L.T("MatchDeclinedReason", locales.Data{"Reason": v.Reason})
	}
	return chat.Text(text, nil)
}
