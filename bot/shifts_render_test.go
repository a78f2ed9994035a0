package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/report"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// TestGoldenShiftScreens renders the shift messages per language (in their
// own golden files, shifts.*.txt) so wording and layout show up in review.
func TestGoldenShiftScreens(t *testing.T) {
	a := testApp(t)
	loc := a.Loc()
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
	for _, lang := range locales.Languages {
		L := a.Cat.For(lang)
		m := domain.Member{ID: 7, ChatID: 7, DisplayName: "Lars", Language: lang}
		var out []string
		add := func(name string, o domain.Outgoing) { out = append(out, "== "+name+" ==\n"+screen(o.Text, o.Buttons)) }
		out = append(out, "== shift blocks ==\n"+a.shiftBlock(L, host, 7)+"\n\n"+a.shiftBlock(L, walk, 7))
		add("reminder", a.shiftReminder(m, host))
		add("staffing alert", a.staffingAlert(m, walk, true))
		add("cover offer", a.coverOffer(m, host))
		add("late withdrawal, to coordinators", a.withdrawalNotice(m, domain.Member{DisplayName: "Sara"}, host))
		add("certificate runs out", a.certificateFlag(m, domain.Volunteer{Member: domain.Member{DisplayName: "Sara"}, CertValidUntil: &until}))
		add("added by a coordinator", a.shiftAddedNotice(m, host))
		out = append(out, "== volunteer hours ==\n"+report.RenderVolunteerHours(L, domain.VolunteerHours{
			Total: 7.5, Shifts: 4, Volunteers: 3,
			ByMonth:    []domain.MonthHours{{Month: "2027-01", Hours: 6}, {Month: "2027-02", Hours: 1.5}},
			ByActivity: []domain.ActivityHours{{Title: "Tal Dansk Café", Hours: 6}, {Title: "Rundvisning i byen", Hours: 1.5}},
		}))
		got := strings.Join(out, "\n\n") + "\n"
		path := filepath.Join("testdata", "golden", fmt.Sprintf("shifts.%s.txt", lang))
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./bot -run Golden -update)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from the golden file; if intended, run go test ./bot -run Golden -update\n--- got:\n%s", path, got)
		}
	}
}
