package bot

import (
	"errors"
	"strconv"
	"strings"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// Coordinators' shift screens: /staffing, the next four weeks' shifts with
// needed versus signed up and the names, where a coordinator opens one to
// put a volunteer on it or take one off (the volunteer is told).

func (a *App) cmdStaffing(r *req) { a.showStaffing(r) }

func (a *App) onStaffing(r *req) {
	r.toast("")
	a.showStaffing(r)
}

func (a *App) showStaffing(r *req) {
	now := a.now()
	slots, err := a.store.ShiftSlots(r.ctx, a.loc(), now, now.AddDate(0, 0, 7*shiftWeeks))
	if err != nil {
		r.fail(err)
		return
	}
	L := r.L
	var lines []string
	k := kb{}
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
		k = append(k, row(btn(L.T("BtnStaffSlot", locales.Data{"Role": sl.Shift.RoleTitle(L.Lang()), "Date": a.shortDate(L, sl.Start)}), actStaffSlot, id, slot)))
	}
	k = append(k, row(btn(L.T("BtnNewShift", nil), actMenu, "newshift")), row(btn(L.T("BtnVolunteers", nil), actVolList)))
	if len(lines) == 0 {
		r.show(L.T("StaffingNone", nil), k...)
		return
	}
	r.show(L.T("StaffingTitle", nil)+"\n\n"+strings.Join(lines, "\n\n"), k...)
}

// onStaffSlot opens one shift meeting: "1:sv:<shift>:<slot>".
func (a *App) onStaffSlot(r *req) {
	id, slot, ok := parseSlot(r.args)
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	sl, err := a.store.ShiftSlot(r.ctx, a.loc(), id, slot)
	if err != nil {
		a.shiftFail(r, err)
		return
	}
	r.toast("")
	a.showStaffSlot(r, sl)
}

func (a *App) showStaffSlot(r *req, sl domain.ShiftSlot) {
	L := r.L
	text := a.shiftBlock(L, sl, 0)
	id, slot := slotArgs(sl)
	k := kb{}
	for _, m := range sl.People {
		k = append(k, row(btn(L.T("BtnStaffRemove", locales.Data{"Name": m.DisplayName}), actStaffRemove, id, slot, strconv.FormatInt(m.ID, 10))))
	}
	if sl.Free() > 0 {
		k = append(k, row(btn(L.T("BtnStaffAdd", nil), actStaffPick, id, slot)))
	}
	k = append(k, row(btn(L.T("BtnEditShift", nil), actShiftEdit, id)), row(btn(L.T("BtnBack", nil), actStaffing)))
	r.show(text, k...)
}

// onStaffPick lists the volunteers who could be put on the shift: "1:sp:<shift>:<slot>".
func (a *App) onStaffPick(r *req) {
	id, slot, ok := parseSlot(r.args)
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	sl, err := a.store.ShiftSlot(r.ctx, a.loc(), id, slot)
	if err != nil {
		a.shiftFail(r, err)
		return
	}
	vs, err := a.store.Volunteers(r.ctx)
	if err != nil {
		r.fail(err)
		return
	}
	ids, slots := slotArgs(sl)
	k := kb{}
	for _, v := range vs {
		if sl.Has(v.ID) || len(k) == 30 {
			continue
		}
		label := v.DisplayName
		if sl.Shift.RequiresCert && !v.CertValidOn(sl.Start, a.loc()) {
			label = "🚫 " + label
		}
		k = append(k, row(btn(label, actStaffAdd, ids, slots, strconv.FormatInt(v.ID, 10))))
	}
	k = append(k, row(btn(r.L.T("BtnBack", nil), actStaffSlot, ids, slots)))
	r.toast("")
	r.show(r.L.T("StaffPickVolunteer", locales.Data{"Title": shiftTitle(r.L, sl), "When": shiftWhen(r.L, sl)}), k...)
}

// onStaffAdd puts a volunteer on a shift: "1:sa:<shift>:<slot>:<member>".
func (a *App) onStaffAdd(r *req) { a.staffChange(r, true) }

// onStaffRemove takes a volunteer off a shift: "1:sr:<shift>:<slot>:<member>".
func (a *App) onStaffRemove(r *req) { a.staffChange(r, false) }

func (a *App) staffChange(r *req, add bool) {
	id, slot, ok := parseSlot(r.args)
	who, err := strconv.ParseInt(r.args[2], 10, 64)
	if !ok || err != nil {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	var sl domain.ShiftSlot
	if add {
		sl, err = a.store.AddToShift(r.ctx, a.loc(), id, slot, who, r.member.ID, a.now(), a.shiftAddedNotice)
	} else {
		sl, err = a.store.RemoveFromShift(r.ctx, a.loc(), id, slot, who, a.now(), a.shiftRemovedNotice)
	}
	switch {
	case errors.Is(err, domain.ErrNeedsCertificate):
		r.deny(r.L.T("StaffNoCertificate", nil))
		return
	case errors.Is(err, domain.ErrNotFound):
		r.deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		a.shiftFail(r, err)
		return
	}
	a.wake()
	r.toast(r.L.T("StaffChangedToast", nil))
	a.showStaffSlot(r, sl)
}
