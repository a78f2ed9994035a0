package events

import (
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// notices renders the messages events cause (storage.EventNotices),
// each in its member's language, for the outbox.
type notices struct{ cat *locales.Catalog }

func (t notices) out(m domain.Member, text string, k chat.Keyboard) domain.Outgoing {
	return domain.Outgoing{MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice, Text: text, Buttons: k}
}

// Invitation is the invitation with ✅ ❌ ❓ 📅 📍.
func (t notices) Invitation(m domain.Member, e domain.Event) domain.Outgoing {
	L := t.cat.For(m.Language)
	out := t.out(m, invitationText(L, e, ""), answerButtons(L, e))
	out.Priority = domain.PriorityReminder // behind personal notices, ahead of broadcasts
	return out
}

// Offer tells a waiting household that seats are theirs if they confirm in time.
func (t notices) Offer(m domain.Member, e domain.Event, inv domain.Invitation) domain.Outgoing {
	L := t.cat.For(m.Language)
	d := heads(inv)
	d["Title"] = e.TitleIn(L.Lang())
	d["When"] = L.DateTime(*inv.OfferUntil)
	id := strconv.FormatInt(e.ID, 10)
	text := strings.Join(append([]string{L.T("EventOfferNotice", d), ""}, eventLines(L, e)...), "\n")
	return t.out(m, text, chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnEventConfirm", nil), actEvAnswer, id, "keep")),
		chat.Row(chat.Btn(L.T("BtnEventDecline", nil), actEvAnswer, id, "no")),
	})
}

// OfferLapsed tells a household its offer ran out and the seats passed on.
func (t notices) OfferLapsed(m domain.Member, e domain.Event) domain.Outgoing {
	L := t.cat.For(m.Language)
	return t.out(m, L.T("EventOfferLapsedNotice", locales.Data{"Title": e.TitleIn(L.Lang())}), nil)
}

// Changed tells those coming or waiting about a new time or place, or that the event is cancelled.
func (t notices) Changed(m domain.Member, e domain.Event, _ domain.Invitation) domain.Outgoing {
	L := t.cat.For(m.Language)
	title := e.TitleIn(L.Lang())
	if e.Cancelled() {
		return t.out(m, L.T("EventCancelledNotice", locales.Data{"Title": title, "When": L.DateTime(e.StartsAt)}), nil)
	}
	text := strings.Join(append([]string{L.T("EventChangedNotice", locales.Data{"Title": title}), ""}, eventLines(L, e)...), "\n")
	return t.out(m, text, chat.Keyboard{answerButtons(L, e)[2]})
}

// StillComing asks a household coming whether it still is.
func (t notices) StillComing(m domain.Member, e domain.Event, inv domain.Invitation) domain.Outgoing {
	L := t.cat.For(m.Language)
	d := heads(inv)
	d["Title"], d["When"] = e.TitleIn(L.Lang()), L.DateTime(e.StartsAt)
	id := strconv.FormatInt(e.ID, 10)
	return t.out(m, L.T("EventStillComingNotice", d), chat.Keyboard{
		chat.Row(chat.Btn(L.T("BtnStillComing", nil), actEvAnswer, id, "keep")),
		chat.Row(chat.Btn(L.T("BtnCannotCome", nil), actEvAnswer, id, "no")),
	})
}

// Reminder is the reminder the day before.
func (t notices) Reminder(m domain.Member, e domain.Event, inv domain.Invitation) domain.Outgoing {
	L := t.cat.For(m.Language)
	d := heads(inv)
	d["Title"] = e.TitleIn(L.Lang())
	text := strings.Join(append([]string{L.T("EventReminderNotice", d), ""}, eventLines(L, e)...), "\n")
	out := t.out(m, text, chat.Keyboard{
		answerButtons(L, e)[2],
		chat.Row(chat.Btn(L.T("BtnCannotCome", nil), actEvAnswer, strconv.FormatInt(e.ID, 10), "no")),
	})
	out.Kind, out.Priority = domain.KindReminder, domain.PriorityReminder
	return out
}
