package plan

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"vejviser/storage"
	"vejviser/storage/domain"
)

// A valid plan with every way of writing an activity becomes exactly
// these activities, in file order.
func TestPlanValid(t *testing.T) {
	data, err := os.ReadFile("testdata/valid.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("valid.toml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := storage.Plan{Activities: []domain.Activity{
		{
			Key: "tal-dansk", Name: "Tal Dansk Café",
			Titles: domain.Texts{"ar": "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", "ti": "Tal Dansk Café", "en": "Speak Danish Café"},
			Place:  "Ballerup Bibliotek, Banegårdspladsen 1", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180,
		},
		{
			Key: "lektiehjaelp", Name: "Lektiehjælp", Titles: domain.Texts{"en": "Homework help"},
			Place: "Ballerup Bibliotek", Schedule: "0 16 * * MON,TUE", DurationMin: 120, RemindBeforeMin: 90,
		},
		{
			Key: "strik", Name: "Strikkeklub", Titles: domain.Texts{},
			Schedule: "30 10 1 * *", DurationMin: 90, RemindBeforeMin: 0,
		},
		{
			Key: "cykel", Name: "Cykelskole", Titles: domain.Texts{"ar": "مدرسة الدراجات"},
			Schedule: "0 17 * * WED", DurationMin: 60, RemindBeforeMin: 24 * 60,
		},
		{
			Key: "fodbold", Name: "Fodbold", Titles: domain.Texts{},
			Schedule: "0 18 * * SAT,SUN", DurationMin: 120, RemindBeforeMin: 0,
		},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", got, want)
	}
}

// An empty file is an empty plan, not an error.
func TestPlanEmpty(t *testing.T) {
	for _, data := range []string{"", "# nothing yet\n"} {
		p, err := Parse("plan.toml", []byte(data))
		if err != nil || len(p.Activities) != 0 {
			t.Errorf("Parse(%q) = %+v, %v; want an empty plan", data, p, err)
		}
	}
}

// Every kind of problem is reported with the file's name, the line of the
// field, the entry (key or #N) and the field.
func TestPlanProblems(t *testing.T) {
	const ok = "title = { da = \"Café\" }\nweekly = \"thursday 15:00-17:00\"\n"
	for _, tc := range []struct {
		name, file string
		want       []string
	}{
		{"syntax error", "[[activity]]\nkey = \"a\"\ntitle = { da = \"x\" \n", []string{
			`plan.toml:3: not valid TOML: inline table is incomplete`}},
		{"text without quotes", "[[activity]]\nkey = \"a\"\n\nweekly = thursday 15:00-17:00\n", []string{
			`plan.toml:4: not valid TOML: expected keyword "true" (is a text missing its quotes? weekly = "thursday 15:00-17:00")`}},
		{"key twice in one table", "[[activity]]\nkey = \"a\"\n" + ok + "key = \"b\"\n", []string{
			`plan.toml:5: not valid TOML: key key is already defined`}},
		{"no key", "\n[[activity]]\n" + ok, []string{
			`plan.toml:2 activity #1: key: is required: a short name such as "tal-dansk" that stays the same from season to season`}},
		{"bad key", "[[activity]]\n" + ok + "key = \"Tal Dansk\"\n", []string{
			`plan.toml:4 activity #1: key: "Tal Dansk" is not a key: use lower-case letters a-z, digits and dashes, at most 64, starting with a letter or digit`}},
		{"key not text", "[[activity]]\nkey = 7\n" + ok, []string{
			`plan.toml:2 activity #1: key: must be text in quotes, such as "tal-dansk"`}},
		{"key twice in the file", "[[activity]]\nkey = \"a\"\n" + ok + "[[activity]]\nkey = \"b\"\n" + ok + "[[activity]]\nkey = \"a\"\n" + ok, []string{
			`plan.toml:10 activity a: key: "a" is already the key of the activity on line 1`}},
		{"no title", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\n", []string{
			`plan.toml:1 activity a: title: is required, at least in Danish: title = { da = "…" }`}},
		{"title not a table", "[[activity]]\nkey = \"a\"\ntitle = \"Café\"\nweekly = \"thursday 15:00-17:00\"\n", []string{
			`plan.toml:3 activity a: title: must be a table of texts by language, such as { da = "…", en = "…" }`}},
		{"title without Danish", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\ntitle = { en = \"Café\" }\n", []string{
			`plan.toml:4 activity a: title: needs the Danish title: da = "…"`}},
		{"title in an unknown language", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\n[activity.title]\nda = \"Café\"\nfr = \"Café\"\n", []string{
			`plan.toml:6 activity a: title.fr: unknown language; use da, ar, ti, en`}},
		{"empty title", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\ntitle.da = \"Café\"\ntitle.ar = \"  \"\n", []string{
			`plan.toml:5 activity a: title.ar: is empty; leave the language out instead`}},
		{"title not text", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\ntitle = { da = 1 }\n", []string{
			`plan.toml:4 activity a: title.da: must be text in quotes`, // and so no Danish title
		}},
		{"title too long", "[[activity]]\nkey = \"a\"\nweekly = \"thursday 15:00-17:00\"\ntitle = { da = \"" + strings.Repeat("é", 201) + "\" }\n", []string{
			`plan.toml:4 activity a: title.da: has 201 characters; at most 200`}},
		{"empty place", "[[activity]]\nkey = \"a\"\n" + ok + "place = \"\"\n", []string{
			`plan.toml:5 activity a: place: is empty; leave the line out instead`}},
		{"place too long", "[[activity]]\nkey = \"a\"\n" + ok + "place = \"" + strings.Repeat("ø", 201) + "\"\n", []string{
			`plan.toml:5 activity a: place: has 201 characters; at most 200`}},
		{"place not text", "[[activity]]\nkey = \"a\"\n" + ok + "place = [\"x\"]\n", []string{
			`plan.toml:5 activity a: place: must be text in quotes`}},
		{"no schedule", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\n", []string{
			`plan.toml:1 activity a: weekly: is required, such as weekly = "thursday 15:00-17:00" (or cron with duration)`}},
		{"weekly and cron", "[[activity]]\nkey = \"a\"\n" + ok + "cron = \"0 15 * * THU\"\nduration = \"2h\"\n", []string{
			`plan.toml:5 activity a: cron: give either weekly or cron, not both`}},
		{"weekly with duration", "[[activity]]\nkey = \"a\"\n" + ok + "duration = \"2h\"\n", []string{
			`plan.toml:5 activity a: duration: not with weekly, which already has the end time ("thursday 15:00-17:00")`}},
		{"cron without duration", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\ncron = \"0 15 * * THU\"\n", []string{
			`plan.toml:4 activity a: cron: needs duration, the length of one meeting, such as duration = "2h"`}},
		{"unknown weekday", "[[activity]]\nkey = \"tal-dansk\"\ntitle = { da = \"Café\" }\n\n\n\nweekly = \"thurday 15:00-17:00\"\n", []string{
			`plan.toml:7 activity tal-dansk: weekly: unknown weekday "thurday"`}},
		{"end before start", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\nweekly = \"monday 17:00-15:00\"\n", []string{
			`plan.toml:4 activity a: weekly: the end 15:00 is not after the start 17:00`}},
		{"weekly without times", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\nweekly = \"monday\"\n", []string{
			`plan.toml:4 activity a: weekly: "monday" is not like "thursday 15:00-17:00"`}},
		{"bad cron", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\ncron = \"0 15 * THU\"\nduration = \"2h\"\n", []string{
			`plan.toml:4 activity a: cron: expected exactly 5 fields, found 4: [0 15 * THU]`}},
		{"cron every minute", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\ncron = \"* * * * *\"\nduration = \"2h\"\n", []string{
			`plan.toml:4 activity a: cron: "* * * * *" meets more often than once an hour`}},
		{"bad duration", "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\ncron = \"0 15 * * THU\"\nduration = \"2 hours\"\n", []string{
			`plan.toml:5 activity a: duration: "2 hours" is not a length like 2h or 90m`}},
		{"bad reminder", "[[activity]]\nkey = \"a\"\n" + ok + "remind_before = \"8d\"\n", []string{
			`plan.toml:5 activity a: remind_before: "8d" is not a time before the meeting like 3h, 90m or 1d`}},
		{"reminder a number", "[[activity]]\nkey = \"a\"\n" + ok + "remind_before = 3\n", []string{
			`plan.toml:5 activity a: remind_before: must be text in quotes`}},
		{"unknown field", "[[activity]]\nkey = \"a\"\n" + ok + "wekly = \"friday 10:00-11:00\"\nplace.name = \"x\"\n", []string{
			`plan.toml:5 activity a: wekly: unknown field`,
			`plan.toml:6 activity a: place: must be text in quotes`,
		}},
		{"unknown top-level key", "season = \"2027\"\n[[activity]]\nkey = \"a\"\n" + ok, []string{
			`plan.toml:1: season: unknown key; a plan holds [[activity]] tables`}},
		{"unknown table", "[[activity]]\nkey = \"a\"\n" + ok + "[[excursion]]\nkey = \"b\"\n[settings]\nx = 1\n", []string{
			`plan.toml:5: excursion: unknown table; a plan holds [[activity]] tables`,
			`plan.toml:7: settings: unknown table; a plan holds [[activity]] tables`,
		}},
		{"activity as a table", "[activity]\nkey = \"a\"\n" + ok, []string{
			`plan.toml:1: activity: write each activity as a [[activity]] table`}},
		{"activity as a list", "activity = [1, 2]\n", []string{
			`plan.toml:1 activity #1: write each activity as a [[activity]] table`,
			`plan.toml:1 activity #2: write each activity as a [[activity]] table`,
		}},
		{"event problems", "[[activity]]\nkey = \"a\"\n" + ok + "\n[[event]]\nkey = \"fastelavn-2027\"\nstart = 2027-02-07T13:00:00\n", []string{
			`plan.toml:6 event fastelavn-2027: title: is required, at least in Danish: title = { da = "…" }`,
			`plan.toml:6 event fastelavn-2027: end: is required, such as end = 2027-02-07T13:00:00 (local time)`}},
		{"Windows file: byte order mark and CRLF", "\ufeff[[activity]]\r\nkey = \"a\"\r\ntitle.da = \"Café\"\r\n\r\nweekly = \"mon 10:00-11:00\"\r\nplace = 5\r\n", []string{
			`plan.toml:6 activity a: place: must be text in quotes`}},
		{"every problem of a file, in line order", "[[shift]]\nkey = \"h\"\n[[activity]]\nkey = \"a\"\ntitle = { da = \"\" }\nweekly = \"thurday 15:00-17:00\"\n[[activity]]\ntitle.da = \"x\"\ncron = \"0 15 * * THU\"\nduration = \"0m\"\nremind_before = \"soon\"\n", []string{
			`plan.toml:1 shift h: role: is required, at least in Danish: role = { da = "…" }`,
			`plan.toml:1 shift h: activity: is required: activity = "tal-dansk", or start and end such as start = 2027-01-12T10:00:00`,
			`plan.toml:1 shift h: needed: is required: how many people the shift needs, such as needed = 2`,
			`plan.toml:5 activity a: title.da: is empty; leave the language out instead`,
			`plan.toml:6 activity a: weekly: unknown weekday "thurday"`,
			`plan.toml:7 activity #2: key: is required: a short name such as "tal-dansk" that stays the same from season to season`,
			`plan.toml:10 activity #2: duration: "0m" is not a length like 2h or 90m`,
			`plan.toml:11 activity #2: remind_before: "soon" is not a time before the meeting like 3h, 90m or 1d`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse("plan.toml", []byte(tc.file))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse = %+v, %v; want an *Error", p, err)
			}
			if len(p.Activities) != 0 {
				t.Errorf("a refused file still gave %d activities", len(p.Activities))
			}
			if got := pe.Lines(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if pe.Error() != strings.Join(tc.want, "\n") {
				t.Errorf("Error() = %q", pe.Error())
			}
		})
	}
}

// A file name with a directory is used as given.
func TestPlanProblemFormat(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{Line: 7, Kind: "activity", Entry: "tal-dansk", Field: "weekly", Msg: `unknown weekday "thurday"`}, `plans/2027.toml:7 activity tal-dansk: weekly: unknown weekday "thurday"`},
		{Problem{Line: 3, Kind: "event", Entry: "#2", Msg: "events are not supported yet"}, `plans/2027.toml:3 event #2: events are not supported yet`},
		{Problem{Line: 1, Msg: "not valid TOML: x"}, `plans/2027.toml:1: not valid TOML: x`},
	} {
		if got := tc.p.Format("plans/2027.toml"); got != tc.want {
			t.Errorf("Format = %q, want %q", got, tc.want)
		}
	}
}

// from is the first day of an activity's meetings, at local midnight,
// written as a TOML date or as coordinators type dates.
func TestPlanActivityFrom(t *testing.T) {
	const head = "[[activity]]\nkey = \"a\"\ntitle = { da = \"Café\" }\nweekly = \"thursday 15:00-17:00\"\n"
	want := time.Date(2026, 9, 3, 0, 0, 0, 0, defaultLoc)
	for _, from := range []string{"from = 2026-09-03\n", "from = \"03.09.2026\"\n"} {
		p, err := Parse("plan.toml", []byte(head+from))
		if err != nil || len(p.Activities) != 1 || p.Activities[0].FirstDay == nil || !p.Activities[0].FirstDay.Equal(want) {
			t.Errorf("%s: %+v, %v", from, p.Activities, err)
		}
	}
	_, err := Parse("plan.toml", []byte(head+"from = \"3rd of September\"\n"))
	if err == nil || !strings.Contains(err.Error(), `plan.toml:5 activity a: from: must be a date such as 2026-09-03`) {
		t.Errorf("a bad from: %v", err)
	}
}
