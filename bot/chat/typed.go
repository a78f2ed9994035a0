package chat

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"vejviser/locales"

	"vejviser/storage/domain"
)

// FutureTime reads a typed local date and time that is still to come. When
// the text is no date and time, or one already past, it asks again (with
// the ✖️ row of the step-by-step chat) and reports false.
func FutureTime(r *Request, text string) (time.Time, bool) {
	env := r.Env
	t, err := domain.ParseLocalDateTime(text, env.Loc(), env.Now())
	if err != nil {
		r.Say(BadDateTime(r, text, err, "BadDateTime"), CancelRow(r.L))
		return t, false
	}
	if !t.After(env.Now()) {
		r.Say(r.L.T("InPast", nil), CancelRow(r.L))
		return t, false
	}
	return t, true
}

// BadDateTime is the answer to a typed date and time that ParseLocalDateTime
// refused with err: a date that does not exist says so ("31.02.2027 is not
// a date"), anything else is message id, given an example that the step
// accepts ({{.Example}}: a week from now).
func BadDateTime(r *Request, text string, err error, id string) string {
	ex := locales.Data{"Example": ExampleDateTime(r.Env)}
	if errors.Is(err, domain.ErrNotADate) {
		ex["Date"], _, _ = strings.Cut(strings.TrimSpace(text), " ")
		return r.L.T("NotADate", ex)
	}
	return r.L.T(id, ex)
}

// ExampleDateTime is a date and time to show as an example: 13:00 a week
// from now, written as the steps read it.
func ExampleDateTime(env *Env) string {
	t := env.Now().In(env.Loc()).AddDate(0, 0, 7)
	return fmt.Sprintf("%02d.%02d.%d 13:00", t.Day(), int(t.Month()), t.Year())
}

// ExampleClockAfter is a time of day to show as an example of one after
// start on its day: two hours later, on the hour, or 23:59 late at night.
func ExampleClockAfter(start time.Time, loc *time.Location) string {
	t := start.In(loc)
	if t.Hour() >= 22 {
		return "23:59"
	}
	return fmt.Sprintf("%02d:00", t.Hour()+2)
}
