package network

import (
	"strings"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// introduction introduces one side to the other once both said yes, with
// exactly the details the other consented to, a suggestion for a first
// meeting and the coordinator's first name under it.
func introduction(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	if v.Intro == nil {
		return chat.Text(L.T("MatchIntroHousehold", nil), nil)
	}
	in := *v.Intro
	var lines []string
	if v.Side == domain.SideHousehold {
		lines = append(lines, L.T("MatchIntroHousehold", nil), "", "👤 "+L.Isolate(in.VolunteerName))
		if in.VolunteerContact != "" {
			lines = append(lines, "✉️ "+L.Isolate(in.VolunteerContact))
		}
		lines = append(lines, "", L.T("MatchIntroFirstMeetingHousehold", locales.Data{"Name": in.VolunteerName}))
	} else {
		lines = append(lines, L.T("MatchIntroVolunteer", nil), "")
		lines = append(lines, householdContact(L, in)...)
		lines = append(lines, "", L.T("MatchIntroFirstMeetingVolunteer", nil))
	}
	lines = append(lines, "", L.T("MatchIntroSigned", locales.Data{"Coordinator": in.Coordinator}))
	return chat.Text(strings.Join(lines, "\n"), chat.Keyboard{endButton(L, v.Match)})
}

// householdContact are the household's details it consented to share, or
// a line saying the coordinator puts them in touch.
func householdContact(L *locales.Localizer, in domain.Introduction) []string {
	var lines []string
	if in.HouseholdName != "" {
		lines = append(lines, "👤 "+L.Isolate(in.HouseholdName))
	}
	if in.HouseholdPhone != "" {
		lines = append(lines, "📞 "+L.Isolate(in.HouseholdPhone))
	}
	if in.HouseholdAddress != "" {
		lines = append(lines, "🏠 "+L.Isolate(in.HouseholdAddress))
	} else {
		lines = append(lines, "📍 "+place(L, in.Postcode, in.Town))
	}
	if in.HouseholdName == "" && in.HouseholdPhone == "" {
		lines = append(lines, L.T("MatchIntroNoContact", locales.Data{"Coordinator": in.Coordinator}))
	}
	return lines
}

// startedNotice tells the coordinator the match is active and, when the
// household is not in the chat, what to pass on to it.
func startedNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	if v.Intro == nil {
		return chat.Text(L.T("MatchStarted", locales.Data{"Referral": v.Referral, "Name": "", "Date": ""}), nil)
	}
	in := *v.Intro
	lines := []string{L.T("MatchStarted", locales.Data{"Referral": v.Referral, "Name": in.VolunteerName, "Date": L.Date(in.Started)})}
	if in.VolunteerContact != "" {
		lines = append(lines, L.T("MatchStartedContact", locales.Data{"Name": in.VolunteerName, "Contact": in.VolunteerContact}))
	}
	return chat.Text(strings.Join(lines, "\n"), chat.Keyboard{endButton(L, v.Match)})
}
