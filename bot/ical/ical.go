// Package ical writes iCalendar files (RFC 5545) of plain events, such as a
// volunteer's shifts for their phone's calendar. It is a small writer, not a
// library: one VCALENDAR of VEVENTs with UTC times, text values escaped
// (backslash, semicolon, comma, newline) and content lines folded at 75
// octets without splitting a UTF-8 character, lines ended by CRLF.
package ical

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one calendar entry. UID must be globally unique and stable (so a
// calendar updates the event when the file is imported again).
type Event struct {
	UID         string
	Start, End  time.Time
	Summary     string
	Location    string
	Description string
}

// ProdID names the program in the file.
const ProdID = "-//Roede Kors Ballerup//Vejviser//DA"

// Write writes events as one iCalendar stream. stamp is the DTSTAMP of
// every event (when the file was made).
func Write(w io.Writer, events []Event, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, e := range events {
		line("BEGIN", "VEVENT")
		line("UID", Escape(e.UID))
		line("DTSTAMP", utcStamp(stamp))
		line("DTSTART", utcStamp(e.Start))
		line("DTEND", utcStamp(e.End))
		line("SUMMARY", Escape(e.Summary))
		if e.Location != "" {
			line("LOCATION", Escape(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", Escape(e.Description))
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// utcStamp is a DATE-TIME in UTC form: 20270114T140000Z.
func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// Escape escapes a TEXT value (RFC 5545 3.3.11).
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes one content line, folded so that no line is longer
// than 75 octets (RFC 5545 3.1): continuation lines start with a space,
// and a UTF-8 character is never split.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
