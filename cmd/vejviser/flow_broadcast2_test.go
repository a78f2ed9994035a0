package main

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"vejviser/bot/tgfake"
	"vejviser/locales"
)

// Broadcasts people recognise: the group's name on top, the
// coordinator's formatting kept in every language, every version in the
// preview, truthful old buttons, and drafts that survive other commands.

// bold is a bold entity over word in text (offsets in UTF-16 units).
func bold(text, word string) tgfake.Entity {
	i := strings.Index(text, word)
	return tgfake.Entity{Type: "bold", Offset: len(utf16.Encode([]rune(text[:i]))), Length: len(utf16.Encode([]rune(word)))}
}

// boldOver reports whether m has a bold entity covering exactly word.
func boldOver(m tgfake.Message, word string) bool {
	for _, e := range m.Entities {
		if e.Type == "bold" && e.Slice(m.Text) == word {
			return true
		}
	}
	return false
}

func TestBroadcastFormattingAndVersions(t *testing.T) {
	const base = 4500
	f := startFlow(t, withCoordinators(base))
	b := newCast(f, base)
	c := b.c
	const da, ar = "Husk julefesten lørdag kl. 14!", "تذكير: حفلة عيد الميلاد يوم السبت الساعة 14!"

	t.Run("bold in Danish and Arabic reaches both, under the group's name", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceParticipants", nil))
		f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
		f.fake.SendTextWithEntities(c, "Husk julefesten", []tgfake.Entity{bold("Husk julefesten", "julefesten")})
		f.waitText(c, f.T("da", "BroadcastTranslations", nil))
		f.tap(c, f.cat.For("da").Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]}))
		f.waitText(c, f.T("da", "BroadcastWriteLanguage", locales.Data{"Language": f.cat.For("da").Name("ar")}))
		f.fake.SendTextWithEntities(c, ar, []tgfake.Entity{bold(ar, "حفلة عيد الميلاد")})
		f.waitText(c, f.T("da", "BroadcastTranslations", nil))

		// From the preview back to change the Danish text.
		f.tap(c, f.T("da", "BtnPreview", nil))
		p := f.waitText(c, f.N("da", "BroadcastRecipients", 4, nil))
		if !strings.Contains(p.Text, asReceived("Husk julefesten")) || !strings.Contains(p.Text, asReceived(ar)) {
			t.Errorf("preview does not show both versions:\n%s", p.Text)
		}
		f.tap(c, f.T("da", "BtnBroadcastEditTexts", nil))
		f.waitText(c, f.T("da", "BroadcastTranslations", nil))
		f.tap(c, f.cat.For("da").Button("BtnEditLanguage", locales.Data{"Language": autonyms["da"]}))
		f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
		f.fake.SendTextWithEntities(c, da, []tgfake.Entity{bold(da, "julefesten")})
		f.waitText(c, f.T("da", "BroadcastTranslations", nil))
		f.tap(c, f.T("da", "BtnPreview", nil))
		p = f.waitText(c, f.N("da", "BroadcastRecipients", 4, nil))
		if !strings.Contains(p.Text, asReceived(da)) || strings.Contains(p.Text, "Husk julefesten\n") {
			t.Errorf("the changed Danish text is not in the preview:\n%s", p.Text)
		}
		if !boldOver(p, "julefesten") || !boldOver(p, "حفلة عيد الميلاد") {
			t.Errorf("the preview does not show the formatting: %+v", p.Entities)
		}
		f.tap(c, f.T("da", "BtnSend", nil))
		f.waitText(c, doneText(f, 4, 4))

		for _, tc := range []struct {
			who  tgfake.User
			text string
			word string
			want string
		}{{b.da, da, "julefesten", asReceived(da)}, {b.ar, ar, "حفلة عيد الميلاد", asReceived(ar)},
			{b.en, da, "julefesten", asReceivedBy(f, "en", "da", da)}} { // no English text: the Danish, marked
			m := f.waitText(tc.who, tc.text)
			if m.Text != tc.want {
				t.Errorf("%s got %q", tc.who.FirstName, m.Text)
			}
			if !boldOver(m, tc.word) || !boldOver(m, strings.SplitN(tc.want, "\n", 2)[0]) { // the group's name, bold
				t.Errorf("%s: formatting lost: %+v", tc.who.FirstName, m.Entities)
			}
		}
	})

	t.Run("old Send and Cancel buttons tell the truth", func(t *testing.T) {
		f.use(t)
		var preview tgfake.Message
		for _, m := range f.fake.Messages(c.ID) {
			if strings.Contains(m.Text, doneText(f, 4, 4)) {
				preview = m
			}
		}
		f.count(`SELECT 0`) // opens the read-only connection
		var key string
		if err := f.ro.QueryRow(`SELECT draft_key FROM broadcasts`).Scan(&key); err != nil {
			t.Fatal(err)
		}
		sendData, cancelData := "1:bs:"+key, "1:bx:"+key
		for _, data := range []string{sendData, cancelData} {
			text, alert := f.forge(c, preview.ID, data)
			sent := mustBroadcastTime(f, key)
			if want := f.N("da", "BroadcastAlreadySent", 4, locales.Data{"Time": sent}); text != want || !alert {
				t.Errorf("%s answered %q (alert %v)", data, text, alert)
			}
		}
	})

	t.Run("another command during a draft keeps it, /broadcast returns to it", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceParticipants", nil))
		f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
		f.send(c, "Kaffe kl. 10", f.T("da", "BroadcastTranslations", nil))
		f.send(c, "/start", f.T("da", "BroadcastDraftKept", nil))
		f.send(c, "/broadcast", f.T("da", "BroadcastTranslations", nil))
		f.tap(c, f.T("da", "BtnPreview", nil))
		p := f.waitText(c, f.N("da", "BroadcastRecipients", 4, nil))
		if !strings.Contains(p.Text, "Kaffe kl. 10") {
			t.Errorf("the kept draft lost its text:\n%s", p.Text)
		}
		f.tap(c, f.T("da", "BtnCancel", nil))
		f.waitText(c, f.T("da", "Cancelled", nil))
	})
}

// mustBroadcastTime is when the broadcast of draft key was queued, as a coordinator reads it.
func mustBroadcastTime(f *flow, key string) string {
	f.t.Helper()
	b, err := f.store.BroadcastByDraft(context.Background(), key)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.cat.For("da").DateTime(b.CreatedAt)
}
