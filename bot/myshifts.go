package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"vejviser/bot/ical"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// /myshifts: the member's own coming shifts, each with a ↩️ button to
// withdraw, and a 📅 button that sends all of them as one calendar file.

func (a *App) cmdMyShifts(r *req) { a.showMyShifts(r) }

func (a *App) onMyShifts(r *req) {
	r.toast("")
	a.showMyShifts(r)
}

func (a *App) showMyShifts(r *req) {
	mine, err := a.store.MyShifts(r.ctx, a.loc(), r.member.ID, a.now())
	if err != nil {
		r.fail(err)
		return
	}
	if len(mine) == 0 {
		r.show(r.L.T("MyShiftsNone", nil), row(btn(r.L.T("BtnShifts", nil), actShiftList)))
		return
	}
	var blocks []string
	k := kb{}
	for _, sl := range mine {
		blocks = append(blocks, a.shiftBlock(r.L, sl, 0))
		id, slot := slotArgs(sl)
		k = append(k, row(btn(r.L.T("BtnShiftWithdraw", locales.Data{"Role": sl.Shift.RoleTitle(r.L.Lang()), "Date": a.shortDate(r.L, sl.Start)}), actShiftWithdraw, id, slot)))
	}
	k = append(k, row(btn(r.L.T("BtnShiftCalendar", nil), actShiftCalendar)), row(btn(r.L.T("BtnShifts", nil), actShiftList)))
	r.show(r.L.T("MyShiftsTitle", nil)+"\n\n"+strings.Join(blocks, "\n\n"), k...)
}

// onShiftWithdraw takes the member off a shift: "1:sw:<shift>:<slot>".
// Within the late window the coordinators are told and the place is
// offered to others (storage.Withdraw).
func (a *App) onShiftWithdraw(r *req) {
	id, slot, ok := parseSlot(r.args)
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	late, err := a.store.Withdraw(r.ctx, a.loc(), id, slot, r.member.ID, a.now(), a.shiftSet, storage.WithdrawalNotices{
		Coordinator: a.withdrawalNotice, Offer: a.coverOffer,
	})
	if err != nil {
		a.shiftFail(r, err)
		return
	}
	a.wake()
	if late {
		r.toast(r.L.T("ShiftWithdrawnLate", nil))
	} else {
		r.toast(r.L.T("ShiftWithdrawn", nil))
	}
	a.showMyShifts(r)
}

// onShiftCalendar sends all the member's coming shifts as one .ics file: "1:sk".
func (a *App) onShiftCalendar(r *req) {
	mine, err := a.store.MyShifts(r.ctx, a.loc(), r.member.ID, a.now())
	if err != nil {
		r.fail(err)
		return
	}
	if len(mine) == 0 {
		r.deny(r.L.T("MyShiftsNone", nil))
		return
	}
	buf := bytes.NewReader(ical.Calendar(a.now(), a.shiftEvents(r.L, r.member.ID, mine)...))
	r.toast("")
	err = r.a.counted(r.ctx, r.chatID, func(ctx context.Context) error {
		_, err := r.b.SendDocument(ctx, &tg.SendDocumentParams{
			ChatID:   r.chatID,
			Document: &models.InputFileUpload{Filename: "vejviser-shifts.ics", Data: buf},
			Caption:  r.L.T("ShiftCalendarCaption", nil),
		})
		return err
	})
	if err != nil {
		a.log.Warn("send calendar", "err", outbox.ErrorClass(err))
		r.say(r.L.T("SomethingWrong", nil))
	}
}

// shiftEvents are a member's shifts as calendar events, in their language.
// The UID names shift, meeting and member, so importing the file again
// updates the events rather than doubling them.
func (a *App) shiftEvents(L *locales.Localizer, memberID int64, slots []domain.ShiftSlot) []ical.Event {
	out := make([]ical.Event, 0, len(slots))
	for _, sl := range slots {
		summary := sl.Shift.RoleTitle(L.Lang())
		if sl.Activity != nil {
			summary += " · " + sl.Activity.Title(L.Lang())
		}
		out = append(out, ical.Event{
			UID:   fmt.Sprintf("shift-%d-%d-%d@vejviser", sl.Shift.ID, sl.Slot.Unix(), memberID),
			Start: sl.Start, End: sl.End, Summary: summary, Location: sl.Place(),
			Description: L.T("ShiftCalendarNote", nil),
		})
	}
	return out
}
