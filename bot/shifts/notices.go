package shifts

import (
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The messages shifts start (through the outbox), decided by storage as
// notices (storage/domain/notices_shifts.go) and rendered here when they
// leave, in the recipient's language then: reminders, staffing alerts,
// cover offers, the coordinators' notices, and what a volunteer hears when
// a coordinator puts them on a shift or takes them off.

// Notices registers the renderers of the shift notices.
func (f *Feature) Notices(n *chat.Notices) {
	chat.Render(n, domain.NoticeShiftReminder, f.shiftReminder)
	chat.Render(n, domain.NoticeShiftAlert, f.staffingAlert)
	chat.Render(n, domain.NoticeShiftCover, f.coverOffer)
	chat.Render(n, domain.NoticeShiftWithdrawn, f.withdrawalNotice)
	chat.Render(n, domain.NoticeShiftAdded, f.shiftAddedNotice)
	chat.Render(n, domain.NoticeShiftRemoved, f.shiftRemovedNotice)
	chat.Render(n, domain.NoticeCertificateExpiring, f.certificateFlag)
	chat.Render(n, domain.NoticeCertificateRecorded, f.certificateRecorded)
}

// slotOf is the shift meeting a notice shows (without its people: the
// free places are m.Free).
func slotOf(m domain.ShiftMeeting) domain.ShiftSlot {
	return domain.ShiftSlot{Shift: m.Shift, Activity: m.Activity, Slot: m.Slot, Start: m.Start, End: m.End}
}

// shiftLines are the title, time and place of a shift meeting.
func (f *Feature) shiftLines(L *locales.Localizer, head string, sl domain.ShiftSlot) []string {
	lines := []string{head, "🗓 " + shiftWhen(L, sl)}
	if p := sl.Place(); p != "" {
		lines = append(lines, "📍 "+L.Isolate(p))
	}
	return lines
}

// meetingText is head, then the title, time and place of m.
func (f *Feature) meetingText(L *locales.Localizer, id string, data locales.Data, m domain.ShiftMeeting, free bool) string {
	sl := slotOf(m)
	if data == nil {
		data = locales.Data{}
	}
	data["Title"] = shiftTitle(L, sl)
	lines := f.shiftLines(L, L.T(id, data), sl)
	if free {
		lines = append(lines, L.N("ShiftFree", m.Free, locales.Data{"Needed": m.Shift.Needed}))
	}
	return strings.Join(lines, "\n")
}

// coverButton takes the place of m.
func coverButton(L *locales.Localizer, m domain.ShiftMeeting) chat.Keyboard {
	id, slot := slotArgs(slotOf(m))
	return chat.Keyboard{chat.Row(chat.Btn(L.T("BtnShiftCover", nil), actShiftCover, id, slot))}
}

// shiftReminder is the reminder the day before a shift.
func (f *Feature) shiftReminder(L *locales.Localizer, _ domain.Member, m domain.ShiftMeeting) outbox.Rendered {
	return chat.Text(f.meetingText(L, "ShiftReminderHead", nil, m, false), chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

// staffingAlert tells a volunteer (with a ✋ button when they may take it)
// or a coordinator that a shift still lacks people.
func (f *Feature) staffingAlert(L *locales.Localizer, _ domain.Member, v domain.StaffingAlertValues) outbox.Rendered {
	var k chat.Keyboard
	if v.CanTake {
		k = coverButton(L, v.Meeting)
	}
	return chat.Text(f.meetingText(L, "ShiftAlertHead", nil, v.Meeting, true), k)
}

// coverOffer offers a place freed by a late withdrawal.
func (f *Feature) coverOffer(L *locales.Localizer, _ domain.Member, m domain.ShiftMeeting) outbox.Rendered {
	return chat.Text(f.meetingText(L, "ShiftCoverOffer", nil, m, false), coverButton(L, m))
}

// withdrawalNotice tells a coordinator who withdrew late from which shift.
func (f *Feature) withdrawalNotice(L *locales.Localizer, _ domain.Member, v domain.WithdrawalValues) outbox.Rendered {
	text := f.meetingText(L, "ShiftWithdrawnNotice", locales.Data{"Name": v.Name}, v.Meeting, true)
	if v.Reason != "" {
		text += "\n" + L.T("ShiftWithdrawnReason", locales.Data{"Reason": v.Reason})
	}
	return chat.Text(text, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnStaffing", nil), actStaffing))})
}

// certificateFlag tells a coordinator that a volunteer's certificate runs out soon.
func (f *Feature) certificateFlag(L *locales.Localizer, _ domain.Member, v domain.CertificateValues) outbox.Rendered {
	return chat.Text(L.T("CertExpiringNotice", locales.Data{"Name": v.Name, "Date": L.Date(certDate(v.ValidUntil, f.Loc()))}), nil)
}

// certificateRecorded tells a volunteer until when their certificate was
// recorded as valid.
func (f *Feature) certificateRecorded(L *locales.Localizer, _ domain.Member, v domain.CertificateValues) outbox.Rendered {
	return chat.Text(L.T("CertRecordedNotice", locales.Data{"Date": L.Date(certDate(v.ValidUntil, f.Loc()))}), nil)
}

// certDate turns a stored valid-until date (midnight UTC of the date) into
// noon of that local date, so that spelling it out gives the same day.
func certDate(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc)
}

// shiftAddedNotice and shiftRemovedNotice tell a volunteer that a
// coordinator put them on a shift or took them off (or archived it).
func (f *Feature) shiftAddedNotice(L *locales.Localizer, _ domain.Member, m domain.ShiftMeeting) outbox.Rendered {
	return chat.Text(f.meetingText(L, "ShiftAddedNotice", nil, m, false), chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

func (f *Feature) shiftRemovedNotice(L *locales.Localizer, _ domain.Member, m domain.ShiftMeeting) outbox.Rendered {
	return chat.Text(f.meetingText(L, "ShiftRemovedNotice", nil, m, false), nil)
}
