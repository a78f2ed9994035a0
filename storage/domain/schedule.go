package domain

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// parser accepts the standard five fields (minute hour day-of-month month
// day-of-week) plus descriptors such as @weekly. Seconds are not offered:
// nobody meets at 15:00:30.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Spec is a parsed schedule: robfig/cron's spec, read as local wall-clock
// time of the activity's time zone.
type Spec struct {
	text  string
	sched cron.Schedule
}

// ParseSpec parses a five-field cron spec ("0 15 * * THU"). A time zone
// prefix is refused: the zone is the instance's, one for all activities.
func ParseSpec(s string) (Spec, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return Spec{}, fmt.Errorf("%w: empty", ErrSpec)
	}
	if strings.HasPrefix(s, "TZ=") || strings.HasPrefix(s, "CRON_TZ=") {
		return Spec{}, fmt.Errorf("%w: no time zone in the spec, the bot's VEJVISER_TZ applies", ErrSpec)
	}
	if strings.HasPrefix(s, "@every") {
		return Spec{}, fmt.Errorf("%w: @every is not a calendar schedule", ErrSpec)
	}
	sched, err := parser.Parse(s)
	if err != nil {
		return Spec{}, fmt.Errorf("%w: %v", ErrSpec, err)
	}
	// Read the spec on a clock without daylight saving: the wall times it
	// yields are turned into real instants by Wall, which owns the DST rule.
	if ss, ok := sched.(*cron.SpecSchedule); ok {
		ss.Location = time.UTC
		if !AtMostHourly(ss) {
			return Spec{}, fmt.Errorf("%w: %q %w", ErrSpec, s, ErrTooOften)
		}
	}
	sp := Spec{text: s, sched: sched}
	if sp.next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		return Spec{}, fmt.Errorf("%w: %q never happens", ErrSpec, s)
	}
	return sp, nil
}

// AtMostHourly is the rule for how often an activity may meet: at one
// minute of the hour, so never twice within an hour. Every schedule an
// activity keeps (typed in the chat or imported from a plan) passes it; a
// meeting every minute would make a year of reminders and shift slots half
// a million rows.
func AtMostHourly(ss *cron.SpecSchedule) bool {
	const star = 1 << 63 // robfig/cron's mark of a field written as *
	return bits.OnesCount64(ss.Minute&^star) == 1
}

// String is the spec as stored.
func (s Spec) String() string { return s.text }

// next is the first matching wall time strictly after wall (both as UTC
// stand-ins for local wall clock), or zero.
func (s Spec) next(wall time.Time) time.Time { return s.sched.Next(wall) }

// Between lists the starts in [from, to) in loc, as real instants.
//
// Daylight saving: robfig/cron's own Next skips a 02:30 job on the spring
// switch and runs it twice on the autumn switch. Here the spec is matched
// against wall-clock dates on a clock without DST, and each wall time is
// turned into one instant by Wall, so every matching date yields exactly one
// occurrence (see Wall for which instant).
func (s Spec) Between(loc *time.Location, from, to time.Time) []time.Time {
	if !from.Before(to) {
		return nil
	}
	// Start one day early in wall time: a wall time just before from's wall
	// clock can still be at or after from once the offset is applied.
	cursor := asWall(from.In(loc)).Add(-26*time.Hour - time.Second)
	end := asWall(to.In(loc)).Add(26 * time.Hour)
	var out []time.Time
	for {
		w := s.next(cursor)
		if w.IsZero() || w.After(end) {
			return out
		}
		cursor = w
		t := Wall(w, loc)
		// In a spring gap two wall times can name one instant (02:00 moved
		// forward is 03:00): one meeting, not two.
		if n := len(out); n > 0 && !t.After(out[n-1]) {
			continue
		}
		if !t.Before(from) && t.Before(to) {
			out = append(out, t)
		}
	}
}

// Next is the first start at or after t, or zero if there is none within
// a year (which ParseSpec rules out for valid specs).
func (s Spec) Next(loc *time.Location, t time.Time) time.Time {
	for _, span := range []time.Duration{8 * 24 * time.Hour, 370 * 24 * time.Hour} {
		if ts := s.Between(loc, t, t.Add(span)); len(ts) > 0 {
			return ts[0]
		}
	}
	return time.Time{}
}

// asWall re-labels a local time's wall clock as UTC, so that wall-clock
// arithmetic has no DST jumps.
func asWall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// Wall turns a wall-clock time (given as UTC stand-in) into the instant it
// names in loc. The rule at daylight-saving switches:
//   - a time that does not exist (02:30 on the last Sunday of March in
//     Europe/Copenhagen) is moved forward by the gap: 03:30 summer time, the
//     moment the clock would have shown 02:30 had it not jumped;
//   - a time that exists twice (02:30 on the last Sunday of October) is the
//     earlier of the two, in summer time, so a meeting and its reminder are
//     never an hour late.
func Wall(w time.Time, loc *time.Location) time.Time {
	t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, loc)
	if !sameWall(t, w) {
		return t // in a gap: time.Date has moved it forward by the gap
	}
	// Ambiguous? Look for an earlier instant that shows the same wall clock.
	_, off := t.Zone()
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		e := t.Add(-d)
		if _, eoff := e.Zone(); eoff != off && sameWall(e, w) {
			return e
		}
	}
	return t
}

func sameWall(t, w time.Time) bool {
	return t.Year() == w.Year() && t.Month() == w.Month() && t.Day() == w.Day() &&
		t.Hour() == w.Hour() && t.Minute() == w.Minute()
}

// Weekly is a schedule of one or more weekdays with a start and end time,
// as coordinators write it: "thursday 15:00-17:00", "monday,tuesday 16:00-18:00".
type Weekly struct {
	Days       []time.Weekday
	Start, End Clock
}

// Clock is a time of day.
type Clock struct{ Hour, Minute int }

// String is "15:04".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

func (c Clock) minutes() int { return c.Hour*60 + c.Minute }

// weekdayNames accepts English and Danish names and their three-letter forms.
var weekdayNames = map[string]time.Weekday{}

func init() {
	for d, names := range map[time.Weekday][]string{
		time.Monday:    {"monday", "mon", "mandag", "man"},
		time.Tuesday:   {"tuesday", "tue", "tirsdag", "tir"},
		time.Wednesday: {"wednesday", "wed", "onsdag", "ons"},
		time.Thursday:  {"thursday", "thu", "torsdag", "tor"},
		time.Friday:    {"friday", "fri", "fredag", "fre"},
		time.Saturday:  {"saturday", "sat", "lørdag", "lør"},
		time.Sunday:    {"sunday", "sun", "søndag", "søn"},
	} {
		for _, n := range names {
			weekdayNames[n] = d
		}
	}
}

// ParseWeekday reads one weekday name (English or Danish, full or three letters).
func ParseWeekday(s string) (time.Weekday, error) {
	d, ok := weekdayNames[strings.ToLower(strings.TrimSpace(s))]
	if !ok {
		return 0, fmt.Errorf("%w: unknown weekday %q", ErrSpec, strings.TrimSpace(s))
	}
	return d, nil
}

// ParseClock reads "15:00" (or "15.00", "9:30").
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ":"))
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return Clock{}, fmt.Errorf("%w: %q is not a time like 15:00", ErrSpec, s)
	}
	return Clock{hh, mm}, nil
}

// ParseTimeRange reads "15:00-17:00" (a dash or an en dash); the end must
// be after the start on the same day.
func ParseTimeRange(s string) (start, end Clock, err error) {
	a, b, ok := strings.Cut(strings.ReplaceAll(s, "–", "-"), "-")
	if !ok {
		return start, end, fmt.Errorf("%w: %q is not a time range like 15:00-17:00", ErrSpec, strings.TrimSpace(s))
	}
	if start, err = ParseClock(a); err != nil {
		return start, end, err
	}
	if end, err = ParseClock(b); err != nil {
		return start, end, err
	}
	if end.minutes() <= start.minutes() {
		return start, end, fmt.Errorf("%w: the end %s is not after the start %s", ErrSpec, end, start)
	}
	return start, end, nil
}

// ParseWeekly reads "thursday 15:00-17:00" or "monday,tuesday 16:00-18:00".
func ParseWeekly(s string) (Weekly, error) {
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return Weekly{}, fmt.Errorf("%w: %q is not like \"thursday 15:00-17:00\"", ErrSpec, strings.TrimSpace(s))
	}
	var w Weekly
	seen := map[time.Weekday]bool{}
	for _, name := range strings.Split(fields[0], ",") {
		d, err := ParseWeekday(name)
		if err != nil {
			return Weekly{}, err
		}
		if !seen[d] {
			seen[d] = true
			w.Days = append(w.Days, d)
		}
	}
	var err error
	if w.Start, w.End, err = ParseTimeRange(fields[1]); err != nil {
		return Weekly{}, err
	}
	return w, nil
}

// Cron is the weekly schedule as a cron spec, days in week order from Monday.
func (w Weekly) Cron() string {
	var days []string
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		for _, x := range w.Days {
			if x == d {
				days = append(days, strings.ToUpper(d.String()[:3]))
			}
		}
	}
	return fmt.Sprintf("%d %d * * %s", w.Start.Minute, w.Start.Hour, strings.Join(days, ","))
}

// DurationMin is the length of one meeting in minutes.
func (w Weekly) DurationMin() int { return w.End.minutes() - w.Start.minutes() }

// AsWeekly reads a cron spec back as a weekly schedule when it is one
// (fixed minute and hour, any day of month and month, listed weekdays), so
// coordinators see "torsdag 15:00–17:00" rather than a cron line.
func AsWeekly(spec string, durationMin int) (Weekly, bool) {
	f := strings.Fields(spec)
	if len(f) != 5 || f[2] != "*" || f[3] != "*" {
		return Weekly{}, false
	}
	m, err1 := strconv.Atoi(f[0])
	h, err2 := strconv.Atoi(f[1])
	if err1 != nil || err2 != nil || m < 0 || m > 59 || h < 0 || h > 23 {
		return Weekly{}, false
	}
	w := Weekly{Start: Clock{h, m}}
	end := h*60 + m + durationMin
	if end > 24*60 {
		return Weekly{}, false
	}
	w.End = Clock{end / 60, end % 60}
	if end == 24*60 {
		return Weekly{}, false
	}
	for _, d := range strings.Split(f[4], ",") {
		day, ok := cronDays[strings.ToUpper(d)]
		if !ok {
			return Weekly{}, false
		}
		w.Days = append(w.Days, day)
	}
	return w, true
}

var cronDays = map[string]time.Weekday{
	"SUN": time.Sunday, "MON": time.Monday, "TUE": time.Tuesday, "WED": time.Wednesday,
	"THU": time.Thursday, "FRI": time.Friday, "SAT": time.Saturday,
	"0": time.Sunday, "1": time.Monday, "2": time.Tuesday, "3": time.Wednesday,
	"4": time.Thursday, "5": time.Friday, "6": time.Saturday, "7": time.Sunday,
}

// ParseOffset reads how long before a meeting to remind: "3h", "90m",
// "1d", "2h30m", or "0" for no reminder. At most a week.
func ParseOffset(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "0" {
		return 0, nil
	}
	var d time.Duration
	var err error
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		n, err = strconv.Atoi(days)
		d = time.Duration(n) * 24 * time.Hour
	} else {
		d, err = time.ParseDuration(s)
	}
	if err != nil || d < 0 || d > 7*24*time.Hour || d%time.Minute != 0 {
		return 0, fmt.Errorf("%w: %q is not a time before the meeting like 3h, 90m or 1d", ErrSpec, s)
	}
	return d, nil
}

// ParseDuration reads a meeting's length: "2h", "90m", "1h30m"; 1 minute to 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.ToLower(strings.TrimSpace(s)))
	if err != nil || d < time.Minute || d > 24*time.Hour || d%time.Minute != 0 {
		return 0, fmt.Errorf("%w: %q is not a length like 2h or 90m", ErrSpec, strings.TrimSpace(s))
	}
	return d, nil
}

// ParseLocalDateTime reads a date and time as coordinators type them, in
// loc: "23.12.2026 15:00", "23/12/2026 15:00", "2026-12-23 15:00", or
// "23.12 15:00" (the next such date from now).
func ParseLocalDateTime(s string, loc *time.Location, now time.Time) (time.Time, error) {
	f := strings.Fields(strings.TrimSpace(s))
	bad := fmt.Errorf("%w: %q is not a date and time like 23.12.2026 15:00", ErrSpec, strings.TrimSpace(s))
	if len(f) != 2 {
		return time.Time{}, bad
	}
	c, err := ParseClock(f[1])
	if err != nil {
		return time.Time{}, bad
	}
	var y, m, d int
	date := strings.NewReplacer("/", ".", "-", ".").Replace(f[0])
	parts := strings.Split(date, ".")
	nums := make([]int, len(parts))
	for i, p := range parts {
		if nums[i], err = strconv.Atoi(p); err != nil {
			return time.Time{}, bad
		}
	}
	switch {
	case len(parts) == 3 && len(parts[0]) == 4:
		y, m, d = nums[0], nums[1], nums[2]
	case len(parts) == 3:
		d, m, y = nums[0], nums[1], nums[2]
	case len(parts) == 2 || (len(parts) == 3 && parts[2] == ""):
		d, m = nums[0], nums[1]
		y = now.In(loc).Year()
		if t := Wall(time.Date(y, time.Month(m), d, c.Hour, c.Minute, 0, 0, time.UTC), loc); t.Before(now) {
			y++
		}
	default:
		return time.Time{}, bad
	}
	if y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, bad
	}
	w := time.Date(y, time.Month(m), d, c.Hour, c.Minute, 0, 0, time.UTC)
	if w.Day() != d { // 31 April
		return time.Time{}, fmt.Errorf("%w: %s", ErrNotADate, f[0])
	}
	return Wall(w, loc), nil
}
