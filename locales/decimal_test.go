package locales

import (
	"testing"
	"time"
)

// A number of hours takes the plural form of the number as written.
func TestDecimalPluralForms(t *testing.T) {
	c, err := New(time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, number, want string }{
		{"da", "1", "1 time"}, {"da", "6", "6 timer"}, {"da", "7.5", "7,5 timer"},
		{"en", "1", "1 hour"}, {"en", "1.5", "1.5 hours"}, {"en", "6", "6 hours"},
		{"ar", "1", "ساعة واحدة"}, {"ar", "6", "6 ساعات"}, {"ar", "11", "11 ساعة"},
		{"ti", "1", "1 ሰዓት"}, {"ti", "6", "6 ሰዓታት"},
	} {
		if got := c.For(tc.lang).Decimal("VolunteerHoursCount", tc.number, nil); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.number, got, tc.want)
		}
	}
}
