package main

import (
	"strconv"
	"time"

	"vejviser/storage/domain"
)

// shiftSettings reads the times of volunteer shifts from the environment:
//
//	VEJVISER_SHIFT_REMIND_AT   time of day of the reminder the day before (default 18:00)
//	VEJVISER_SHIFT_ALERT_DAYS  days before a shift that lacks people to alert (default 3)
//	VEJVISER_SHIFT_LATE_HOURS  a withdrawal this close to the start tells the coordinators
//	                           and offers the place to others (default 48)
func shiftSettings(env func(k, def string) string) (domain.ShiftSettings, error) {
	set := domain.DefaultShiftSettings
	c, err := domain.ParseClock(env("VEJVISER_SHIFT_REMIND_AT", set.RemindAt.String()))
	if err != nil {
		return set, bad("VEJVISER_SHIFT_REMIND_AT", "must be a time of day such as 18:00")
	}
	set.RemindAt = c
	days, err := strconv.Atoi(env("VEJVISER_SHIFT_ALERT_DAYS", strconv.Itoa(set.AlertDays)))
	if err != nil || days < 1 || days > 30 {
		return set, bad("VEJVISER_SHIFT_ALERT_DAYS", "must be a whole number of days from 1 to 30")
	}
	set.AlertDays = days
	hours, err := strconv.Atoi(env("VEJVISER_SHIFT_LATE_HOURS", strconv.Itoa(int(set.LateWindow/time.Hour))))
	if err != nil || hours < 0 || hours > 24*14 {
		return set, bad("VEJVISER_SHIFT_LATE_HOURS", "must be a whole number of hours from 0 to 336")
	}
	set.LateWindow = time.Duration(hours) * time.Hour
	return set, nil
}
