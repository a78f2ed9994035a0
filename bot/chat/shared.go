package chat

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"vejviser/locales"
	"vejviser/storage/domain"

	"github.com/go-telegram/bot/models"
)

// PrevNext is a row of "previous" and "next" buttons (either may be missing)
// in reading order: in right-to-left text "next" comes first, so the
// mirrored arrows point outward.
func PrevNext(L *locales.Localizer, prev, next *domain.Button) []domain.Button {
	var row []domain.Button
	for _, b := range []*domain.Button{prev, next} {
		if b != nil {
			row = append(row, *b)
		}
	}
	if locales.RTL(L.Lang()) {
		for i, j := 0, len(row)-1; i < j; i, j = i+1, j-1 {
			row[i], row[j] = row[j], row[i]
		}
	}
	return row
}

// DurationText spells out a duration: "3 timer", "1 dag", "90 minutter".
func DurationText(L *locales.Localizer, d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m%(24*60) == 0:
		return L.N("DurationDays", m/(24*60), nil)
	case m%60 == 0:
		return L.N("DurationHours", m/60, nil)
	}
	return L.N("DurationMinutes", m, nil)
}

// ScheduleText describes an activity's schedule: "torsdag kl. 15:00–17:00",
// or its cron line and length when it is not a weekly one.
func ScheduleText(L *locales.Localizer, act domain.Activity) string {
	w, ok := domain.AsWeekly(act.Schedule, act.DurationMin)
	if !ok {
		return L.T("ScheduleCron", locales.Data{"Spec": act.Schedule, "Duration": DurationText(L, act.Duration())})
	}
	return L.T("ScheduleWeekly", locales.Data{"Days": DaysText(L, w.Days), "Start": w.Start.String(), "End": w.End.String()})
}

// DaysText lists weekdays in week order from Monday: "mandag, tirsdag".
func DaysText(L *locales.Localizer, days []time.Weekday) locales.Isolated {
	var names []string
	for _, d := range WeekOrder {
		for _, x := range days {
			if x == d {
				names = append(names, L.Weekday(d))
			}
		}
	}
	return L.List(names)
}

// WeekOrder is the week from Monday.
var WeekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// LiveActivity loads the activity of a button from the branches where the
// sender has role min, answering clearly when it is gone (as it is for
// another branch's: a forged button learns nothing).
func LiveActivity(r *Request, idArg string, min domain.Role) (domain.Activity, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	act, err := r.Env.Store.Activity(r.Ctx, r.Scope.Branches(min), id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && act.ArchivedAt != nil) {
		r.Deny(r.L.T("ActivityGone", nil))
		return act, false
	}
	if err != nil {
		r.Fail(err)
		return act, false
	}
	return act, true
}

// RoleKey is the message that names each role.
var RoleKey = map[domain.Role]string{
	domain.RoleParticipant: "RoleParticipant",
	domain.RoleVolunteer:   "RoleVolunteer",
	domain.RoleCoordinator: "RoleCoordinator",
}

// ReportPeriod is the period a /report asks for: this year for a bare
// "/report", or "/report 01.01.2027 30.06.2027" with the last day counted
// whole. A wrong one is answered with the usage and reports false.
func ReportPeriod(r *Request) (from, to time.Time, ok bool) {
	loc := r.Env.Loc()
	now := r.Env.Now().In(loc)
	from = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc)
	to = from.AddDate(1, 0, 0)
	fields := strings.Fields(r.Text)
	if len(fields) == 0 {
		return from, to, true
	}
	var err1, err2 error
	if len(fields) == 2 {
		from, err1 = domain.ParseDate(fields[0], loc)
		to, err2 = domain.ParseDate(fields[1], loc)
		to = to.AddDate(0, 0, 1) // the last day counts whole
	}
	if len(fields) != 2 || err1 != nil || err2 != nil || domain.CheckReportPeriod(from, to) != nil {
		r.Say(r.L.T("ReportUsage", nil))
		return from, to, false
	}
	return from, to, true
}

// NewCode is 16 random URL-safe characters (96 bits): unguessable, and short
// enough to ride in callback data through onboarding.
func NewCode() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// UTF16Len is the length of s as Telegram counts it (entity offsets).
func UTF16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// Shifted moves entities by n UTF-16 units (text put in front).
func Shifted(es []models.MessageEntity, n int) []models.MessageEntity {
	out := make([]models.MessageEntity, 0, len(es))
	for _, e := range es {
		e.Offset += n
		out = append(out, e)
	}
	return out
}

// SaveDraft stores the state of the member's step-by-step chat flow.
func SaveDraft(r *Request, flow string, state any) bool {
	data, err := json.Marshal(state)
	if err == nil {
		err = r.Env.Store.SaveConversation(r.Ctx, r.Member.ID, flow, data, r.Env.Now())
	}
	if err != nil {
		r.Fail(err)
		return false
	}
	return true
}

// LoadDraft reads the state of the member's step-by-step chat into state; a
// button or text whose chat has ended (or is another one) is answered
// "this button no longer works".
func LoadDraft(r *Request, flow string, state any) bool {
	got, data, err := r.Env.Store.Conversation(r.Ctx, r.Member.ID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		r.Fail(err)
		return false
	}
	if err != nil || got != flow || json.Unmarshal(data, state) != nil {
		r.Deny(r.L.T("ButtonExpired", nil))
		return false
	}
	return true
}

// ReadersLines says, for a text members will read (a title, a note, a
// role), how many readers of each language get it in which language (the
// one rule: own, second, Danish), so a coordinator sees before saving who
// would get Danish: "العربية: 14 – the text in Danish". Nil when nobody reads it.
func ReadersLines(cat *locales.Catalog, L *locales.Localizer, t domain.Texts, readers map[domain.Reader]int) []string {
	got := t.Received(readers)
	if len(got) == 0 {
		return nil
	}
	lines := []string{L.T("WrittenReadersHead", nil)}
	for _, lang := range locales.Languages {
		for _, in := range locales.Languages {
			if n := got[lang][in]; n > 0 {
				lines = append(lines, L.T("WrittenReadersLine", locales.Data{
					"Language": L.Name(lang), "Count": n, "In": locales.Isolated(L.In(in))}))
			}
		}
	}
	return lines
}

// Missing is the languages whose readers (counted in readers) get t in
// another language than their own, in the catalogue's order: the ➕
// buttons a preview offers, so a coordinator can add them before saving.
func Missing(t domain.Texts, readers map[domain.Reader]int) []string {
	got := t.Received(readers)
	var out []string
	for _, lang := range locales.Languages {
		for in := range got[lang] {
			if in != lang {
				out = append(out, lang)
				break
			}
		}
	}
	return out
}

// AddRows are ➕ buttons, two to a row, for each language of missing: the
// button's arguments are args followed by the language.
func AddRows(cat *locales.Catalog, L *locales.Localizer, missing []string, act Action, args ...string) Keyboard {
	var k Keyboard
	var row []domain.Button
	for _, lang := range missing {
		row = append(row, LanguageButton(cat, L, lang, false, act, append(slices.Clip(args), lang)...))
		if len(row) == 2 {
			k, row = append(k, row), nil
		}
	}
	if len(row) > 0 {
		k = append(k, row)
	}
	return k
}
