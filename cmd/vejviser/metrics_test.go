package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

func scrape(t *testing.T, addr, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/metrics", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// series maps each vejviser_ metric family to its label sets.
func series(body string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, "vejviser_") {
			continue
		}
		name, labels := line, ""
		if i := strings.IndexAny(line, "{ "); i >= 0 {
			name = line[:i]
			if line[i] == '{' {
				labels = line[i:strings.Index(line, "}")]
				if j := strings.Index(labels, `le="`); j >= 0 { // a histogram's buckets are one series here
					labels = labels[:j]
				}
			}
		}
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			name = strings.TrimSuffix(name, suffix)
		}
		if out[name] == nil {
			out[name] = map[string]bool{}
		}
		out[name][labels] = true
	}
	return out
}

// /metrics after many members joined and tapped: every family the operator
// needs is there, no label carries a Telegram id or a name, and the number
// of series does not grow with the members.
func TestMetricsBoundedAndWithoutMemberData(t *testing.T) {
	addr := freeAddr(t)
	f := startFlow(t, func(c *config, _ *hooks) { c.Listen, c.HealthListen, c.MetricsToken = addr, true, "s3cret" })
	count := func() int {
		_, body := scrape(t, addr, "s3cret")
		n := 0
		for _, labels := range series(body) {
			n += len(labels)
		}
		return n
	}
	var users []tgfake.User
	for i := range 6 {
		u := tgfake.User{ID: int64(880_001 + i), FirstName: fmt.Sprintf("Zainab%d", i), LanguageCode: "ar"}
		users = append(users, u)
	}
	f.join(users[0], "ar")
	f.join(users[1], "da")
	before := count()
	for _, u := range users[2:] {
		f.join(u, "en")
	}
	storagetest.Enqueue(t, f.db, time.Now(), domain.Outgoing{MemberID: users[2].ID, ChatID: users[2].ID, Kind: domain.KindBroadcast, Text: "hello"})
	f.harness.sender.Wake()
	f.waitFor("the broadcast", func() bool { return f.harness.sender.Stats().Sent > 0 })
	after := count()
	if after > before+4 { // a new kind of call or update may appear once; members add nothing
		t.Errorf("series grew from %d to %d with 4 more members", before, after)
	}

	code, body := scrape(t, addr, "s3cret")
	if code != http.StatusOK {
		t.Fatalf("scrape = %d", code)
	}
	fam := series(body)
	for _, want := range []string{"vejviser_outbox_backlog", "vejviser_messages_sent_total", "vejviser_telegram_calls_total",
		"vejviser_send_duration_seconds", "vejviser_tap_to_answer_seconds", "vejviser_scheduler_lag_seconds",
		"vejviser_notices_claimed_total", "vejviser_updates_total", "vejviser_update_handling_seconds",
		"vejviser_backup_age_seconds", "vejviser_backup_last_ok", "vejviser_database_size_bytes"} {
		if fam[want] == nil {
			t.Errorf("no %s", want)
		}
	}
	for name, labels := range fam {
		if len(labels) > 40 {
			t.Errorf("%s has %d series", name, len(labels))
		}
		for l := range labels {
			for _, u := range users {
				if strings.Contains(l, strconv.FormatInt(u.ID, 10)) || strings.Contains(l, u.FirstName) {
					t.Errorf("%s%s names a member", name, l)
				}
			}
		}
	}
	if !strings.Contains(body, `vejviser_telegram_calls_total{method="sendMessage",outcome="ok"}`) {
		t.Error("the broadcast's call is not counted")
	}
	if code, _ := scrape(t, addr, ""); code != http.StatusUnauthorized {
		t.Errorf("scrape without the token = %d", code)
	}
	if code, _ := scrape(t, addr, "wrong"); code != http.StatusUnauthorized {
		t.Errorf("scrape with a wrong token = %d", code)
	}
}

// Scrapes while a backup copies the database answer, and the backup is good.
func TestMetricsDuringABackup(t *testing.T) {
	addr := freeAddr(t)
	f := startFlow(t, func(c *config, _ *hooks) { c.Listen, c.HealthListen = addr, true })
	for i := range 300 {
		storagetest.Enqueue(t, f.db, time.Now().Add(time.Hour), domain.Outgoing{ChatID: int64(1000 + i), Kind: domain.KindBroadcast, Text: strings.Repeat("x", 500)})
	}
	var wg sync.WaitGroup
	wg.Add(1)
	var path string
	var err error
	go func() {
		defer wg.Done()
		path, err = f.harness.store.Backup(context.Background(), t.TempDir(), storage.BackupScheduled)
	}()
	for range 5 {
		if code, body := scrape(t, addr, ""); code != http.StatusOK || !strings.Contains(body, `vejviser_outbox_backlog{kind="broadcast"} 300`) {
			t.Errorf("scrape during a backup = %d", code)
		}
	}
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := storage.Inspect(context.Background(), path); err != nil || !sum.OK() {
		t.Errorf("backup taken during scrapes: %+v, %v", sum, err)
	}
}
