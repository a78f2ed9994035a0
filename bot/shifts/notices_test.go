package shifts

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// A notice decided while Sara reads Danish (a coordinator puts her on a
// shift) leaves in Arabic once she has switched to Arabic: storage queued
// the kind and the meeting, not a text, and the registry renders it with
// the language she has when it is sent.
func TestShiftNoticeRenderedInTheLanguageOfTheMomentItLeaves(t *testing.T) {
	h := newHandlerEnv(t)
	ctx := context.Background()
	n := chat.NewNotices(h.f.Env)
	h.f.Notices(n)
	for _, k := range n.Missing() {
		if strings.HasPrefix(k, "shifts.") {
			t.Errorf("shift notice %q has no renderer", k)
		}
	}
	r := h.pressed(h.mette, h.shiftArg, h.slotArg, strconv.FormatInt(h.sara.ID, 10))
	h.f.Routes().Buttons[actStaffAdd].Handle(r)
	due, err := h.f.Store.DueMessages(ctx, h.f.Now(), 10)
	if err != nil || len(due) != 1 || due[0].Notice != domain.NoticeShiftAdded || due[0].Text != "" || due[0].MemberID.Int64 != h.sara.ID {
		t.Fatalf("queued %+v, %v; want Sara's notice as data", due, err)
	}
	sl, err := h.f.Store.ShiftSlot(ctx, []int64{domain.DefaultBranchID}, h.f.Loc(), h.shiftID, h.slot)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"da", "ar", "ti"} {
		if _, err := h.f.Store.SetLanguage(ctx, h.sara.ID, lang); err != nil {
			t.Fatal(err)
		}
		got, err := n.Render(ctx, due[0])
		L := h.f.Cat.For(lang)
		want := h.f.shiftAddedNotice(L, h.sara, sl.Meeting())
		if err != nil || got.Text != want.Text || !strings.HasPrefix(got.Text, L.T("ShiftAddedNotice", locales.Data{"Title": shiftTitle(L, sl)})) ||
			len(got.Buttons) != 1 || got.Buttons[0][0].Text != L.T("BtnMyShifts", nil) {
			t.Errorf("%s: %q %v, %v; want %q", lang, got.Text, got.Buttons, err, want.Text)
		}
	}
}
