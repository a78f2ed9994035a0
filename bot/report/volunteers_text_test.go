package report

import (
	"strings"
	"testing"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

func TestRenderVolunteerHours(t *testing.T) {
	cat, err := locales.New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	rep := domain.VolunteerHours{
		Total: 7.5, Shifts: 4, Volunteers: 3,
		ByMonth:    []domain.MonthHours{{Month: "2027-01", Hours: 6}, {Month: "2027-02", Hours: 1.5}},
		ByActivity: []domain.ActivityHours{{Key: "tal-dansk", Title: "Tal Dansk Café", Hours: 6}, {Title: "Rundvisning", Hours: 1.5}},
	}
	for _, lang := range locales.Languages {
		L := cat.For(lang)
		got := RenderVolunteerHours(L, rep)
		for _, want := range []string{
			L.T("VolunteerHoursHead", nil),
			L.T("Month1", nil) + " 2027", L.T("Month2", nil) + " 2027",
			L.Isolate("Tal Dansk Café"),
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: report lacks %q:\n%s", lang, want, got)
			}
		}
	}
	if got := RenderVolunteerHours(cat.For("da"), rep); !strings.Contains(got, "7,5") || strings.Contains(got, "7.5") {
		t.Errorf("Danish hours use a decimal comma:\n%s", got)
	}
	if got := RenderVolunteerHours(cat.For("en"), rep); !strings.Contains(got, "7.5") {
		t.Errorf("English hours use a decimal point:\n%s", got)
	}
}

// Each count of the totals takes its own plural form: "1 vagt", "1 frivillig".
func TestVolunteerHoursTotalsPlurals(t *testing.T) {
	cat, err := locales.New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	one := domain.VolunteerHours{Total: 1, Shifts: 1, Volunteers: 1}
	for lang, want := range map[string]string{
		"da": "I alt 1 time på 1 vagt, 1 frivillig.",
		"en": "In all 1 hour on 1 shift, 1 volunteer.",
	} {
		if got := RenderVolunteerHours(cat.For(lang), one); !strings.Contains(got, want) {
			t.Errorf("%s: lacks %q:\n%s", lang, want, got)
		}
	}
	if got := RenderVolunteerHours(cat.For("da"), domain.VolunteerHours{Total: 6, Shifts: 4, Volunteers: 3}); !strings.Contains(got, "I alt 6 timer på 4 vagter, 3 forskellige frivillige.") {
		t.Errorf("da, several:\n%s", got)
	}
}
