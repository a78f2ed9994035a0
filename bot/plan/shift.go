package plan

import (
	"fmt"
	"time"

	"github.com/pelletier/go-toml/v2"

	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// defaultLoc is the time zone of Parse: the project's, Europe/Copenhagen.
var defaultLoc = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Copenhagen"); err == nil {
		return loc
	}
	return time.UTC
}()

// readShift reads one [[shift]] table:
//
//	key = "tal-dansk-host"
//	activity = "tal-dansk"            # or: start = 2027-01-12T10:00:00 and end = 2027-01-12T12:00:00
//	place = "Ballerup Station"        # standalone shifts only, optional
//	role = { da = "Vært", en = "Host" }
//	needed = 2
//	requires = ["child_certificate"]  # optional
//	language = "ti"                   # optional
//
// The activity may be one of the same file or one already imported; the
// import checks that it exists.
func readShift(e *entry, p *storage.Plan) {
	ps := storage.PlanShift{Shift: domain.Shift{Key: e.name}}
	ok := true
	roles, roleOK := e.titles("role")
	if roleOK {
		ps.Role = roles["da"]
		delete(roles, "da")
		ps.Roles = roles
		if n := len([]rune(ps.Role)); n > 100 {
			e.problem("role.da", fmt.Sprintf("has %d characters; at most 100", n))
			ok = false
		}
	}
	ok = roleOK && ok
	ok = readShiftWhere(e, &ps) && ok
	ok = readShiftNeeds(e, &ps) && ok
	e.unknown()
	if ok && domain.ValidKey(ps.Key) {
		p.Shifts = append(p.Shifts, ps)
	}
}

// readShiftWhere reads when and where a shift meets: the meetings of an
// activity, or a start and end of its own with a place.
func readShiftWhere(e *entry, ps *storage.PlanShift) bool {
	ok := true
	switch {
	case e.has("activity") && (e.has("start") || e.has("end")):
		e.used["start"], e.used["end"], e.used["activity"] = true, true, true
		e.problem(laterOf(e, "activity", "start"), "give either activity or start and end, not both")
		ok = false
	case e.has("activity"):
		a, textOK := e.text("activity")
		ok = ok && textOK
		ps.Activity = a
		if e.has("place") {
			e.used["place"] = true
			e.problem("place", "a shift of an activity meets at the activity's place; leave place out")
			ok = false
		}
	case e.has("start") || e.has("end"):
		start, startOK := e.shiftTime("start")
		end, endOK := e.shiftTime("end")
		if startOK && endOK && !end.After(start) {
			e.problem("end", "must come after start")
			endOK = false
		}
		ok = ok && startOK && endOK
		ps.StartsAt, ps.EndsAt = &start, &end
		place, _ := e.text("place")
		if n := len([]rune(place)); n > maxText {
			e.problem("place", fmt.Sprintf("has %d characters; at most %d", n, maxText))
			ok = false
		}
		ps.Place = place
	default:
		e.problemAt(e.line, "activity", `is required: activity = "tal-dansk", or start and end such as start = 2027-01-12T10:00:00`)
		ok = false
	}
	return ok
}

// readShiftNeeds reads how many people a shift needs, what they need (a
// child certificate) and the language it asks for.
func readShiftNeeds(e *entry, ps *storage.PlanShift) bool {
	ok := true
	e.used["needed"] = true
	switch n, isInt := e.fields["needed"].(int64); {
	case !e.has("needed"):
		e.problemAt(e.line, "needed", "is required: how many people the shift needs, such as needed = 2")
		ok = false
	case !isInt || n < 1 || n > 50:
		e.problem("needed", "must be a whole number from 1 to 50, without quotes")
		ok = false
	default:
		ps.Needed = int(n)
	}
	if e.has("requires") {
		e.used["requires"] = true
		list, isList := e.fields["requires"].([]any)
		if !isList {
			e.problem("requires", `must be a list, such as requires = ["child_certificate"]`)
			ok = false
		}
		for _, r := range list {
			if r != "child_certificate" {
				e.problem("requires", fmt.Sprintf(`unknown requirement %v; the one there is: "child_certificate"`, r))
				ok = false
				continue
			}
			ps.RequiresCert = true
		}
	}
	if lang, has := e.text("language"); has {
		if !locales.Supported(lang) {
			e.problem("language", fmt.Sprintf("unknown language %q; use da, ar, ti or en", lang))
			ok = false
		}
		ps.Language = lang
	} else if e.has("language") {
		ok = false
	}
	return ok
}

// shiftTime reads a TOML local date-time (2027-01-12T10:00:00, no offset)
// as a time in the plan's time zone (a time that does not exist or exists
// twice on a switch day is read by domain.Wall's rule).
func (e *entry) shiftTime(field string) (time.Time, bool) {
	e.used[field] = true
	v, present := e.fields[field]
	if !present {
		e.problemAt(e.line, field, "is required with a standalone shift, such as "+field+" = 2027-01-12T10:00:00")
		return time.Time{}, false
	}
	ldt, isLocal := v.(toml.LocalDateTime)
	if !isLocal {
		e.problem(field, "must be a date and time without quotes or offset, such as 2027-01-12T10:00:00")
		return time.Time{}, false
	}
	w := time.Date(ldt.Year, time.Month(ldt.Month), ldt.Day, ldt.Hour, ldt.Minute, ldt.Second, 0, time.UTC)
	return domain.Wall(w, e.r.loc), true
}
