// Package ical writes iCalendar files (RFC 5545) with one or more events,
// for the 📅 button of an event (and, later, of a volunteer shift): lines
// end in CRLF and are folded at 75 octets without splitting a UTF-8
// character, text values are escaped, and times are written in UTC.
package ical

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one VEVENT.
type Event struct {
	UID         string // globally unique and stable, e.g. "event-12@vejviser"
	Start, End  time.Time
	Summary     string
	Location    string
	Description string
	URL         string
	Cancelled   bool // STATUS:CANCELLED, so a calendar that imported it can drop it
	Sequence    int  // bumped when the event changes, so calendars take the new version
}

// Calendar renders the events as a complete VCALENDAR; now is the DTSTAMP.
func Calendar(now time.Time, events ...Event) []byte {
	var b bytes.Buffer
	line := func(s string) { b.WriteString(Fold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Vejviser//Røde Kors Ballerup//DA")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + Escape(e.UID))
		line("DTSTAMP:" + Stamp(now))
		line("DTSTART:" + Stamp(e.Start))
		line("DTEND:" + Stamp(e.End))
		if e.Sequence > 0 {
			line("SEQUENCE:" + strconv.Itoa(e.Sequence))
		}
		line("SUMMARY:" + Escape(e.Summary))
		if e.Location != "" {
			line("LOCATION:" + Escape(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION:" + Escape(e.Description))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		if e.Cancelled {
			line("STATUS:CANCELLED")
		} else {
			line("STATUS:CONFIRMED")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// Stamp is t as an RFC 5545 UTC date-time: 20270207T120000Z.
func Stamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Escape escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma, and newlines as \n.
func Escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// Fold ends a content line with CRLF, folding it so that no line is longer
// than 75 octets (RFC 5545 3.1): a continuation begins with one space,
// which counts towards its 75. A multi-octet character is never split.
func Fold(s string) string {
	var b strings.Builder
	limit := 75
	n := 0
	for _, r := range s {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 3 // an invalid rune is written as U+FFFD
		}
		if n+size > limit {
			b.WriteString("\r\n ")
			limit = 74 // the leading space takes one octet
			n = 0
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
