package shifts

import (
	"errors"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Coordinators' shift screens: /staffing, the next four weeks' shifts with
// needed versus signed up and the names, where a coordinator opens one to
// put a volunteer on it or take one off (the volunteer is told).

func (f *Feature) cmdStaffing(r *chat.Request) { f.showStaffing(r) }

func (f *Feature) onStaffing(r *chat.Request) {
	r.Toast("")
	f.showStaffing(r)
}

func (f *Feature) showStaffing(r *chat.Request) {
	now := f.Now()
	slots, err := f.Store.ShiftSlots(r.Ctx, coordinating(r), f.Loc(), now, now.AddDate(0, 0, 7*shiftWeeks))
	if err != nil {
		r.Fail(err)
		return
	}
	L := r.L
	var lines []string
	k := chat.Keyboard{}
	for i, sl := range slots {
		if i == 2*maxShiftBlocks {
			lines = append(lines, L.T("ShiftsMore", nil))
			break
		}
		mark := "✅"
		if sl.Free() > 0 {
			mark = "⚠️"
		}
		names := locales.Isolated("—")
		if len(sl.People) > 0 {
			var ns []string
			for _, m := range sl.People {
				ns = append(ns, m.DisplayName)
			}
			names = L.List(ns)
		}
		lines = append(lines, L.T("StaffingLine", locales.Data{
			"Mark": mark, "Date": f.shortDate(L, sl.Start), "Time": L.Clock(sl.Start), "Title": branchTagged(r, shiftTitle(L, sl), sl.Shift.BranchID),
			"Taken": len(sl.People), "Needed": sl.Shift.Needed, "Names": names,
		}))
		k = append(k, chat.Row(branchButton(r, f.slotButton(L, "BtnStaffSlot", sl, actStaffSlot), sl.Shift.BranchID)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnNewShift", nil), chat.ActMenu, "newshift")), chat.Row(chat.Btn(L.T("BtnVolunteers", nil), actVolList)))
	if len(lines) == 0 {
		r.Show(L.T("StaffingNone", nil), k...)
		return
	}
	r.Show(L.T("StaffingTitle", nil)+"\n\n"+strings.Join(lines, "\n\n"), k...)
}

// pressedSlot loads the shift meeting a button names ("<shift>:<slot>"),
// answering when it cannot.
func (f *Feature) pressedSlot(r *chat.Request) (domain.ShiftSlot, bool) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return domain.ShiftSlot{}, false
	}
	sl, err := f.Store.ShiftSlot(r.Ctx, coordinating(r), f.Loc(), id, slot)
	if err != nil {
		f.shiftFail(r, err)
		return sl, false
	}
	return sl, true
}

// onStaffSlot opens one shift meeting: "1:sv:<shift>:<slot>".
func (f *Feature) onStaffSlot(r *chat.Request) {
	sl, ok := f.pressedSlot(r)
	if !ok {
		return
	}
	r.Toast("")
	f.showStaffSlot(r, sl)
}

func (f *Feature) showStaffSlot(r *chat.Request, sl domain.ShiftSlot) {
	L := r.L
	text := branchTagged(r, f.shiftBlock(L, sl, 0), sl.Shift.BranchID)
	id, slot := slotArgs(sl)
	k := chat.Keyboard{}
	for _, m := range sl.People {
		k = append(k, chat.Row(chat.Btn(L.Button("BtnStaffRemove", locales.Data{"Name": m.DisplayName}), actStaffRemove, id, slot, strconv.FormatInt(m.ID, 10))))
	}
	if sl.Free() > 0 {
		k = append(k, chat.Row(chat.Btn(L.T("BtnStaffAdd", nil), actStaffPick, id, slot)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnEditShift", nil), actShiftEdit, id)), chat.Row(chat.Btn(L.T("BtnBack", nil), actStaffing)))
	r.Show(text, k...)
}

// onStaffPick lists the volunteers who could be put on the shift: "1:sp:<shift>:<slot>".
func (f *Feature) onStaffPick(r *chat.Request) {
	sl, ok := f.pressedSlot(r)
	if !ok {
		return
	}
	vs, err := f.Store.Volunteers(r.Ctx, []int64{sl.Shift.BranchID})
	if err != nil {
		r.Fail(err)
		return
	}
	ids, slots := slotArgs(sl)
	k := chat.Keyboard{}
	for _, v := range vs {
		if sl.Has(v.ID) || len(k) == 30 {
			continue
		}
		label := v.DisplayName
		if sl.Shift.RequiresCert && !v.CertValidOn(sl.Start, f.Loc()) {
			label = "🚫 " + label
		}
		k = append(k, chat.Row(chat.Btn(label, actStaffAdd, ids, slots, strconv.FormatInt(v.ID, 10))))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actStaffSlot, ids, slots)))
	r.Toast("")
	r.Show(r.L.T("StaffPickVolunteer", locales.Data{"Title": shiftTitle(r.L, sl), "When": shiftWhen(r.L, sl)}), k...)
}

// onStaffAdd puts a volunteer on a shift: "1:sa:<shift>:<slot>:<member>".
func (f *Feature) onStaffAdd(r *chat.Request) { f.staffChange(r, true) }

// onStaffRemove takes a volunteer off a shift: "1:sr:<shift>:<slot>:<member>".
func (f *Feature) onStaffRemove(r *chat.Request) { f.staffChange(r, false) }

func (f *Feature) staffChange(r *chat.Request, add bool) {
	id, slot, ok := parseSlot(r.Args)
	who, err := strconv.ParseInt(r.Args[2], 10, 64)
	if !ok || err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	var sl domain.ShiftSlot
	if add {
		sl, err = f.Store.AddToShift(r.Ctx, coordinating(r), f.Loc(), id, slot, who, r.Member.ID, f.Now())
	} else {
		sl, err = f.Store.RemoveFromShift(r.Ctx, coordinating(r), f.Loc(), id, slot, who, f.Now())
	}
	switch {
	case errors.Is(err, domain.ErrNeedsCertificate):
		r.Deny(r.L.T("StaffNoCertificate", nil))
		return
	case errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		f.shiftFail(r, err)
		return
	}
	f.Wake()
	r.Toast(r.L.T("StaffChangedToast", nil))
	f.showStaffSlot(r, sl)
}
