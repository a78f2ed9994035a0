package plan

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

const fastelavn = `[[event]]
key = "fastelavn-2027"
title = { da = "Fastelavnsfest", en = "Carnival party" }
start = 2027-02-07T13:00:00      # local time
end = 2027-02-07T16:00:00
place = "Ballerup Sprogskole"
capacity = 60
rsvp_by = 2027-02-03T20:00:00
note = { da = "Pris 20 kr. pr. familie", en = "20 kr. per family" }
invite = "activity:tal-dansk"
`

func TestReadEvent(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	p, err := ParseIn("plan.toml", []byte(fastelavn), cph)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 {
		t.Fatalf("%d events", len(p.Events))
	}
	e := p.Events[0]
	if e.Key != "fastelavn-2027" || e.Title != "Fastelavnsfest" || e.Titles["en"] != "Carnival party" || e.Place != "Ballerup Sprogskole" ||
		e.Cap() != 60 || e.Notes["en"] != "20 kr. per family" || e.Invite != "activity:tal-dansk" || e.OfferHours != 24 || e.AskDays != 2 {
		t.Errorf("event %+v", e)
	}
	for name, got := range map[string]time.Time{"start": e.StartsAt, "end": e.EndsAt, "rsvp_by": e.RSVPBy} {
		want := map[string]time.Time{
			"start": time.Date(2027, 2, 7, 13, 0, 0, 0, cph), "end": time.Date(2027, 2, 7, 16, 0, 0, 0, cph), "rsvp_by": time.Date(2027, 2, 3, 20, 0, 0, 0, cph),
		}[name]
		if !got.Equal(want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
}

func TestEventProblems(t *testing.T) {
	for _, tc := range []struct {
		name, replace, with string
		want                []string
	}{
		{"end before start", "end = 2027-02-07T16:00:00", "end = 2027-02-07T12:00:00", []string{`plan.toml:5 event fastelavn-2027: end: must be after the start`}},
		{"deadline after start", "rsvp_by = 2027-02-03T20:00:00", "rsvp_by = 2027-02-08T20:00:00", []string{`plan.toml:8 event fastelavn-2027: rsvp_by: must not be after the start`}},
		{"capacity in quotes", "capacity = 60", `capacity = "60"`, []string{`plan.toml:7 event fastelavn-2027: capacity: must be a whole number of people from 1 to 10000, without quotes`}},
		{"unknown invitees", `invite = "activity:tal-dansk"`, `invite = "families"`, []string{`plan.toml:10 event fastelavn-2027: invite: "families": use participants, volunteers, everyone, or activity:<key> for an activity's followers`}},
		{"a date as text", "start = 2027-02-07T13:00:00      # local time", `start = "tomorrow"`, []string{`plan.toml:4 event fastelavn-2027: start: must be a date and time such as 2027-02-07T13:00:00 (local time, no quotes)`}},
		{"unknown note language", `note = { da = "Pris 20 kr. pr. familie", en = "20 kr. per family" }`, `note = { fr = "20 kr." }`, []string{`plan.toml:9 event fastelavn-2027: note.fr: unknown language; use da, ar, ti, en`}},
		{"a typo", "place = ", "plase = ", []string{`plan.toml:6 event fastelavn-2027: plase: unknown field`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := strings.Replace(fastelavn, tc.replace, tc.with, 1)
			if file == fastelavn {
				t.Fatalf("%q not in the plan", tc.replace)
			}
			p, err := Parse("plan.toml", []byte(file))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse = %+v, %v; want an *Error", p, err)
			}
			if len(p.Events) != 0 {
				t.Errorf("a refused file still gave %d events", len(p.Events))
			}
			if got := pe.Lines(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// A title or place in a plan file loses invisible characters as a typed one does.
func TestPlanTextsAreCleaned(t *testing.T) {
	src := strings.Replace(strings.Replace(fastelavn, `da = "Fastelavnsfest"`, "da = \"\u202eFastelavns\u200bfest\"", 1),
		`place = "Ballerup Sprogskole"`, "place = \"Ballerup\u200b Sprogskole\\u0000\"", 1)
	p, err := Parse("plan.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if e := p.Events[0]; e.Title != "Fastelavnsfest" || e.Place != "Ballerup Sprogskole" {
		t.Errorf("title %q, place %q: invisible characters kept", e.Title, e.Place)
	}
}
