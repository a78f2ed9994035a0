package ical

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

// parse reads the events back with github.com/emersion/go-ical, a
// maintained iCalendar library independent of this writer: what it reads
// is what a calendar application would.
func parse(t *testing.T, r io.Reader) []Event {
	t.Helper()
	cal, err := goical.NewDecoder(r).Decode()
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	var out []Event
	for _, ev := range cal.Events() {
		var e Event
		e.UID = ev.Props.Get(goical.PropUID).Value
		e.Summary, _ = ev.Props.Text(goical.PropSummary)
		e.Location, _ = ev.Props.Text(goical.PropLocation)
		e.Description, _ = ev.Props.Text(goical.PropDescription)
		var err1, err2 error
		e.Start, err1 = ev.DateTimeStart(time.UTC)
		e.End, err2 = ev.DateTimeEnd(time.UTC)
		if err1 != nil || err2 != nil {
			t.Fatalf("event times: %v %v", err1, err2)
		}
		out = append(out, e)
	}
	return out
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 "plain",
		"a,b;c":                 `a\,b\;c`,
		`back\slash`:            `back\\slash`,
		"two\nlines":            `two\nlines`,
		"crlf\r\nline":          `crlf\nline`,
		"Vært, Tal Dansk Café;": `Vært\, Tal Dansk Café\;`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldingAt75Octets(t *testing.T) {
	long := strings.Repeat("ሓገዝ ዕዮ ገዛ ", 20) // Ge'ez: 3 octets a letter
	var b bytes.Buffer
	ev := Event{UID: "x@vejviser", Start: time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 14, 16, 0, 0, 0, time.UTC), Summary: long}
	if err := Write(&b, []Event{ev}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("lines must end with CRLF only")
	}
	folded := 0
	for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("a long summary was not folded")
	}
	got := parse(t, strings.NewReader(out))
	if len(got) != 1 || got[0].Summary != long {
		t.Errorf("unfolded summary %q, want %q", got[0].Summary, long)
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	evs := []Event{
		{UID: "shift-1-1768395600@vejviser", Start: time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 14, 16, 0, 0, 0, time.UTC),
			Summary: "Vært: Tal Dansk Café", Location: "Ballerup Bibliotek, Banegårdspladsen 1", Description: "Line one\nline; two, \\ three"},
		{UID: "shift-2@vejviser", Start: time.Date(2027, 1, 12, 9, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 12, 11, 0, 0, 0, time.UTC), Summary: "Rundvisning"},
	}
	var b bytes.Buffer
	if err := Write(&b, evs, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "DTSTART:20270114T140000Z\r\n", "DTSTAMP:20270101T000000Z\r\n",
		`LOCATION:Ballerup Bibliotek\, Banegårdspladsen 1`, "END:VCALENDAR\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	got := parse(t, strings.NewReader(out))
	if len(got) != len(evs) {
		t.Fatalf("parsed %d events, want %d", len(got), len(evs))
	}
	for i := range evs {
		got[i].Start, got[i].End = got[i].Start.UTC(), got[i].End.UTC()
		if got[i] != evs[i] {
			t.Errorf("event %d: got %+v, want %+v", i, got[i], evs[i])
		}
	}
}
