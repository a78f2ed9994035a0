package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Copenhagen whatever the host has
	"vejviser/storage/domain"
)

// actFixture is a real database in t.TempDir() with a separate read-only
// connection for counting rows, as the flow tests count them.
type actFixture struct {
	t    *testing.T
	ctx  context.Context
	s    *Store
	path string
	ro   *sql.DB
	loc  *time.Location
}

func newActFixture(t *testing.T) *actFixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "act.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ro := openRO(t, path)
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return &actFixture{t: t, ctx: context.Background(), s: s, path: path, ro: ro, loc: loc}
}

// openRO opens a separate read-only connection to the database file.
func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	ro, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}

// count runs a count(*) query on the read-only connection.
func (f *actFixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.ro.QueryRow(query, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// reminders counts reminder rows in the outbox (of one member if given).
func (f *actFixture) reminders(member ...int64) int {
	f.t.Helper()
	if len(member) > 0 {
		return f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder' AND member_id = ?`, member[0])
	}
	return f.count(`SELECT count(*) FROM outbox WHERE kind = 'reminder'`)
}

// member registers a member (Telegram id = chat id = id) at created.
func (f *actFixture) member(id int64, lang string, created time.Time) domain.Member {
	f.t.Helper()
	m, err := f.s.Register(f.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("M", id), Language: lang}, created)
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *actFixture) create(a domain.Activity, now time.Time) int64 {
	f.t.Helper()
	id, err := f.s.CreateActivity(f.ctx, a, now)
	if err != nil {
		f.t.Fatalf("create %+v: %v", a, err)
	}
	return id
}

func (f *actFixture) follow(activity, member int64, at time.Time) {
	f.t.Helper()
	if err := f.s.Follow(f.ctx, []int64{domain.DefaultBranchID}, activity, member, at); err != nil {
		f.t.Fatal(err)
	}
}

func (f *actFixture) claim(now time.Time) domain.ClaimResult {
	f.t.Helper()
	res, err := f.s.ClaimActivityReminders(f.ctx, f.loc, now)
	if err != nil {
		f.t.Fatalf("claim at %v: %v", now, err)
	}
	return res
}

// notices decodes the values of the outbox's notices of kind (of one
// member if given), in the order they were queued.
func notices[V any](f *actFixture, kind string, member ...int64) []V {
	f.t.Helper()
	q, args := `SELECT notice_values FROM outbox WHERE notice = ?`, []any{kind}
	if len(member) > 0 {
		q, args = q+` AND member_id = ?`, append(args, member[0])
	}
	rows, err := f.ro.Query(q+` ORDER BY id`, args...)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	var out []V
	for rows.Next() {
		var data string
		var v V
		if err := rows.Scan(&data); err != nil {
			f.t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			f.t.Fatalf("%s values %s: %v", kind, data, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		f.t.Fatal(err)
	}
	return out
}

// remindedOf counts member's reminders of the meeting that starts at start.
func (f *actFixture) remindedOf(member int64, start time.Time) int {
	f.t.Helper()
	n := 0
	for _, v := range notices[domain.ActivityReminder](f, domain.NoticeActivityReminder, member) {
		if v.Meeting.Start.Equal(start) {
			n++
		}
	}
	return n
}

// cafe is the Thursday café: 15:00–17:00, reminder 3 h before.
func cafe() domain.Activity {
	return domain.Activity{Name: "Tal Dansk Café", Place: "Ballerup Bibliotek", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}
}

func TestCreateActivityValidation(t *testing.T) {
	f := newActFixture(t)
	for _, tc := range []struct {
		name   string
		change func(a *domain.Activity)
		errSub string
	}{
		{"empty title", func(a *domain.Activity) { a.Name = "" }, "title"},
		{"blank title", func(a *domain.Activity) { a.Name = "   " }, "title"},
		{"title too long", func(a *domain.Activity) { a.Name = strings.Repeat("é", 201) }, "title"},
		{"bad spec", func(a *domain.Activity) { a.Schedule = "every thursday" }, "schedule"},
		{"empty spec", func(a *domain.Activity) { a.Schedule = "" }, "empty"},
		{"spec with a time zone", func(a *domain.Activity) { a.Schedule = "TZ=UTC 0 15 * * THU" }, "time zone"},
		{"@every", func(a *domain.Activity) { a.Schedule = "@every 1h" }, "@every"},
		{"no duration", func(a *domain.Activity) { a.DurationMin = 0 }, "duration"},
		{"duration over a day", func(a *domain.Activity) { a.DurationMin = 1441 }, "duration"},
		{"negative reminder", func(a *domain.Activity) { a.RemindBeforeMin = -1 }, "reminder"},
		{"reminder over a week", func(a *domain.Activity) { a.RemindBeforeMin = 7*24*60 + 1 }, "reminder"},
		{"bad key", func(a *domain.Activity) { a.Key = "Tal Dansk" }, "key"},
		{"key with a leading dash", func(a *domain.Activity) { a.Key = "-x" }, "key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := cafe()
			tc.change(&a)
			id, err := f.s.CreateActivity(f.ctx, a, t0)
			if !errors.Is(err, domain.ErrInvalidActivity) {
				t.Fatalf("CreateActivity = %d, %v; want ErrInvalidActivity", id, err)
			}
			if !strings.Contains(err.Error(), tc.errSub) {
				t.Errorf("error %q does not mention %q", err, tc.errSub)
			}
		})
	}
	if n := f.count(`SELECT count(*) FROM activities`); n != 0 {
		t.Fatalf("%d activities stored by invalid creates", n)
	}
}

func TestCreateActivityKeys(t *testing.T) {
	f := newActFixture(t)
	for _, tc := range []struct {
		name, title, key, want string
	}{
		{"from the title", "Tal Dansk Café", "", "tal-dansk-cafe"},
		{"second with the same title", "Tal Dansk Café", "", "tal-dansk-cafe-2"},
		{"third, other spelling", "  tal dansk CAFÉ!  ", "", "tal-dansk-cafe-3"},
		{"danish letters", "Lektiehjælp for børn på Søndergård", "", "lektiehjaelp-for-boern-paa-soendergaard"},
		{"nothing usable", "!!! ???", "", "activity"},
		{"arabic only", "مقهى", "", "activity-2"},
		{"given key kept", "Tal Dansk Café", "tal-dansk", "tal-dansk"},
		{"long title cut", strings.Repeat("abcdefghij ", 10), "", "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := cafe()
			a.Name, a.Key = tc.title, tc.key
			id := f.create(a, t0)
			got, err := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Key != tc.want {
				t.Fatalf("key %q, want %q", got.Key, tc.want)
			}
			if !domain.ValidKey(got.Key) {
				t.Fatalf("made key %q is not a valid key", got.Key)
			}
			if byKey, err := f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, tc.want); err != nil || byKey.ID != id {
				t.Fatalf("ActivityByKey(%q) = %d, %v", tc.want, byKey.ID, err)
			}
		})
	}
	t.Run("given key taken", func(t *testing.T) {
		a := cafe()
		a.Key = "tal-dansk"
		if _, err := f.s.CreateActivity(f.ctx, a, t0); err == nil {
			t.Fatal("a second activity with key tal-dansk was created")
		}
	})
	t.Run("titles stored without da, title falls back to Danish", func(t *testing.T) {
		a := cafe()
		a.Titles = domain.Texts{"da": "ignored", "en": "Speak Danish Café", "ar": "  "}
		got, err := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, f.create(a, t0))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.Titles["da"]; ok {
			t.Errorf("titles kept da: %v", got.Titles)
		}
		for lang, want := range map[string]string{"da": "Tal Dansk Café", "en": "Speak Danish Café", "ar": "Tal Dansk Café", "ti": "Tal Dansk Café"} {
			if got.Title(lang) != want {
				t.Errorf("Title(%s) = %q, want %q", lang, got.Title(lang), want)
			}
		}
	})
	if _, err := f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, "nope"); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("unknown key: %v", err)
	}
}

func TestUpdateAndArchiveActivity(t *testing.T) {
	f := newActFixture(t)
	id := f.create(cafe(), t0)
	other := f.create(domain.Activity{Name: "Lektiehjælp", Schedule: "0 16 * * MON,TUE", DurationMin: 120, RemindBeforeMin: 60}, t0)

	t.Run("update saves fields, not the key", func(t *testing.T) {
		a, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
		a.Place, a.Schedule, a.RemindBeforeMin, a.Key = "Ballerup Medborgerhus", "30 15 * * THU", 60, "changed"
		if err := f.s.UpdateActivity(f.ctx, []int64{domain.DefaultBranchID}, a, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
		if got.Place != "Ballerup Medborgerhus" || got.Schedule != "30 15 * * THU" || got.RemindBeforeMin != 60 || got.Key != "tal-dansk-cafe" {
			t.Fatalf("after update: %+v", got)
		}
	})
	for _, tc := range []struct {
		name   string
		change func(a *domain.Activity)
		want   error
	}{
		{"bad spec", func(a *domain.Activity) { a.Schedule = "0 25 * * THU" }, domain.ErrInvalidActivity},
		{"empty title", func(a *domain.Activity) { a.Name = " " }, domain.ErrInvalidActivity},
		{"unknown id", func(a *domain.Activity) { a.ID = 999 }, domain.ErrNotFound},
	} {
		t.Run("update refused/"+tc.name, func(t *testing.T) {
			a, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
			before := a
			tc.change(&a)
			if err := f.s.UpdateActivity(f.ctx, []int64{domain.DefaultBranchID}, a, t0.Add(2*time.Hour)); !errors.Is(err, tc.want) {
				t.Fatalf("UpdateActivity = %v, want %v", err, tc.want)
			}
			if got, _ := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id); got.Schedule != before.Schedule || got.Name != before.Name {
				t.Fatalf("refused update changed the activity: %+v", got)
			}
		})
	}
	t.Run("archive", func(t *testing.T) {
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, id, t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		list, err := f.s.Activities(f.ctx, []int64{domain.DefaultBranchID})
		if err != nil || len(list) != 1 || list[0].ID != other {
			t.Fatalf("Activities after archive = %+v, %v", list, err)
		}
		a, err := f.s.Activity(f.ctx, []int64{domain.DefaultBranchID}, id)
		if err != nil || a.ArchivedAt == nil {
			t.Fatalf("archived activity: %+v, %v", a, err)
		}
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, id, t0.Add(4*time.Hour)); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("archive twice: %v", err)
		}
		a.Place = "x"
		if err := f.s.UpdateActivity(f.ctx, []int64{domain.DefaultBranchID}, a, t0.Add(4*time.Hour)); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("update archived: %v", err)
		}
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, 999, t0); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("archive unknown: %v", err)
		}
	})
}

func TestFollow(t *testing.T) {
	f := newActFixture(t)
	id := f.create(cafe(), t0)
	other := f.create(domain.Activity{Name: "Lektiehjælp", Schedule: "0 16 * * MON", DurationMin: 60}, t0)
	for i := int64(1); i <= 3; i++ {
		f.member(i, "da", t0)
	}
	f.follow(id, 1, t0)
	f.follow(id, 1, t0.Add(time.Hour)) // idempotent
	f.follow(id, 2, t0)
	f.follow(other, 2, t0)
	if err := f.s.SetReachable(f.ctx, 2, false, t0); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		activity       int64
		all, reachable int
	}{
		{"café", id, 2, 1},
		{"homework help", other, 1, 0},
		{"unknown activity", 999, 0, 0},
	} {
		t.Run("FollowerCount/"+tc.name, func(t *testing.T) {
			all, reachable, err := f.s.FollowerCount(f.ctx, []int64{domain.DefaultBranchID}, tc.activity)
			if err != nil || all != tc.all || reachable != tc.reachable {
				t.Fatalf("FollowerCount = %d, %d, %v; want %d, %d", all, reachable, err, tc.all, tc.reachable)
			}
		})
	}
	for _, tc := range []struct {
		name   string
		member int64
		want   map[int64]bool
	}{
		{"one", 1, map[int64]bool{id: true}},
		{"two", 2, map[int64]bool{id: true, other: true}},
		{"none", 3, map[int64]bool{}},
	} {
		t.Run("Following/"+tc.name, func(t *testing.T) {
			got, err := f.s.Following(f.ctx, tc.member)
			if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("Following(%d) = %v, %v; want %v", tc.member, got, err, tc.want)
			}
		})
	}
	t.Run("the first follow's time is kept", func(t *testing.T) {
		if n := f.count(`SELECT count(*) FROM activity_followers WHERE activity_id = ? AND member_id = 1 AND created_at = ?`, id, t0); n != 1 {
			t.Fatalf("follow time changed by a second follow (%d rows at t0)", n)
		}
	})
	t.Run("unfollow", func(t *testing.T) {
		for i := 0; i < 2; i++ { // idempotent
			if err := f.s.Unfollow(f.ctx, []int64{domain.DefaultBranchID}, id, 1); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := f.s.Following(f.ctx, 1); len(got) != 0 {
			t.Fatalf("still following %v", got)
		}
		if all, _, _ := f.s.FollowerCount(f.ctx, []int64{domain.DefaultBranchID}, id); all != 1 {
			t.Fatalf("%d followers after unfollow", all)
		}
	})
	t.Run("unknown activity", func(t *testing.T) {
		if err := f.s.Follow(f.ctx, []int64{domain.DefaultBranchID}, 999, 1, t0); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("Follow unknown = %v", err)
		}
	})
	t.Run("archived cannot be followed", func(t *testing.T) {
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, other, t0); err != nil {
			t.Fatal(err)
		}
		if err := f.s.Follow(f.ctx, []int64{domain.DefaultBranchID}, other, 3, t0); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("Follow archived = %v", err)
		}
		if got, _ := f.s.Following(f.ctx, 3); len(got) != 0 {
			t.Fatalf("member 3 follows %v", got)
		}
	})
}

// asCoordinator counts any meeting that has begun: the storage tests of the
// tally itself; MayCount has its own table.
var asCoordinator = domain.Counter{Coordinator: true, OnTheDay: true, Begun: true}

func TestApplyTap(t *testing.T) {
	for _, tc := range []struct {
		name    string
		from    domain.HeadCount
		kind    string
		want    domain.HeadCount
		wantErr bool
	}{
		{"adult", domain.HeadCount{}, domain.TapAdult, domain.HeadCount{Adults: 1}, false},
		{"child", domain.HeadCount{Adults: 1}, domain.TapChild, domain.HeadCount{Adults: 1, Children: 1}, false},
		{"first time with nobody counted", domain.HeadCount{}, domain.TapFirst, domain.HeadCount{}, true},
		{"first time of one adult", domain.HeadCount{Adults: 1}, domain.TapFirst, domain.HeadCount{Adults: 1, FirstTime: 1}, false},
		{"first time of a child", domain.HeadCount{Children: 1}, domain.TapFirst, domain.HeadCount{Children: 1, FirstTime: 1}, false},
		{"more first-timers than people", domain.HeadCount{Adults: 1, FirstTime: 1}, domain.TapFirst, domain.HeadCount{Adults: 1, FirstTime: 1}, true},
		{"first-timers up to everyone", domain.HeadCount{Adults: 2, Children: 1, FirstTime: 2}, domain.TapFirst, domain.HeadCount{Adults: 2, Children: 1, FirstTime: 3}, false},
		{"unknown kind", domain.HeadCount{Adults: 1}, "dog", domain.HeadCount{Adults: 1}, true},
		{"empty kind", domain.HeadCount{}, "", domain.HeadCount{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := domain.ApplyTap(tc.from, tc.kind)
			if tc.wantErr != errors.Is(err, domain.ErrCount) || (err != nil && !tc.wantErr) {
				t.Fatalf("ApplyTap err = %v, want error %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Fatalf("ApplyTap = %+v, want %+v", got, tc.want)
			}
			if got.FirstTime > got.Total() {
				t.Fatalf("more first-timers than people: %+v", got)
			}
		})
	}
}

func TestHeadCountThroughStorage(t *testing.T) {
	f := newActFixture(t)
	id := f.create(cafe(), t0)
	slot := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	otherSlot := slot.Add(7 * 24 * time.Hour)
	steps := []struct {
		name    string
		tap     string // "undo" for undo
		want    domain.HeadCount
		wantErr bool
	}{
		{"undo of nothing", "undo", domain.HeadCount{}, true},
		{"first time before anyone", domain.TapFirst, domain.HeadCount{}, true},
		{"adult", domain.TapAdult, domain.HeadCount{Adults: 1}, false},
		{"child", domain.TapChild, domain.HeadCount{Adults: 1, Children: 1}, false},
		{"first", domain.TapFirst, domain.HeadCount{Adults: 1, Children: 1, FirstTime: 1}, false},
		{"first", domain.TapFirst, domain.HeadCount{Adults: 1, Children: 1, FirstTime: 2}, false},
		{"a third first-timer refused", domain.TapFirst, domain.HeadCount{Adults: 1, Children: 1, FirstTime: 2}, true},
		{"undo takes back the last first", "undo", domain.HeadCount{Adults: 1, Children: 1, FirstTime: 1}, false},
		{"adult", domain.TapAdult, domain.HeadCount{Adults: 2, Children: 1, FirstTime: 1}, false},
		{"undo takes back the adult", "undo", domain.HeadCount{Adults: 1, Children: 1, FirstTime: 1}, false},
		{"undo first", "undo", domain.HeadCount{Adults: 1, Children: 1}, false},
		{"undo child", "undo", domain.HeadCount{Adults: 1}, false},
		{"undo adult", "undo", domain.HeadCount{}, false},
		{"undo once more", "undo", domain.HeadCount{}, true},
	}
	for i, st := range steps {
		t.Run(fmt.Sprintf("%02d %s", i, st.name), func(t *testing.T) {
			now := slot.Add(time.Duration(i) * time.Minute)
			var got domain.HeadCount
			var err error
			if st.tap == "undo" {
				got, err = f.s.UndoHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, slot)
			} else {
				got, err = f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, slot, st.tap, now)
			}
			if st.wantErr != errors.Is(err, domain.ErrCount) || (err != nil && !st.wantErr) {
				t.Fatalf("err = %v, want error %v", err, st.wantErr)
			}
			if stored, _ := f.s.HeadCountOf(f.ctx, []int64{domain.DefaultBranchID}, id, slot); stored != st.want {
				t.Fatalf("stored count %+v, want %+v", stored, st.want)
			}
			if err == nil && got != st.want {
				t.Fatalf("returned count %+v, want %+v", got, st.want)
			}
		})
	}
	t.Run("meetings counted apart", func(t *testing.T) {
		if _, err := f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, slot, domain.TapAdult, slot); err != nil {
			t.Fatal(err)
		}
		if h, err := f.s.HeadCountOf(f.ctx, []int64{domain.DefaultBranchID}, id, otherSlot); err != nil || h != (domain.HeadCount{}) {
			t.Fatalf("other meeting's count %+v, %v", h, err)
		}
		if _, err := f.s.UndoHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, otherSlot); !errors.Is(err, domain.ErrCount) {
			t.Fatalf("undo on the other meeting took the first one's tap: %v", err)
		}
		if h, _ := f.s.HeadCountOf(f.ctx, []int64{domain.DefaultBranchID}, id, slot); h != (domain.HeadCount{Adults: 1}) {
			t.Fatalf("count %+v", h)
		}
	})
}

func TestImportPlan(t *testing.T) {
	f := newActFixture(t)
	plan := func() Plan {
		return Plan{Activities: []domain.Activity{
			{Key: "tal-dansk", Name: "Tal Dansk Café", Titles: domain.Texts{"en": "Speak Danish Café", "ar": "مقهى"}, Place: "Ballerup Bibliotek",
				Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180},
			{Key: "lektier", Name: "Lektiehjælp", Place: " Skolen ", Schedule: "0 16 * * MON,TUE", DurationMin: 120, RemindBeforeMin: 0},
		}}
	}
	// The steps remove a translation on purpose (see TestImportRefusesWipe
	// for an import that does it by accident); the counts are compared.
	imp := func(p Plan, now time.Time) ImportReport {
		t.Helper()
		rep, err := f.s.ImportPlanWith(f.ctx, p, now, ImportOptions{Replace: true})
		if err != nil {
			t.Fatal(err)
		}
		rep.Entries = nil
		return rep
	}
	steps := []struct {
		name string
		plan func() Plan
		want ImportReport
	}{
		{"first import creates", plan, ImportReport{Created: 2}},
		{"second import changes nothing", plan, ImportReport{Unchanged: 2}},
		{"a changed place is an update", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
		{"the same again is unchanged", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			return p
		}, ImportReport{Unchanged: 2}},
		// Each step below changes one field of the second entry more.
		{"a changed reminder offset is an update", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			p.Activities[1].RemindBeforeMin = 60
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
		{"a changed length is an update", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			p.Activities[1].RemindBeforeMin, p.Activities[1].DurationMin = 60, 90
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
		{"a changed schedule is an update", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			p.Activities[1].RemindBeforeMin, p.Activities[1].DurationMin = 60, 90
			p.Activities[1].Schedule = "0 16 * * MON,WED"
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
		{"back to the plan", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
		{"a changed title translation is an update", func() Plan {
			p := plan()
			p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
			p.Activities[0].Titles = domain.Texts{"en": "Speak Danish Café"}
			return p
		}, ImportReport{Updated: 1, Unchanged: 1}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if rep := imp(st.plan(), t0); !reflect.DeepEqual(rep, st.want) {
				t.Fatalf("report %+v, want %+v", rep, st.want)
			}
		})
	}
	t.Run("stored as planned", func(t *testing.T) {
		a, err := f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, "lektier")
		if err != nil || a.Place != "Skolen" || a.RemindBeforeMin != 0 || a.Schedule != "0 16 * * MON,TUE" {
			t.Fatalf("lektier = %+v, %v", a, err)
		}
	})
	t.Run("archived brought back", func(t *testing.T) {
		a, _ := f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, "lektier")
		if err := f.s.ArchiveActivity(f.ctx, []int64{domain.DefaultBranchID}, a.ID, t0); err != nil {
			t.Fatal(err)
		}
		p := plan()
		p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
		p.Activities[0].Titles = domain.Texts{"en": "Speak Danish Café"}
		if rep := imp(p, t0.Add(time.Hour)); !reflect.DeepEqual(rep, ImportReport{Updated: 1, Unchanged: 1}) {
			t.Fatalf("report %+v", rep)
		}
		a, _ = f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, "lektier")
		if a.ArchivedAt != nil {
			t.Fatal("still archived")
		}
		if rep := imp(p, t0.Add(2*time.Hour)); !reflect.DeepEqual(rep, ImportReport{Unchanged: 2}) {
			t.Fatalf("after bringing back: %+v", rep)
		}
	})
	t.Run("a changed Danish title is an update", func(t *testing.T) {
		p := plan()
		p.Activities[0].Place = "Ballerup Bibliotek, Banegårdspladsen 1"
		p.Activities[0].Titles = domain.Texts{"en": "Speak Danish Café"}
		p.Activities[0].Name = "Tal Dansk Café i Ballerup"
		if rep := imp(p, t0.Add(3*time.Hour)); !reflect.DeepEqual(rep, ImportReport{Updated: 1, Unchanged: 1}) {
			t.Fatalf("report %+v", rep)
		}
		if a, _ := f.s.ActivityByKey(f.ctx, domain.DefaultBranchID, "tal-dansk"); a.Name != "Tal Dansk Café i Ballerup" {
			t.Fatalf("title %q", a.Name)
		}
	})
	for _, tc := range []struct {
		name   string
		change func(p *Plan)
	}{
		{"entry without key", func(p *Plan) { p.Activities[1].Key = "" }},
		{"bad key", func(p *Plan) { p.Activities[1].Key = "Lektier!" }},
		{"bad schedule", func(p *Plan) { p.Activities[1].Schedule = "thurday 15:00" }},
		{"empty title", func(p *Plan) { p.Activities[1].Name = "" }},
	} {
		t.Run("refused whole/"+tc.name, func(t *testing.T) {
			before := f.count(`SELECT count(*) FROM activities`)
			p := plan()
			p.Activities[0].Place = "A place that must not be saved"
			p.Activities = append(p.Activities, domain.Activity{Key: "new-one", Name: "Ny", Schedule: "0 10 * * SAT", DurationMin: 60})
			tc.change(&p)
			if _, err := f.s.ImportPlan(f.ctx, p, t0); !errors.Is(err, domain.ErrInvalidActivity) {
				t.Fatalf("ImportPlan = %v, want ErrInvalidActivity", err)
			}
			if n := f.count(`SELECT count(*) FROM activities`); n != before {
				t.Fatalf("%d activities, %d before", n, before)
			}
			if n := f.count(`SELECT count(*) FROM activities WHERE place = 'A place that must not be saved'`); n != 0 {
				t.Fatal("the good entry of a refused plan was saved")
			}
		})
	}
}

// TestHeadCountConcurrentFirstTaps: two volunteers tapping "first time
// here" at once cannot make more first-timers than people.
func TestHeadCountConcurrentFirstTaps(t *testing.T) {
	f := newActFixture(t)
	id := f.create(cafe(), t0)
	slot := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	other, err := Open(f.ctx, f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, kind := range []string{domain.TapAdult, domain.TapChild} {
		if _, err := f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, slot, kind, slot); err != nil {
			t.Fatal(err)
		}
	}
	const taps = 10
	results := make(chan error, taps)
	for i := 0; i < taps; i++ {
		s := f.s
		if i%2 == 1 {
			s = other
		}
		go func(s *Store) {
			_, err := s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, asCoordinator, id, slot, domain.TapFirst, slot)
			results <- err
		}(s)
	}
	ok := 0
	for i := 0; i < taps; i++ {
		err := <-results
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, domain.ErrCount):
			t.Fatal(err)
		}
	}
	h, err := f.s.HeadCountOf(f.ctx, []int64{domain.DefaultBranchID}, id, slot)
	if err != nil || ok != 2 || h != (domain.HeadCount{Adults: 1, Children: 1, FirstTime: 2}) {
		t.Fatalf("%d first taps taken, count %+v (%v); want 2 of 2 people", ok, h, err)
	}
}

func TestMayCount(t *testing.T) {
	vol := domain.Counter{MemberID: 7}
	coord := domain.Counter{MemberID: 1, Coordinator: true}
	day := func(c domain.Counter) domain.Counter { c.OnTheDay = true; return c }
	begun := func(c domain.Counter) domain.Counter { c.Begun = true; return c }
	for _, tc := range []struct {
		name                        string
		by                          domain.Counter
		cancelled, staffed, hosting bool
		want                        error
	}{
		{"cancelled: nobody", day(coord), true, false, false, domain.ErrCountCancelled},
		{"coordinator on the day", day(coord), false, true, false, nil},
		{"coordinator after the meeting, to fix the count", begun(coord), false, true, false, nil},
		{"coordinator before the day", coord, false, false, false, domain.ErrCountNotToday},
		{"volunteer on the day, no shifts on the activity", day(vol), false, false, false, nil},
		{"volunteer on the day, a host", day(vol), false, true, true, nil},
		{"volunteer on the day, not a host", day(vol), false, true, false, domain.ErrCountNotHost},
		{"volunteer the day after, even a host", begun(vol), false, true, true, domain.ErrCountNotToday},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := domain.MayCount(tc.by, tc.cancelled, tc.staffed, tc.hosting); !errors.Is(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("MayCount = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestHeadCountHosts: once an activity has shifts, only the volunteers on a
// shift of that meeting (and coordinators) count it; the rule is applied in
// the transaction that writes the tap.
func TestHeadCountHosts(t *testing.T) {
	f := newActFixture(t)
	id := f.create(cafe(), t0)
	slot := nov26
	host, other := f.member(7, "da", t0), f.member(8, "ti", t0)
	for _, m := range []domain.Member{host, other} {
		if _, err := f.s.SetRole(f.ctx, 1, m.ID, domain.RoleVolunteer, t0, false); err != nil {
			t.Fatal(err)
		}
	}
	onDay := func(m domain.Member) domain.Counter { return domain.Counter{MemberID: m.ID, OnTheDay: true} }
	if _, err := f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, onDay(other), id, slot, domain.TapAdult, slot); err != nil {
		t.Fatalf("no shifts yet: any volunteer counts, got %v", err)
	}
	sh, err := f.s.CreateShift(f.ctx, domain.Shift{Key: "vaert", ActivityID: &id, Role: "Vært", Needed: 2}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SignUp(f.ctx, []int64{domain.DefaultBranchID}, f.loc, sh, slot, host.ID, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, onDay(other), id, slot, domain.TapAdult, slot); !errors.Is(err, domain.ErrCountNotHost) {
		t.Errorf("a volunteer who is not a host: %v, want ErrCountNotHost", err)
	}
	if _, err := f.s.UndoHeadCount(f.ctx, []int64{domain.DefaultBranchID}, onDay(other), id, slot); !errors.Is(err, domain.ErrCountNotHost) {
		t.Errorf("undo by a volunteer who is not a host: %v, want ErrCountNotHost", err)
	}
	if h, err := f.s.TapHeadCount(f.ctx, []int64{domain.DefaultBranchID}, onDay(host), id, slot, domain.TapChild, slot); err != nil || h != (domain.HeadCount{Adults: 1, Children: 1}) {
		t.Errorf("the host's tap: %+v, %v", h, err)
	}
	if err := f.s.CanCount(f.ctx, []int64{domain.DefaultBranchID}, onDay(host), id, slot.Add(7*24*time.Hour)); !errors.Is(err, domain.ErrCountNotHost) {
		t.Errorf("the host of one meeting counting next week's: %v, want ErrCountNotHost", err)
	}
}
