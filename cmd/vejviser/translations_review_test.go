package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"vejviser/locales"
)

// localeDir copies the real message files into a folder of their own, for
// an import to write into.
func localeDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for lang, b := range locales.Files() {
		if err := os.WriteFile(filepath.Join(dir, lang+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runTranslations(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"translations"}, args...), func(string) string { return "" }, &out, &errOut)
	return out.String(), errOut.String(), err
}

// sheetRows finds, in an exported sheet, the row numbers of messages by id
// (their only row: no plural forms).
func sheetRows(t *testing.T, f *excelize.File, ids ...string) map[string]int {
	t.Helper()
	rows, err := f.GetRows("ar")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for i, r := range rows {
		for _, id := range ids {
			if len(r) > 1 && r[0] == id && r[1] == "" {
				out[id] = i + 1
			}
		}
	}
	if len(out) != len(ids) {
		t.Fatalf("rows %v for %v", out, ids)
	}
	return out
}

// TestTranslationsReviewRoundTrip: export Arabic, change two texts and mark
// five others OK, import: status shows five reviewed and the catalogue the two
// new texts; then a correction that drops a placeholder is refused, naming its
// row, and nothing is written.
func TestTranslationsReviewRoundTrip(t *testing.T) {
	dir := localeDir(t)
	sheet := filepath.Join(t.TempDir(), "ar.xlsx")
	out, errOut, err := runTranslations(t, "export", "--lang", "ar", "--format", "xlsx", "--out", sheet, "-dir", dir)
	if err != nil || !strings.Contains(out, "rows of ar") {
		t.Fatalf("export: %v\n%s%s", err, out, errOut)
	}
	f, err := excelize.OpenFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := f.GetRows("ar")
	if want := []string{"Message", "Plural form", "Where it is shown", "Danish", "English", "Now (ar)", "Example", "Corrected text", "OK"}; strings.Join(head[0][:9], "|") != strings.Join(want, "|") {
		t.Fatalf("heading %q", head[0])
	}
	confirmed := []string{"LanguagePrompt", "PrivacyAsk", "BtnConsentYes", "BtnConsentNo", "Welcome"}
	changed := map[string]string{"ConsentDeclined": "لا بأس. لم نحفظ شيئًا عنك.\n\nاكتب /start إذا غيّرت رأيك.", "PrivacyBody": "هذا ما نحفظه عنك."}
	at := sheetRows(t, f, append(confirmed, "ConsentDeclined", "PrivacyBody")...)
	for _, id := range confirmed {
		must(t, f.SetCellStr("ar", "I"+strconv.Itoa(at[id]), "OK"))
	}
	for id, text := range changed {
		must(t, f.SetCellStr("ar", "H"+strconv.Itoa(at[id]), text))
	}
	must(t, f.Save())
	if out, errOut, err = runTranslations(t, "import", "-dir", dir, sheet); err != nil {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	for _, want := range []string{"row " + strconv.Itoa(at["PrivacyBody"]) + ": ar.PrivacyBody changed", "2 texts changed, 5 messages marked reviewed"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runTranslations(t, "status", "-dir", dir)
	cat, catErr := locales.New(time.UTC)
	if catErr != nil {
		t.Fatal(catErr)
	}
	drafted := strconv.Itoa(len(cat.IDs()) - 5) // every other message is still a machine draft
	if err != nil || !hasFields(out, "ar", "5", drafted) {
		t.Errorf("status after the import: %v\n%s", err, out)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "ar.json"))
	file, err := locales.ParseMessageFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := file.Message("ConsentDeclined").Get("other"); got != strings.Replace(changed["ConsentDeclined"], "/start", "\u2068/start\u2069", 1) {
		t.Errorf("ConsentDeclined = %q", got)
	}
	if got := file.Message("PrivacyBody").Get("other"); got != changed["PrivacyBody"] {
		t.Errorf("PrivacyBody = %q", got)
	}

	// A placeholder removed in a cell is refused with its row.
	must(t, f.SetCellStr("ar", "H"+strconv.Itoa(at["Welcome"]), "أهلًا بك!"))
	must(t, f.Save())
	out, errOut, err = runTranslations(t, "import", "-dir", dir, sheet)
	if err == nil || !strings.Contains(errOut, "row "+strconv.Itoa(at["Welcome"])+" (Welcome): the placeholder {{.Name}} was removed") {
		t.Errorf("a removed placeholder: %v\n%s%s", err, out, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "ar.json")); !bytes.Equal(after, raw) {
		t.Error("a refused import changed ar.json")
	}
}

func hasFields(out string, fields ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= len(fields) && strings.Join(f[:len(fields)], " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestTranslationsExportImportArguments(t *testing.T) {
	for _, args := range [][]string{
		{"export", "-lang", "da", "-out", "x.xlsx"},
		{"export", "-lang", "ar", "-format", "csv", "-out", "x.xlsx"},
		{"export", "-lang", "ar"},
		{"import"},
		{"import", "nothing-here.xlsx"}, // no ./locales in the test's folder
	} {
		if _, _, err := runTranslations(t, args...); exit(err) != 2 {
			t.Errorf("%v: %v", args, err)
		}
	}
	if _, _, err := runTranslations(t, "import", "-dir", localeDir(t), filepath.Join(t.TempDir(), "missing.xlsx")); err == nil {
		t.Error("a missing spreadsheet was imported")
	}
}
