package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Pris 20 kr., pr. familie": `Pris 20 kr.\, pr. familie`,
		`a;b\c`:                    `a\;b\\c`,
		"line1\nline2":             `line1\nline2`,
		"crlf\r\nend":              `crlf\nend`,
		"":                         "",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldKeepsLinesWithin75OctetsAndCharactersWhole(t *testing.T) {
	for _, s := range []string{
		"SUMMARY:" + strings.Repeat("a", 200),
		"SUMMARY:" + strings.Repeat("ሓ", 100), // Ge'ez: 3 octets each
		"DESCRIPTION:" + strings.Repeat("æø", 70),
		"SHORT:x",
		"EXACT:" + strings.Repeat("b", 69), // 75 octets: not folded
	} {
		out := Fold(s)
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("%q does not end in CRLF", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("line %d has %d octets", i, len(l))
			}
			if i > 0 && !strings.HasPrefix(l, " ") {
				t.Errorf("continuation %d does not start with a space: %q", i, l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a character: %q", i, l)
			}
		}
		// Unfolding (RFC 5545 3.1) gives the line back.
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != s {
			t.Errorf("unfolded %q, want %q", got, s)
		}
		if len(s) <= 75 && len(lines) != 1 {
			t.Errorf("%d octets folded into %d lines", len(s), len(lines))
		}
	}
}

func TestCalendar(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	out := string(Calendar(now, Event{
		UID: "event-3@vejviser", Summary: "Fastelavnsfest", Location: "Ballerup Sprogskole, Banegårdspladsen 1",
		Description: "Pris 20 kr. pr. familie\nTag udklædning med",
		Start:       time.Date(2027, 2, 7, 13, 0, 0, 0, cph), End: time.Date(2027, 2, 7, 16, 0, 0, 0, cph), Sequence: 2,
	}))
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"BEGIN:VEVENT\r\nUID:event-3@vejviser\r\nDTSTAMP:20270110T090000Z\r\n",
		"DTSTART:20270207T120000Z\r\n", // 13:00 winter time is 12:00 UTC
		"DTEND:20270207T150000Z\r\n",
		"SEQUENCE:2\r\n",
		"SUMMARY:Fastelavnsfest\r\n",
		`LOCATION:Ballerup Sprogskole\, Banegårdspladsen 1` + "\r\n",
		`DESCRIPTION:Pris 20 kr. pr. familie\nTag udklædning med` + "\r\n",
		"STATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("calendar lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Error("a bare LF in the calendar")
	}
	if c := string(Calendar(now, Event{UID: "x", Cancelled: true, Start: now, End: now.Add(time.Hour)})); !strings.Contains(c, "STATUS:CANCELLED\r\n") {
		t.Errorf("cancelled event without STATUS:CANCELLED:\n%s", c)
	}
}
