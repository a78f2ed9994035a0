package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func TestBranchSettingRule(t *testing.T) {
	for _, c := range []struct {
		name, value string
		ok          bool
	}{
		{domain.SettingAskPerHour, "5", true},
		{domain.SettingAskPerHour, "0", false},
		{domain.SettingAskPerHour, "1001", false},
		{domain.SettingAskPerHour, "five", false},
		{domain.SettingAskPerHour, "", true}, // back to the environment's
		{domain.SettingCheckinDays, "14", true},
		{domain.SettingCheckinDays, "3", false},
		{"colour", "red", false},
	} {
		if err := domain.CheckBranchSetting(c.name, c.value); (err == nil) != c.ok {
			t.Errorf("%s=%q: %v", c.name, c.value, err)
		}
	}
}

// A branch's own Ask-us limit holds for its members; another branch keeps
// the environment's.
func TestBranchOwnAskLimit(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	register(t, s, 5, "da", domain.RoleCoordinator)
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Herlev"}, Coordinators: []int64{77}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []domain.Registration{
		{ID: 77, ChatID: 77, DisplayName: "Lars", Language: "da", BranchID: herlev.ID},
		{ID: 8, ChatID: 8, DisplayName: "Hana", Language: "ti", BranchID: herlev.ID},
		{ID: 6, ChatID: 6, DisplayName: "Amal", Language: "ar"},
	} {
		if _, err := s.Register(ctx, r, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetBranchSetting(ctx, "herlev", domain.SettingAskPerHour, "1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetBranchSetting(ctx, "herlev", domain.SettingAskPerHour, "0"); !errors.Is(err, domain.ErrBranchSetting) {
		t.Fatalf("out of range: %v", err)
	}
	asked := func(member int64) []domain.AskOutcome {
		var out []domain.AskOutcome
		for i := 0; i < 2; i++ {
			_, o, _, err := s.Ask(ctx, member, domain.AskMessage{Kind: domain.AskText, Text: "?"}, 10, 0, t0.Add(time.Duration(i)*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, o)
		}
		return out
	}
	if got := asked(8); got[1] == domain.AskRelayed {
		t.Errorf("Herlev's member with Herlev's limit of 1: %v", got)
	}
	if got := asked(6); got[1] != domain.AskRelayed {
		t.Errorf("the first branch's member with the environment's 10: %v", got)
	}
	b, _ := s.BranchByKey(ctx, "herlev")
	if b.SettingInt(domain.SettingAskPerHour, 10) != 1 {
		t.Fatalf("settings %v", b.Settings)
	}
}

// A branch's own late window holds for its shifts: leaving a day before is
// late in the first branch (the environment's 48 hours) and not in Herlev,
// whose window is 12 hours.
func TestBranchOwnLateWindow(t *testing.T) {
	f := newTwoBranches(t)
	s, ctx := f.s, context.Background()
	if err := s.SetBranchSetting(ctx, "herlev", domain.SettingShiftLateHours, "12"); err != nil {
		t.Fatal(err)
	}
	slot := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	now := slot.Add(-24 * time.Hour)
	for _, c := range []struct {
		branch int64
		shift  int64
		late   bool
	}{{domain.DefaultBranchID, f.host.ID, true}, {f.herlev, f.hHost.ID, false}} {
		if _, err := s.SignUp(ctx, []int64{c.branch}, cphLoc, c.shift, slot, 2, now.Add(-72*time.Hour)); err != nil {
			t.Fatal(err)
		}
		late, err := s.Withdraw(ctx, []int64{c.branch}, cphLoc, c.shift, slot, 2, "", now, domain.DefaultShiftSettings)
		if err != nil || late != c.late {
			t.Errorf("branch %d: late %v (%v), want %v", c.branch, late, err, c.late)
		}
	}
}
