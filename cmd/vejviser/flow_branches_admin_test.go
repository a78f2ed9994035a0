package main

import (
	"strings"
	"testing"

	"vejviser/bot/tgfake"
)

// withAdmins makes these Telegram user ids national administrators.
func withAdmins(ids ...int64) harnessOpt {
	return func(c *config, _ *hooks) { c.Admins = ids }
}

// Through the real bot: a coordinator who is not a national administrator
// is told "not allowed" for /branches and gets the branch's own /report;
// an administrator who also coordinates gets the list and the national
// /report.
func TestAdminsChat(t *testing.T) {
	admin := tgfake.User{ID: 6001, FirstName: "Nadia", LanguageCode: "da"}
	coord := tgfake.User{ID: 6002, FirstName: "Carla", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(admin.ID, coord.ID), withAdmins(admin.ID))
	f.join(admin, "da")
	f.join(coord, "da")

	f.send(coord, "/branches", f.T("da", "AdminsOnly", nil))
	rep := f.send(coord, "/report", f.T("da", "ReportCaption", nil)[:len("Rapport")])
	if len(rep.Document) == 0 || strings.Contains(rep.Caption, "Landstal") {
		t.Errorf("a coordinator's /report: %q, want the branch's report", rep.Caption+rep.Text)
	}

	list := f.send(admin, "/branches", "🏛 1 afdeling")
	if !strings.Contains(list.Text, "Tilmeldingslink: https://t.me/") || strings.Contains(list.Text, "Carla") {
		t.Errorf("the administrator's list:\n%s", list.Text)
	}
	// A new branch begun and given up: /cancel mid-way, then ✖️ mid-way,
	// leaves no branch.
	f.tap(admin, f.T("da", "BtnBranchAdd", nil))
	f.send(admin, "gladsaxe", f.T("da", "BranchAskName", nil))
	f.send(admin, "/cancel", "")
	f.send(admin, "/branches", "🏛 1 afdeling")
	f.tap(admin, f.T("da", "BtnBranchAdd", nil))
	f.send(admin, "gladsaxe", f.T("da", "BranchAskName", nil))
	f.tap(admin, f.T("da", "BtnCancel", nil))
	f.send(admin, "Røde Kors Gladsaxe", "")
	if n := f.count(`SELECT count(*) FROM branches`); n != 1 {
		t.Errorf("%d branches after two cancelled ones, want 1", n)
	}

	national := f.send(admin, "/report", "Landstal")
	if !strings.HasPrefix(national.FileName, "vejviser-national-") || len(national.Document) == 0 {
		t.Errorf("the national report: %q, %d bytes", national.FileName, len(national.Document))
	}
}
