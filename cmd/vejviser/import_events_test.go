package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// A plan whose events have problems is refused whole: every problem named
// with its line, key and field, exit status 2, and neither its valid event
// nor its valid activity imported.
func TestImportBrokenEventPlanRefusedWhole(t *testing.T) {
	db := newBotDB(t)
	plan := filepath.Join(t.TempDir(), "plan.toml")
	body := `[[activity]]
key = "tal-dansk"
title = { da = "Tal Dansk Café" }
weekly = "thursday 15:00-17:00"

[[event]]
key = "julefest-2026"
title = { da = "Julefest" }
start = 2026-12-19T14:00:00
end = 2026-12-19T17:00:00

[[event]]
key = "fastelavn-2027"
title = { da = "Fastelavnsfest" }
start = 2027-02-07T13:00:00
end = 2027-02-07T12:00:00
capacity = -5
invite = "activity:Tal Dansk"
`
	if err := os.WriteFile(plan, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := importShell(t, "-db", db, plan)
	var ce *configError
	if !errors.As(err, &ce) || err.Error() != plan+": 3 problems, nothing imported" {
		t.Fatalf("err = %v (%T), want a configError naming 3 problems", err, err)
	}
	want := []string{
		plan + `:16 event fastelavn-2027: end: must be after the start`,
		plan + `:17 event fastelavn-2027: capacity: must be a whole number of people from 1 to 10000, without quotes`,
		plan + `:18 event fastelavn-2027: invite: "activity:Tal Dansk": use participants, volunteers, everyone, or activity:<key> for an activity's followers`,
	}
	if got := strings.Split(strings.TrimRight(errOut, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(want, "\n"))
	}
	if out != "" {
		t.Errorf("stdout %q", out)
	}
	store, err := storage.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if es, err := store.Events(context.Background(), []int64{domain.DefaultBranchID}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || len(es) != 0 {
		t.Errorf("a refused plan left %d events (%v)", len(es), err)
	}
	if acts, err := store.Activities(context.Background(), []int64{domain.DefaultBranchID}); err != nil || len(acts) != 0 {
		t.Errorf("a refused plan left %d activities (%v)", len(acts), err)
	}
}

// TestConcurrentTapsForTheLastSeatsThroughTheChat: five households, each
// at the "how many children?" step, tap at the same moment for the last
// two seats; exactly one gets them and the others are told their place.
func TestConcurrentTapsForTheLastSeatsThroughTheChat(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 25, 10, 0, 0, 0, cph)}
	f := startFlow(t, withClock(clock))
	D := f.cat.For("da")
	var us []tgfake.User
	for i := 0; i < 5; i++ {
		u := tgfake.User{ID: int64(9201 + i), FirstName: "H", LanguageCode: "da"}
		f.join(u, "da")
		us = append(us, u)
	}
	f.importEventPlan("Ballerup Sprogskole") // six seats
	for _, u := range us {
		f.waitText(u, D.T("EventInvited", nil))
	}
	// One household takes four seats; two are left.
	f.answerYes(us[0], D, "2", "2", D.T("EventRecordedYes", with(heads(2, 2), "When", D.DateTime(time.Date(2027, 2, 3, 20, 0, 0, 0, cph)))))
	for _, u := range us[1:] {
		f.tap(u, D.T("BtnEventYes", nil))
		f.waitText(u, D.T("EventAskAdults", nil))
		f.tap(u, "1")
		f.waitText(u, D.T("EventAskChildren", nil))
	}
	var wg sync.WaitGroup
	for _, u := range us[1:] {
		m, _ := f.fake.LastMessage(u.ID)
		data := button(t, m, "1").Data
		wg.Add(1)
		go func(u tgfake.User, msg int) {
			defer wg.Done()
			f.fake.PressButton(u, msg, data)
		}(u, m.ID)
	}
	wg.Wait()
	yes := D.T("EventRecordedYes", with(heads(1, 1), "When", D.DateTime(time.Date(2027, 2, 3, 20, 0, 0, 0, cph))))
	outcome := func(u tgfake.User) string {
		m, _ := f.fake.LastMessage(u.ID)
		if strings.Contains(m.Text, yes) {
			return "seated"
		}
		for place := 1; place <= 4; place++ {
			if strings.Contains(m.Text, D.T("EventRecordedWaiting", with(heads(1, 1), "Place", place))) {
				return "place " + strconv.Itoa(place)
			}
		}
		return ""
	}
	got := map[string]int{}
	for _, u := range us[1:] {
		f.waitFor("an answer", func() bool { return outcome(u) != "" })
		got[outcome(u)]++
	}
	if want := map[string]int{"seated": 1, "place 1": 1, "place 2": 1, "place 3": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
	if n := f.count(`SELECT coalesce(sum(adults + children), 0) FROM event_invitations WHERE answer = 'yes'`); n != 6 {
		t.Errorf("%d seats taken of 6", n)
	}
	if n := f.count(`SELECT count(*) FROM event_invitations WHERE answer = 'waiting'`); n != 3 {
		t.Errorf("%d waiting, want 3", n)
	}
}

// vejviser report refuses bad arguments with exit status 2 and prints an
// empty report (header and total) for a period without anything.
func TestReportCommand(t *testing.T) {
	db := newBotDB(t)
	for _, args := range [][]string{
		{"--from", "2027-13-01", "--to", "2027-12-31"},
		{"--from", "2027-02-01"},
		{"--from", "2027-02-01", "--to", "2027-01-01"},
		{"--from", "2027-01-01", "--to", "2027-02-01", "--format", "xml"},
		{"--from", "2027-01-01", "--to", "2027-02-01", "extra"},
		{"--from", "0001-01-01", "--to", "9999-12-31"}, // at most 2 years
		{"--from", "2025-01-01", "--to", "2027-01-01"},
	} {
		var out, errOut strings.Builder
		err := run(context.Background(), append([]string{"report", "-db", db}, args...), envOf(), &out, &errOut)
		var ce *configError
		if !errors.As(err, &ce) {
			t.Errorf("report %q: err %v, want a configError (exit status 2)", args, err)
		}
	}
	for _, args := range [][]string{
		{"--format=xlsx"}, // an Excel file needs --out
		{"--lang=ar"},
		{"--table=people"},
	} {
		var out, errOut strings.Builder
		err := run(context.Background(), append([]string{"report", "-db", db, "--from", "2027-01-01", "--to", "2027-01-31"}, args...), envOf(), &out, &errOut)
		var ce *configError
		if !errors.As(err, &ce) {
			t.Errorf("report %q: err %v, want a configError (exit status 2)", args, err)
		}
	}
	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"report", "-db", db, "--from=01.01.2027", "--to=31.01.2027", "--format=text", "--lang=en"}, envOf(), &out, &errOut); err != nil {
		t.Fatalf("report: %v\n%s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 23 || lines[0] != "Meetings and events" || !strings.HasPrefix(lines[1], "Date") || !strings.Contains(lines[5], "Total") || lines[7] != "Volunteers" ||
		lines[11] != "Network families" || !strings.Contains(lines[13], "Referrals received") {
		t.Errorf("empty report:\n%s", out.String())
	}
	// --out writes the CSV of one table to a file, for Danish Excel.
	file := filepath.Join(t.TempDir(), "frivillige.csv")
	if err := run(context.Background(), []string{"report", "-db", db, "--from=01.01.2027", "--to=31.01.2027", "--table=volunteers", "--out", file}, envOf(), &out, &errOut); err != nil {
		t.Fatalf("report: %v\n%s", err, errOut.String())
	}
	if data, _ := os.ReadFile(file); !strings.HasPrefix(string(data), "\ufeffType;Måned eller aktivitet;Timer") {
		t.Errorf("csv file: %q", data)
	}
}
