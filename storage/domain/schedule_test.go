package domain

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Copenhagen whatever the host has
)

func copenhagen(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustSpec(t *testing.T, s string) Spec {
	t.Helper()
	sp, err := ParseSpec(s)
	if err != nil {
		t.Fatalf("ParseSpec(%q): %v", s, err)
	}
	return sp
}

func utcTime(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, time.UTC)
}

func TestParseSpec(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ok       bool
		want     string // String() of a good spec; errSub for a bad one
	}{
		{"thursday afternoon", "0 15 * * THU", true, "0 15 * * THU"},
		{"extra spaces normalised", "  0  15 *  * THU ", true, "0 15 * * THU"},
		{"descriptor weekly", "@weekly", true, "@weekly"},
		{"several days", "30 16 * * MON,TUE", true, "30 16 * * MON,TUE"},
		{"empty", "", false, "empty"},
		{"only spaces", "   ", false, "empty"},
		{"TZ prefix refused", "TZ=Europe/Copenhagen 0 15 * * THU", false, "time zone"},
		{"CRON_TZ prefix refused", "CRON_TZ=UTC 0 15 * * THU", false, "time zone"},
		{"every refused", "@every 1h", false, "@every"},
		{"garbage", "every thursday", false, ""},
		{"six fields (seconds) refused", "0 0 15 * * THU", false, ""},
		{"minute out of range", "61 15 * * THU", false, ""},
		{"never happens", "0 15 30 2 *", false, "never"},
		{"hourly is the most often", "0 * * * *", true, "0 * * * *"},
		{"descriptor hourly", "@hourly", true, "@hourly"},
		{"every minute refused", "* * * * *", false, "more often than once an hour"},
		{"every quarter hour refused", "*/15 15-17 * * THU", false, "more often than once an hour"},
		{"twice an hour refused", "0,30 15 * * THU", false, "more often than once an hour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, err := ParseSpec(tc.in)
			if tc.ok {
				if err != nil {
					t.Fatalf("ParseSpec(%q): %v", tc.in, err)
				}
				if sp.String() != tc.want {
					t.Fatalf("String() = %q, want %q", sp.String(), tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseSpec(%q) accepted", tc.in)
			}
			if !errors.Is(err, ErrSpec) {
				t.Errorf("error %v does not wrap ErrSpec", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestParseWeekly(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     Weekly
		errSub   string // "" for a good one
	}{
		{"english", "thursday 15:00-17:00", Weekly{[]time.Weekday{time.Thursday}, Clock{15, 0}, Clock{17, 0}}, ""},
		{"danish", "torsdag 15:00-17:00", Weekly{[]time.Weekday{time.Thursday}, Clock{15, 0}, Clock{17, 0}}, ""},
		{"danish with letters æøå", "lørdag,søndag 10.00-12.30", Weekly{[]time.Weekday{time.Saturday, time.Sunday}, Clock{10, 0}, Clock{12, 30}}, ""},
		{"two days", "monday,tuesday 16:00-18:00", Weekly{[]time.Weekday{time.Monday, time.Tuesday}, Clock{16, 0}, Clock{18, 0}}, ""},
		{"short names, capitals, en dash", "Mon,TIR 9:30–11:00", Weekly{[]time.Weekday{time.Monday, time.Tuesday}, Clock{9, 30}, Clock{11, 0}}, ""},
		{"duplicate day once", "monday,mandag 16:00-18:00", Weekly{[]time.Weekday{time.Monday}, Clock{16, 0}, Clock{18, 0}}, ""},
		{"unknown weekday", "thurday 15:00-17:00", Weekly{}, `unknown weekday "thurday"`},
		{"unknown second weekday", "monday,tusday 16:00-18:00", Weekly{}, `unknown weekday "tusday"`},
		{"end before start", "thursday 17:00-15:00", Weekly{}, "the end 15:00 is not after the start 17:00"},
		{"end equals start", "thursday 15:00-15:00", Weekly{}, "not after"},
		{"missing range", "thursday", Weekly{}, "is not like"},
		{"range without dash", "thursday 15:00", Weekly{}, "time range"},
		{"bad clock", "thursday 25:00-26:00", Weekly{}, "is not a time"},
		{"one-digit minutes", "thursday 15:0-17:00", Weekly{}, "is not a time"},
		{"empty", "", Weekly{}, "is not like"},
		{"three fields", "thursday 15:00 -17:00", Weekly{}, "is not like"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseWeekly(tc.in)
			if tc.errSub != "" {
				if err == nil {
					t.Fatalf("ParseWeekly(%q) = %+v, want an error", tc.in, got)
				}
				if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), tc.errSub) {
					t.Fatalf("error %q: want ErrSpec mentioning %q", err, tc.errSub)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseWeekly(%q): %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ParseWeekly(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestWeeklyCronRoundTrip(t *testing.T) {
	for _, in := range []string{
		"thursday 15:00-17:00",
		"monday,tuesday 16:00-18:00",
		"tuesday,monday 16:00-18:00", // Cron sorts the days from Monday
		"sunday 02:30-04:00",
		"saturday,sunday 00:00-23:59",
		"fri 9:05-9:06",
	} {
		t.Run(in, func(t *testing.T) {
			w, err := ParseWeekly(in)
			if err != nil {
				t.Fatal(err)
			}
			spec := w.Cron()
			if _, err := ParseSpec(spec); err != nil {
				t.Fatalf("Cron() = %q does not parse: %v", spec, err)
			}
			back, ok := AsWeekly(spec, w.DurationMin())
			if !ok {
				t.Fatalf("AsWeekly(%q, %d) not weekly", spec, w.DurationMin())
			}
			if back.Start != w.Start || back.End != w.End || back.Cron() != spec {
				t.Fatalf("round trip %q → %q → %+v (cron %q), want %+v", in, spec, back, back.Cron(), w)
			}
			days := map[time.Weekday]bool{}
			for _, d := range back.Days {
				days[d] = true
			}
			for _, d := range w.Days {
				if !days[d] {
					t.Fatalf("day %v lost: %+v", d, back.Days)
				}
			}
			if len(days) != len(w.Days) {
				t.Fatalf("days %v, want %v", back.Days, w.Days)
			}
		})
	}
	t.Run("monday,tuesday cron text", func(t *testing.T) {
		w, _ := ParseWeekly("tuesday,monday 16:00-18:00")
		if got := w.Cron(); got != "0 16 * * MON,TUE" {
			t.Fatalf("Cron() = %q", got)
		}
	})
	for _, tc := range []struct {
		name, spec string
		dur        int
	}{
		{"every day of month fixed", "0 15 1 * THU", 120},
		{"range of hours", "0 15-16 * * THU", 60},
		{"step minutes", "*/5 15 * * THU", 60},
		{"weekday range", "0 15 * * MON-FRI", 60},
		{"past midnight", "0 23 * * THU", 90},
		{"to midnight exactly", "0 22 * * THU", 120},
		{"descriptor", "@weekly", 60},
		{"four fields", "0 15 * THU", 60},
	} {
		t.Run("not weekly/"+tc.name, func(t *testing.T) {
			if w, ok := AsWeekly(tc.spec, tc.dur); ok {
				t.Fatalf("AsWeekly(%q, %d) = %+v, want not weekly", tc.spec, tc.dur, w)
			}
		})
	}
	t.Run("numeric days", func(t *testing.T) {
		w, ok := AsWeekly("0 15 * * 0,4", 120)
		if !ok || len(w.Days) != 2 || w.Days[0] != time.Sunday || w.Days[1] != time.Thursday || w.End != (Clock{17, 0}) {
			t.Fatalf("AsWeekly numeric = %+v %v", w, ok)
		}
	})
}

func TestParseOffset(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3h", 3 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1d", 24 * time.Hour, true},
		{"7d", 7 * 24 * time.Hour, true},
		{"2h30m", 150 * time.Minute, true},
		{"0", 0, true},
		{" 3H ", 3 * time.Hour, true},
		{"8d", 0, false},
		{"169h", 0, false},
		{"-1h", 0, false},
		{"-1d", 0, false},
		{"30s", 0, false},
		{"", 0, false},
		{"three hours", 0, false},
		{"d", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseOffset(tc.in)
			if tc.ok {
				if err != nil || got != tc.want {
					t.Fatalf("ParseOffset(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrSpec) {
				t.Fatalf("ParseOffset(%q) = %v, %v; want ErrSpec", tc.in, got, err)
			}
		})
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2h", 2 * time.Hour, true},
		{"90m", 90 * time.Minute, true},
		{"1h30m", 90 * time.Minute, true},
		{"24h", 24 * time.Hour, true},
		{"1m", time.Minute, true},
		{"0", 0, false},
		{"30s", 0, false},
		{"25h", 0, false},
		{"-2h", 0, false},
		{"two hours", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

// TestBetweenNormalWeeks: a Thursday 15:00 activity in winter (CET, UTC+1)
// and summer (CEST, UTC+2); the window is half-open.
func TestBetweenNormalWeeks(t *testing.T) {
	loc := copenhagen(t)
	thu := mustSpec(t, "0 15 * * THU")
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []time.Time
	}{
		{"winter month", utcTime(2026, 12, 1, 0, 0), utcTime(2027, 1, 1, 0, 0),
			[]time.Time{utcTime(2026, 12, 3, 14, 0), utcTime(2026, 12, 10, 14, 0), utcTime(2026, 12, 17, 14, 0), utcTime(2026, 12, 24, 14, 0), utcTime(2026, 12, 31, 14, 0)}},
		{"summer two weeks", utcTime(2026, 6, 1, 0, 0), utcTime(2026, 6, 15, 0, 0),
			[]time.Time{utcTime(2026, 6, 4, 13, 0), utcTime(2026, 6, 11, 13, 0)}},
		{"from is inclusive", utcTime(2026, 12, 3, 14, 0), utcTime(2026, 12, 4, 0, 0),
			[]time.Time{utcTime(2026, 12, 3, 14, 0)}},
		{"to is exclusive", utcTime(2026, 12, 3, 0, 0), utcTime(2026, 12, 3, 14, 0), nil},
		{"empty window", utcTime(2026, 12, 3, 14, 0), utcTime(2026, 12, 3, 14, 0), nil},
		{"reversed window", utcTime(2026, 12, 10, 0, 0), utcTime(2026, 12, 3, 0, 0), nil},
		{"from given in another zone", time.Date(2026, 12, 3, 9, 0, 0, 0, time.FixedZone("X", -5*3600)), utcTime(2026, 12, 11, 0, 0),
			[]time.Time{utcTime(2026, 12, 3, 14, 0), utcTime(2026, 12, 10, 14, 0)}},
		{"one minute later in another zone", time.Date(2026, 12, 3, 9, 1, 0, 0, time.FixedZone("X", -5*3600)), utcTime(2026, 12, 11, 0, 0),
			[]time.Time{utcTime(2026, 12, 10, 14, 0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := thu.Between(loc, tc.from, tc.to)
			if !equalTimes(got, tc.want) {
				t.Fatalf("Between = %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("Next at a start is that start", func(t *testing.T) {
		if got := thu.Next(loc, utcTime(2026, 12, 3, 14, 0)); !got.Equal(utcTime(2026, 12, 3, 14, 0)) {
			t.Fatalf("Next = %v", got)
		}
		if got := thu.Next(loc, utcTime(2026, 12, 3, 14, 1)); !got.Equal(utcTime(2026, 12, 10, 14, 0)) {
			t.Fatalf("Next after = %v", got)
		}
	})
	t.Run("Next of a yearly spec", func(t *testing.T) {
		xmas := mustSpec(t, "0 15 24 12 *")
		if got := xmas.Next(loc, utcTime(2027, 1, 1, 0, 0)); !got.Equal(utcTime(2027, 12, 24, 14, 0)) {
			t.Fatalf("Next = %v", got)
		}
	})
}

func equalTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// dstDays are the switch days the issue names, with the instant a 02:30
// meeting takes on each (the rule in Wall: spring → 03:30 summer time, the
// gap's end; autumn → the earlier 02:30, in summer time).
var dstDays = []struct {
	name     string
	day      time.Time // midnight UTC of the switch day
	spring   bool
	at0230   time.Time
	at1500   time.Time // 15:00 local, after the switch
	before15 time.Time // 15:00 local on the Sunday a week before
	after15  time.Time // 15:00 local on the Sunday a week after
}{
	{"spring 2026-03-29", utcTime(2026, 3, 29, 0, 0), true, utcTime(2026, 3, 29, 1, 30), utcTime(2026, 3, 29, 13, 0), utcTime(2026, 3, 22, 14, 0), utcTime(2026, 4, 5, 13, 0)},
	{"autumn 2026-10-25", utcTime(2026, 10, 25, 0, 0), false, utcTime(2026, 10, 25, 0, 30), utcTime(2026, 10, 25, 14, 0), utcTime(2026, 10, 18, 13, 0), utcTime(2026, 11, 1, 14, 0)},
	{"spring 2027-03-28", utcTime(2027, 3, 28, 0, 0), true, utcTime(2027, 3, 28, 1, 30), utcTime(2027, 3, 28, 13, 0), utcTime(2027, 3, 21, 14, 0), utcTime(2027, 4, 4, 13, 0)},
	{"autumn 2027-10-31", utcTime(2027, 10, 31, 0, 0), false, utcTime(2027, 10, 31, 0, 30), utcTime(2027, 10, 31, 14, 0), utcTime(2027, 10, 24, 13, 0), utcTime(2027, 11, 7, 14, 0)},
}

func TestBetweenDST(t *testing.T) {
	loc := copenhagen(t)
	at0230 := mustSpec(t, "30 2 * * SUN")
	at1500 := mustSpec(t, "0 15 * * SUN")
	for _, d := range dstDays {
		t.Run(d.name+"/02:30 once", func(t *testing.T) {
			got := at0230.Between(loc, d.day.Add(-6*time.Hour), d.day.Add(30*time.Hour))
			if len(got) != 1 || !got[0].Equal(d.at0230) {
				t.Fatalf("Between = %v, want exactly [%v]", got, d.at0230)
			}
			lt := got[0].In(loc)
			wantClock := "02:30"
			if d.spring {
				wantClock = "03:30"
			}
			if lt.Format("15:04") != wantClock {
				t.Errorf("local clock %s, want %s", lt.Format("15:04 MST"), wantClock)
			}
			if _, off := lt.Zone(); off != 2*3600 {
				t.Errorf("offset %d, want summer time (+2h)", off)
			}
		})
		t.Run(d.name+"/02:30 three weeks", func(t *testing.T) {
			got := at0230.Between(loc, d.day.Add(-7*24*time.Hour-12*time.Hour), d.day.Add(7*24*time.Hour+12*time.Hour))
			if len(got) != 3 || !got[1].Equal(d.at0230) {
				t.Fatalf("Between = %v, want 3 with %v in the middle", got, d.at0230)
			}
			for _, w := range []time.Time{got[0], got[2]} {
				if w.In(loc).Format("Mon 15:04") != "Sun 02:30" {
					t.Errorf("ordinary Sunday at %s", w.In(loc).Format("Mon 15:04 MST"))
				}
			}
		})
		t.Run(d.name+"/02:30 IsSlot and Next", func(t *testing.T) {
			if !IsSlot(at0230, loc, d.at0230) {
				t.Errorf("IsSlot(%v) false", d.at0230)
			}
			if IsSlot(at0230, loc, d.at0230.Add(time.Hour)) || IsSlot(at0230, loc, d.at0230.Add(-time.Hour)) {
				t.Errorf("the other reading of 02:30 is a slot too")
			}
			if got := at0230.Next(loc, d.day.Add(-12*time.Hour)); !got.Equal(d.at0230) {
				t.Errorf("Next = %v, want %v", got, d.at0230)
			}
		})
		t.Run(d.name+"/15:00", func(t *testing.T) {
			got := at1500.Between(loc, d.before15.Add(-time.Hour), d.after15.Add(time.Hour))
			want := []time.Time{d.before15, d.at1500, d.after15}
			if !equalTimes(got, want) {
				t.Fatalf("Between = %v, want %v", got, want)
			}
			for _, w := range got {
				if w.In(loc).Format("15:04") != "15:00" {
					t.Errorf("%v is %s local", w, w.In(loc).Format("15:04 MST"))
				}
			}
		})
		for _, clock := range []string{"30 2", "0 2", "59 1", "0 3", "0 15"} {
			t.Run(d.name+"/daily "+clock, func(t *testing.T) {
				spec := mustSpec(t, clock+" * * *")
				// Eight local days, midnight to midnight.
				from := time.Date(d.day.Year(), d.day.Month(), d.day.Day()-4, 0, 0, 0, 0, loc)
				to := time.Date(d.day.Year(), d.day.Month(), d.day.Day()+4, 0, 0, 0, 0, loc)
				got := spec.Between(loc, from, to)
				if len(got) != 8 {
					t.Fatalf("%d occurrences in 8 days: %v", len(got), got)
				}
				seenDay := map[string]bool{}
				for i, o := range got {
					day := o.In(loc).Format("2006-01-02")
					if seenDay[day] {
						t.Errorf("two occurrences on %s: %v", day, got)
					}
					seenDay[day] = true
					if i > 0 {
						gap := o.Sub(got[i-1])
						if gap < 23*time.Hour || gap > 25*time.Hour {
							t.Errorf("%v after %v: gap %v", o, got[i-1], gap)
						}
					}
				}
			})
		}
	}
}

// TestBetweenSpringGapGivesNoDuplicateInstants: at the spring switch Wall moves 02:00 and
// 02:30 forward by the gap, onto 03:00 and 03:30, which the schedule may
// name as well. A list of starts must not hold one instant twice.
func TestBetweenSpringGapGivesNoDuplicateInstants(t *testing.T) {
	loc := copenhagen(t)
	for _, spec := range []string{"0 * * * *", "0 2,3 * * SUN", "30 2,3 29 3 *", "59 2,3 29 3 *"} {
		t.Run(spec, func(t *testing.T) {
			got := mustSpec(t, spec).Between(loc, utcTime(2026, 3, 28, 12, 0), utcTime(2026, 3, 29, 12, 0))
			for i := 1; i < len(got); i++ {
				if !got[i].After(got[i-1]) {
					t.Errorf("starts not strictly increasing at %d: %v then %v", i, got[i-1], got[i])
				}
			}
		})
	}
	// A consequence: the 03:00 meeting of that day is no slot for IsSlot
	// (Between gives it twice), so it cannot be cancelled or moved.
	t.Run("IsSlot 03:00 on the spring switch", func(t *testing.T) {
		if !IsSlot(mustSpec(t, "0 2,3 * * SUN"), loc, utcTime(2026, 3, 29, 1, 0)) {
			t.Fatal("IsSlot(03:00 CEST) = false")
		}
	})
}

func TestWall(t *testing.T) {
	loc := copenhagen(t)
	for _, tc := range []struct {
		name string
		wall time.Time
		want time.Time
	}{
		{"ordinary winter", utcTime(2026, 12, 3, 15, 0), utcTime(2026, 12, 3, 14, 0)},
		{"ordinary summer", utcTime(2026, 7, 2, 15, 0), utcTime(2026, 7, 2, 13, 0)},
		{"spring gap 02:00", utcTime(2026, 3, 29, 2, 0), utcTime(2026, 3, 29, 1, 0)},
		{"spring gap 02:59", utcTime(2026, 3, 29, 2, 59), utcTime(2026, 3, 29, 1, 59)},
		{"spring just before gap", utcTime(2026, 3, 29, 1, 59), utcTime(2026, 3, 29, 0, 59)},
		{"spring just after gap", utcTime(2026, 3, 29, 3, 0), utcTime(2026, 3, 29, 1, 0)},
		{"autumn twice 02:00 earlier", utcTime(2026, 10, 25, 2, 0), utcTime(2026, 10, 25, 0, 0)},
		{"autumn twice 02:59 earlier", utcTime(2026, 10, 25, 2, 59), utcTime(2026, 10, 25, 0, 59)},
		{"autumn after overlap", utcTime(2026, 10, 25, 3, 0), utcTime(2026, 10, 25, 2, 0)},
		{"autumn before overlap", utcTime(2026, 10, 25, 1, 59), utcTime(2026, 10, 24, 23, 59)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Wall(tc.wall, loc); !got.Equal(tc.want) {
				t.Fatalf("Wall(%s) = %v (%s), want %v", tc.wall.Format("2006-01-02 15:04"), got.UTC(), got.In(loc).Format("15:04 MST"), tc.want)
			}
		})
	}
}
