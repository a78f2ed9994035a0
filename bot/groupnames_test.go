package bot

import (
	"testing"

	"vejviser/bot/chat"
)

// The default group is known by its name in every language; another group
// reads its Danish name wherever no other is configured.
func TestGroupNames(t *testing.T) {
	env := chat.Env{GroupName: DefaultGroupName, GroupNames: groupNames(DefaultGroupName, map[string]string{"en": "Red Cross in Ballerup"})}
	for lang, want := range map[string]string{"da": DefaultGroupName, "ar": "الصليب الأحمر في Ballerup", "ti": "ቀይሕ መስቀል Ballerup", "en": "Red Cross in Ballerup"} {
		if got := env.Group(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	other := chat.Env{GroupName: "Røde Kors Herlev", GroupNames: groupNames("Røde Kors Herlev", map[string]string{"ar": "الصليب الأحمر في Herlev"})}
	for lang, want := range map[string]string{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في Herlev", "ti": "Røde Kors Herlev"} {
		if got := other.Group(lang); got != want {
			t.Errorf("another group, %s: %q, want %q", lang, got, want)
		}
	}
}
