package main

import (
	"context"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage/domain"
)

// A coordinator named in the configuration who consents through an invite
// link gets the coordinators' command menu whatever the link is worth:
// expired, revoked, unknown, or for a lower role than theirs. Before, only a
// link that raised the role (or no link) set the menu, so these coordinators
// were left with the participants' menu.
func TestConsentThroughAnyLinkSetsTheMenu(t *testing.T) {
	boss := tgfake.User{ID: 3901, FirstName: "Bodil", LanguageCode: "da"}
	cases := []struct {
		name string
		user tgfake.User
		link func(t *testing.T, f *flow) string // the code to open, made as the case needs
	}{
		{"expired link", tgfake.User{ID: 3911, FirstName: "Esther", LanguageCode: "da"}, func(t *testing.T, f *flow) string {
			return invite(t, f, "expired-link", domain.RoleCoordinator, time.Now().Add(-time.Hour))
		}},
		{"revoked link", tgfake.User{ID: 3912, FirstName: "Rasmus", LanguageCode: "en"}, func(t *testing.T, f *flow) string {
			code := invite(t, f, "revoked-link", domain.RoleCoordinator, time.Now().Add(time.Hour))
			if err := f.store.RevokeInvite(context.Background(), domain.DefaultBranchID, code, time.Now()); err != nil {
				t.Fatal(err)
			}
			return code
		}},
		{"unknown link", tgfake.User{ID: 3913, FirstName: "Ulla", LanguageCode: "ar"}, func(*testing.T, *flow) string {
			return "no-such-link"
		}},
		{"lower-role link", tgfake.User{ID: 3914, FirstName: "Lars", LanguageCode: "ti"}, func(t *testing.T, f *flow) string {
			return invite(t, f, "volunteer-link", domain.RoleVolunteer, time.Now().Add(time.Hour))
		}},
	}
	ids := []int64{boss.ID}
	for _, tc := range cases {
		ids = append(ids, tc.user.ID)
	}
	f := startFlow(t, withCoordinators(ids...))
	f.join(boss, "da") // the links' creator

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.use(t)
			lang := tc.user.LanguageCode
			m := f.joinWith(tc.user, lang, "/start "+tc.link(t, f))
			if m.Role != domain.RoleCoordinator {
				t.Fatalf("role = %s, want coordinator", m.Role)
			}
			f.waitFor("the coordinator's own command menu", func() bool {
				return contains(commandNames(f, chatScope(tc.user.ID), ""), "broadcast")
			})
			if cmds := f.fake.Commands(chatScope(tc.user.ID), ""); cmds[0].Description != f.T(lang, "CmdBroadcast", nil) {
				t.Errorf("coordinator menu not in %s: %+v", lang, cmds[0])
			}
		})
	}
}

// invite stores an invite link made by the first coordinator of the flow.
func invite(t *testing.T, f *flow, code string, role domain.Role, expires time.Time) string {
	t.Helper()
	creator := int64(3901)
	err := f.store.CreateInvite(context.Background(), domain.Invite{
		Code: code, Role: role, CreatedBy: &creator, ExpiresAt: expires,
	}, time.Now().Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return code
}
