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

// The message ids of the fixed lists, by their codes in domain.
var (
	languageIDs = map[string]string{"da": "LanguageDanish", "ar": "LanguageArabic", "ti": "LanguageTigrinya", "en": "LanguageEnglish",
		"so": "MatchLangSomali", "fa": "MatchLangFarsi", "ku": "MatchLangKurdish", "uk": "MatchLangUkrainian", "ru": "MatchLangRussian", "other": "MatchLangOther"}
	helpIDs = map[string]string{"danish": "MatchHelpDanish", "letters": "MatchHelpLetters", "job": "MatchHelpJob", "school": "MatchHelpSchool",
		"town": "MatchHelpTown", "bike": "MatchHelpBike", "friend": "MatchHelpFriend"}
	freeIDs = map[string]string{"weekday_day": "MatchFreeWeekdayDay", "weekday_evening": "MatchFreeWeekdayEvening", "weekend": "MatchFreeWeekend"}
	kindIDs = map[string]string{"woman": "MatchKindWoman", "man": "MatchKindMan", "couple": "MatchKindCouple", "family": "MatchKindFamily"}
	wishIDs = map[string]string{domain.WishWoman: "MatchWishWoman", domain.WishFamily: "MatchWishFamily"}
)

// matchNames are codes named by ids in L's language, an unknown code as itself.
func matchNames(L *locales.Localizer, ids map[string]string, codes []string) locales.Isolated {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if id, ok := ids[c]; ok {
			out = append(out, L.T(id, nil))
		} else {
			out = append(out, c)
		}
	}
	return L.List(out)
}

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
	lines := []string{"👨‍👩‍👧 " + size, "🗣 " + string(matchNames(L, languageIDs, h.Languages)), "📍 " + place(L, h.Postcode, h.Town)}
	if len(h.Help) > 0 {
		lines = append(lines, L.T("MatchHelpLine", locales.Data{"Help": matchNames(L, helpIDs, h.Help)}))
	}
	if len(h.Free) > 0 {
		lines = append(lines, L.T("MatchFreeLine", locales.Data{"Free": matchNames(L, freeIDs, h.Free)}))
	}
	var wish []string
	if id, ok := wishIDs[h.Wish]; ok {
		wish = append(wish, L.T(id, nil))
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
		"🗣 " + string(matchNames(L, languageIDs, v.Languages)), "📍 " + place(L, v.Postcode, "")}
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
