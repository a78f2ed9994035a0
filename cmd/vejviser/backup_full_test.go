package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A backup into a full disk: one clear line naming the folder and saying it
// is full, exit 1, and nothing half-written left there. The full disk is a
// small tmpfs mounted for the test (root only: skipped elsewhere).
func TestBackupCommandDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "vejviser.db")
	seedMembers(t, db, 3000)
	full := filepath.Join(dir, "full")
	os.Mkdir(full, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", full).Run() })
	_, _, err := runCmd(t, "backup", "-db", db, "--to", full)
	t.Logf("%v", err)
	if err == nil || exit(err) != 1 || !strings.Contains(err.Error(), full) || !strings.Contains(err.Error(), "full") {
		t.Errorf("backup into a full disk = %v, want one line naming %s and saying it is full", err, full)
	}
	entries, _ := os.ReadDir(full)
	for _, e := range entries {
		t.Errorf("left behind on the full disk: %s", e.Name())
	}
}
