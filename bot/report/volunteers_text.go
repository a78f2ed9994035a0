package report

import (
	"strconv"
	"strings"
	"time"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// RenderVolunteerHours is the volunteers' part of the report (`vejviser
// report`, /report) in L's language: hours in all, places filled, distinct
// volunteers, then hours per month and per activity. It is pure, so the
// report can place it wherever it fits; rep comes from
// storage.Store.VolunteerHoursBetween.
func RenderVolunteerHours(L *locales.Localizer, rep domain.VolunteerHours) string {
	lines := []string{
		L.T("VolunteerHoursHead", nil),
		L.T("VolunteerHoursTotals", locales.Data{"Hours": hoursText(L, rep.Total), "Shifts": locales.Isolated(L.N("ShiftsCount", rep.Shifts, nil)),
			"Volunteers": locales.Isolated(L.N("VolunteersCount", rep.Volunteers, nil))}),
	}
	if len(rep.ByMonth) > 0 {
		lines = append(lines, "", L.T("VolunteerHoursByMonth", nil))
		for _, m := range rep.ByMonth {
			lines = append(lines, "• "+monthText(L, m.Month)+": "+hoursText(L, m.Hours))
		}
	}
	if len(rep.ByActivity) > 0 {
		lines = append(lines, "", L.T("VolunteerHoursByActivity", nil))
		for _, a := range rep.ByActivity {
			lines = append(lines, "• "+L.Isolate(a.Title)+": "+hoursText(L, a.Hours))
		}
	}
	return strings.Join(lines, "\n")
}

// hoursText is a number of hours with at most one decimal, in the plural
// form that number takes ("1 time", "6 timer", "1,5 time").
func hoursText(L *locales.Localizer, h float64) string {
	return L.Decimal("VolunteerHoursCount", strconv.FormatFloat(float64(int(h*10+0.5))/10, 'f', -1, 64), nil)
}

// monthText spells out "2027-01" as "januar 2027".
func monthText(L *locales.Localizer, ym string) string {
	y, m, ok := strings.Cut(ym, "-")
	n, err := strconv.Atoi(m)
	if !ok || err != nil || n < 1 || n > 12 {
		return ym
	}
	return L.Month(time.Month(n)) + " " + y
}
