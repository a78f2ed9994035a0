package domain

import (
	"reflect"
	"testing"
	"time"
)

func TestFieldChangeRemoves(t *testing.T) {
	for _, tc := range []struct {
		c    FieldChange
		want bool
	}{
		{FieldChange{"place", "Skolen", ""}, true},
		{FieldChange{"title.ar", "حفلة", ""}, true},
		{FieldChange{"note.da", "Tag en ret med", ""}, true},
		{FieldChange{"role.en", "Host", ""}, true},
		{FieldChange{"place", "", "Skolen"}, false},
		{FieldChange{"place", "Skolen", "Biblioteket"}, false},
		{FieldChange{"language", "ti", ""}, false}, // a wish, not a text
		{FieldChange{"invite", "volunteers", "participants"}, false},
	} {
		if got := tc.c.Removes(); got != tc.want {
			t.Errorf("%+v.Removes() = %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestEventChanges(t *testing.T) {
	at := time.Date(2027, 2, 7, 12, 0, 0, 0, time.UTC)
	forty := 40
	old := Event{Title: "Fest", Titles: Texts{"en": "Party"}, Notes: Texts{"da": "Pris 20 kr."}, Place: "Skolen",
		StartsAt: at, EndsAt: at.Add(3 * time.Hour), RSVPBy: at, Capacity: &forty, Invite: "activity:tal-dansk", OfferHours: 24, AskDays: 2}
	if cs := EventChanges(old, old, time.UTC); len(cs) != 0 {
		t.Errorf("the same event: %+v", cs)
	}
	short := Event{Title: "Fest", StartsAt: at, EndsAt: at.Add(3 * time.Hour), RSVPBy: at, OfferHours: 24, AskDays: 2}
	want := []FieldChange{
		{"title.en", "Party", ""},
		{"note.da", "Pris 20 kr.", ""},
		{"place", "Skolen", ""},
		{"capacity", "40", "no limit"},
		{"invite", "activity:tal-dansk", "participants"},
	}
	if got := EventChanges(old, short, time.UTC); !reflect.DeepEqual(got, want) {
		t.Errorf("short entry:\n%+v\nwant\n%+v", got, want)
	}
}
