package plan

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"vejviser/storage"
	"vejviser/storage/domain"
)

func TestPlanShifts(t *testing.T) {
	const file = `[[shift]]
key = "tal-dansk-host"
activity = "tal-dansk"
role = { da = "Vært", en = "Host" }
needed = 2

[[shift]]
key = "lektie-hjaelper"
activity = "lektiehjaelp"
role.da = "Lektiehjælper"
needed = 3
requires = ["child_certificate"]

[[shift]]
key = "byvandring-jan"
start = 2027-01-12T10:00:00
end = 2027-01-12T12:00:00
place = "Ballerup Station"
role = { da = "Rundvisning i byen", ti = "ዙረት ኣብ ከተማ" }
needed = 1
language = "ti"
`
	got, err := Parse("plan.toml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC) // 10:00 in Copenhagen (CET)
	end := start.Add(2 * time.Hour)
	want := []storage.PlanShift{
		{Activity: "tal-dansk", Shift: domain.Shift{Key: "tal-dansk-host", Role: "Vært", Roles: domain.Texts{"en": "Host"}, Needed: 2}},
		{Activity: "lektiehjaelp", Shift: domain.Shift{Key: "lektie-hjaelper", Role: "Lektiehjælper", Roles: domain.Texts{}, Needed: 3, RequiresCert: true}},
		{Shift: domain.Shift{Key: "byvandring-jan", Role: "Rundvisning i byen", Roles: domain.Texts{"ti": "ዙረት ኣብ ከተማ"}, Needed: 1,
			Language: "ti", StartsAt: &start, EndsAt: &end, Place: "Ballerup Station"}},
	}
	if len(got.Shifts) != len(want) {
		t.Fatalf("got %d shifts", len(got.Shifts))
	}
	for i := range want {
		g, w := got.Shifts[i], want[i]
		if !eqTimes(g.StartsAt, w.StartsAt) || !eqTimes(g.EndsAt, w.EndsAt) {
			t.Errorf("shift %d times %v–%v, want %v–%v", i, g.StartsAt, g.EndsAt, w.StartsAt, w.EndsAt)
		}
		g.StartsAt, g.EndsAt, w.StartsAt, w.EndsAt = nil, nil, nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("shift %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func eqTimes(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }

func TestPlanShiftProblems(t *testing.T) {
	for _, tc := range []struct{ name, file, want string }{
		{"both activity and start", "[[shift]]\nkey = \"s\"\nactivity = \"a\"\nstart = 2027-01-12T10:00:00\nrole.da = \"V\"\nneeded = 1\n",
			`plan.toml:4 shift s: start: give either activity or start and end, not both`},
		{"end before start", "[[shift]]\nkey = \"s\"\nstart = 2027-01-12T10:00:00\nend = 2027-01-12T09:00:00\nrole.da = \"V\"\nneeded = 1\n",
			`plan.toml:4 shift s: end: must come after start`},
		{"start in quotes", "[[shift]]\nkey = \"s\"\nstart = \"2027-01-12 10:00\"\nend = 2027-01-12T12:00:00\nrole.da = \"V\"\nneeded = 1\n",
			`plan.toml:3 shift s: start: must be a date and time without quotes or offset, such as 2027-01-12T10:00:00`},
		{"needed as text", "[[shift]]\nkey = \"s\"\nactivity = \"a\"\nrole.da = \"V\"\nneeded = \"2\"\n",
			`plan.toml:5 shift s: needed: must be a whole number from 1 to 50, without quotes`},
		{"unknown requirement", "[[shift]]\nkey = \"s\"\nactivity = \"a\"\nrole.da = \"V\"\nneeded = 1\nrequires = [\"driving_licence\"]\n",
			`plan.toml:6 shift s: requires: unknown requirement driving_licence; the one there is: "child_certificate"`},
		{"unknown language", "[[shift]]\nkey = \"s\"\nactivity = \"a\"\nrole.da = \"V\"\nneeded = 1\nlanguage = \"am\"\n",
			`plan.toml:6 shift s: language: unknown language "am"; use da, ar, ti or en`},
		{"place with an activity", "[[shift]]\nkey = \"s\"\nactivity = \"a\"\nplace = \"x\"\nrole.da = \"V\"\nneeded = 1\n",
			`plan.toml:4 shift s: place: a shift of an activity meets at the activity's place; leave place out`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("plan.toml", []byte(tc.file))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse = %+v, %v; want an *Error", p, err)
			}
			if got := strings.Join(pe.Lines(), "\n"); got != tc.want {
				t.Errorf("problems:\n  %s\nwant:\n  %s", got, tc.want)
			}
		})
	}
}
