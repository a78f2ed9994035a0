package domain

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestTextsForFallsBackOwnSecondDanish(t *testing.T) {
	all := Texts{"da": "Julefest", "ar": "حفلة عيد الميلاد", "en": "Christmas party"}
	for _, tc := range []struct {
		name       string
		texts      Texts
		r          Reader
		text, lang string
	}{
		{"own language", all, Reader{"ar", "en"}, "حفلة عيد الميلاد", "ar"},
		{"second before Danish", all, Reader{"ti", "en"}, "Christmas party", "en"},
		{"no second: Danish", all, Reader{"ti", ""}, "Julefest", "da"},
		{"second without text: Danish", Texts{"da": "Julefest"}, Reader{"ti", "en"}, "Julefest", "da"},
		{"blank own text skipped", Texts{"da": "Julefest", "ar": " \n"}, Reader{"ar", ""}, "Julefest", "da"},
		{"Danish reader", all, Reader{"da", "en"}, "Julefest", "da"},
		{"unknown languages ignored", all, Reader{"xx", "yy"}, "Julefest", "da"},
		{"nothing at all", Texts{}, Reader{"ar", "en"}, "", ""},
		{"only a second-language note", Texts{"en": "Bring food"}, Reader{"ti", "en"}, "Bring food", "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, lang := tc.texts.For(tc.r)
			if text != tc.text || lang != tc.lang {
				t.Errorf("For(%v) = %q, %q; want %q, %q", tc.r, text, lang, tc.text, tc.lang)
			}
		})
	}
}

func TestReaderChain(t *testing.T) {
	for _, tc := range []struct {
		r    Reader
		want []string
	}{
		{Reader{"ar", "en"}, []string{"ar", "en", "da"}},
		{Reader{"ti", ""}, []string{"ti", "da"}},
		{Reader{"ti", "ti"}, []string{"ti", "da"}},
		{Reader{"en", "da"}, []string{"en", "da"}},
		{Reader{"da", ""}, []string{"da"}},
		{Reader{"", ""}, []string{"da"}},
	} {
		if got := tc.r.Chain(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v.Chain() = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestTextsReceived(t *testing.T) {
	counts := map[Reader]int{{"ar", ""}: 14, {"ar", "en"}: 3, {"ti", "en"}: 2, {"ti", ""}: 5, {"da", ""}: 9, {"en", ""}: 0}
	got := Texts{"da": "Julefest", "en": "Christmas party"}.Received(counts)
	want := map[string]map[string]int{"ar": {"da": 14, "en": 3}, "ti": {"en": 2, "da": 5}, "da": {"da": 9}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Received = %v, want %v", got, want)
	}
	if w := (Texts{"ar": "x"}).With("Julefest"); w["da"] != "Julefest" || w["ar"] != "x" {
		t.Errorf("With = %v", w)
	}
}

// A notice queued while a date's message had one language carries it as a
// plain string; it reads after the upgrade as the Danish text.
func TestTextsReadAPlainStringAsDanish(t *testing.T) {
	var v MeetingChanged
	if err := json.Unmarshal([]byte(`{"Now":{"Cancelled":true,"Reason":"Biblioteket er lukket"},"Was":{"Reason":""}}`), &v); err != nil {
		t.Fatal(err)
	}
	if !v.Now.Reason.Equal(Texts{"da": "Biblioteket er lukket"}) || len(v.Was.Reason) != 0 {
		t.Errorf("read %v and %v", v.Now.Reason, v.Was.Reason)
	}
	var m Texts
	if err := json.Unmarshal([]byte(`{"da":"Syg","ar":"مرض"}`), &m); err != nil || !m.Equal(Texts{"da": "Syg", "ar": "مرض"}) {
		t.Errorf("the JSON form read as %v (%v)", m, err)
	}
}
