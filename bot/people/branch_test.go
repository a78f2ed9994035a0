package people

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestBranchMatrix tries every route of people that reads or changes a
// branch's data (the member list, a member's card and role, invite links)
// as the first branch's members, and as a coordinator of the first branch
// who takes part in Herlev, against Herlev's members and its invite link:
// nothing of Herlev changes or is shown. A route neither tried nor listed
// fails the test.
func TestBranchMatrix(t *testing.T) {
	env, herlev := chattest.TwoBranches(t)
	env.SetUsername("VejviserBot")
	ctx := context.Background()
	f := New(env.Env, Config{AskKeep: 90 * 24 * time.Hour, AskMute: testMute})
	rt := f.Routes()
	first := domain.DefaultBranchID
	actors := []domain.Member{
		env.Join(t, 101, "Amal", first, domain.RoleParticipant),
		env.Join(t, 102, "Sara", first, domain.RoleVolunteer),
		env.Join(t, 103, "Carla", first, domain.RoleCoordinator),
	}
	both := env.Join(t, 104, "Mette", first, domain.RoleCoordinator)
	lars := env.Join(t, 7001, "Lars Herlevsen", herlev, domain.RoleCoordinator)
	hana := env.Join(t, 7002, "Hana Herlevsen", herlev, domain.RoleParticipant)
	if err := env.Store.JoinBranch(ctx, both.ID, herlev, domain.RoleParticipant, env.Now()); err != nil {
		t.Fatal(err)
	}
	both, _ = env.Store.Member(ctx, both.ID)
	actors = append(actors, both)
	if err := env.Store.CreateInvite(ctx, domain.Invite{Code: "herlevinvite", Role: domain.RoleVolunteer, CreatedBy: &lars.ID,
		ExpiresAt: env.Now().Add(time.Hour), BranchID: herlev}, env.Now()); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		hs, _ := env.Store.Scope(ctx, hana.ID)
		ls, _ := env.Store.Scope(ctx, lars.ID)
		links, _ := env.Store.WorkingInvites(ctx, herlev, env.Now())
		return fmt.Sprintf("%v %v %d %d", hs.Roles, ls.Roles, len(links), env.Queued(t, lars.ChatID, hana.ChatID))
	}
	hanaArg, larsArg := strconv.FormatInt(hana.ID, 10), strconv.FormatInt(lars.ID, 10)
	tries := []chattest.Try{
		chattest.Cmd("members"), chattest.Cmd("invite"),
		chattest.Button(ActMembers, "0"),
		chattest.Button(actMember, hanaArg, "0"), chattest.Button(actMember, larsArg, "0"),
		chattest.Button(ActSetRole, hanaArg, "c", "0"), chattest.Button(ActSetRole, larsArg, "p", "0"),
		chattest.Button(actInvite, "links"), chattest.Button(actInvite, "vol"),
		chattest.Button(ActRevoke, "herlevinvite"),
	}
	// Routes that read and change no branch's data but the sender's own.
	noBranchData := map[string]string{
		"cmd start":                    "onboarding and joining a branch: another part's, with its own matrix",
		"cmd language":                 "the sender's own language",
		"cmd branch":                   "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"text branchmove":              "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"button hd":                    "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"button hm":                    "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"button hp":                    "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"button hw":                    "joining and moving: tried across branches in TestBranchMatrixJoinMove",
		"cmd help":                     "the commands of the sender's role",
		"cmd privacy":                  "the note, and the coordinators of the sender's own branches (TestPrivacyNamesTheCoordinatorsOfTheMembersBranches)",
		"cmd mydata":                   "the sender's own data, and the coordinators of their own branches",
		"cmd forget":                   "asks whether to delete the sender's own data",
		"button " + string(ActLang):    "the sender's own language",
		"button " + string(actSecond):  "the sender's own second language",
		"button " + string(ActConsent): "onboarding: another part's",
		"button " + string(actMyData):  "the sender's own data",
		"button " + string(actForget):  "deletes the sender's own data",
	}
	n := chattest.Matrix(t, env.Env, rt, actors, tries, noBranchData, state, []string{"Herlev", "Hana"}, nil)
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}
