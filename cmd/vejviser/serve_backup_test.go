package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vejviser/storage"
)

type backupHealth struct {
	OK          bool   `json:"ok"`
	BackupAge   *int64 `json:"last_backup_age_seconds"`
	BackupError string `json:"backup_error"`
}

func getHealth(t *testing.T, addr string) backupHealth {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var h backupHealth
	if err := json.Unmarshal(body, &h); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return h
}

// The daily backup of a running bot: a failing one is retried, shows on
// /healthz (and does not stop the bot), and once the folder is fixed the
// next attempt succeeds; only the newest VEJVISER_BACKUP_KEEP are kept.
func TestScheduledBackupRetriesAndKeeps(t *testing.T) {
	addr := freeAddr(t)
	var bk atomic.Pointer[backups]
	var dir string
	f := startFlow(t, func(c *config, h *hooks) {
		c.Listen, c.HealthListen = addr, true
		c.BackupKeep = 2
		dir = c.BackupDir
		os.WriteFile(dir, []byte("a file where the folder should be"), 0o600)
		h.backups = func(b *backups) {
			// Always a moment before 03:30: the daily backup is due again and again.
			due := time.Date(2030, 1, 10, 3, 29, 59, 900_000_000, c.Location)
			b.now = func() time.Time { return due }
			b.retry = 20 * time.Millisecond
			bk.Store(b)
		}
	})
	f.waitFor("failed backups", func() bool { return bk.Load().Status().Failures >= 2 })
	h := getHealth(t, addr)
	if !h.OK || h.BackupAge != nil || !strings.Contains(h.BackupError, dir) {
		t.Errorf("healthz while backups fail: %+v", h)
	}
	os.Remove(dir)
	f.waitFor("backups again", func() bool {
		names, _ := storage.ListBackups(dir, storage.BackupScheduled)
		return len(names) == 2 && bk.Load().Status().Failures == 0
	})
	h = getHealth(t, addr)
	if !h.OK || h.BackupAge == nil || *h.BackupAge > 5 || h.BackupError != "" {
		t.Errorf("healthz after a good backup: %+v", h)
	}
	time.Sleep(300 * time.Millisecond) // more daily backups, still only two kept
	f.stop()                           // none in the middle of its pruning
	if names, _ := storage.ListBackups(dir, storage.BackupScheduled); len(names) != 2 {
		t.Errorf("kept %v, want the newest 2", names)
	}
	if !strings.Contains(f.logs.String(), "backup failed; the bot goes on") {
		t.Error("the failure was not logged")
	}
}

// A second bot on the same database is refused: restore relies on the lock.
func TestSecondBotOnTheSameDatabaseRefused(t *testing.T) {
	f := startFlow(t)
	var stdout, stderr strings.Builder
	err := run(t.Context(), []string{"-db", f.db}, envOf("TELEGRAM_BOT_TOKEN", "123:abc", "TELEGRAM_API_URL", f.fake.URL()), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), f.db+".lock") {
		t.Fatalf("second bot = %v", err)
	}
}
