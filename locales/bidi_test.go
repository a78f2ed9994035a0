package locales

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/bidi"
)

// paragraphRTL applies rules P2 and P3 of the Unicode Bidirectional Algorithm:
// the first strong letter outside any isolate decides the direction of a line;
// a line without one is laid out left to right. ok is false when there is none.
func paragraphRTL(line string) (rtl, ok bool) {
	depth := 0
	for _, r := range line {
		p, _ := bidi.LookupRune(r)
		switch c := p.Class(); {
		case c == bidi.LRI || c == bidi.RLI || c == bidi.FSI:
			depth++
		case c == bidi.PDI:
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case c == bidi.L:
			return false, true
		case c == bidi.R || c == bidi.AL:
			return true, true
		}
	}
	return false, false
}

// visualIndex maps each rune of line (by its logical index) to its column on
// screen, counted from the left, from the runs golang.org/x/text/unicode/bidi
// resolves. Reversing runs by direction is exact for the nesting our lines
// have: an Arabic paragraph with isolated values one level deep.
func visualIndex(t *testing.T, line string, rtl bool) (col, run []int) {
	t.Helper()
	var p bidi.Paragraph
	opt := bidi.DefaultDirection(bidi.LeftToRight)
	if rtl {
		opt = bidi.DefaultDirection(bidi.RightToLeft)
	}
	if _, err := p.SetString(line, opt); err != nil {
		t.Fatal(err)
	}
	o, err := p.Order()
	if err != nil {
		t.Fatal(err)
	}
	runs := make([]bidi.Run, o.NumRuns())
	for i := range runs {
		runs[i] = o.Run(i)
	}
	if rtl {
		for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
			runs[i], runs[j] = runs[j], runs[i]
		}
	}
	col = make([]int, len([]rune(line)))
	run = make([]int, len(col))
	x := 0
	for n, r := range runs {
		start, end := r.Pos()
		for k := start; k <= end; k++ {
			at := k
			if r.Direction() == bidi.RightToLeft {
				at = end - (k - start)
			}
			col[at], run[at] = x, n
			x++
		}
	}
	return col, run
}

// readingOrderProblem reports the first pair of tokens an Arabic reader,
// reading from the right, meets in an order other than the one the line was
// written in; "" when they come in order. Tokens inside one left-to-right run
// (an example input such as "23.12.2026 15:00") are read left to right and
// not compared.
func readingOrderProblem(t *testing.T, line string, tokens []string) string {
	t.Helper()
	col, run := visualIndex(t, line, true)
	runes := []rune(line)
	type hit struct {
		tok string
		at  int
	}
	var hits []hit
	for i := range runes {
		for _, tok := range tokens {
			if strings.HasPrefix(string(runes[i:]), tok) && (i == 0 || !unicode.IsDigit(runes[i-1])) {
				hits = append(hits, hit{tok, i})
			}
		}
	}
	for i := 1; i < len(hits); i++ {
		if run[hits[i].at] != run[hits[i-1].at] && col[hits[i].at] > col[hits[i-1].at] {
			return hits[i].tok + " is read before " + hits[i-1].tok
		}
	}
	return ""
}

// arabicSamples are placeholder values as the code passes them: dates and
// times rendered by the catalogue, lists already isolated, names in Latin.
func arabicSamples(L *Localizer, start time.Time) Data {
	d := Data{
		"When": L.DateTime(start), "Date": L.Date(start), "Was": L.DateTime(start.AddDate(0, 0, -7)),
		"Expires": L.DateTime(start), "Since": L.Date(start), "Time": L.Clock(start),
		"Start": L.Clock(start), "End": L.Clock(start.Add(2 * time.Hour)),
		"Weekday": L.Weekday(start.Weekday()), "Day": start.Day(), "Month": L.Month(start.Month()),
		"MonthNum": int(start.Month()), "Year": strconv.Itoa(start.Year()),
		"Days":       L.List([]string{L.Weekday(time.Monday), L.Weekday(time.Thursday)}),
		"Activities": L.List([]string{"Tal Dansk Café", "Lektiehjælp"}), "Coordinators": L.List([]string{"Mette", "Lars"}),
		"Names": L.List([]string{"Amina", "Yonas"}), "Languages": L.List([]string{"العربية", "English"}),
		"Link": "https://t.me/vejviser_bot?start=abc", "Text": "Hej alle",
	}
	return d
}

// TestArabicReadsInOrder renders every Arabic message with sample values and
// lays each line out with the Unicode Bidirectional Algorithm: a line with an
// Arabic letter must be laid out right to left (a right-to-left mark where it
// starts with a value), no value is isolated twice, and dates and times come
// in reading order.
func TestArabicReadsInOrder(t *testing.T) {
	files := loadFiles(t)
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	c, err := New(loc)
	if err != nil {
		t.Fatal(err)
	}
	L := c.For("ar")
	start := time.Date(2026, 11, 26, 15, 0, 0, 0, loc) // a Thursday
	samples := arabicSamples(L, start)
	tokens := []string{L.Weekday(start.Weekday()), "26", L.Month(start.Month()), "2026", "15:00", "17:00"}
	for _, line := range []string{L.Date(start), L.DateTime(start)} {
		checkArabicLines(t, "DateLong", line, tokens)
	}
	for _, id := range c.IDs() {
		if id == "DateLong" || id == "DateTimeLong" {
			continue // rendered above, as the code renders them: values not isolated
		}
		if id == "WrittenMark" {
			continue // a fragment after a text ("… (بالدنماركية)"), never a line of its own; its value is Arabic
		}
		data := Data{}
		for _, m := range rePlaceholder.FindAllStringSubmatch(files[Default][id]["other"], -1) {
			if v, ok := samples[m[1]]; ok {
				data[m[1]] = v
			} else {
				data[m[1]] = "Amina"
			}
		}
		var outs []string
		if isPlural(files[Default][id]) {
			for _, n := range []int{0, 1, 2, 3, 11, 100} {
				outs = append(outs, L.N(id, n, data))
			}
		} else {
			outs = append(outs, L.T(id, data))
		}
		for _, out := range outs {
			checkArabicLines(t, id, out, tokens)
		}
	}
}

func checkArabicLines(t *testing.T, id, out string, tokens []string) {
	t.Helper()
	if strings.Contains(out, "\u2068\u2068") || strings.Contains(out, "\u2069\u2069") {
		t.Errorf("ar.%s isolates a value twice: %q", id, out)
	}
	for _, line := range strings.Split(out, "\n") {
		arabic := strings.ContainsFunc(line, func(r rune) bool { return unicode.Is(unicode.Arabic, r) })
		if !arabic && !strings.ContainsRune(line, '\u2068') {
			continue
		}
		if v := strings.TrimSpace(line); v == "\u2068https://t.me/vejviser_bot?start=abc\u2069" || v == "\u2068Hej alle\u2069" {
			continue // a link or a coordinator's text on a line of its own keeps its own direction
		}
		if rtl, _ := paragraphRTL(line); !rtl {
			t.Errorf("ar.%s: line laid out left to right (starts with a value or Latin text; add \\u200f): %q", id, line)
			continue
		}
		if p := readingOrderProblem(t, line, tokens); p != "" {
			t.Errorf("ar.%s: %s in %q", id, p, line)
		}
	}
}

func TestReadingOrderCheckCatchesAReversedShift(t *testing.T) {
	// The old ShiftWhen: two isolated values and a dash, no Arabic letter between.
	line := "🗓 \u2068\u2068الخميس 26 تشرين الثاني/نوفمبر 2026، الساعة 15:00\u2069\u2069–\u2068\u206817:00\u2069\u2069"
	if rtl, _ := paragraphRTL(line); rtl {
		t.Errorf("a line of values only was taken as right to left")
	}
	if p := readingOrderProblem(t, "\u200f"+"\u2068الخميس 26، الساعة 15:00\u2069 حتى \u206817:00\u2069", []string{"الخميس", "26", "15:00", "17:00"}); p != "" {
		t.Errorf("the fixed line: %s", p)
	}
	if p := readingOrderProblem(t, "\u200f"+"\u206815:00\u2069 \u206817:00\u2069", []string{"15:00", "17:00"}); p != "" {
		t.Errorf("two times: %s", p)
	}
}
