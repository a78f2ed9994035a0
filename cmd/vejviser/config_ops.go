package main

import (
	"path/filepath"
	"strconv"
	"time"
)

// Ops are the settings of running the bot for years: backups and metrics.
type Ops struct {
	BackupDir    string        // VEJVISER_BACKUP_DIR: default a "backups" folder beside the database
	BackupAt     time.Duration // VEJVISER_BACKUP_AT: the daily backup's time of day, after midnight
	BackupKeep   int           // VEJVISER_BACKUP_KEEP: scheduled backups kept (and as many pre-migration ones)
	MetricsToken string        // VEJVISER_METRICS_TOKEN: the bearer token /metrics asks for ("" none)
}

// checkOps reads and checks the backup and metrics settings; run after
// checkConnection, which settles the database's path.
func (c *config) checkOps(env func(k, def string) string) error {
	c.BackupDir = env("VEJVISER_BACKUP_DIR", filepath.Join(filepath.Dir(c.DB), "backups"))
	at := env("VEJVISER_BACKUP_AT", "03:30")
	t, err := time.Parse("15:04", at)
	if err != nil {
		return bad("VEJVISER_BACKUP_AT", "must be a time of day like 03:30, got %q", at)
	}
	c.BackupAt = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	keep := env("VEJVISER_BACKUP_KEEP", "14")
	if c.BackupKeep, err = strconv.Atoi(keep); err != nil || c.BackupKeep < 1 || c.BackupKeep > 3650 {
		return bad("VEJVISER_BACKUP_KEEP", "must be a whole number of backups from 1 to 3650, got %q", keep)
	}
	c.MetricsToken = env("VEJVISER_METRICS_TOKEN", "")
	if c.MetricsToken != "" && !reSecret.MatchString(c.MetricsToken) {
		return bad("VEJVISER_METRICS_TOKEN", "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return nil
}

// nextBackup is the first time of day at after now, in loc.
func nextBackup(now time.Time, at time.Duration, loc *time.Location) time.Time {
	y, m, d := now.In(loc).Date()
	h, mi := int(at/time.Hour), int(at%time.Hour/time.Minute)
	next := time.Date(y, m, d, h, mi, 0, 0, loc) // the wall-clock time, also on a day the clocks change
	if !next.After(now) {
		next = time.Date(y, m, d+1, h, mi, 0, 0, loc)
	}
	return next
}
