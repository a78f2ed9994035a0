package plan

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// DefaultRemindBefore is how long before a meeting followers are reminded
// when the plan does not say.
const DefaultRemindBefore = 3 * time.Hour

// maxText is the longest title or place, in characters (the database
// allows 200 for the Danish title).
const maxText = 200

// readActivity reads one [[activity]] table:
//
//	key = "tal-dansk"
//	title = { da = "Tal Dansk Café", ar = "…", ti = "…", en = "Speak Danish Café" }
//	place = "Ballerup Bibliotek, Banegårdspladsen 1"   # optional
//	weekly = "thursday 15:00-17:00"                   # or cron = "0 15 * * THU" and duration = "2h"
//	remind_before = "3h"                               # optional; "0": no reminder
//	from = 2026-09-03                                  # optional: the first day of its meetings
func readActivity(e *entry, p *storage.Plan) {
	a := domain.Activity{Key: e.name, RemindBeforeMin: int(DefaultRemindBefore / time.Minute)}
	titles, titleOK := e.titles("title")
	if titleOK {
		a.Name = titles["da"]
		delete(titles, "da")
		a.Titles = titles
	}
	place, _ := e.text("place")
	if len([]rune(place)) > maxText {
		e.problem("place", fmt.Sprintf("has %d characters; at most %d", len([]rune(place)), maxText))
	}
	a.Place = place
	schedOK := e.activitySchedule(&a)
	remindOK := true
	if e.has("remind_before") {
		remindOK = false
		if v, isInt := e.fields["remind_before"].(int64); isInt && v == 0 {
			e.used["remind_before"] = true
			a.RemindBeforeMin, remindOK = 0, true
		} else if s, ok := e.text("remind_before"); ok {
			d, err := domain.ParseOffset(s)
			if err != nil {
				e.problem("remind_before", specMsg(err))
			} else {
				a.RemindBeforeMin, remindOK = int(d/time.Minute), true
			}
		}
	}
	fromOK := e.firstDay(&a)
	e.unknown()
	if titleOK && schedOK && remindOK && fromOK && domain.ValidKey(a.Key) {
		p.Activities = append(p.Activities, a)
	}
}

// firstDay reads the optional from: the first day of the activity's
// meetings (a TOML date, 2026-09-03, or "03.09.2026"), which the § 18
// report counts from. Without it, meetings count from the day the activity
// was created.
func (e *entry) firstDay(a *domain.Activity) bool {
	e.used["from"] = true
	v, present := e.fields["from"]
	if !present {
		return true
	}
	var y, d int
	var m time.Month
	switch t := v.(type) {
	case toml.LocalDate:
		y, m, d = t.Year, time.Month(t.Month), t.Day
	case string:
		at, err := time.Parse("02.01.2006", strings.TrimSpace(t))
		if err != nil {
			e.problem("from", "must be a date such as 2026-09-03 (no quotes) or \"03.09.2026\"")
			return false
		}
		y, m, d = at.Date()
	default:
		e.problem("from", "must be a date such as 2026-09-03 (no quotes) or \"03.09.2026\"")
		return false
	}
	day := time.Date(y, m, d, 0, 0, 0, 0, e.r.loc)
	a.FirstDay = &day
	return true
}

// activitySchedule reads exactly one of weekly (which sets the length
// itself) and cron with duration, and stores it as a cron spec.
func (e *entry) activitySchedule(a *domain.Activity) bool {
	switch {
	case e.has("weekly") && e.has("cron"):
		e.used["weekly"], e.used["cron"], e.used["duration"] = true, true, true
		e.problem(laterOf(e, "weekly", "cron"), `give either weekly or cron, not both`)
		return false
	case e.has("weekly"):
		ok := true
		if e.has("duration") {
			e.used["duration"] = true
			e.problem("duration", `not with weekly, which already has the end time ("thursday 15:00-17:00")`)
			ok = false
		}
		s, textOK := e.text("weekly")
		if !textOK {
			return false
		}
		w, err := domain.ParseWeekly(s)
		if err != nil {
			e.problem("weekly", specMsg(err))
			return false
		}
		a.Schedule, a.DurationMin = w.Cron(), w.DurationMin()
		return ok
	case e.has("cron"):
		ok := true
		spec, textOK := e.text("cron")
		if textOK {
			sp, err := domain.ParseSpec(spec)
			if err != nil {
				e.problem("cron", specMsg(err))
				ok = false
			} else {
				a.Schedule = sp.String()
			}
		} else {
			ok = false
		}
		if !e.has("duration") {
			e.problem("cron", `needs duration, the length of one meeting, such as duration = "2h"`)
			return false
		}
		length, textOK := e.text("duration")
		if !textOK {
			return false
		}
		d, err := domain.ParseDuration(length)
		if err != nil {
			e.problem("duration", specMsg(err))
			return false
		}
		a.DurationMin = int(d / time.Minute)
		return ok
	default:
		if e.has("duration") {
			e.used["duration"] = true
		}
		e.problemAt(e.line, "weekly", `is required, such as weekly = "thursday 15:00-17:00" (or cron with duration)`)
		return false
	}
}

// titles reads a table of texts by language: Danish required, then any of
// the other supported languages, none empty.
func (e *entry) titles(field string) (domain.Texts, bool) {
	e.used[field] = true
	v, present := e.fields[field]
	if !present {
		e.problemAt(e.line, field, `is required, at least in Danish: `+field+` = { da = "…" }`)
		return nil, false
	}
	m, isTable := v.(map[string]any)
	if !isTable {
		e.problem(field, `must be a table of texts by language, such as { da = "…", en = "…" }`)
		return nil, false
	}
	out := domain.Texts{}
	ok := true
	langs := make([]string, 0, len(m))
	for lang := range m {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		f := field + "." + lang
		s, isString := m[lang].(string)
		s = domain.CleanText(s)
		switch {
		case !locales.Supported(lang):
			e.problem(f, fmt.Sprintf("unknown language; use %s", strings.Join(locales.Languages, ", ")))
			ok = false
		case !isString:
			e.problem(f, "must be text in quotes")
			ok = false
		case strings.TrimSpace(s) == "":
			e.problem(f, "is empty; leave the language out instead")
			ok = false
		case len([]rune(strings.TrimSpace(s))) > maxText:
			e.problem(f, fmt.Sprintf("has %d characters; at most %d", len([]rune(strings.TrimSpace(s))), maxText))
			ok = false
		default:
			out[lang] = strings.TrimSpace(s)
		}
	}
	if _, hasDa := m["da"]; !hasDa {
		e.problem(field, `needs the Danish title: da = "…"`)
		ok = false
	}
	return out, ok
}

// laterOf is whichever of two fields comes later in the file: the one
// that breaks the rule.
func laterOf(e *entry, a, b string) string {
	if e.fieldLine(b) >= e.fieldLine(a) {
		return b
	}
	return a
}

// specMsg is a schedule error without the package's prefix.
func specMsg(err error) string {
	if errors.Is(err, domain.ErrSpec) {
		return strings.TrimPrefix(err.Error(), domain.ErrSpec.Error()+": ")
	}
	return err.Error()
}
