package plan

import (
	"fmt"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// maxNote is the longest note per language, in characters.
const maxNote = 500

// readEvent reads one [[event]] table:
//
//	key = "fastelavn-2027"
//	title = { da = "Fastelavnsfest", ar = "…", ti = "…", en = "Carnival party" }
//	start = 2027-02-07T13:00:00      # local time in VEJVISER_TZ
//	end = 2027-02-07T16:00:00
//	place = "Ballerup Sprogskole"    # optional
//	capacity = 60                    # people; omit for no limit
//	rsvp_by = 2027-02-03T20:00:00    # optional: the start
//	note = { da = "Pris 20 kr. pr. familie", en = "20 kr. per family" }   # optional
//	invite = "participants"          # participants | volunteers | everyone | activity:<key>
//	offer_hours = 24                 # optional: how long a waitlist offer stands
//	ask_days = 2                     # optional: "still coming?" days before; 0: never
func readEvent(e *entry, p *storage.Plan) {
	// Invite stays "" when left out: participants for a new event, and
	// the import refuses to change an existing event's audience silently.
	ev := domain.Event{Key: e.name, OfferHours: domain.DefaultOfferHours, AskDays: domain.DefaultAskDays}
	ok := domain.ValidKey(ev.Key)
	titles, titleOK := e.titles("title")
	if titleOK {
		ev.Title = titles["da"]
		delete(titles, "da")
		ev.Titles = titles
	}
	ok = ok && titleOK
	place, _ := e.text("place")
	if len([]rune(place)) > maxText {
		e.problem("place", fmt.Sprintf("has %d characters; at most %d", len([]rune(place)), maxText))
		ok = false
	}
	ev.Place = place
	start, startOK := e.localTime("start", true)
	end, endOK := e.localTime("end", true)
	ev.StartsAt, ev.EndsAt = start, end
	ok = ok && startOK && endOK
	if startOK && endOK && !end.After(start) {
		e.problem("end", "must be after the start")
		ok = false
	}
	ev.RSVPBy = start
	if e.has("rsvp_by") {
		by, byOK := e.localTime("rsvp_by", false)
		switch {
		case !byOK:
			ok = false
		case startOK && by.After(start):
			e.problem("rsvp_by", "must not be after the start")
			ok = false
		default:
			ev.RSVPBy = by
		}
	}
	if n, present, numOK := e.number("capacity", 1, 10000, "people"); present {
		if numOK {
			ev.Capacity = &n
		}
		ok = ok && numOK
	}
	if n, present, numOK := e.number("offer_hours", 1, 336, "hours"); present {
		ev.OfferHours = n
		ok = ok && numOK
	}
	if n, present, numOK := e.number("ask_days", 0, 14, "days"); present {
		ev.AskDays = n
		ok = ok && numOK
	}
	if e.has("note") {
		notes, notesOK := e.texts("note", maxNote)
		ev.Notes = notes
		ok = ok && notesOK
	}
	if s, present := e.text("invite"); present {
		if !domain.ValidInvite(s) {
			e.problem("invite", fmt.Sprintf("%q: use participants, volunteers, everyone, or activity:<key> for an activity's followers", s))
			ok = false
		} else {
			ev.Invite = s
		}
	}
	e.unknown()
	if ok {
		p.Events = append(p.Events, ev)
	}
}

// localTime reads a TOML local date-time (2027-02-07T13:00:00) or a text
// as coordinators type it ("07.02.2027 13:00") as a time in the plan's zone.
func (e *entry) localTime(field string, required bool) (time.Time, bool) {
	e.used[field] = true
	v, present := e.fields[field]
	if !present {
		if required {
			e.problemAt(e.line, field, "is required, such as "+field+" = 2027-02-07T13:00:00 (local time)")
		}
		return time.Time{}, false
	}
	switch t := v.(type) {
	case toml.LocalDateTime:
		w := time.Date(t.Year, time.Month(t.Month), t.Day, t.Hour, t.Minute, t.Second, 0, time.UTC)
		return domain.Wall(w, e.r.loc), true
	case time.Time:
		return t, true
	case string:
		at, err := domain.ParseLocalDateTime(t, e.r.loc, time.Time{})
		if err == nil && strings.Count(t, ".")+strings.Count(t, "-")+strings.Count(t, "/") >= 2 {
			return at, true
		}
	}
	e.problem(field, "must be a date and time such as 2027-02-07T13:00:00 (local time, no quotes)")
	return time.Time{}, false
}

// number reads an optional whole number within [lo, hi].
func (e *entry) number(field string, lo, hi int, unit string) (n int, present, ok bool) {
	e.used[field] = true
	v, present := e.fields[field]
	if !present {
		return 0, false, true
	}
	i, isInt := v.(int64)
	if !isInt || i < int64(lo) || i > int64(hi) {
		e.problem(field, fmt.Sprintf("must be a whole number of %s from %d to %d, without quotes", unit, lo, hi))
		return 0, true, false
	}
	return int(i), true, true
}

// texts reads a table of texts by language where Danish is optional (a
// note), each at most max characters.
func (e *entry) texts(field string, max int) (domain.Texts, bool) {
	e.used[field] = true
	m, isTable := e.fields[field].(map[string]any)
	if !isTable {
		e.problem(field, `must be a table of texts by language, such as { da = "…", en = "…" }`)
		return nil, false
	}
	out := domain.Texts{}
	ok := true
	for lang, v := range m {
		f := field + "." + lang
		s, isString := v.(string)
		s = domain.CleanText(s)
		switch {
		case !locales.Supported(lang):
			e.problem(f, fmt.Sprintf("unknown language; use %s", strings.Join(locales.Languages, ", ")))
			ok = false
		case !isString || strings.TrimSpace(s) == "":
			e.problem(f, "must be text in quotes, not empty")
			ok = false
		case len([]rune(s)) > max:
			e.problem(f, fmt.Sprintf("has %d characters; at most %d", len([]rune(s)), max))
			ok = false
		default:
			out[lang] = strings.TrimSpace(s)
		}
	}
	return out, ok
}
