package shifts

import (
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The messages shifts start (through the outbox), each rendered in its
// recipient's language: reminders, staffing alerts, cover offers, the
// coordinators' notices, and what a volunteer hears when a coordinator
// puts them on a shift or takes them off.

// shiftLines are the title, time and place of a shift meeting.
func (f *Feature) shiftLines(L *locales.Localizer, head string, sl domain.ShiftSlot) []string {
	lines := []string{head, "🗓 " + shiftWhen(L, sl)}
	if p := sl.Place(); p != "" {
		lines = append(lines, "📍 "+L.Isolate(p))
	}
	return lines
}

func notice(m domain.Member, text string, prio int, k chat.Keyboard) domain.Outgoing {
	kind := domain.KindNotice
	if prio == domain.PriorityReminder {
		kind = domain.KindReminder
	}
	return domain.Outgoing{MemberID: m.ID, ChatID: m.ChatID, Kind: kind, Priority: prio, Text: text, Buttons: k}
}

// shiftReminder is the reminder the day before a shift.
func (f *Feature) shiftReminder(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := f.Cat.For(m.Language)
	lines := f.shiftLines(L, L.T("ShiftReminderHead", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityReminder, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

// staffingAlert tells a volunteer (with a ✋ button when they may take it)
// or a coordinator that a shift still lacks people.
func (f *Feature) staffingAlert(m domain.Member, sl domain.ShiftSlot, canTake bool) domain.Outgoing {
	L := f.Cat.For(m.Language)
	lines := f.shiftLines(L, L.T("ShiftAlertHead", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	lines = append(lines, L.N("ShiftFree", sl.Free(), locales.Data{"Needed": sl.Shift.Needed}))
	var k chat.Keyboard
	if canTake {
		id, slot := slotArgs(sl)
		k = chat.Keyboard{chat.Row(chat.Btn(L.T("BtnShiftCover", nil), actShiftCover, id, slot))}
	}
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, k)
}

// coverOffer offers a place freed by a late withdrawal.
func (f *Feature) coverOffer(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := f.Cat.For(m.Language)
	lines := f.shiftLines(L, L.T("ShiftCoverOffer", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	id, slot := slotArgs(sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnShiftCover", nil), actShiftCover, id, slot))})
}

// withdrawalNotice tells a coordinator who withdrew late from which shift.
func (f *Feature) withdrawalNotice(coord, who domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := f.Cat.For(coord.Language)
	lines := f.shiftLines(L, L.T("ShiftWithdrawnNotice", locales.Data{"Name": who.DisplayName, "Title": shiftTitle(L, sl)}), sl)
	lines = append(lines, L.N("ShiftFree", sl.Free(), locales.Data{"Needed": sl.Shift.Needed}))
	return notice(coord, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnStaffing", nil), actStaffing))})
}

// certificateFlag tells a coordinator that a volunteer's certificate runs out soon.
func (f *Feature) certificateFlag(coord domain.Member, v domain.Volunteer) domain.Outgoing {
	L := f.Cat.For(coord.Language)
	text := L.T("CertExpiringNotice", locales.Data{"Name": v.DisplayName, "Date": L.Date(certDate(*v.CertValidUntil, f.Loc()))})
	return notice(coord, text, domain.PriorityNotice, nil)
}

// certDate turns a stored valid-until date (midnight UTC of the date) into
// noon of that local date, so that spelling it out gives the same day.
func certDate(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc)
}

// shiftAddedNotice and shiftRemovedNotice tell a volunteer that a
// coordinator put them on a shift or took them off.
func (f *Feature) shiftAddedNotice(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := f.Cat.For(m.Language)
	lines := f.shiftLines(L, L.T("ShiftAddedNotice", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

func (f *Feature) shiftRemovedNotice(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := f.Cat.For(m.Language)
	lines := f.shiftLines(L, L.T("ShiftRemovedNotice", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, nil)
}
