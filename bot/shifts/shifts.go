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

// /shifts: the volunteer shifts of the next four weeks that still need
// people, each with its date spelled out, time, place, role and free
// places, and a ✋ button that signs up in one tap. Volunteers and
// coordinators alike (coordinators count as volunteers).

// shiftWeeks is how far ahead /shifts and the staffing overview look.
const shiftWeeks = 4

// maxShiftBlocks bounds one screen (Telegram allows 4096 characters).
const maxShiftBlocks = 12

func (f *Feature) cmdShifts(r *chat.Request) { f.showShifts(r) }

func (f *Feature) onShiftList(r *chat.Request) {
	r.Toast("")
	f.showShifts(r)
}

// showShifts renders the open shifts for the member.
func (f *Feature) showShifts(r *chat.Request) {
	now := f.Now()
	slots, err := f.Store.ShiftSlots(r.Ctx, volunteering(r), f.Loc(), now, now.AddDate(0, 0, 7*shiftWeeks))
	if err != nil {
		r.Fail(err)
		return
	}
	var blocks []string
	k := chat.Keyboard{}
	for _, sl := range slots {
		mine := sl.Has(r.Member.ID)
		if sl.Free() == 0 && !mine {
			continue
		}
		if len(blocks) == maxShiftBlocks {
			blocks = append(blocks, r.L.T("ShiftsMore", nil))
			break
		}
		blocks = append(blocks, branchTagged(r, f.shiftBlock(r.L, sl, r.Member.ID), sl.Shift.BranchID))
		if !mine {
			k = append(k, chat.Row(branchButton(r, f.slotButton(r.L, "BtnShiftSignUp", sl, actShiftSignUp), sl.Shift.BranchID)))
		}
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnMyShifts", nil), actShiftMine)))
	if len(blocks) == 0 {
		r.Show(r.L.T("ShiftsNone", nil), k...)
		return
	}
	r.Show(r.L.T("ShiftsTitle", nil)+"\n\n"+strings.Join(blocks, "\n\n"), k...)
}

// shiftBlock is one shift on one meeting: role and activity, when, where,
// free places, its requirement and language wish, and whether me is on it.
func (f *Feature) shiftBlock(L *locales.Localizer, sl domain.ShiftSlot, me int64) string {
	lines := []string{"▪️ " + shiftTitle(L, sl), "🗓 " + shiftWhen(L, sl)}
	if p := sl.Place(); p != "" {
		lines = append(lines, "📍 "+L.Isolate(p))
	}
	lines = append(lines, L.N("ShiftFree", sl.Free(), locales.Data{"Needed": sl.Shift.Needed}))
	if sl.Shift.RequiresCert {
		lines = append(lines, L.T("ShiftNeedsCertLine", nil))
	}
	if sl.Shift.Language != "" {
		lines = append(lines, L.T("ShiftLanguageLine", locales.Data{"Language": L.Name(sl.Shift.Language)}))
	}
	if me != 0 && sl.Has(me) {
		lines = append(lines, L.T("ShiftYouAreOn", nil))
	}
	return strings.Join(lines, "\n")
}

// shiftTitle is the role, and the activity it belongs to: "Vært · Tal Dansk Café".
func shiftTitle(L *locales.Localizer, sl domain.ShiftSlot) string {
	t := string(L.Written(sl.Shift.RoleTexts()))
	if sl.Activity != nil {
		t += " · " + string(L.Written(sl.Activity.TitleTexts()))
	}
	return t
}

// shiftWhen is the start spelled out and the end's time: "torsdag den 14.
// januar 2027 kl. 15:00–17:00".
func shiftWhen(L *locales.Localizer, sl domain.ShiftSlot) string {
	return L.T("ShiftWhen", locales.Data{"When": L.DateTime(sl.Start), "End": L.Clock(sl.End)})
}

// shortDate is a date short enough for a button: "tor 14/1". The numbers
// go in as numbers, not isolated one by one, so "14/1" keeps its order in
// Arabic; the weekday is a word of the reader's own language and needs no
// isolate, nor does the whole, which a button never shortens.
func (f *Feature) shortDate(L *locales.Localizer, t time.Time) locales.Isolated {
	t = t.In(f.Loc())
	return locales.Isolated(L.T("ShiftButtonDate", locales.Data{"Weekday": locales.Isolated(L.WeekdayShort(t.Weekday())), "Day": t.Day(), "MonthNum": int(t.Month())}))
}

// slotButton is a button on one shift on one meeting, labelled with its date
// and role and short enough for a phone.
func (f *Feature) slotButton(L *locales.Localizer, id string, sl domain.ShiftSlot, act chat.Action) domain.Button {
	shift, slot := slotArgs(sl)
	return chat.Btn(L.WrittenButton(id, locales.Data{"Date": f.shortDate(L, sl.Start)}, "Role", sl.Shift.RoleTexts()), act, shift, slot)
}

func slotArgs(sl domain.ShiftSlot) (id, slot string) {
	return strconv.FormatInt(sl.Shift.ID, 10), strconv.FormatInt(sl.Slot.Unix(), 10)
}

// parseSlot reads a shift id and a slot (unix seconds) from button arguments.
func parseSlot(args []string) (int64, time.Time, bool) {
	id, err1 := strconv.ParseInt(args[0], 10, 64)
	secs, err2 := strconv.ParseInt(args[1], 10, 64)
	if err1 != nil || err2 != nil || secs <= 0 {
		return 0, time.Time{}, false
	}
	return id, time.Unix(secs, 0).UTC(), true
}

// onShiftSignUp takes a place: "1:ss:<shift>:<slot>".
func (f *Feature) onShiftSignUp(r *chat.Request) {
	if sl, ok := f.signUp(r); ok {
		r.Toast(r.L.T("ShiftSignedUpToast", locales.Data{"Role": r.L.Written(sl.Shift.RoleTexts()), "Date": f.shortDate(r.L, sl.Start)}))
		f.showShifts(r)
	}
}

// onShiftCover takes a freed place offered in a message: "1:sc:<shift>:<slot>".
// The first tap wins; whoever comes later is told the place is taken, and
// the button of their offer goes away (it would only say so again).
func (f *Feature) onShiftCover(r *chat.Request) {
	sl, ok := f.signUp(r)
	if !ok {
		r.DropButtons()
		return
	}
	r.Toast("")
	r.Show(r.L.T("ShiftCoverTaken", locales.Data{"Title": shiftTitle(r.L, sl), "When": shiftWhen(r.L, sl)}))
}

// signUp signs the member up for the pressed shift, telling them why not
// when they cannot.
func (f *Feature) signUp(r *chat.Request) (domain.ShiftSlot, bool) {
	id, slot, ok := parseSlot(r.Args)
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return domain.ShiftSlot{}, false
	}
	sl, err := f.Store.SignUp(r.Ctx, volunteering(r), f.Loc(), id, slot, r.Member.ID, f.Now())
	if err != nil {
		f.shiftFail(r, err)
		return sl, false
	}
	f.Wake()
	return sl, true
}

// shiftErrors maps the domain errors of shifts to what the member is told.
var shiftErrors = []struct {
	err error
	msg string
}{
	{domain.ErrShiftFull, "ShiftTaken"},
	{domain.ErrShiftStarted, "ShiftStarted"},
	{domain.ErrAlreadySignedUp, "ShiftAlreadyOn"},
	{domain.ErrNotSignedUp, "ShiftNotOn"},
	{domain.ErrNoSuchMeeting, "ShiftGone"},
	{domain.ErrNotVolunteer, "ShiftVolunteersOnly"},
	{domain.ErrShiftDroppedOften, "ShiftDroppedOften"},
	// Another branch's volunteer (or one gone): as a stale button.
	{domain.ErrNotFound, "ButtonExpired"},
}

// shiftFail answers a refused shift action; a missing certificate is
// explained with the names of the coordinators who can record one: those
// of the pressed shift's branch.
func (f *Feature) shiftFail(r *chat.Request, err error) {
	if errors.Is(err, domain.ErrNeedsCertificate) {
		branch := r.Acting(domain.RoleVolunteer)
		if len(r.Args) > 0 {
			id, _ := strconv.ParseInt(r.Args[0], 10, 64)
			if sh, err := f.Store.Shift(r.Ctx, volunteering(r), id); err == nil {
				branch = sh.BranchID
			}
		}
		coords, cerr := f.Store.CoordinatorsOf(r.Ctx, branch)
		if cerr != nil {
			r.Fail(cerr)
			return
		}
		var names []string
		for _, c := range coords {
			names = append(names, c.DisplayName)
		}
		r.Deny(r.L.T("ShiftNeedsCertificate", locales.Data{"Coordinators": r.L.List(names)}))
		return
	}
	for _, e := range shiftErrors {
		if errors.Is(err, e.err) {
			r.Deny(r.L.T(e.msg, nil))
			return
		}
	}
	r.Fail(err)
}
