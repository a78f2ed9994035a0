package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"vejviser/locales"
)

// TestDemoNetworkFamilyPath walks the demo's network family path as the
// README tells it: Mette finds the referred family in /matches with Lars
// suggested and proposes him; Lars says yes to a card without names; Mette
// records the family's yes from a phone call; Lars gets the family's first
// name and phone (what they agreed to pass on), and Mette Lars's contact.
func TestDemoNetworkFamilyPath(t *testing.T) {
	cat, err := locales.New(cph)
	if err != nil {
		t.Fatal(err)
	}
	da := cat.For("da")
	in, typing := io.Pipe()
	out := &demoOutput{}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- runIO(ctx, []string{"demo"}, func(string) string { return "" }, in, out, out) }()
	seen := 0
	waitFor := func(want string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if s := out.String(); strings.Contains(s[seen:], want) {
				seen = len(s)
				return
			}
		}
		t.Fatalf("the demo never showed %q; it showed:\n%s", want, out.String()[seen:])
	}
	step := func(line, want string) {
		t.Helper()
		if _, err := io.WriteString(typing, line+"\n"); err != nil {
			t.Fatal(err)
		}
		waitFor(want)
	}
	waitFor("You are now Amina")
	step(":as coordinator", "You are now Mette")
	waitFor(da.T("EventInvited", nil)) // the scheduler's invitation comes first: the numbers below are the screens'
	step("/matches", "Lars (")
	step("1", "🤝")
	step("1", "🤝 Lars")
	step(":as volunteer", "You are now Lars")
	mark0 := seen
	waitFor("2750 Ballerup")
	if strings.Contains(out.String()[mark0:], "Yonas") {
		t.Fatal("Lars's card names the family before both said yes")
	}
	step("1", "familien")
	step(":as coordinator", "You are now Mette")
	waitFor("Lars (")
	step("1", "+45 20 00 00 02") // the family said yes on the phone: Mette gets Lars's contact to pass on
	mark := len(out.String())
	step(":as volunteer", "+45 20 00 00 07")
	if !strings.Contains(out.String()[mark:], "Yonas") {
		t.Fatal("Lars's introduction does not name the family")
	}
	if _, err := io.WriteString(typing, ":quit\n"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("demo ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("demo did not quit")
	}
}
