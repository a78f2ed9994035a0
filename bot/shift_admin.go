package bot

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

func (a *App) cmdStaffing(r *chat.Request) { a.showStaffing(r) }

func (a *App) onStaffing(r *chat.Request) {
	r.Toast("")
	a.showStaffing(r)
}

func (a *App) showStaffing(r *chat.Request) {
	now := a.Now()
	slots, err := a.Store.ShiftSlots(r.Ctx, a.Loc(), now, now.AddDate(0, 0, 7*shiftWeeks))
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
			"Mark": mark, "Date": a.shortDate(L, sl.Start), "Time": L.Clock(sl.Start), "Title": shiftTitle(L, sl),
			"Taken": len(sl.People), "Needed": sl.Shift.Needed, "Names": names,
		}))
		id, slot := slotArgs(sl)
		k = append(k, chat.Row(chat.Btn(L.T("BtnStaffSlot", locales.Data{"Role": sl.Shift.RoleTitle(L.Lang()), "Date": a.shortDate(L, sl.Start)}), actStaffSlot, id, slot)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnNewShift", nil), chat.ActMenu, "newshift")), chat.Row(chat.Btn(L.T("BtnVolunteers", nil), actVolList)))
	if len(lines) == 0 {
		r.Show(L.T("StaffingNone", nil), k...)
		return
	}
	r.Show(L.T("StaffingTitle", nil)+"\n\n"+strings.Join(lines, "\n\n"), k...)
}

// onStaffSlot opens one shift meeting: "1:sv:<shift>:<slot>".
func (a *App) onStaffSlot(r *chat.Request) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	sl, err := a.Store.ShiftSlot(r.Ctx, a.Loc(), id, slot)
	if err != nil {
		a.shiftFail(r, err)
		return
	}
	r.Toast("")
	a.showStaffSlot(r, sl)
}

func (a *App) showStaffSlot(r *chat.Request, sl domain.ShiftSlot) {
	L := r.L
	text := a.shiftBlock(L, sl, 0)
	id, slot := slotArgs(sl)
	k := chat.Keyboard{}
	for _, m := range sl.People {
		k = append(k, chat.Row(chat.Btn(L.T("BtnStaffRemove", locales.Data{"Name": m.DisplayName}), actStaffRemove, id, slot, strconv.FormatInt(m.ID, 10))))
	}
	if sl.Free() > 0 {
		k = append(k, chat.Row(chat.Btn(L.T("BtnStaffAdd", nil), actStaffPick, id, slot)))
	}
	k = append(k, chat.Row(chat.Btn(L.T("BtnEditShift", nil), actShiftEdit, id)), chat.Row(chat.Btn(L.T("BtnBack", nil), actStaffing)))
	r.Show(text, k...)
}

// onStaffPick lists the volunteers who could be put on the shift: "1:sp:<shift>:<slot>".
func (a *App) onStaffPick(r *chat.Request) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	sl, err := a.Store.ShiftSlot(r.Ctx, a.Loc(), id, slot)
	if err != nil {
		a.shiftFail(r, err)
		return
	}
	vs, err := a.Store.Volunteers(r.Ctx)
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
		if sl.Shift.RequiresCert && !v.CertValidOn(sl.Start, a.Loc()) {
			label = "🚫 " + label
		}
		k = append(k, chat.Row(chat.Btn(label, actStaffAdd, ids, slots, strconv.FormatInt(v.ID, 10))))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actStaffSlot, ids, slots)))
	r.Toast("")
	r.Show(r.L.T("StaffPickVolunteer", locales.Data{"Title": shiftTitle(r.L, sl), "When": shiftWhen(r.L, sl)}), k...)
}

// onStaffAdd puts a volunteer on a shift: "1:sa:<shift>:<slot>:<member>".
func (a *App) onStaffAdd(r *chat.Request) { a.staffChange(r, true) }

// onStaffRemove takes a volunteer off a shift: "1:sr:<shift>:<slot>:<member>".
func (a *App) onStaffRemove(r *chat.Request) { a.staffChange(r, false) }

func (a *App) staffChange(r *chat.Request, add bool) {
	id, slot, ok := parseSlot(r.Args)
	who, err := strconv.ParseInt(r.Args[2], 10, 64)
	if !ok || err != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	var sl domain.ShiftSlot
	if add {
		sl, err = a.Store.AddToShift(r.Ctx, a.Loc(), id, slot, who, r.Member.ID, a.Now(), a.shiftAddedNotice)
	} else {
		sl, err = a.Store.RemoveFromShift(r.Ctx, a.Loc(), id, slot, who, a.Now(), a.shiftRemovedNotice)
	}
	switch {
	case errors.Is(err, domain.ErrNeedsCertificate):
		r.Deny(r.L.T("StaffNoCertificate", nil))
		return
	case errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		a.shiftFail(r, err)
		return
	}
	a.Wake()
	r.Toast(r.L.T("StaffChangedToast", nil))
	a.showStaffSlot(r, sl)
}
