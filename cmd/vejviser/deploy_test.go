package main

import (
	"os"
	"strings"
	"testing"
)

// The unit keeps the settings the README promises; .ci/run also has
// systemd-analyze verify it where systemd is installed.
func TestSystemdUnitHardened(t *testing.T) {
	body, err := os.ReadFile("deploy/vejviser.service")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DynamicUser=yes", "StateDirectory=vejviser", "ProtectSystem=strict", "NoNewPrivileges=yes",
		"Restart=on-failure", "RestartPreventExitStatus=2", "EnvironmentFile=/etc/vejviser/env", "KillSignal=SIGTERM", "TimeoutStopSec=30",
		"ExecStart=/usr/local/bin/vejviser serve", "Environment=VEJVISER_DB=/var/lib/vejviser/"} {
		if !strings.Contains(string(body), "\n"+want) {
			t.Errorf("the unit lacks %s", want)
		}
	}
	if strings.Contains(string(body), "TELEGRAM_BOT_TOKEN=") && !strings.Contains(string(body), "# TELEGRAM_BOT_TOKEN") {
		t.Error("the token belongs in the EnvironmentFile, not the unit")
	}
	ls, err := os.ReadFile("deploy/litestream.yml")
	if err != nil || !strings.Contains(string(ls), "path: /var/lib/vejviser/vejviser.db") || !strings.Contains(string(ls), "@v0.5.18") {
		t.Errorf("litestream.yml does not replicate the unit's database: %v", err)
	}
}
