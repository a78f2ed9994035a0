package main

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
)

const hookSecret = "s3cr3t_Hook-token"

// updateJSON is a private text message update from user id.
func updateJSON(updateID, user int64, text string) string {
	id := strconv.FormatInt(user, 10)
	entities := ""
	if strings.HasPrefix(text, "/") {
		entities = `,"entities":[{"type":"bot_command","offset":0,"length":` + strconv.Itoa(len(strings.Fields(text)[0])) + `}]`
	}
	return `{"update_id":` + strconv.FormatInt(updateID, 10) + `,"message":{"message_id":` + strconv.FormatInt(updateID, 10) +
		`,"date":1767225600,"chat":{"id":` + id + `,"type":"private","first_name":"Webb"},` +
		`"from":{"id":` + id + `,"is_bot":false,"first_name":"Webb","language_code":"en"},"text":"` + text + `"` + entities + `}}`
}

func TestWebhookHandler(t *testing.T) {
	valid := updateJSON(7, 5, "mit hemmelige svar")
	for _, tc := range []struct {
		name       string
		method     string
		secret     *string
		body       string
		wantStatus int
		wantNext   bool
	}{
		{"right secret, valid update", http.MethodPost, ptr(hookSecret), valid, http.StatusOK, true},
		{"wrong secret", http.MethodPost, ptr("wrong"), valid, http.StatusUnauthorized, false},
		{"missing secret", http.MethodPost, nil, valid, http.StatusUnauthorized, false},
		{"empty secret", http.MethodPost, ptr(""), valid, http.StatusUnauthorized, false},
		{"secret prefix", http.MethodPost, ptr(hookSecret[:len(hookSecret)-1]), valid, http.StatusUnauthorized, false},
		{"secret with more", http.MethodPost, ptr(hookSecret + "x"), valid, http.StatusUnauthorized, false},
		{"GET", http.MethodGet, ptr(hookSecret), "", http.StatusMethodNotAllowed, false},
		{"PUT", http.MethodPut, ptr(hookSecret), valid, http.StatusMethodNotAllowed, false},
		{"invalid JSON", http.MethodPost, ptr(hookSecret), `{"update_id":7,"message":` + `"mit hemmelige svar`, http.StatusBadRequest, false},
		{"empty body", http.MethodPost, ptr(hookSecret), "", http.StatusBadRequest, false},
		{"JSON array", http.MethodPost, ptr(hookSecret), `[1,2]`, http.StatusBadRequest, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logBuf bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			var called bool
			var got []byte
			next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				called = true
				got, _ = io.ReadAll(r.Body)
				w.WriteHeader(http.StatusOK)
			})
			req := httptest.NewRequest(tc.method, "/hook", strings.NewReader(tc.body))
			if tc.secret != nil {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", *tc.secret)
			}
			rec := httptest.NewRecorder()
			webhookHandler(hookSecret, next, log).ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tc.wantStatus)
			}
			if called != tc.wantNext {
				t.Errorf("next called: %v, want %v", called, tc.wantNext)
			}
			if tc.wantNext && string(got) != tc.body {
				t.Errorf("next got body %q, want %q", got, tc.body)
			}
			if s := logBuf.String(); strings.Contains(s, "hemmelige") || strings.Contains(s, hookSecret) {
				t.Errorf("log holds the body or the secret: %s", s)
			}
		})
	}
}

func ptr(s string) *string { return &s }

// Webhook mode end to end: serve registers the webhook with its secret at
// the fake, and updates posted to the listener reach the real handlers only
// with the right secret.
func TestWebhookMode(t *testing.T) {
	addr := freeAddr(t)
	const public = "https://bot.example.org/tg/hook"
	f := startFlow(t, func(c *config, _ *hooks) {
		c.WebhookURL, c.Listen, c.WebhookSecret = public, addr, hookSecret
	})
	f.secret(hookSecret)
	f.waitFor("setWebhook", func() bool { return f.fake.CallCount("setWebhook") > 0 })
	for _, c := range f.fake.Calls() {
		if c.Method != "setWebhook" {
			continue
		}
		if c.Params["url"] != public || c.Params["secret_token"] != hookSecret || !strings.Contains(c.Params["allowed_updates"], "callback_query") {
			t.Errorf("setWebhook params %v", c.Params)
		}
	}
	if n := f.fake.CallCount("getUpdates"); n != 0 {
		t.Errorf("%d getUpdates calls in webhook mode", n)
	}

	u := tgfake.User{ID: 6001, FirstName: "Webb", LanguageCode: "en"}
	f.fake.AddChat(u.ID)
	// Telegram's side. Its idle connections are closed before the bot stops:
	// http.Server.Shutdown waits up to 5s for a dialled connection that never
	// carried a request.
	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	t.Cleanup(client.CloseIdleConnections)
	postE := func(path, secret, body string) (int, error) {
		var resp *http.Response
		var err error
		for deadline := time.Now().Add(5 * time.Second); ; {
			req, _ := http.NewRequest(http.MethodPost, "http://"+addr+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			}
			resp, err = client.Do(req)
			if err == nil || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond) // the listener may not be up yet
		}
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	post := func(path, secret, body string) int {
		t.Helper()
		code, err := postE(path, secret, body)
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		return code
	}

	if code := post("/tg/hook", "wrong", updateJSON(1, u.ID, "/help")); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d", code)
	}
	if code := post("/elsewhere", hookSecret, updateJSON(2, u.ID, "/help")); code != http.StatusNotFound {
		t.Errorf("other path: status %d", code)
	}
	if !f.quiet(u, 0, 200*time.Millisecond) {
		t.Fatalf("a refused update was handled: %+v", f.fake.Messages(u.ID))
	}
	if code := post("/tg/hook", hookSecret, updateJSON(3, u.ID, "/help")); code != http.StatusOK {
		t.Errorf("right secret: status %d", code)
	}
	f.waitText(u, f.T("en", "HelpIntro", nil))

	// Many updates at once are all handled.
	var wg sync.WaitGroup
	codes := make([]int, 10)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _ = postE("/tg/hook", hookSecret, updateJSON(int64(10+i), u.ID, "hello"))
		}()
	}
	wg.Wait()
	for i, code := range codes {
		if code != http.StatusOK {
			t.Errorf("update %d: status %d", i, code)
		}
	}
	f.waitFor("ten replies", func() bool { return f.delivered(u, f.T("en", "NeedStart", nil)) == 10 })
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Stopping the bot while Telegram still refuses setWebhook must close the
// webhook listener too.
func TestWebhookListenerClosedWhenStoppedDuringSetWebhookRetries(t *testing.T) {

	addr := freeAddr(t)
	f := startFlowWith(t, func(s *tgfake.Server) {
		s.FailNext("setWebhook", 1000, tgfake.Fault{Status: http.StatusBadGateway})
	}, func(c *config, _ *hooks) {
		c.WebhookURL, c.Listen, c.WebhookSecret = "https://bot.example.org/hook", addr, hookSecret
	})
	f.waitFor("a refused setWebhook", func() bool { return f.fake.CallCount("setWebhook") > 0 })
	f.waitFor("the listener", func() bool {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			conn.Close()
		}
		return err == nil
	})
	f.stop()
	if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		conn.Close()
		t.Errorf("the webhook listener on %s still accepts connections after serve returned", addr)
	}
}
