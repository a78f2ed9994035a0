package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

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
// joins, then Mette the coordinator makes a QR poster.
func TestDemo(t *testing.T) {
	cat, err := locales.New(time.UTC)
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
	}
	waitFor("You are now Amina")
	step("/start", "[1] 👉 العربية")
	step("1", ar.T("PrivacyAsk", nil))
	step("1", ar.Isolate("Amina"))
	step(":as coordinator", "You are now Mette")
	step("/invite", da.T("InvitePrompt", nil))
	step("4", "vejviser-qr.png")
	step("9", "There is no button 9")
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
