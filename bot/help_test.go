package bot

import (
	"strings"
	"testing"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /help shows each role exactly its commands: every command it lists is
// routed and allowed for the role, and every routed command the role may
// use is listed, in every language.
func TestHelpListsEachRoleExactlyItsCommands(t *testing.T) {
	a := testApp(t)
	ix := a.Index()
	for _, role := range []domain.Role{domain.RoleParticipant, domain.RoleVolunteer, domain.RoleCoordinator} {
		for _, lang := range locales.Languages {
			listed := map[string]bool{}
			for _, line := range strings.Split(chat.Help(a.Cat.For(lang), role), "\n") {
				line = strings.TrimLeft(line, "\u200f\u2068")
				if !strings.HasPrefix(line, "/") {
					continue
				}
				cmd := strings.TrimPrefix(strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\u2069' })[0], "/")
				if listed[cmd] {
					t.Errorf("%s/%s: /%s listed twice", role, lang, cmd)
				}
				listed[cmd] = true
				rt, ok := ix.Commands[cmd]
				if !ok {
					t.Errorf("%s/%s: /help lists /%s, which has no route", role, lang, cmd)
				} else if !rt.Open && rt.Role.Rank() > role.Rank() {
					t.Errorf("%s/%s: /help lists /%s, which is for %s", role, lang, cmd, rt.Role)
				}
			}
			for cmd, rt := range ix.Commands {
				if (rt.Open || rt.Role.Rank() <= role.Rank()) && !listed[cmd] {
					t.Errorf("%s/%s: /help leaves out /%s", role, lang, cmd)
				}
			}
		}
	}
}
