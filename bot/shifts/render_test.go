package shifts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// testFeature is the feature on the real catalogue, without a store: enough
// to render. A message missing from a language fails the test.
func testFeature(t *testing.T) *Feature {
	t.Helper()
	return New(&chat.Env{Cat: chattest.Catalog(t), Now: time.Now}, domain.ShiftSettings{})
}

// TestGoldenShiftScreens renders the shift messages per language (in their
// own golden files, shifts.*.txt) so wording and layout show up in review.
func TestGoldenShiftScreens(t *testing.T) {
	f := testFeature(t)
	loc := f.Loc()
	cafe := &domain.Activity{ID: 3, Name: "Tal Dansk Café", Place: "Ballerup Bibliotek, Banegårdspladsen 1",
		Titles: domain.Texts{"ar": "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", "en": "Speak Danish Café"}, DurationMin: 120}
	start := time.Date(2027, 1, 14, 15, 0, 0, 0, loc)
	host := domain.ShiftSlot{
		Shift:    domain.Shift{ID: 5, Role: "Vært", Roles: domain.Texts{"ar": "مضيف", "ti": "ተቐባሊ ጋሻ", "en": "Host"}, Needed: 2},
		Activity: cafe, Slot: start, Start: start, End: start.Add(2 * time.Hour),
		People: []domain.Member{{ID: 7, DisplayName: "Lars"}},
	}
	walkStart := time.Date(2027, 1, 12, 10, 0, 0, 0, loc)
	walk := domain.ShiftSlot{
		Shift: domain.Shift{ID: 6, Role: "Rundvisning i byen", Roles: domain.Texts{"ti": "ዙረት ኣብ ከተማ"}, Needed: 1, RequiresCert: true, Language: "ti", Place: "Ballerup Station"},
		Slot:  walkStart, Start: walkStart, End: walkStart.Add(2 * time.Hour),
	}
	until := time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	n := chat.NewNotices(f.Env)
	f.Notices(n)
	for _, lang := range locales.Languages {
		L := f.Cat.For(lang)
		m := domain.Member{ID: 7, ChatID: 7, DisplayName: "Lars", Language: lang}
		var out []string
		// Each notice is rendered as it leaves: its values through JSON and
		// the registry, in the recipient's language.
		add := func(name, kind string, values any) {
			o, err := domain.GroupNotice(kind, m.ChatID, lang, values)
			if err != nil {
				t.Fatal(err)
			}
			r, err := n.Render(context.Background(), storage.OutboxMessage{ChatID: o.ChatID, Notice: o.Notice, Values: string(o.Values), Language: o.Language})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, "== "+name+" ==\n"+chattest.Screen(r.Text, r.Buttons))
		}
		out = append(out, "== shift blocks ==\n"+f.shiftBlock(L, host, 7)+"\n\n"+f.shiftBlock(L, walk, 7))
		long := walk
		long.Shift.Role, long.Shift.Roles = "Lektiehjælper og tolk for familier med små børn", nil
		out = append(out, "== shift buttons: take, take a long role, withdraw, staffing ==\n"+chattest.Screen("", chat.Keyboard{
			chat.Row(f.slotButton(L, "BtnShiftSignUp", host, actShiftSignUp)), chat.Row(f.slotButton(L, "BtnShiftSignUp", long, actShiftSignUp)),
			chat.Row(f.slotButton(L, "BtnShiftWithdraw", walk, actShiftWithdraw)), chat.Row(f.slotButton(L, "BtnStaffSlot", host, actStaffSlot))}))
		add("reminder", domain.NoticeShiftReminder, host.Meeting())
		add("staffing alert", domain.NoticeShiftAlert, domain.StaffingAlertValues{Meeting: walk.Meeting(), CanTake: true})
		add("cover offer", domain.NoticeShiftCover, host.Meeting())
		add("late withdrawal, to coordinators", domain.NoticeShiftWithdrawn, domain.WithdrawalValues{Meeting: host.Meeting(), Name: "Sara"})
		add("certificate runs out", domain.NoticeCertificateExpiring, domain.CertificateValues{Name: "Sara", ValidUntil: until})
		add("added by a coordinator", domain.NoticeShiftAdded, host.Meeting())
		out = append(out, "== volunteer hours ==\n"+report.RenderVolunteerHours(L, domain.VolunteerHours{
			Total: 7.5, Shifts: 4, Volunteers: 3,
			ByMonth:    []domain.MonthHours{{Month: "2027-01", Hours: 6}, {Month: "2027-02", Hours: 1.5}},
			ByActivity: []domain.ActivityHours{{Title: "Tal Dansk Café", Hours: 6}, {Title: "Rundvisning i byen", Hours: 1.5}},
		}))
		got := strings.Join(out, "\n\n") + "\n"
		path := filepath.Join("testdata", "golden", fmt.Sprintf("shifts.%s.txt", lang))
		chattest.Golden(t, path, got)
	}
}
