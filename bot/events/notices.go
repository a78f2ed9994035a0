package events

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Notices registers the renderers of the notices events cause (declared in
// storage/domain), each rendered in the language its member has when it
// leaves.
func (f *Feature) Notices(n *chat.Notices) {
	chat.Render(n, domain.NoticeEventInvitation, invitationNotice)
	chat.Render(n, domain.NoticeEventOffer, offerNotice)
	chat.Render(n, domain.NoticeEventOfferLapsed, offerLapsedNotice)
	chat.Render(n, domain.NoticeEventChanged, changedNotice)
	chat.Render(n, domain.NoticeEventStillComing, stillComingNotice)
	chat.Render(n, domain.NoticeEventReminder, reminderNotice)
	chat.Render(n, domain.NoticeEventNudge, nudgeNotice)
}

// householdHeads is the data of a household's size for the messages.
func householdHeads(adults, children int) locales.Data {
	return heads(domain.Invitation{Adults: adults, Children: children})
}

// branchLine says which branch a notice comes from, for a member of
// several branches (the values carry the names then): "🏠 Røde Kors Herlev".
func branchLine(L *locales.Localizer, names domain.Texts) []string {
	if len(names) == 0 {
		return nil
	}
	return []string{"🏠 " + L.Isolate(names.In(L.Lang()))}
}

// withBranchLine puts the branch under the event's title, the first of lines.
func withBranchLine(L *locales.Localizer, names domain.Texts, lines []string) []string {
	if b := branchLine(L, names); b != nil && len(lines) > 0 {
		return append(append([]string{lines[0]}, b...), lines[1:]...)
	}
	return lines
}

// invitationNotice is the invitation with ✅ ❌ ❓ 📅 📍.
func invitationNotice(L *locales.Localizer, _ domain.Member, v domain.EventValues) outbox.Rendered {
	return chat.Text(invitationText(L, v.Event, v.Branch, ""), answerButtons(L, v.Event))
}

// offerNotice tells a waiting household that seats are theirs if they confirm in time.
func offerNotice(L *locales.Localizer, _ domain.Member, v domain.EventOfferValues) outbox.Rendered {
	e := v.Event
	d := householdHeads(v.Adults, v.Children)
	d["Title"] = L.Written(e.TitleTexts())
	d["When"] = L.DateTime(v.Until)
	id := strconv.FormatInt(e.ID, 10)
	text := strings.Join(append([]string{L.T("EventOfferNotice", d), ""}, withBranchLine(L, v.Branch, eventLines(L, e))...), "\n")
	return chat.Text(text, chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnEventConfirm", nil), actEvAnswer, id, "keep")),
		chat.Row(chat.Btn(L.T("BtnEventDecline", nil), actEvAnswer, id, "no")),
	})
}

// offerLapsedNotice tells a household its offer ran out and the seats passed on.
func offerLapsedNotice(L *locales.Localizer, _ domain.Member, v domain.EventValues) outbox.Rendered {
	return chat.Text(strings.Join(append([]string{L.T("EventOfferLapsedNotice", locales.Data{"Title": L.Written(v.Event.TitleTexts())})}, branchLine(L, v.Branch)...), "\n"), nil)
}

// changedNotice tells those coming or waiting about a new time or place, or that the event is cancelled.
func changedNotice(L *locales.Localizer, _ domain.Member, v domain.EventValues) outbox.Rendered {
	e := v.Event
	title := L.Written(e.TitleTexts())
	if e.Cancelled() {
		return chat.Text(strings.Join(append([]string{L.T("EventCancelledNotice", locales.Data{"Title": title, "When": L.DateTime(e.StartsAt)})}, branchLine(L, v.Branch)...), "\n"), nil)
	}
	text := strings.Join(append([]string{L.T("EventChangedNotice", locales.Data{"Title": title}), ""}, withBranchLine(L, v.Branch, eventLines(L, e))...), "\n")
	return chat.Text(text, chat.Keyboard{answerButtons(L, e)[2]})
}

// stillComingNotice asks a household coming whether it still is.
func stillComingNotice(L *locales.Localizer, _ domain.Member, v domain.EventHouseholdValues) outbox.Rendered {
	e := v.Event
	d := householdHeads(v.Adults, v.Children)
	d["Title"], d["When"] = L.Written(e.TitleTexts()), L.DateTime(e.StartsAt)
	id := strconv.FormatInt(e.ID, 10)
	return chat.Text(strings.Join(append([]string{L.T("EventStillComingNotice", d)}, branchLine(L, v.Branch)...), "\n"), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnStillComing", nil), actEvAnswer, id, "keep")),
		chat.Row(chat.Btn(L.T("BtnCannotCome", nil), actEvAnswer, id, "no")),
	})
}

// reminderNotice is the reminder the day before.
func reminderNotice(L *locales.Localizer, _ domain.Member, v domain.EventHouseholdValues) outbox.Rendered {
	e := v.Event
	d := householdHeads(v.Adults, v.Children)
	d["Title"] = L.Written(e.TitleTexts())
	text := strings.Join(append([]string{L.T("EventReminderNotice", d), ""}, withBranchLine(L, v.Branch, eventLines(L, e))...), "\n")
	return chat.Text(text, chat.Keyboard{
		answerButtons(L, e)[2],
		chat.Row(chat.Btn(L.T("BtnCannotCome", nil), actEvAnswer, strconv.FormatInt(e.ID, 10), "no")),
	})
}

// nudgeNotice reminds a household that has not answered, with ✅ ❌ ❓ 📅 📍.
func nudgeNotice(L *locales.Localizer, _ domain.Member, v domain.EventValues) outbox.Rendered {
	e := v.Event
	head := L.T("EventNudgeNotice", locales.Data{"Title": L.Written(e.TitleTexts()), "When": L.DateTime(e.RSVPBy)})
	return chat.Text(strings.Join(append([]string{head, ""}, withBranchLine(L, v.Branch, eventLines(L, e))...), "\n"), answerButtons(L, e))
}
