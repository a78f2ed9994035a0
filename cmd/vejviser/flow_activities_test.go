package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// testClock is a clock the test moves by hand; the chat and the scheduler
// read it, so reminders fall due when the test says so.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// withClock runs the chat and the scheduler on c, the scheduler looking
// again every 20 ms so that moving the clock takes effect at once.
func withClock(c *testClock) harnessOpt {
	return func(_ *config, h *hooks) { h.now, h.schedPoll = c.now, 20*time.Millisecond }
}

var cph = mustLoc("Europe/Copenhagen")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// cafe is the Tal Dansk Café of the flows: Thursdays 15:00-17:00, reminder 3 h before.
var cafe = domain.Activity{
	Key: "tal-dansk", Name: "Tal Dansk Café",
	Titles: domain.Texts{"ar": "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", "en": "Speak Danish Café"},
	Place:  "Ballerup Bibliotek", Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180,
}

// waitButton waits until the newest bot message in u's chat has a button labelled label.
func (f *flow) waitButton(u tgfake.User, label string) {
	f.t.Helper()
	f.waitFor("button "+label, func() bool {
		m, ok := f.fake.LastMessage(u.ID)
		return ok && hasLabel(m, label)
	})
}

// cafePlan is cafe as a season plan.
const cafePlan = `[[activity]]
key = "tal-dansk"
title = { da = "Tal Dansk Café", ar = "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", en = "Speak Danish Café" }
place = "Ballerup Bibliotek"
weekly = "thursday 15:00-17:00"
remind_before = "3h"
`

// openDate goes as coordinator c from /activities to the card of one date of act.
func (f *flow) openDate(c tgfake.User, act domain.Activity, date time.Time) {
	f.t.Helper()
	D := f.cat.For("da")
	f.send(c, "/activities", act.Name)
	f.tap(c, D.Button("BtnManageActivity", locales.Data{"Title": act.Name}))
	f.waitText(c, D.T("ActivityKeyLine", locales.Data{"Key": act.Key}))
	f.tap(c, D.T("BtnDates", nil))
	f.waitText(c, D.T("MeetingsTitle", locales.Data{"Title": act.Name}))
	f.tap(c, D.DateTime(date))
}

// reminders counts the reminders queued for member id.
func (f *flow) reminders(id int64) int {
	return f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND kind = 'reminder'`, id)
}

// TestActivityRemindersFlow walks the activities feature through the chat,
// in Danish and in Arabic: the plan imported, /activities, follow, exactly
// one reminder at the right time, a restart that sends no second one, a
// cancelled date (followers told, no reminder), a moved date (reminder for
// the new time) and a head count that reaches storage.
func TestActivityRemindersFlow(t *testing.T) {
	for _, lang := range []string{"da", "ar"} {
		t.Run(lang, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 1, 13, 10, 0, 0, 0, cph)} // a Wednesday
			coordID := int64(9001)
			f := startFlow(t, withCoordinators(coordID), withClock(clock))
			ctx := context.Background()
			// The season plan goes in through `vejviser import` against the running bot's database.
			plan := filepath.Join(t.TempDir(), "plan.toml")
			if err := os.WriteFile(plan, []byte(cafePlan), 0o600); err != nil {
				t.Fatal(err)
			}
			var out, errs bytes.Buffer
			if err := runIO(ctx, []string{"import", "-db", f.db, plan}, func(string) string { return "" }, nil, &out, &errs); err != nil {
				t.Fatalf("import: %v\n%s", err, &errs)
			}
			if !strings.Contains(out.String(), "1 created") {
				t.Errorf("import said %q", &out)
			}
			coord := tgfake.User{ID: coordID, FirstName: "Mette", LanguageCode: "da"}
			p := tgfake.User{ID: 9101, FirstName: "Amina", LanguageCode: lang}
			f.join(coord, "da")
			f.join(p, lang)
			L := f.cat.For(lang)
			title := cafe.Title(lang)
			thu := func(day, h, m int) time.Time { return time.Date(2027, 1, day, h, m, 0, 0, cph) }

			// /activities shows the next date spelled out, and a 🔔 button.
			list := f.send(p, "/activities", L.T("ActivityNext", locales.Data{"When": L.DateTime(thu(14, 15, 0))}))
			follow := L.Button("BtnFollow", locales.Data{"Title": title})
			if !strings.HasPrefix(follow, "🔔") || !hasLabel(list, follow) {
				t.Fatalf("no follow button %q in %q", follow, labels(list))
			}
			text, _ := f.tap(p, follow)
			if want := L.T("FollowedToast", locales.Data{"Title": title}); text != want {
				t.Errorf("follow answered %q, want %q", text, want)
			}
			m := f.waitText(p, L.T("ActivityFollowing", nil))
			if unf := L.Button("BtnUnfollow", locales.Data{"Title": title}); !hasLabel(m, unf) || !strings.HasPrefix(unf, "🔕") {
				t.Errorf("after following, no unfollow button %q: %q", unf, labels(m))
			}

			// The reminder: due Thursday 12:00, three hours before 15:00; not a minute before.
			head := L.T("ReminderHead", locales.Data{"Title": title})
			clock.set(thu(14, 11, 59))
			f.settle()
			if n := f.reminders(p.ID); n != 0 {
				t.Fatalf("%d reminders a minute before they are due", n)
			}
			clock.set(thu(14, 12, 0))
			r := f.waitText(p, head)
			if !strings.Contains(r.Text, L.DateTime(thu(14, 15, 0))) || !strings.Contains(r.Text, "Ballerup Bibliotek") {
				t.Errorf("reminder lacks the date or the place: %q", r.Text)
			}
			clock.set(thu(14, 12, 30))
			f.settle()
			if n := f.reminders(p.ID); n != 1 {
				t.Fatalf("%d reminders queued, want exactly 1", n)
			}

			// A restart on the same database at 12:31: no second reminder.
			db := f.db
			f.harness.stop()
			clock.set(thu(14, 12, 31))
			f.harness = startBotOn(t, f.fake, f.logs, withCoordinators(coordID), withClock(clock), withDB(db))
			f.settle()
			if n := f.reminders(p.ID); n != 1 {
				t.Fatalf("after a restart %d reminders, want still 1", n)
			}
			if got := f.delivered(p, r.Text); got != 1 {
				t.Errorf("reminder delivered %d times", got)
			}

			// The coordinator cancels the next Thursday (21 January), with a reason.
			D := f.cat.For("da")
			f.openDate(coord, cafe, thu(21, 15, 0))
			f.waitButton(coord, D.T("BtnCancelMeeting", nil))
			f.tap(coord, D.T("BtnCancelMeeting", nil))
			f.send(coord, "Biblioteket er lukket", D.T("MeetingPreview", nil))
			if f.count(`SELECT count(*) FROM outbox WHERE notice = ?`, domain.NoticeMeetingChanged) != 0 {
				t.Errorf("a follower was told before the preview was sent")
			}
			f.tap(coord, D.T("BtnSend", nil))
			f.waitText(coord, D.N("MeetingChangedTold", 1, nil))
			notice := f.waitText(p, L.T("MeetingCancelledNotice", locales.Data{"Title": title, "When": L.DateTime(thu(21, 15, 0))}))
			if !strings.Contains(notice.Text, "Biblioteket er lukket") {
				t.Errorf("cancel notice lacks the reason: %q", notice.Text)
			}
			clock.set(thu(21, 12, 0))
			f.settle()
			if n := f.reminders(p.ID); n != 1 {
				t.Errorf("a cancelled date got a reminder: %d reminders", n)
			}

			// Move 28 January to Friday 29 January 16:00: the reminder follows the new time.
			f.openDate(coord, cafe, thu(28, 15, 0))
			f.waitButton(coord, D.T("BtnMoveMeeting", nil))
			f.tap(coord, D.T("BtnMoveMeeting", nil))
			f.send(coord, "29.01.2027 16:00", D.T("MeetingPreview", nil))
			f.tap(coord, D.T("BtnSend", nil))
			f.waitText(coord, D.N("MeetingChangedTold", 1, nil))
			f.waitText(p, L.T("MeetingMovedNotice", locales.Data{"Title": title, "Was": L.DateTime(thu(28, 15, 0)), "When": L.DateTime(thu(29, 16, 0))}))
			clock.set(thu(28, 12, 0))
			f.settle()
			if n := f.reminders(p.ID); n != 1 {
				t.Errorf("the old time of a moved date got a reminder: %d reminders", n)
			}
			clock.set(thu(29, 13, 0))
			moved := f.waitText(p, head)
			if !strings.Contains(moved.Text, L.DateTime(thu(29, 16, 0))) {
				t.Errorf("reminder of the moved date shows %q", moved.Text)
			}
			if n := f.reminders(p.ID); n != 2 {
				t.Errorf("%d reminders after the moved date's, want 2", n)
			}

			// Head count on the day: +adult twice, +child, first time, first time, undo.
			clock.set(thu(29, 16, 5))
			f.send(coord, "/count", D.T("CountPick", nil))
			f.tap(coord, cafe.Name)
			f.waitText(coord, D.T("CountHead", locales.Data{"Title": cafe.Name}))
			for _, b := range []string{"BtnCountAdult", "BtnCountAdult", "BtnCountChild", "BtnCountFirst", "BtnCountFirst", "BtnCountUndo"} {
				f.tap(coord, D.T(b, nil))
			}
			f.waitText(coord, D.T("CountLines", locales.Data{"Adults": 2, "Children": 1, "First": 1, "Total": 3}))
			a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, "tal-dansk")
			if err != nil {
				t.Fatal(err)
			}
			h, err := f.store.HeadCountOf(ctx, []int64{domain.DefaultBranchID}, a.ID, thu(28, 15, 0))
			if err != nil {
				t.Fatal(err)
			}
			if h != (domain.HeadCount{Adults: 2, Children: 1, FirstTime: 1}) {
				t.Errorf("head count stored %+v", h)
			}
		})
	}
}

// TestActivityRemindersOnDSTDays runs an activity at 02:30 on Sundays through
// the real bot on the four switch days of 2026 and 2027. 02:30 does not
// exist on the spring days (the meeting is at 03:30 summer time) and exists
// twice on the autumn days (the meeting is at the first, summer-time 02:30):
// either way exactly one reminder, three hours before that instant.
func TestActivityRemindersOnDSTDays(t *testing.T) {
	for _, c := range []struct {
		name    string
		day     time.Time // the Sunday, local midnight
		meeting time.Time // the instant the rule gives
	}{
		{"spring 2026", time.Date(2026, 3, 29, 0, 0, 0, 0, cph), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"autumn 2026", time.Date(2026, 10, 25, 0, 0, 0, 0, cph), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)},
		{"spring 2027", time.Date(2027, 3, 28, 0, 0, 0, 0, cph), time.Date(2027, 3, 28, 1, 30, 0, 0, time.UTC)},
		{"autumn 2027", time.Date(2027, 10, 31, 0, 0, 0, 0, cph), time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			clock := &testClock{t: c.day.AddDate(0, 0, -1).Add(9 * time.Hour)} // Saturday morning
			f := startFlow(t, withClock(clock))
			act := domain.Activity{Key: "nat", Name: "Natcafé", Schedule: "30 2 * * SUN", DurationMin: 60, RemindBeforeMin: 180}
			if _, err := f.store.ImportPlan(context.Background(), storage.Plan{Activities: []domain.Activity{act}}, clock.now()); err != nil {
				t.Fatal(err)
			}
			p := tgfake.User{ID: 9201, FirstName: "Yonas", LanguageCode: "da"}
			f.join(p, "da")
			D := f.cat.For("da")
			f.send(p, "/activities", D.T("ActivityNext", locales.Data{"When": D.DateTime(c.meeting)}))
			f.tap(p, D.Button("BtnFollow", locales.Data{"Title": act.Name}))
			f.waitText(p, D.T("ActivityFollowing", nil))

			due := c.meeting.Add(-3 * time.Hour)
			clock.set(due.Add(-time.Minute))
			f.settle()
			if n := f.reminders(p.ID); n != 0 {
				t.Fatalf("%d reminders before %s", n, due)
			}
			clock.set(due)
			r := f.waitText(p, D.T("ReminderHead", locales.Data{"Title": act.Name}))
			if !strings.Contains(r.Text, D.DateTime(c.meeting)) {
				t.Errorf("reminder names %q, want the meeting at %s", r.Text, D.DateTime(c.meeting))
			}
			// Walk the clock through the night, past the second 02:30 in autumn.
			for _, d := range []time.Duration{time.Hour, 2 * time.Hour, 3*time.Hour + 30*time.Minute, 5 * time.Hour} {
				clock.set(due.Add(d))
				f.settle()
			}
			if n := f.reminders(p.ID); n != 1 {
				t.Errorf("%d reminders for the night of the switch, want exactly 1", n)
			}
		})
	}
}

// TestNewActivityStepByStep creates an activity through the chat, with a
// wrong value at the steps that check them, edits one field from the
// preview, saves it, and ends it; a participant cannot start it, and
// /cancel ends it with nothing saved.
func TestNewActivityStepByStep(t *testing.T) {
	f := startFlow(t, withCoordinators(9301))
	c := tgfake.User{ID: 9301, FirstName: "Mette", LanguageCode: "da"}
	p := tgfake.User{ID: 9302, FirstName: "Selam", LanguageCode: "ti"}
	f.join(c, "da")
	f.join(p, "ti")
	D := f.cat.For("da")
	ctx := context.Background()

	f.send(p, "/newactivity", f.T("ti", "CoordinatorsOnly", nil))

	f.send(c, "/newactivity", D.T("NewActivityAskTitle", nil))
	f.send(c, "/cancel", D.T("Cancelled", nil))
	if n := f.count(`SELECT count(*) FROM conversations WHERE member_id = ?`, c.ID); n != 0 {
		t.Errorf("/cancel left the draft")
	}

	f.send(c, "/newactivity", D.T("NewActivityAskTitle", nil))
	f.send(c, strings.Repeat("x", 201), D.T("ActivityTitleInvalid", nil))
	f.send(c, "Sprogtræning", D.T("NewActivityTitles", locales.Data{"Title": "Sprogtræning"}))
	f.tap(c, D.Button("BtnAddLanguage", locales.Data{"Language": "English"}))
	f.waitText(c, D.T("NewActivityAskTitleIn", locales.Data{"Language": D.Name("en")}))
	f.send(c, "Language practice", D.T("NewActivityTitles", locales.Data{"Title": "Sprogtræning"}))
	f.waitButton(c, D.Button("BtnEditLanguage", locales.Data{"Language": "English"}))
	f.tap(c, D.T("BtnContinue", nil))
	f.waitText(c, D.T("NewActivityAskPlace", nil))
	f.send(c, "Ballerup Sprogskole", D.T("NewActivityAskDays", nil))
	text, alert := f.tap(c, D.T("BtnContinue", nil))
	expectAnswer(t, "Continue without a day", text, alert, D.T("ActivityNeedDay", nil), true)
	f.tap(c, D.Weekday(time.Monday))
	f.waitButton(c, "✅ "+D.Weekday(time.Monday))
	f.tap(c, D.Weekday(time.Wednesday))
	f.waitButton(c, "✅ "+D.Weekday(time.Wednesday))
	f.tap(c, D.T("BtnContinue", nil))
	f.waitText(c, D.T("NewActivityAskTimes", nil))
	f.send(c, "17:00-15:00", D.T("ActivityTimesInvalid", nil))
	f.send(c, "17:00-19:00", D.T("NewActivityAskRemind", nil))
	f.tap(c, D.Button("BtnRemindBefore", locales.Data{"Duration": D.N("DurationHours", 1, nil)}))
	f.waitText(c, D.T("ActivityPreview", nil))
	f.tap(c, D.T("BtnEditPlace", nil))
	f.waitText(c, D.T("NewActivityAskPlace", nil))
	prev := f.send(c, "Ballerup Bibliotek", D.T("ActivityPreview", nil))
	if !strings.Contains(prev.Text, "Ballerup Bibliotek") || !strings.Contains(prev.Text, D.Weekday(time.Monday)) {
		t.Errorf("preview after editing the place: %q", prev.Text)
	}
	f.tap(c, D.T("BtnSaveActivity", nil))
	f.waitText(c, D.T("ActivitySaved", locales.Data{"Title": "Sprogtræning"}))

	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, "sprogtraening")
	if err != nil {
		t.Fatal(err)
	}
	if a.Schedule != "0 17 * * MON,WED" || a.DurationMin != 120 || a.RemindBeforeMin != 60 || a.Place != "Ballerup Bibliotek" || a.Titles["en"] != "Language practice" {
		t.Errorf("stored %+v", a)
	}

	// The participant sees it, in Tigrinya (no Tigrinya title: the Danish one).
	f.send(p, "/activities", "Sprogtræning")

	// The coordinator ends it: it leaves the list.
	f.send(c, "/activities", "Sprogtræning")
	f.tap(c, D.Button("BtnManageActivity", locales.Data{"Title": "Sprogtræning"}))
	f.waitText(c, D.T("ActivityKeyLine", locales.Data{"Key": "sprogtraening"}))
	f.tap(c, D.T("BtnArchiveActivity", nil))
	f.waitText(c, D.T("ArchiveConfirm", locales.Data{"Title": "Sprogtræning"}))
	f.tap(c, D.T("BtnArchiveYes", nil))
	f.waitText(c, D.T("ActivitiesNone", nil))
	f.send(p, "/activities", f.T("ti", "ActivitiesNone", nil))
}

// TestActivityButtonsForgedOrStale presses activity buttons that were
// forged or outlived their context: each gets a clear answer.
func TestActivityButtonsForgedOrStale(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 13, 10, 0, 0, 0, cph)}
	f := startFlow(t, withCoordinators(9401), withClock(clock))
	ctx := context.Background()
	if _, err := f.store.ImportPlan(ctx, storage.Plan{Activities: []domain.Activity{cafe}}, clock.now()); err != nil {
		t.Fatal(err)
	}
	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, cafe.Key)
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(a.ID, 10)
	c := tgfake.User{ID: 9401, FirstName: "Mette", LanguageCode: "da"}
	p := tgfake.User{ID: 9402, FirstName: "Omar", LanguageCode: "ar"}
	f.join(c, "da")
	f.join(p, "ar")
	list := f.send(p, "/activities", f.T("ar", "ActivitiesTitle", nil))
	thursday := strconv.FormatInt(time.Date(2027, 1, 14, 14, 0, 0, 0, time.UTC).Unix(), 10)
	for _, tc := range []struct {
		name string
		who  tgfake.User
		data string
		want string
	}{
		{"follow an activity that does not exist", p, "1:af:987654:on", f.T("ar", "ActivityGone", nil)},
		{"a participant opens the coordinators' card", p, "1:ao:" + id, f.T("ar", "CoordinatorsOnly", nil)},
		{"a participant taps a head count", p, "1:hc:" + id + ":" + thursday + ":adult", f.T("ar", "VolunteersOnly", nil)},
		{"a date the schedule does not have", c, "1:am:" + id + ":" + strconv.FormatInt(time.Date(2027, 1, 14, 14, 7, 0, 0, time.UTC).Unix(), 10), f.T("da", "ButtonExpired", nil)},
		{"a head count before the day", c, "1:hc:" + id + ":" + thursday + ":adult", f.T("da", "CountOnlyOnTheDay", nil)},
		{"a step of a chat that is not open", c, "1:an:save:ok", f.T("da", "ButtonExpired", nil)},
		{"no reason for a cancellation never asked", c, "1:mn", f.T("da", "ButtonExpired", nil)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.use(t)
			text, alert := f.forge(tc.who, list.ID, tc.data)
			if text != tc.want || !alert {
				t.Errorf("answered %q (alert %v), want %q as an alert", text, alert, tc.want)
			}
		})
	}
	// Archived: the old follow button of the list says so.
	if err := f.store.ArchiveActivity(ctx, []int64{domain.DefaultBranchID}, a.ID, clock.now()); err != nil {
		t.Fatal(err)
	}
	text, _ := f.tap(p, f.cat.For("ar").Button("BtnFollow", locales.Data{"Title": cafe.Title("ar")}))
	if want := f.T("ar", "ActivityGone", nil); text != want {
		t.Errorf("follow after archiving answered %q, want %q", text, want)
	}
	if n := f.count(`SELECT count(*) FROM activity_followers`); n != 0 {
		t.Errorf("%d follows of an archived activity", n)
	}
}

// TestHeadCountByHosts: on the café's day a volunteer on its shift counts
// through /count; another volunteer is told that only the hosts count.
func TestHeadCountByHosts(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 14, 15, 5, 0, 0, cph)} // Thursday, the café has begun
	f := startFlow(t, withClock(clock))
	ctx := context.Background()
	if _, err := f.store.ImportPlan(ctx, storage.Plan{Activities: []domain.Activity{cafe}}, clock.now()); err != nil {
		t.Fatal(err)
	}
	a, err := f.store.ActivityByKey(ctx, domain.DefaultBranchID, cafe.Key)
	if err != nil {
		t.Fatal(err)
	}
	host := tgfake.User{ID: 9501, FirstName: "Lars", LanguageCode: "da"}
	other := tgfake.User{ID: 9502, FirstName: "Yonas", LanguageCode: "ti"}
	for _, u := range []tgfake.User{host, other} {
		m := f.join(u, u.LanguageCode)
		if _, err := f.store.SetRole(ctx, 1, m.ID, domain.RoleVolunteer, clock.now(), false); err != nil {
			t.Fatal(err)
		}
	}
	sh, err := f.store.CreateShift(ctx, domain.Shift{Key: "vaert", ActivityID: &a.ID, Role: "Vært", Needed: 2}, clock.now())
	if err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cph)
	if _, err := f.store.SignUp(ctx, []int64{domain.DefaultBranchID}, cph, sh, slot, host.ID, slot.Add(-24*time.Hour)); err != nil { // the day before
		t.Fatal(err)
	}
	f.send(other, "/count", f.T("ti", "CountOnlyHosts", nil))
	D := f.cat.For("da")
	f.send(host, "/count", D.T("CountPick", nil))
	f.tap(host, cafe.Name)
	f.waitText(host, D.T("CountHead", locales.Data{"Title": cafe.Name}))
	text, alert := f.tap(host, D.T("BtnCountUndo", nil))
	expectAnswer(t, "undo with nothing counted", text, alert, D.T("CountNothingToUndo", nil), true)
	text, alert = f.tap(host, D.T("BtnCountFirst", nil))
	expectAnswer(t, "a first-timer before anyone is counted", text, alert, D.T("CountFirstNeedsPerson", nil), true)
	f.tap(host, D.T("BtnCountAdult", nil))
	f.waitText(host, D.T("CountLines", locales.Data{"Adults": 1, "Children": 0, "First": 0, "Total": 1}))
	// The other volunteer forging the host's button is refused, in Tigrinya.
	list, _ := f.fake.LastMessage(other.ID)
	text, alert = f.forge(other, list.ID, "1:hc:"+strconv.FormatInt(a.ID, 10)+":"+strconv.FormatInt(slot.Unix(), 10)+":adult")
	expectAnswer(t, "a volunteer who is not a host", text, alert, f.T("ti", "CountOnlyHosts", nil), true)
	if h, _ := f.store.HeadCountOf(ctx, []int64{domain.DefaultBranchID}, a.ID, slot); h != (domain.HeadCount{Adults: 1}) {
		t.Errorf("head count %+v, want the host's one adult only", h)
	}
}
