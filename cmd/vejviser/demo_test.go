package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot"
	"vejviser/locales"
)

// demoOutput is a bytes.Buffer safe for the demo's printing goroutine.
type demoOutput struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *demoOutput) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *demoOutput) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDemo types into `vejviser demo` as a person would: Amina (Arabic)
// joins and asks a question (text and voice), Mette the coordinator answers
// it, Amina reads the answer, Mette makes a QR poster, and Lars the
// volunteer takes a shift.
func TestDemo(t *testing.T) {
	cat, err := locales.New(cph)
	if err != nil {
		t.Fatal(err)
	}
	ar, da := cat.For("ar"), cat.For("da")
	in, typing := io.Pipe()
	out := &demoOutput{}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- runIO(ctx, []string{"demo"}, func(string) string { return "" }, in, out, out) }()

	seen := 0
	step := func(line, want string) {
		t.Helper()
		if _, err := io.WriteString(typing, line+"\n"); err != nil {
			t.Fatalf("typing %q: %v", line, err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if s := out.String(); strings.Contains(s[seen:], want) {
				seen = len(s)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("after %q the demo never showed %q; it showed:\n%s", line, want, out.String()[seen:])
	}
	waitFor := func(want string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(out.String(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("the demo never showed %q; it showed:\n%s", want, out.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if !strings.Contains(out.String(), want) {
			t.Fatalf("the demo never showed %q", want)
		}
	}
	waitFor("You are now Amina")
	step("/start", "[1] 👉 العربية")
	step("1", ar.T("BranchPickPrompt", nil)) // two branches: which one (Ballerup first)
	step("1", ar.T("PrivacyAsk", nil))
	step("1", ar.Isolate("Amina"))
	// The demo's Christmas party invites her (the scheduler invites new members), and she answers.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && strings.Count(out.String(), ar.T("EventInvited", nil)) < 2 {
		time.Sleep(10 * time.Millisecond)
	}
	if n := strings.Count(out.String(), ar.T("EventInvited", nil)); n != 2 {
		t.Fatalf("Amina got %d invitations, want 2 (Julefest, Fastelavn):\n%s", n, out.String()[seen:])
	}
	seen = len(out.String())
	step("/events", ar.T("EventNotAnswered", nil))
	step("1", ar.T("EventAnswerBy", locales.Data{"When": ar.DateTime(time.Date(2026, 12, 15, 20, 0, 0, 0, cph))}))
	step("1", ar.T("EventAskAdults", nil))
	step("2", ar.T("EventAskChildren", nil))
	step("4", ar.T("EventRecordedYes", locales.Data{"Adults": 2, "Children": 3, "When": ar.DateTime(time.Date(2026, 12, 15, 20, 0, 0, 0, cph))}))

	// "Ask us": a question travels from Amina to Mette and back.
	group := locales.Data{"Group": groupIn("ar")}
	step("أين المقهى؟", ar.T("AskReceived", group))
	step(":voice", "(you sent a voice message") // it joins the question's card: thanked once
	step(":as coordinator", "أين المقهى؟")
	waitFor("[🎤 voice message, 5 s]")
	step("1", da.T("AskWriteReply", locales.Data{"Name": "Amina", "Group": bot.DefaultGroupName}))
	step("Tal Dansk Café er på Ballerup Bibliotek torsdag kl. 15.", da.T("AskReplySent", locales.Data{"Name": "Amina"}))
	step(":as participant", ar.T("AskReplyIntro", locales.Data{"Coordinator": "Mette", "Group": groupIn("ar")}))
	waitFor("Tal Dansk Café er på Ballerup Bibliotek torsdag kl. 15.")
	step(":as coordinator", "You are now Mette")
	step("/invite", da.T("InvitePrompt", nil))
	step("4", "vejviser-qr.png")
	step("9", "There is no button 9")
	// Lars, the volunteer, sees the open shifts and takes the first in one tap.
	step(":as volunteer", "You are now Lars")
	step("/shifts", da.T("ShiftsTitle", nil))
	step("1", da.T("ShiftYouAreOn", nil))
	// Lars volunteers in Herlev too: its café's shifts are his as well, marked with its name.
	step("/shifts", "Røde Kors Herlev")
	// Sofie coordinates Herlev only: its café, not Ballerup's.
	step(":as herlev", "You are now Sofie")
	from := len(out.String())
	step("/activities", "Sprogcafé Herlev")
	time.Sleep(300 * time.Millisecond)
	if tail := out.String()[from:]; strings.Contains(tail, "Tal Dansk Café") || strings.Contains(tail, "Lektiehjælp") {
		t.Errorf("Herlev's coordinator sees Ballerup's activities:\n%s", tail)
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

// vejviser demo -db FILE keeps its database after :quit, for trying the
// admin commands on it; it never takes over an existing database.
func TestDemoKeepsItsDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out := &demoOutput{}
	if err := runIO(ctx, []string{"demo", "-db", db}, func(string) string { return "" }, strings.NewReader(":quit\n"), out, out); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "The demo's database is kept in "+db) {
		t.Errorf("the demo does not say where its database is:\n%s", out)
	}
	var rep, errs bytes.Buffer
	if err := run(ctx, []string{"report", "-db", db, "--branch", "ballerup", "--from", "01.01.2026", "--to", "31.12.2026", "--format", "text"}, envOf(), &rep, &errs); err != nil {
		t.Fatalf("report on the demo's database: %v\n%s", err, &errs)
	}
	if err := run(ctx, []string{"broadcast", "-db", db, "--branch", "ballerup", "--audience", "activity:tal-dansk", "--text", "Hej!"}, envOf(), &rep, &errs); err != nil {
		t.Fatalf("broadcast on the demo's database: %v\n%s", err, &errs)
	}
	err := runIO(ctx, []string{"demo", "-db", db}, func(string) string { return "" }, strings.NewReader(":quit\n"), out, out)
	var ce *configError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second demo on the same file: %v", err)
	}
}
