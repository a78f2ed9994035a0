package domain

import "testing"

func TestRoleRaiseNeverLowers(t *testing.T) {
	roles := []Role{RoleParticipant, RoleVolunteer, RoleCoordinator}
	for _, from := range roles {
		for _, to := range roles {
			want := from
			if to.Rank() > from.Rank() {
				want = to
			}
			if got := from.Raise(to); got != want {
				t.Errorf("%s.Raise(%s) = %s, want %s", from, to, got, want)
			}
		}
	}
	if got := RoleVolunteer.Raise("boss"); got != RoleVolunteer {
		t.Errorf("an unknown role raised a volunteer to %q", got)
	}
}

func TestLanguagesDanishFirst(t *testing.T) {
	if Languages[0] != DefaultLanguage || DefaultLanguage != "da" {
		t.Fatalf("Languages %v, default %q: Danish must come first", Languages, DefaultLanguage)
	}
	for _, l := range []string{"da", "ar", "ti", "en"} {
		if !SupportedLanguage(l) {
			t.Errorf("%s not supported", l)
		}
	}
	if SupportedLanguage("da,ar") || SupportedLanguage("") {
		t.Error("only single codes are languages")
	}
}
