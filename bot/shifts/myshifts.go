package shifts

import (
	"fmt"
	"strings"

	"vejviser/bot/chat"
	"vejviser/bot/ical"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /myshifts: the member's own coming shifts, each with a ↩️ button to
// withdraw, and a 📅 button that sends all of them as one calendar file.

func (f *Feature) cmdMyShifts(r *chat.Request) { f.showMyShifts(r) }

func (f *Feature) onMyShifts(r *chat.Request) {
	r.Toast("")
	f.showMyShifts(r)
}

func (f *Feature) showMyShifts(r *chat.Request) {
	mine, err := f.Store.MyShifts(r.Ctx, volunteering(r), f.Loc(), r.Member.ID, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if len(mine) == 0 {
		r.Show(r.L.T("MyShiftsNone", nil), chat.Row(chat.Btn(r.L.T("BtnShifts", nil), actShiftList)))
		return
	}
	var blocks []string
	k := chat.Keyboard{}
	for _, sl := range mine {
		blocks = append(blocks, branchTagged(r, f.shiftBlock(r.L, sl, 0), sl.Shift.BranchID))
		k = append(k, chat.Row(branchButton(r, f.slotButton(r.L, "BtnShiftWithdraw", sl, actShiftWithdraw), sl.Shift.BranchID)))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnShiftCalendar", nil), actShiftCalendar)), chat.Row(chat.Btn(r.L.T("BtnShifts", nil), actShiftList)))
	r.Show(r.L.T("MyShiftsTitle", nil)+"\n\n"+strings.Join(blocks, "\n\n"), k...)
}

// onShiftCalendar sends all the member's coming shifts as one .ics file: "1:sk".
func (f *Feature) onShiftCalendar(r *chat.Request) {
	mine, err := f.Store.MyShifts(r.Ctx, volunteering(r), f.Loc(), r.Member.ID, f.Now())
	if err != nil {
		r.Fail(err)
		return
	}
	if len(mine) == 0 {
		r.Deny(r.L.T("MyShiftsNone", nil))
		return
	}
	buf := (ical.Calendar(f.Now(), f.shiftEvents(r.L, r.Member.ID, mine)...))
	r.Toast("")
	err = r.SendDocument("vejviser-shifts.ics", buf, r.L.T("ShiftCalendarCaption", nil))
	if err != nil {
		f.Log.Warn("send calendar", "err", outbox.ErrorClass(err))
		r.Say(r.L.T("SomethingWrong", nil))
	}
}

// shiftEvents are a member's shifts as calendar events, in their language.
// The UID names shift, meeting and member, so importing the file again
// updates the events rather than doubling them.
func (f *Feature) shiftEvents(L *locales.Localizer, memberID int64, slots []domain.ShiftSlot) []ical.Event {
	out := make([]ical.Event, 0, len(slots))
	for _, sl := range slots {
		summary := L.Plain(sl.Shift.RoleTexts())
		if sl.Activity != nil {
			summary += " · " + L.Plain(sl.Activity.TitleTexts())
		}
		out = append(out, ical.Event{
			UID:   fmt.Sprintf("shift-%d-%d-%d@vejviser", sl.Shift.ID, sl.Slot.Unix(), memberID),
			Start: sl.Start, End: sl.End, Summary: summary, Location: sl.Place(),
			Description: L.T("ShiftCalendarNote", nil),
		})
	}
	return out
}
