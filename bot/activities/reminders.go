package activities

import (
	"context"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// ClaimReminders is the scheduler's job for activity reminders: it lets
// storage decide, in one transaction, every reminder due at now and renders
// each in its follower's language.
func (f *Feature) ClaimReminders(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return f.Store.ClaimActivityReminders(ctx, f.Loc(), now, func(m domain.Member, act domain.Activity, o domain.Occurrence) domain.Outgoing {
		return Reminder(f.Cat, m, act, o)
	})
}

// Reminder is the message a follower gets before a meeting.
func Reminder(cat *locales.Catalog, m domain.Member, act domain.Activity, o domain.Occurrence) domain.Outgoing {
	L := cat.For(m.Language)
	lines := []string{
		L.T("ReminderHead", locales.Data{"Title": act.Title(L.Lang())}),
		"🗓 " + L.DateTime(o.Start),
	}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if o.Moved {
		lines = append(lines, L.T("ReminderMovedNote", locales.Data{"Was": L.DateTime(o.Slot)}))
	}
	return domain.Outgoing{
		MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindReminder, Priority: domain.PriorityReminder,
		Text:    strings.Join(lines, "\n"),
		Buttons: chat.Keyboard{chat.Row(chat.Btn(L.T("BtnStopReminders", nil), actActFollow, strconv.FormatInt(act.ID, 10), "stop"))},
	}
}

// MeetingNotice tells a follower at once that a meeting was cancelled,
// moved or is on again after all.
func MeetingNotice(cat *locales.Catalog, m domain.Member, act domain.Activity, was, now domain.Occurrence) domain.Outgoing {
	L := cat.For(m.Language)
	title := act.Title(L.Lang())
	var text string
	switch {
	case now.Cancelled:
		text = L.T("MeetingCancelledNotice", locales.Data{"Title": title, "When": L.DateTime(now.Slot)})
	case now.Moved:
		text = L.T("MeetingMovedNotice", locales.Data{"Title": title, "Was": L.DateTime(was.Start), "When": L.DateTime(now.Start)})
	default:
		text = L.T("MeetingRestoredNotice", locales.Data{"Title": title, "When": L.DateTime(now.Start)})
	}
	if now.Reason != "" && (now.Cancelled || now.Moved) {
		text += "\n" + L.T("MeetingReason", locales.Data{"Reason": now.Reason})
	}
	if act.Place != "" && !now.Cancelled {
		text += "\n📍 " + L.Isolate(act.Place)
	}
	return domain.Outgoing{
		MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice,
		Text: text, ExpiresAt: now.Start,
	}
}
