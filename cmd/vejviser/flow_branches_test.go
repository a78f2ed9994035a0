package main

// Branches in the chat: joining one (a list after the language, a join
// link), moving to another with the new branch's approval, and a forged
// approval from another branch's coordinator.

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// addHerlev adds a second branch whose coordinator is hanne (named by id,
// as `vejviser branch add --coordinator` does).
func (f *flow) addHerlev(hanne tgfake.User) domain.Branch {
	f.t.Helper()
	b, err := f.store.AddBranch(context.Background(), domain.NewBranch{Key: "herlev", Town: "Herlev",
		Names: domain.Texts{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في هيرليف", "en": "Red Cross Herlev"}, Coordinators: []int64{hanne.ID}}, time.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	return b
}

// withGroupName names the first branch as the configuration does.
func withGroupName(name string) harnessOpt { return func(c *config, _ *hooks) { c.GroupName = name } }

// scope reads a member's branches and roles from the store.
func (f *flow) scope(u tgfake.User) domain.Scope {
	f.t.Helper()
	sc, err := f.store.Scope(context.Background(), u.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return sc
}

func TestJoinABranch(t *testing.T) {
	mette := tgfake.User{ID: 5101, FirstName: "Mette", LanguageCode: "da"}
	hanne := tgfake.User{ID: 5102, FirstName: "Hanne", LanguageCode: "da"}
	amal := tgfake.User{ID: 5103, FirstName: "Amal", LanguageCode: "ar"}
	lars := tgfake.User{ID: 5104, FirstName: "Lars", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(mette.ID), withGroupName("Røde Kors Ballerup"))
	f.join(mette, "da")
	herlev := f.addHerlev(hanne)
	ballerup, _ := f.store.Branch(context.Background(), domain.DefaultBranchID)

	// The join link: Hanne, named coordinator, reads a privacy note naming Herlev.
	f.send(hanne, "/start "+herlev.JoinCode, f.T("da", "LanguagePrompt", nil))
	f.tap(hanne, autonyms["da"])
	note := f.waitText(hanne, f.T("da", "PrivacyAsk", nil))
	if !strings.Contains(note.Text, "Røde Kors Herlev") || strings.Contains(note.Text, ballerup.Name) {
		t.Errorf("the privacy note of Herlev's link does not name Herlev: %q", note.Text)
	}
	f.tap(hanne, f.T("da", "BtnConsentYes", nil))
	f.waitText(hanne, f.T("da", "BranchJoined", locales.Data{"Branch": "Røde Kors Herlev"}))
	if sc := f.scope(hanne); len(sc.Roles) != 1 || sc.Roles[herlev.ID] != domain.RoleCoordinator {
		t.Errorf("Hanne after Herlev's link: %+v", sc)
	}

	// No link, two branches: after the language, the list of both, in Arabic.
	f.send(amal, "/start", f.T("ar", "LanguagePrompt", nil))
	f.tap(amal, autonyms["ar"])
	list := f.waitText(amal, f.T("ar", "BranchPickPrompt", nil))
	herlevLabel := f.T("ar", "BtnBranchPick", locales.Data{"Name": herlev.NameFor("ar"), "Town": "Herlev"})
	if got := labels(list); len(got) != 2 || !contains(got, ballerup.NameFor("ar")) || !contains(got, herlevLabel) {
		t.Errorf("the branches offered: %q", got)
	}
	f.tap(amal, herlevLabel)
	note = f.waitText(amal, f.T("ar", "PrivacyAsk", nil))
	if !strings.Contains(note.Text, herlev.NameFor("ar")) {
		t.Errorf("the note does not name the branch picked: %q", note.Text)
	}
	f.tap(amal, f.T("ar", "BtnConsentYes", nil))
	f.waitFor("Amal joins Herlev", func() bool { sc := f.scope(amal); return len(sc.Roles) == 1 && sc.Working == herlev.ID })

	// A member opening another branch's link joins it too, and is told which.
	f.send(lars, "/start", f.T("da", "LanguagePrompt", nil))
	f.tap(lars, autonyms["da"])
	f.waitText(lars, f.T("da", "BranchPickPrompt", nil))
	f.tap(lars, ballerup.NameFor("da"))
	f.waitText(lars, f.T("da", "PrivacyAsk", nil))
	f.tap(lars, f.T("da", "BtnConsentYes", nil))
	f.waitFor("Lars in Ballerup", func() bool { return f.scope(lars).Working == domain.DefaultBranchID })
	f.send(lars, "/start "+herlev.JoinCode, f.T("da", "BranchJoined", locales.Data{"Branch": "Røde Kors Herlev"}))
	if sc := f.scope(lars); sc.Roles[domain.DefaultBranchID] != domain.RoleParticipant || sc.Roles[herlev.ID] != domain.RoleParticipant || sc.Working != herlev.ID {
		t.Errorf("Lars after Herlev's link: %+v", sc)
	}
}

func TestMoveToAnotherBranch(t *testing.T) {
	mette := tgfake.User{ID: 5201, FirstName: "Mette", LanguageCode: "da"}
	hanne := tgfake.User{ID: 5202, FirstName: "Hanne", LanguageCode: "da"}
	amal := tgfake.User{ID: 5203, FirstName: "Amal", LanguageCode: "ar"}
	tesfay := tgfake.User{ID: 5204, FirstName: "Tesfay", LanguageCode: "ti"}
	f := startFlow(t, withCoordinators(mette.ID), withGroupName("Røde Kors Ballerup"))
	f.join(mette, "da")
	f.join(amal, "ar")
	f.join(tesfay, "ti")
	herlev := f.addHerlev(hanne)
	f.joinWith(hanne, "da", "/start "+herlev.JoinCode)
	ballerup, _ := f.store.Branch(context.Background(), domain.DefaultBranchID)

	// Amal has moved: she picks Herlev; Hanne gets the card.
	f.send(amal, "/branch", f.T("ar", "BranchTitle", nil))
	f.tap(amal, f.T("ar", "BtnBranchMoved", nil))
	f.waitText(amal, f.T("ar", "BranchMovePrompt", nil))
	f.tap(amal, f.T("ar", "BtnBranchPick", locales.Data{"Name": herlev.NameFor("ar"), "Town": "Herlev"}))
	f.waitText(amal, f.T("ar", "BranchMoveAsked", locales.Data{"Branch": herlev.NameFor("ar")}))
	f.settle()
	card := f.waitText(hanne, f.T("da", "BranchMoveCard", locales.Data{"Name": "Amal", "Role": f.T("da", "RoleParticipant", nil),
		"From": ballerup.Name, "Branch": "Røde Kors Herlev"}))

	// Ballerup's coordinator forges Herlev's ✅: answered as a stale button, nothing moves.
	welcome := button(t, card, f.T("da", "BtnMoveWelcome", nil))
	last, _ := f.fake.LastMessage(mette.ID)
	text, alert := f.forge(mette, last.ID, welcome.Data)
	expectAnswer(t, "a forged welcome", text, alert, f.T("da", "ButtonExpired", nil), true)
	if sc := f.scope(amal); len(sc.Roles) != 1 || sc.Roles[domain.DefaultBranchID] != domain.RoleParticipant {
		t.Fatalf("a forged welcome changed Amal's branches: %+v", sc)
	}

	// Hanne welcomes her: Amal is told in Arabic; Ballerup no longer has her.
	f.tap(hanne, f.T("da", "BtnMoveWelcome", nil))
	f.waitText(hanne, f.T("da", "BranchMoveCardWelcomed", locales.Data{"Name": "Amal", "Branch": "Røde Kors Herlev"}))
	f.settle()
	f.waitText(amal, f.T("ar", "BranchMoveWelcomed", locales.Data{"Branch": herlev.NameFor("ar"), "From": ballerup.NameFor("ar")}))
	if sc := f.scope(amal); len(sc.Roles) != 1 || sc.Roles[herlev.ID] != domain.RoleParticipant || sc.Working != herlev.ID {
		t.Errorf("Amal after the welcome: %+v", sc)
	}
	inBallerup := `SELECT count(*) FROM members m JOIN member_branches mb ON mb.member_id = m.id WHERE mb.branch_id = ? AND m.id = ?`
	if n := f.count(inBallerup, domain.DefaultBranchID, amal.ID); n != 0 {
		t.Errorf("Ballerup's member list still holds Amal")
	}
	// A second press on the card: one decision only.
	id, _ := strconv.ParseInt(strings.Split(welcome.Data, ":")[2], 10, 64)
	text, _ = f.forge(hanne, card.ID, "1:hd:"+strconv.FormatInt(id, 10)+":no")
	if text != f.T("da", "BranchMoveDecidedAlready", nil) {
		t.Errorf("a second answer: %q", text)
	}
	if sc := f.scope(amal); sc.Roles[herlev.ID] != domain.RoleParticipant {
		t.Errorf("a second answer undid the move: %+v", sc)
	}

	// Tesfay starts and cancels: the list's buttons no longer work.
	herlevTi := f.T("ti", "BtnBranchPick", locales.Data{"Name": herlev.NameFor("ti"), "Town": "Herlev"})
	f.send(tesfay, "/branch", f.T("ti", "BranchTitle", nil))
	f.tap(tesfay, f.T("ti", "BtnBranchMoved", nil))
	f.waitText(tesfay, f.T("ti", "BranchMovePrompt", nil))
	f.send(tesfay, "/cancel", f.T("ti", "Cancelled", nil))
	text, alert = f.tap(tesfay, herlevTi)
	expectAnswer(t, "a branch picked after /cancel", text, alert, f.T("ti", "ButtonExpired", nil), true)
	if n := f.count(`SELECT count(*) FROM branch_moves WHERE member_id = ?`, tesfay.ID); n != 0 {
		t.Errorf("a cancelled move was asked: %d", n)
	}

	// Tesfay asks again; Herlev says it is not theirs: he is told kindly and stays.
	f.send(tesfay, "/branch", f.T("ti", "BranchTitle", nil))
	f.tap(tesfay, f.T("ti", "BtnBranchMoved", nil))
	f.tap(tesfay, herlevTi)
	f.waitText(tesfay, f.T("ti", "BranchMoveAsked", locales.Data{"Branch": herlev.NameFor("ti")}))
	f.settle()
	f.waitText(hanne, "Tesfay")
	f.tap(hanne, f.T("da", "BtnMoveNotOurs", nil))
	f.settle()
	f.waitText(tesfay, f.T("ti", "BranchMoveDeclined", locales.Data{"Branch": herlev.NameFor("ti"), "From": ballerup.NameFor("ti")}))
	if sc := f.scope(tesfay); len(sc.Roles) != 1 || sc.Roles[domain.DefaultBranchID] != domain.RoleParticipant {
		t.Errorf("Tesfay after Not ours: %+v", sc)
	}
}

// TestVolunteerHelpsInASecondBranch: a volunteer asks to help in Herlev
// too; on Herlev's welcome they volunteer in both, told in English.
func TestVolunteerHelpsInASecondBranch(t *testing.T) {
	mette := tgfake.User{ID: 5301, FirstName: "Mette", LanguageCode: "da"}
	hanne := tgfake.User{ID: 5302, FirstName: "Hanne", LanguageCode: "da"}
	lars := tgfake.User{ID: 5303, FirstName: "Lars", LanguageCode: "en"}
	f := startFlow(t, withCoordinators(mette.ID), withGroupName("Røde Kors Ballerup"))
	f.join(mette, "da")
	f.join(lars, "en")
	if _, err := f.store.SetRole(context.Background(), domain.DefaultBranchID, lars.ID, domain.RoleVolunteer, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	herlev := f.addHerlev(hanne)
	f.joinWith(hanne, "da", "/start "+herlev.JoinCode)

	f.send(lars, "/branch", f.T("en", "BranchTitle", nil))
	f.tap(lars, f.T("en", "BtnBranchJoinToo", nil))
	f.waitText(lars, f.T("en", "BranchJoinPrompt", nil))
	f.tap(lars, f.T("en", "BtnBranchPick", locales.Data{"Name": "Red Cross Herlev", "Town": "Herlev"}))
	f.waitText(lars, f.T("en", "BranchJoinAsked", locales.Data{"Branch": "Red Cross Herlev"}))
	f.settle()
	f.waitText(hanne, "Lars")
	f.tap(hanne, f.T("da", "BtnMoveWelcome", nil))
	f.settle()
	f.waitText(lars, f.T("en", "BranchJoinWelcomed", locales.Data{"Branch": "Red Cross Herlev", "From": "Red Cross Ballerup"}))
	if sc := f.scope(lars); sc.Roles[domain.DefaultBranchID] != domain.RoleVolunteer || sc.Roles[herlev.ID] != domain.RoleVolunteer {
		t.Errorf("Lars after the welcome: %+v", sc)
	}
}
