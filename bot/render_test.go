package bot

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/locales"
	"vejviser/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func testApp(t *testing.T) *App {
	t.Helper()
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	cat, err := locales.New(loc)
	if err != nil {
		t.Fatal(err)
	}
	cat.OnMissing = func(lang, id string, err error) { t.Errorf("%s.%s: %v", lang, id, err) }
	return New(Config{Catalog: cat})
}

func screen(text string, k kb) string {
	var b strings.Builder
	b.WriteString(text)
	for _, r := range k {
		b.WriteString("\n")
		var cells []string
		for _, btn := range r {
			cells = append(cells, "["+btn.Text+"]")
		}
		b.WriteString(strings.Join(cells, " "))
	}
	return b.String()
}

// TestGoldenScreens renders whole screens per language so that a change of
// wording or layout shows up in review, and so translators can read them.
func TestGoldenScreens(t *testing.T) {
	a := testApp(t)
	joined := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	for _, lang := range locales.Languages {
		L := a.cat.For(lang)
		var out []string
		add := func(name, s string) { out = append(out, "== "+name+" ==\n"+s) }

		text, k := a.welcome(L, storage.Member{DisplayName: "Mette Hansen", Role: storage.RoleCoordinator, Language: lang})
		add("welcome, coordinator", screen(text, k))
		text, k = a.languagePicker("ar", func(l string) string { return payload(actLang, l) })
		add("language picker, Arabic guessed", screen(text, k))
		add("broadcast preview", a.previewText(L, draft{Texts: map[string]string{"da": "Husk julefesten lørdag kl. 14!", "ar": "تذكير"}},
			storage.AudienceCount{ByLanguage: map[string]int{"da": 3, "ar": 12, "ti": 9, "en": 1}, Reachable: 25, Unreachable: 2}))
		add("broadcast done", a.progressText(L, storage.BroadcastStats{Total: 25, Sent: 23, Blocked: 1, Failed: 1}, time.Time{}))
		add("broadcast paused by Telegram", a.progressText(L, storage.BroadcastStats{Total: 25, Sent: 10, Waiting: 15},
			time.Date(2026, 11, 26, 17, 30, 0, 0, time.UTC)))
		add("member card date", L.DateTime(joined))
		add("members title, 1 and 21", L.N("MembersTitle", 1, locales.Data{"Page": 1, "Pages": 1})+"\n"+L.N("MembersTitle", 21, locales.Data{"Page": 2, "Pages": 3}))

		got := strings.Join(out, "\n\n") + "\n"
		path := filepath.Join("testdata", "golden", fmt.Sprintf("screens.%s.txt", lang))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./bot -run Golden -update)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from the golden file; if intended, run go test ./bot -run Golden -update\n--- got:\n%s", path, got)
		}
	}
}

func TestPreviewMentionsFallbackOnlyForMissingTexts(t *testing.T) {
	a := testApp(t)
	L := a.cat.For("en")
	got := a.previewText(L, draft{Texts: map[string]string{"da": "Hej", "ti": "ሰላም"}},
		storage.AudienceCount{ByLanguage: map[string]int{"ar": 2, "ti": 1}, Reachable: 3})
	if !strings.Contains(got, "العربية: 2 (get the Danish text)") {
		t.Errorf("Arabic without its own text should fall back: %q", got)
	}
	if strings.Contains(got, "ትግርኛ: 1 (") {
		t.Errorf("Tigrinya has its own text: %q", got)
	}
	if !strings.Contains(got, "It goes to 3 people") {
		t.Errorf("total missing: %q", got)
	}
	for _, long := range []string{strings.Repeat("x", storage.MaxText), strings.Repeat("🎉", storage.MaxText/2)} {
		if storage.CheckText(long) != nil {
			t.Fatalf("a text of exactly %d units is refused", storage.MaxText)
		}
		if n := storage.TextLength(a.previewText(L, draft{Texts: map[string]string{"da": long}}, storage.AudienceCount{ByLanguage: map[string]int{"da": 1}, Reachable: 1, Unreachable: 5})); n > storage.MaxText {
			t.Errorf("preview of a maximal text is %d UTF-16 units, over Telegram's limit", n)
		}
	}
}
