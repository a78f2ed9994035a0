package domain

import (
	"errors"
	"sort"
	"strconv"
	"time"
)

// A branch's own settings: where the environment gives every branch the
// same value (VEJVISER_ASK_PER_HOUR…), a branch may keep its own. A setting
// a branch has not set is the environment's.
const (
	// SettingAskPerHour is how many questions (cards) a member of the branch
	// may send to "Ask us" in an hour (VEJVISER_ASK_PER_HOUR).
	SettingAskPerHour = "ask_per_hour"
	// SettingCheckinDays is how many days apart a network family's match
	// is asked "have you met?" (default 14).
	SettingCheckinDays = "checkin_days"
	// SettingShiftAlertDays is how many days before a shift that lacks
	// people its staffing alert goes out (VEJVISER_SHIFT_ALERT_DAYS).
	SettingShiftAlertDays = "shift_alert_days"
	// SettingShiftLateHours is how close to its start a withdrawal tells
	// the coordinators and offers the place (VEJVISER_SHIFT_LATE_HOURS).
	SettingShiftLateHours = "shift_late_hours"
)

// ErrBranchSetting is a setting name or value a branch cannot have.
var ErrBranchSetting = errors.New("unknown setting or value out of range")

// branchSettingRange is each setting's allowed whole numbers.
var branchSettingRange = map[string][2]int{
	SettingAskPerHour:     {1, 1000},
	SettingCheckinDays:    {7, 60},
	SettingShiftAlertDays: {1, 30},
	SettingShiftLateHours: {0, 336},
}

// BranchSettingNames lists the settings a branch can have, sorted.
func BranchSettingNames() []string {
	names := make([]string, 0, len(branchSettingRange))
	for n := range branchSettingRange {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CheckBranchSetting refuses an unknown setting or a value out of its range
// ("" removes the branch's own value).
func CheckBranchSetting(name, value string) error {
	r, ok := branchSettingRange[name]
	if !ok {
		return ErrBranchSetting
	}
	if value == "" {
		return nil
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < r[0] || n > r[1] {
		return ErrBranchSetting
	}
	return nil
}

// SettingInt is the branch's own whole-number value of name, or def when it
// has none (or a value that is not one).
func (b Branch) SettingInt(name string, def int) int {
	if v, ok := b.Settings[name]; ok {
		if n, err := strconv.Atoi(v); err == nil && CheckBranchSetting(name, v) == nil {
			return n
		}
	}
	return def
}

// ShiftSettings is the branch's shift settings: def (the environment's)
// with the branch's own alert days and late window where it has them.
func (b Branch) ShiftSettings(def ShiftSettings) ShiftSettings {
	def.AlertDays = b.SettingInt(SettingShiftAlertDays, def.AlertDays)
	def.LateWindow = time.Duration(b.SettingInt(SettingShiftLateHours, int(def.LateWindow/time.Hour))) * time.Hour
	return def
}
