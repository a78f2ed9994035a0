package domain

import (
	"errors"
	"sort"
	"strconv"
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
)

// ErrBranchSetting is a setting name or value a branch cannot have.
var ErrBranchSetting = errors.New("unknown setting or value out of range")

// branchSettingRange is each setting's allowed whole numbers.
var branchSettingRange = map[string][2]int{
	SettingAskPerHour:  {1, 1000},
	SettingCheckinDays: {7, 60},
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
