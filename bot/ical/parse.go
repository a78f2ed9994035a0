package ical

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Parse reads back the events of an iCalendar stream as Write writes them
// (unfolding lines, unescaping text, UTC or floating DATE-TIME values; a
// TZID parameter is looked up in the time zone database). It is what tests
// and imports of our own files need, not a general iCalendar reader.
func Parse(r io.Reader) ([]Event, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		l := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("ical: continuation without a line")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []Event
	var cur *Event
	for _, l := range lines {
		nameParams, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("ical: line without a colon: %q", l)
		}
		parts := strings.Split(nameParams, ";")
		name := strings.ToUpper(parts[0])
		switch {
		case name == "BEGIN" && value == "VEVENT":
			cur = &Event{}
		case name == "END" && value == "VEVENT":
			if cur == nil {
				return nil, fmt.Errorf("ical: END:VEVENT without BEGIN")
			}
			out = append(out, *cur)
			cur = nil
		case cur == nil:
		case name == "UID":
			cur.UID = unescape(value)
		case name == "SUMMARY":
			cur.Summary = unescape(value)
		case name == "LOCATION":
			cur.Location = unescape(value)
		case name == "DESCRIPTION":
			cur.Description = unescape(value)
		case name == "DTSTART" || name == "DTEND":
			t, err := parseTime(value, parts[1:])
			if err != nil {
				return nil, err
			}
			if name == "DTSTART" {
				cur.Start = t
			} else {
				cur.End = t
			}
		}
	}
	return out, nil
}

func parseTime(v string, params []string) (time.Time, error) {
	loc := time.UTC
	for _, p := range params {
		if k, val, _ := strings.Cut(p, "="); strings.EqualFold(k, "TZID") {
			l, err := time.LoadLocation(val)
			if err != nil {
				return time.Time{}, fmt.Errorf("ical: TZID %q: %w", val, err)
			}
			loc = l
		}
	}
	if strings.HasSuffix(v, "Z") {
		return time.Parse("20060102T150405Z", v)
	}
	return time.ParseInLocation("20060102T150405", v, loc)
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
