package network

import (
	"context"
	"errors"
	"strconv"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Check-ins: every few weeks both sides of a match get one question, "Have
// you met since …?", answered with one tap. Only the tap and its date are
// kept; 🆘 reaches the branch's coordinators at once.

// checkinIDs are the buttons of a check-in's answers, in domain.CheckinAnswers' order.
var checkinIDs = map[string]string{domain.CheckinMet: "BtnCheckinMet", domain.CheckinNotYet: "BtnCheckinNotYet", domain.CheckinHelp: "BtnCheckinHelp"}

// checkinQuestion asks one side whether they met since v.Since.
func checkinQuestion(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	id := strconv.FormatInt(v.Match, 10)
	var row []domain.Button
	for _, a := range domain.CheckinAnswers {
		row = append(row, chat.Btn(L.T(checkinIDs[a], nil), actCheckin, id, a))
	}
	return chat.Text(L.T("CheckinQuestion", locales.Data{"Date": L.Date(v.Since)}), chat.Keyboard{row[:2], row[2:], endButton(L, v.Match)})
}

// lapsedNotice tells the coordinator that a proposal had no answer in time.
func lapsedNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	id := "MatchLapsedVolunteer"
	if v.Side == domain.SideHousehold {
		id = "MatchLapsedHousehold"
	}
	return chat.Text(L.T(id, locales.Data{"Referral": v.Referral}), nil)
}

// closedNotice tells the network family a proposal closed without a match.
func closedNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	if v.Side == domain.SideVolunteer {
		return chat.Text(L.T("MatchClosedNoAnswer", nil), nil)
	}
	return chat.Text(L.T("MatchClosedHousehold", nil), nil)
}

// helpNotice tells the coordinators that a side of a match tapped 🆘.
func helpNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	id := "CheckinHelpVolunteer"
	if v.Side == domain.SideHousehold {
		id = "CheckinHelpHousehold"
	}
	return chat.Text(L.T(id, locales.Data{"Referral": v.Referral, "Name": v.Name}), chat.Keyboard{endButton(L, v.Match)})
}

// reminded is text under the reminder's line when v is a reminder.
func reminded(L *locales.Localizer, v domain.NetworkMatchValues, text string) string {
	if !v.Reminder {
		return text
	}
	return L.T("MatchReminder", nil) + "\n" + text
}

// onCheckin records a tap on a check-in: "1:xc:<match>:<answer>".
func (f *Feature) onCheckin(r *chat.Request) {
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	if _, known := checkinIDs[r.Args[1]]; err != nil || !known {
		r.Expired()
		return
	}
	_, err = f.Store.AnswerCheckin(r.Ctx, id, r.Member.ID, r.Args[1], f.Now())
	switch {
	case errors.Is(err, domain.ErrCheckinAnswered):
		r.Deny(r.L.T("CheckinAnswered", nil))
		r.DropButtons()
		return
	case r.Failed(err, "ButtonExpired"):
		return
	}
	f.Wake()
	r.Toast("")
	r.DropButtons()
	r.Say(r.L.T("CheckinThanks"+map[string]string{domain.CheckinMet: "Met", domain.CheckinNotYet: "NotYet", domain.CheckinHelp: "Help"}[r.Args[1]], nil))
}

// ClaimNotices is the scheduler's job for network families: reminders and
// lapses of proposals nobody answered, check-ins of active matches, and
// the details of matches ended more than keepMonths ago deleted.
func (f *Feature) ClaimNotices(ctx context.Context, now time.Time, keepMonths int) (domain.ClaimResult, error) {
	return f.Store.ClaimNetworkNotices(ctx, now, keepMonths)
}
