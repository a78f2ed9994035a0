package shifts

import (
	"strconv"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Withdrawing from a shift. Outside the late window it is one tap; inside
// it (the coordinators are told and the place is offered to others) the
// volunteer is asked first, and may type a reason for the coordinators
// instead of pressing the button: a step-by-step chat of one step.

// withdrawDraft is the shift being left, while the volunteer is asked.
type withdrawDraft struct {
	Shift int64 `json:"shift"`
	Slot  int64 `json:"slot"` // unix seconds
}

// stepReason is the withdrawal chat's one step: the optional reason.
const stepReason chat.Step = "reason"

// maxReason bounds a reason, in characters: a line for the coordinators.
const maxReason = 300

// newWithdrawFlow is the chat that asks before a late withdrawal, with
// f's withdrawal as its typed step. Its name is stored with every draft,
// so it never changes.
func (f *Feature) newWithdrawFlow() *chat.Flow[withdrawDraft] {
	return &chat.Flow[withdrawDraft]{
		Name:   "withdraw",
		StepOf: func(*withdrawDraft) chat.Step { return stepReason },
		Text:   map[chat.Step]func(*chat.Request, *withdrawDraft, string){stepReason: f.onWithdrawReason},
	}
}

// onShiftWithdraw takes the member off a shift: "1:sw:<shift>:<slot>";
// inside the late window it asks first.
func (f *Feature) onShiftWithdraw(r *chat.Request) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	sl, err := f.Store.ShiftSlot(r.Ctx, volunteering(r), f.Loc(), id, slot)
	if err != nil {
		f.shiftFail(r, err)
		return
	}
	if !sl.Has(r.Member.ID) || !domain.LateWithdrawal(sl.Start, f.Now(), f.set.LateWindow) {
		f.withdraw(r, id, slot, "") // on time, or an error to show
		return
	}
	if !f.withdrawFlow.Save(r, withdrawDraft{Shift: id, Slot: slot.Unix()}) {
		return
	}
	r.Toast("")
	args := []string{strconv.FormatInt(id, 10), strconv.FormatInt(slot.Unix(), 10)}
	r.Show(branchTagged(r, f.shiftBlock(r.L, sl, 0), sl.Shift.BranchID)+"\n\n"+r.L.T("ShiftWithdrawAsk", nil),
		chat.Row(chat.Btn(r.L.T("BtnShiftWithdrawYes", nil), actShiftWithdrawYes, args...)),
		chat.Row(chat.Btn(r.L.T("BtnShiftKeep", nil), chat.ActFlowCancel)))
}

// onShiftWithdrawYes withdraws without a reason once asked: "1:sy:<shift>:<slot>".
func (f *Feature) onShiftWithdrawYes(r *chat.Request) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	f.withdrawFlow.Finish(r)
	f.withdraw(r, id, slot, "")
}

// onWithdrawReason withdraws with the reason typed while asked.
func (f *Feature) onWithdrawReason(r *chat.Request, d *withdrawDraft, text string) {
	if runes := []rune(text); len(runes) > maxReason {
		text = string(runes[:maxReason]) + "…"
	}
	f.withdrawFlow.Finish(r)
	f.withdraw(r, d.Shift, time.Unix(d.Slot, 0).UTC(), text)
}

// withdraw takes the member off the shift and shows their shifts.
func (f *Feature) withdraw(r *chat.Request, id int64, slot time.Time, reason string) {
	late, err := f.Store.Withdraw(r.Ctx, volunteering(r), f.Loc(), id, slot, r.Member.ID, reason, f.Now(), f.set)
	if err != nil {
		f.shiftFail(r, err)
		return
	}
	f.Wake()
	msg := "ShiftWithdrawn"
	if late {
		msg = "ShiftWithdrawnLate"
	}
	if r.CB == nil {
		r.Say(r.L.T(msg, nil))
	} else {
		r.Toast(r.L.T(msg, nil))
	}
	f.showMyShifts(r)
}
