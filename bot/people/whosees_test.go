package people

import (
	"context"
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// TestPrivacyNamesTheCoordinatorsOfTheMembersBranches: /privacy and /mydata
// name, for each branch the member belongs to, its coordinators by first
// name, and no coordinator of a branch they do not belong to; they say the
// national administrators see counts only.
func TestPrivacyNamesTheCoordinatorsOfTheMembersBranches(t *testing.T) {
	f := testFeature(t)
	ctx := context.Background()
	chattest.RegisterNamed(t, f.Env, 100, "Mette Hansen", "da", domain.RoleCoordinator)
	herlev, err := f.Store.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev", "en": "Red Cross Herlev"}}, f.Now())
	if err != nil {
		t.Fatal(err)
	}
	gentofte, err := f.Store.AddBranch(ctx, domain.NewBranch{Key: "gentofte", Names: domain.Texts{"da": "Røde Kors Gentofte"}}, f.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range []domain.Registration{
		{ID: 200, ChatID: 200, DisplayName: "Lars Holm", Language: "da", Role: domain.RoleCoordinator, BranchID: herlev.ID},
		{ID: 300, ChatID: 300, DisplayName: "Sofie Berg", Language: "da", Role: domain.RoleCoordinator, BranchID: gentofte.ID},
	} {
		if _, err := f.Store.Register(ctx, reg, f.Now()); err != nil {
			t.Fatal(err)
		}
	}
	amina := chattest.RegisterNamed(t, f.Env, 400, "Amina Hassan", "en", domain.RoleParticipant)
	if err := f.Store.JoinBranch(ctx, amina.ID, herlev.ID, domain.RoleParticipant, f.Now()); err != nil {
		t.Fatal(err)
	}
	amina, _ = f.Store.Member(ctx, amina.ID)
	E := f.Cat.For("en")
	for name, run := range map[string]func(*Feature, *chat.Request){
		"/privacy": func(f *Feature, r *chat.Request) { f.cmdPrivacy(r) },
		"/mydata":  func(f *Feature, r *chat.Request) { f.cmdMyData(r) },
	} {
		r := chattest.Typed(f.Env, amina, "/x")
		run(f, r)
		said := strings.Join(r.Reply.Texts(), "\n")
		for _, want := range []string{E.T("PrivacyWhoSeesTitle", nil), "Red Cross Herlev: Lars", ": Mette", E.T("PrivacyAdminsCounts", nil)} {
			if !strings.Contains(said, want) {
				t.Errorf("%s does not say %q:\n%s", name, want, said)
			}
		}
		for _, never := range []string{"Sofie", "Gentofte", "Hansen", "Holm"} {
			if strings.Contains(said, never) {
				t.Errorf("%s names %q:\n%s", name, never, said)
			}
		}
	}
}
