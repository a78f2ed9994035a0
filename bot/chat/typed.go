package chat

import (
	"time"

	"vejviser/storage/domain"
)

// FutureTime reads a typed local date and time that is still to come. When
// the text is no date and time, or one already past, it asks again (with
// the ✖️ row of the step-by-step chat) and reports false.
func FutureTime(r *Request, text string) (time.Time, bool) {
	env := r.Env
	t, err := domain.ParseLocalDateTime(text, env.Loc(), env.Now())
	if err != nil {
		r.Say(r.L.T("BadDateTime", nil), CancelRow(r.L))
		return t, false
	}
	if !t.After(env.Now()) {
		r.Say(r.L.T("InPast", nil), CancelRow(r.L))
		return t, false
	}
	return t, true
}
