package shifts

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The end of /newshift and the way back into it: the preview of the shift
// as it will be saved, with Save (and, for an existing shift opened from
// /staffing, buttons to change a part or archive it).

// onShiftPreviewButton handles the preview's buttons: edit a part, save,
// or archive an existing shift.
func (f *Feature) onShiftPreviewButton(r *chat.Request, d shiftDraft, op, val string) {
	switch {
	case op == "edit" && d.ID != 0 && (val == "role" || val == "needed" || val == "cert" || val == "wish"):
		askShiftStep(r, d, chat.Step(val))
	case op == "save":
		f.saveShift(r, d)
	case op == "archive" && val == "ask" && d.ID != 0:
		r.Show(r.L.T("ShiftArchiveConfirm", locales.Data{"Role": d.Role}),
			chat.Row(chat.Btn(r.L.T("BtnArchiveShiftYes", nil), actShiftFlow, "archive", "yes")), chat.Row(chat.Btn(r.L.T("BtnBack", nil), actShiftFlow, "archive", "no")))
	case op == "archive" && val == "no":
		shiftPreview(r, d)
	case op == "archive" && val == "yes" && d.ID != 0:
		f.archiveShift(r, d)
	default:
		r.Deny(r.L.T("ButtonExpired", nil))
	}
}

// onShiftEdit opens an existing shift at its preview: "1:se:<shift>". Its
// role, people, certificate and language wish can be changed; where and
// when it is stay (a new shift, or the season plan, changes those).
func (f *Feature) onShiftEdit(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	sh, err := f.Store.Shift(r.Ctx, coordinating(r), id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && sh.ArchivedAt != nil) {
		r.Deny(r.L.T("ShiftGone", nil))
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	d := shiftDraft{ID: sh.ID, Role: sh.Role, Roles: map[string]string{}, Place: sh.Place, Needed: sh.Needed, Cert: sh.RequiresCert, Lang: sh.Language}
	for k, v := range sh.Roles {
		d.Roles[k] = v
	}
	if sh.ActivityID != nil {
		d.ActivityID = *sh.ActivityID
	} else {
		d.Start, d.End = sh.StartsAt.Unix(), sh.EndsAt.Unix()
	}
	r.Toast("")
	askShiftStep(r, d, stepPreview)
}

// shift turns the draft into a shift.
func (d shiftDraft) shift() domain.Shift {
	sh := domain.Shift{ID: d.ID, Role: d.Role, Roles: domain.Texts{}, Needed: d.Needed, RequiresCert: d.Cert, Language: d.Lang, Place: d.Place}
	for k, v := range d.Roles {
		sh.Roles[k] = v
	}
	if d.ActivityID != 0 {
		id := d.ActivityID
		sh.ActivityID, sh.Place = &id, ""
	} else {
		s, e := time.Unix(d.Start, 0).UTC(), time.Unix(d.End, 0).UTC()
		sh.StartsAt, sh.EndsAt = &s, &e
	}
	return sh
}

// shiftPreview shows the shift as it will be saved.
func shiftPreview(r *chat.Request, d shiftDraft) {
	L := r.L
	sh := d.shift()
	lines := []string{L.T("ShiftPreview", nil), "", "▪️ " + L.Isolate(sh.Role)}
	for _, lang := range locales.Languages {
		if t := d.Roles[lang]; t != "" {
			lines = append(lines, L.Name(lang)+": "+L.Isolate(t))
		}
	}
	if d.ActivityID != 0 {
		act, err := r.Env.Store.Activity(r.Ctx, coordinating(r), d.ActivityID)
		if err != nil {
			r.Fail(err)
			return
		}
		lines = append(lines, L.T("ShiftEveryMeeting", locales.Data{"Title": L.Written(act.TitleTexts())}), "🗓 "+chat.ScheduleText(L, act))
	} else {
		lines = append(lines, "🗓 "+shiftWhen(L, domain.ShiftSlot{Start: *sh.StartsAt, End: *sh.EndsAt}))
		if sh.Place != "" {
			lines = append(lines, "📍 "+L.Isolate(sh.Place))
		}
	}
	lines = append(lines, L.N("ShiftNeeded", sh.Needed, nil))
	if sh.RequiresCert {
		lines = append(lines, L.T("ShiftNeedsCertLine", nil))
	}
	if sh.Language != "" {
		lines = append(lines, L.T("ShiftLanguageLine", locales.Data{"Language": L.Name(sh.Language)}))
	}
	// Volunteers read the role: who would get which language, ➕ for the others.
	readers, err := r.Env.Store.CountReaders(r.Ctx, domain.Audience{Kind: domain.AudienceVolunteers, Branch: r.Acting(domain.RoleCoordinator)})
	if err != nil {
		r.Env.Log.Warn("count readers", "err", err)
	}
	if len(readers) > 0 {
		lines = append(append(lines, ""), chat.ReadersLines(r.Env.Cat, L, sh.RoleTexts(), readers)...)
	}
	k := append(chat.Keyboard{chat.Row(chat.Btn(L.T("BtnSaveShift", nil), actShiftFlow, "save", "ok"))},
		chat.AddRows(r.Env.Cat, L, chat.Missing(sh.RoleTexts(), readers), actShiftFlow, "lang")...)
	if d.ID != 0 {
		k = append(k,
			chat.Row(chat.Btn(L.T("BtnEditShiftRole", nil), actShiftFlow, "edit", "role"), chat.Btn(L.T("BtnEditShiftNeeded", nil), actShiftFlow, "edit", "needed")),
			chat.Row(chat.Btn(L.T("BtnEditShiftCert", nil), actShiftFlow, "edit", "cert"), chat.Btn(L.T("BtnEditShiftWish", nil), actShiftFlow, "edit", "wish")),
			chat.Row(chat.Btn(L.T("BtnArchiveShift", nil), actShiftFlow, "archive", "ask")))
	}
	r.Show(strings.Join(lines, "\n"), append(k, chat.CancelRow(L))...)
}

// saveShift creates the shift and ends the chat.
func (f *Feature) saveShift(r *chat.Request, d shiftDraft) {
	sh := d.shift()
	var err error
	if d.ID == 0 {
		// A shift of an activity goes with it (a branch the coordinator
		// coordinates: read through their scope); one on its own goes to
		// the branch they work in.
		if sh.ActivityID != nil {
			var act domain.Activity
			if act, err = f.Store.Activity(r.Ctx, coordinating(r), *sh.ActivityID); err == nil {
				sh.BranchID = act.BranchID
			}
		} else if sh.BranchID = r.Acting(domain.RoleCoordinator); sh.BranchID == 0 {
			err = domain.ErrOtherBranch
		}
		if err == nil {
			_, err = f.Store.CreateShift(r.Ctx, sh, f.Now())
		}
	} else {
		err = f.Store.UpdateShift(r.Ctx, coordinating(r), sh, f.Now())
	}
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			r.Deny(r.L.T("ShiftGone", nil))
			return
		}
		if errors.Is(err, domain.ErrInvalidShift) {
			r.Deny(r.L.T("ButtonExpired", nil))
			return
		}
		r.Fail(err)
		return
	}
	shiftFlow.Finish(r)
	f.Wake()
	r.Show(r.L.T("ShiftSaved", locales.Data{"Role": sh.Role}), chat.Row(chat.Btn(r.L.T("BtnStaffing", nil), actStaffing)))
}

// archiveShift takes the shift off the lists and ends the chat; those
// signed up for its coming meetings are told.
func (f *Feature) archiveShift(r *chat.Request, d shiftDraft) {
	told, err := f.Store.ArchiveShift(r.Ctx, coordinating(r), f.Loc(), d.ID, f.Now())
	if r.Failed(err, "ShiftGone") {
		return
	}
	shiftFlow.Finish(r)
	f.Wake()
	r.Show(r.L.N("ShiftArchived", told, locales.Data{"Role": d.Role}), chat.Row(chat.Btn(r.L.T("BtnStaffing", nil), actStaffing)))
}
