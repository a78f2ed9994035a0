package bot

import (
	"context"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The messages shifts start (through the outbox), each rendered in its
// recipient's language: reminders, staffing alerts, cover offers, the
// coordinators' notices, and what a volunteer hears when a coordinator
// puts them on a shift or takes them off.

// ClaimShiftNotices is the scheduler's job for shifts: reminders the day
// before, staffing alerts and certificates about to run out, decided by
// storage in one transaction.
func (a *App) ClaimShiftNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return a.Store.ClaimShiftNotices(ctx, a.Loc(), now, a.shiftSet, storage.ShiftClaimNotices{
		Reminder: a.shiftReminder, Alert: a.staffingAlert, Certificate: a.certificateFlag,
	})
}

// shiftLines are the title, time and place of a shift meeting.
func (a *App) shiftLines(L *locales.Localizer, head string, sl domain.ShiftSlot) []string {
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
func (a *App) shiftReminder(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := a.Cat.For(m.Language)
	lines := a.shiftLines(L, L.T("ShiftReminderHead", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityReminder, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

// staffingAlert tells a volunteer (with a ✋ button when they may take it)
// or a coordinator that a shift still lacks people.
func (a *App) staffingAlert(m domain.Member, sl domain.ShiftSlot, canTake bool) domain.Outgoing {
	L := a.Cat.For(m.Language)
	lines := a.shiftLines(L, L.T("ShiftAlertHead", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	lines = append(lines, L.N("ShiftFree", sl.Free(), locales.Data{"Needed": sl.Shift.Needed}))
	var k chat.Keyboard
	if canTake {
		id, slot := slotArgs(sl)
		k = chat.Keyboard{chat.Row(chat.Btn(L.T("BtnShiftCover", nil), actShiftCover, id, slot))}
	}
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, k)
}

// coverOffer offers a place freed by a late withdrawal.
func (a *App) coverOffer(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := a.Cat.For(m.Language)
	lines := a.shiftLines(L, L.T("ShiftCoverOffer", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	id, slot := slotArgs(sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnShiftCover", nil), actShiftCover, id, slot))})
}

// withdrawalNotice tells a coordinator who withdrew late from which shift.
func (a *App) withdrawalNotice(coord, who domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := a.Cat.For(coord.Language)
	lines := a.shiftLines(L, L.T("ShiftWithdrawnNotice", locales.Data{"Name": who.DisplayName, "Title": shiftTitle(L, sl)}), sl)
	lines = append(lines, L.N("ShiftFree", sl.Free(), locales.Data{"Needed": sl.Shift.Needed}))
	return notice(coord, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnStaffing", nil), actStaffing))})
}

// certificateFlag tells a coordinator that a volunteer's certificate runs out soon.
func (a *App) certificateFlag(coord domain.Member, v domain.Volunteer) domain.Outgoing {
	L := a.Cat.For(coord.Language)
	text := L.T("CertExpiringNotice", locales.Data{"Name": v.DisplayName, "Date": L.Date(certDate(*v.CertValidUntil, a.Loc()))})
	return notice(coord, text, domain.PriorityNotice, nil)
}

// certDate turns a stored valid-until date (midnight UTC of the date) into
// noon of that local date, so that spelling it out gives the same day.
func certDate(d time.Time, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, loc)
}

// shiftAddedNotice and shiftRemovedNotice tell a volunteer that a
// coordinator put them on a shift or took them off.
func (a *App) shiftAddedNotice(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := a.Cat.For(m.Language)
	lines := a.shiftLines(L, L.T("ShiftAddedNotice", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, chat.Keyboard{chat.Row(chat.Btn(L.T("BtnMyShifts", nil), actShiftMine))})
}

func (a *App) shiftRemovedNotice(m domain.Member, sl domain.ShiftSlot) domain.Outgoing {
	L := a.Cat.For(m.Language)
	lines := a.shiftLines(L, L.T("ShiftRemovedNotice", locales.Data{"Title": shiftTitle(L, sl)}), sl)
	return notice(m, strings.Join(lines, "\n"), domain.PriorityNotice, nil)
}
