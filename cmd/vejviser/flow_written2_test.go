package main

import (
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// readersLine is the preview's line saying that n readers of lang get the
// text in the language in, as a Danish coordinator reads it.
func readersLine(f *flow, lang string, n int, in string) string {
	D := f.cat.For("da")
	return D.T("WrittenReadersLine", locales.Data{"Language": D.Name(lang), "Count": n, "In": locales.Isolated(D.In(in))})
}

// expectReaders checks that a preview says who reads what (want) and
// offers ➕ for exactly the languages in add.
func expectReaders(t *testing.T, f *flow, m tgfake.Message, want []string, add ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(m.Text, w) {
			t.Errorf("preview lacks %q:\n%s", w, m.Text)
		}
	}
	for _, lang := range []string{"ar", "ti", "en"} {
		plus := f.cat.For("da").Button("BtnAddLanguage", locales.Data{"Language": autonyms[lang]})
		if has, wanted := hasLabel(m, plus), strings.Contains(strings.Join(add, " "), lang); has != wanted {
			t.Errorf("➕ %s offered: %v, want %v (buttons %q)", lang, has, wanted, labels(m))
		}
	}
}

// TestPreviewsSayWhoReadsWhat: a coordinator writing only Danish sees, before
// saving, which readers would get Danish, and adds their language with ➕.
func TestPreviewsSayWhoReadsWhat(t *testing.T) {
	f := startFlow(t, withCoordinators(9401))
	c := tgfake.User{ID: 9401, FirstName: "Mette", LanguageCode: "da"}
	f.join(c, "da")
	f.join(tgfake.User{ID: 9402, FirstName: "Amina", LanguageCode: "ar"}, "ar")
	f.join(tgfake.User{ID: 9403, FirstName: "Senait", LanguageCode: "ti"}, "ti")
	D := f.cat.For("da")

	t.Run("activity", func(t *testing.T) {
		f.use(t)
		f.send(c, "/newactivity", D.T("NewActivityAskTitle", nil))
		f.send(c, "Lektiecafé", D.T("NewActivityTitles", locales.Data{"Title": "Lektiecafé"}))
		f.tap(c, D.T("BtnContinue", nil))
		f.waitText(c, D.T("NewActivityAskPlace", nil))
		f.send(c, "Biblioteket", D.T("NewActivityAskDays", nil))
		f.tap(c, D.Weekday(time.Monday))
		f.waitButton(c, "✅ "+D.Weekday(time.Monday))
		f.tap(c, D.T("BtnContinue", nil))
		f.waitText(c, D.T("NewActivityAskTimes", nil))
		f.send(c, "15:00-17:00", D.T("NewActivityAskRemind", nil))
		f.tap(c, D.T("BtnNoReminder", nil))
		m := f.waitText(c, D.T("ActivityPreview", nil))
		expectReaders(t, f, m, []string{D.T("WrittenReadersHead", nil), readersLine(f, "da", 1, "da"),
			readersLine(f, "ar", 1, "da"), readersLine(f, "ti", 1, "da")}, "ar", "ti")

		f.tap(c, D.Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]}))
		f.waitText(c, D.T("NewActivityAskTitleIn", locales.Data{"Language": D.Name("ar")}))
		f.send(c, "نادي الواجبات", D.T("NewActivityTitles", locales.Data{"Title": "Lektiecafé"}))
		f.tap(c, D.T("BtnContinue", nil))
		m = f.waitText(c, D.T("ActivityPreview", nil)) // back to the preview, not the next step
		expectReaders(t, f, m, []string{readersLine(f, "ar", 1, "ar"), readersLine(f, "ti", 1, "da")}, "ti")
		f.tap(c, D.T("BtnSaveActivity", nil))
		f.waitText(c, D.T("ActivitySaved", locales.Data{"Title": "Lektiecafé"}))
	})

	t.Run("broadcast", func(t *testing.T) {
		f.use(t)
		f.writeDraft(c, "Husk festen", "")
		f.tap(c, D.T("BtnPreview", nil))
		m := f.waitText(c, D.N("BroadcastRecipients", 2, nil))
		expectReaders(t, f, m, []string{D.T("WrittenReadersHead", nil), readersLine(f, "ar", 1, "da"), readersLine(f, "ti", 1, "da")}, "ar", "ti")
		f.tap(c, D.Button("BtnAddLanguage", locales.Data{"Language": autonyms["ti"]}))
		f.waitText(c, D.T("BroadcastWriteLanguage", locales.Data{"Language": D.Name("ti")}))
		f.send(c, "ዘኪርኩም ጽንበል", D.T("BroadcastTranslations", nil))
		f.tap(c, D.T("BtnPreview", nil))
		m = f.waitText(c, D.N("BroadcastRecipients", 2, nil))
		expectReaders(t, f, m, []string{readersLine(f, "ar", 1, "da"), readersLine(f, "ti", 1, "ti")}, "ar")
		f.tap(c, D.T("BtnCancel", nil))
		f.waitText(c, D.T("Cancelled", nil))
	})
}
