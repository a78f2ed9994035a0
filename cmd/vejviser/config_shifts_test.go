package main

import (
	"errors"
	"io"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func TestShiftSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  []string
		want domain.ShiftSettings
		bad  string // the variable named in the error
	}{
		{"defaults", nil, domain.DefaultShiftSettings, ""},
		{"all set", []string{"VEJVISER_SHIFT_REMIND_AT", "19:30", "VEJVISER_SHIFT_ALERT_DAYS", "5", "VEJVISER_SHIFT_LATE_HOURS", "24"},
			domain.ShiftSettings{RemindAt: domain.Clock{Hour: 19, Minute: 30}, AlertDays: 5, LateWindow: 24 * time.Hour}, ""},
		{"bad time", []string{"VEJVISER_SHIFT_REMIND_AT", "evening"}, domain.ShiftSettings{}, "VEJVISER_SHIFT_REMIND_AT"},
		{"zero days", []string{"VEJVISER_SHIFT_ALERT_DAYS", "0"}, domain.ShiftSettings{}, "VEJVISER_SHIFT_ALERT_DAYS"},
		{"hours not a number", []string{"VEJVISER_SHIFT_LATE_HOURS", "48h"}, domain.ShiftSettings{}, "VEJVISER_SHIFT_LATE_HOURS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _, err := loadConfig(envOf(tc.env...), nil, "demo", false, io.Discard)
			if tc.bad != "" {
				var ce *configError
				if !errors.As(err, &ce) || ce.name != tc.bad {
					t.Fatalf("err = %v, want a configError naming %s", err, tc.bad)
				}
				return
			}
			if err != nil || c.Shifts != tc.want {
				t.Errorf("settings %+v (%v), want %+v", c.Shifts, err, tc.want)
			}
		})
	}
}
