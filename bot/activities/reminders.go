package activities

import (
	"context"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// ClaimReminders is the scheduler's job for activity reminders: it lets
// storage decide, in one transaction, every reminder due at now (rendered
// by Notices when each leaves, in its follower's language then).
func (f *Feature) ClaimReminders(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return f.Store.ClaimActivityReminders(ctx, f.Loc(), now)
}

// Notices registers the renderers of the feature's notices: the reminder
// of a meeting and the notice of a changed one.
func (f *Feature) Notices(n *chat.Notices) {
	chat.Render(n, domain.NoticeActivityReminder, func(L *locales.Localizer, _ domain.Member, v domain.ActivityReminder) outbox.Rendered {
		return chat.Text(Reminder(L, v))
	})
	chat.Render(n, domain.NoticeMeetingChanged, func(L *locales.Localizer, _ domain.Member, v domain.MeetingChanged) outbox.Rendered {
		return chat.Text(MeetingNotice(L, v), nil)
	})
}

// Reminder is the message a follower gets before a meeting.
func Reminder(L *locales.Localizer, v domain.ActivityReminder) (string, chat.Keyboard) {
	act, o := v.Activity, v.Meeting
	lines := []string{
		L.T("ReminderHead", locales.Data{"Title": L.Written(act.TitleTexts())}),
		"🗓 " + L.DateTime(o.Start),
	}
	if act.Place != "" {
		lines = append(lines, "📍 "+L.Isolate(act.Place))
	}
	if o.Moved {
		lines = append(lines, L.T("ReminderMovedNote", locales.Data{"Was": L.DateTime(o.Slot)}))
	}
	return strings.Join(lines, "\n"),
		chat.Keyboard{chat.Row(chat.Btn(L.T("BtnStopReminders", nil), actActFollow, strconv.FormatInt(act.ID, 10), "stop"))}
}

// MeetingNotice tells a follower at once that a meeting was cancelled,
// moved or is on again after all.
func MeetingNotice(L *locales.Localizer, v domain.MeetingChanged) string {
	act, was, now := v.Activity, v.Was, v.Now
	title := L.Written(act.TitleTexts())
	var text string
	switch {
	case now.Cancelled:
		text = L.T("MeetingCancelledNotice", locales.Data{"Title": title, "When": L.DateTime(now.Slot)})
	case now.Moved:
		text = L.T("MeetingMovedNotice", locales.Data{"Title": title, "Was": L.DateTime(was.Start), "When": L.DateTime(now.Start)})
	default:
		text = L.T("MeetingRestoredNotice", locales.Data{"Title": title, "When": L.DateTime(now.Start)})
	}
	if r := reasonLine(L, now.Reason); r != "" && (now.Cancelled || now.Moved) {
		text += "\n" + r
	}
	if act.Place != "" && !now.Cancelled {
		text += "\n📍 " + L.Isolate(act.Place)
	}
	return text
}
