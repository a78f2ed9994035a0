package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// danishOnlyPlan is what a coordinator in a hurry writes: titles, a note and
// nothing but Danish.
const danishOnlyPlan = `[[activity]]
key = "lektiecafe"
title = { da = "Lektiecafé på biblioteket" }
place = "Ballerup Bibliotek"
weekly = "thursday 15:00-17:00"

[[event]]
key = "sommerfest"
title = { da = "Sommerfest i parken" }
start = 2027-02-07T13:00:00
end = 2027-02-07T16:00:00
place = "Parken"
rsvp_by = 2027-02-03T20:00:00
note = { da = "Medbring gerne mad til fællesbordet" }
invite = "participants"
`

// TestNoSilentDanish: with coordinator text in Danish only, no Arabic or
// Tigrinya reader is shown it without the mark, in their own language, that
// it is Danish — in the invitation, the lists and their buttons, and a
// broadcast.
func TestNoSilentDanish(t *testing.T) {
	clock := &testClock{t: time.Date(2027, 1, 25, 10, 0, 0, 0, cph)}
	f := startFlow(t, withCoordinators(9001), withClock(clock))
	readers := map[string]tgfake.User{
		"ar": {ID: 9201, FirstName: "Amina", LanguageCode: "ar"},
		"ti": {ID: 9202, FirstName: "Senait", LanguageCode: "ti"},
	}
	for lang, u := range readers {
		f.join(u, lang)
	}
	path := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(path, []byte(danishOnlyPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if err := runIO(context.Background(), []string{"import", "-db", f.db, path}, func(string) string { return "" }, nil, &out, &errs); err != nil {
		t.Fatalf("import: %v\n%s", err, &errs)
	}
	const broadcast = "Husk sommerfesten på søndag"
	c := tgfake.User{ID: 9001, FirstName: "Carla", LanguageCode: "da"}
	f.join(c, "da")
	f.writeDraft(c, broadcast, "")
	f.tap(c, f.T("da", "BtnPreview", nil))
	f.waitText(c, f.N("da", "BroadcastRecipients", 2, nil))
	f.tap(c, f.T("da", "BtnSend", nil))
	f.settle()
	danish := []string{"Lektiecafé på biblioteket", "Sommerfest i parken", "Medbring gerne mad til fællesbordet"}
	for lang, u := range readers {
		mark := f.T(lang, "WrittenMark", locales.Data{"In": locales.Isolated(f.T(lang, "WrittenInDanish", nil))})
		f.waitFor("the invitation to "+u.FirstName, func() bool { return f.deliveredContaining(u, "Sommerfest i parken") > 0 })
		f.waitFor("the broadcast to "+u.FirstName, func() bool { return f.deliveredContaining(u, broadcast) > 0 })
		for _, m := range f.fake.Messages(u.ID) {
			if strings.Contains(m.Text, broadcast) && !strings.Contains(m.Text, mark+"\n"+broadcast) {
				t.Errorf("%s reader gets the broadcast without %q above it: %q", lang, mark, m.Text)
			}
		}
		f.send(u, "/events", "Sommerfest i parken")
		f.send(u, "/activities", "Lektiecafé på biblioteket")
		seen := map[string]bool{}
		for _, m := range f.fake.Messages(u.ID) {
			lines := strings.Split(m.Text, "\n")
			for _, row := range m.Buttons {
				for _, b := range row {
					lines = append(lines, b.Text)
				}
			}
			for _, line := range lines {
				for _, d := range danish {
					if strings.Contains(line, d) {
						seen[d] = true
						if !strings.Contains(line, mark) {
							t.Errorf("%s reader sees Danish without %q: %q", lang, mark, line)
						}
					}
				}
			}
		}
		for _, d := range danish {
			if !seen[d] {
				t.Errorf("%s reader was never shown %q: the test checks nothing there", lang, d)
			}
		}
	}
}
