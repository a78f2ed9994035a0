package main

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

// A newcomer in each language: picker (guessed language first, marked) →
// picker closed to the chosen language, privacy note below it → consent → welcome with their
// name and the main menu; the member row has that language and role.
func TestOnboardingInEveryLanguage(t *testing.T) {
	f := startFlow(t)
	for i, lang := range locales.Languages {
		t.Run(lang, func(t *testing.T) {
			f.use(t)
			u := tgfake.User{ID: int64(2001 + i), FirstName: "Amina", LanguageCode: lang}
			pick := f.send(u, "/start", f.T(lang, "LanguagePrompt", nil))
			for _, l := range locales.Languages {
				if !strings.Contains(pick.Text, f.T(l, "LanguagePrompt", nil)) {
					t.Errorf("picker lacks the %s prompt: %q", l, pick.Text)
				}
			}
			got := labels(pick)
			if len(got) != 4 || len(pick.Buttons) != 4 {
				t.Fatalf("picker should have one row per language, got %q", got)
			}
			if got[0] != "👉 "+autonyms[lang] {
				t.Errorf("first button = %q, want the guessed %q marked with 👉", got[0], autonyms[lang])
			}
			seen := map[string]bool{}
			for i, l := range got {
				if i > 0 && strings.Contains(l, "👉") {
					t.Errorf("button %q is marked but not guessed", l)
				}
				seen[strings.TrimPrefix(l, "👉 ")] = true
			}
			for _, name := range autonyms {
				if !seen[name] {
					t.Errorf("picker lacks %q (buttons %q)", name, got)
				}
			}

			f.tap(u, autonyms[lang])
			privacy := f.waitText(u, f.T(lang, "PrivacyBody", nil))
			if msgs := f.fake.Messages(u.ID); privacy.ID == pick.ID || len(msgs) != 2 || len(msgs[0].Buttons) != 0 ||
				!strings.Contains(msgs[0].Text, autonyms[lang]) {
				t.Errorf("the picker should be closed (no buttons, naming %s) and the note come below it: %+v", autonyms[lang], msgs)
			}
			if !hasLabel(privacy, f.T(lang, "BtnConsentYes", nil)) || !hasLabel(privacy, f.T(lang, "BtnConsentNo", nil)) {
				t.Errorf("privacy note buttons %q lack agree/decline in %s", labels(privacy), lang)
			}
			if _, ok := f.member(u.ID); ok {
				t.Fatal("a member row exists before consent")
			}

			f.tap(u, f.T(lang, "BtnConsentYes", nil))
			welcome := f.waitText(u, f.T(lang, "Welcome", locales.Data{"Name": "Amina"}))
			isolated := strings.Contains(welcome.Text, "\u2068Amina\u2069")
			if lang == "ar" && !isolated {
				t.Errorf("Arabic welcome does not isolate the name: %q", welcome.Text)
			}
			if lang != "ar" && strings.ContainsAny(welcome.Text, "\u2068\u2069") {
				t.Errorf("%s welcome has bidi isolates: %q", lang, welcome.Text)
			}
			for _, id := range []string{"BtnLanguage", "BtnHelp", "BtnPrivacy"} {
				if !hasLabel(welcome, f.T(lang, id, nil)) {
					t.Errorf("welcome menu %q lacks %s", labels(welcome), id)
				}
			}
			if hasLabel(welcome, f.T(lang, "BtnBroadcast", nil)) {
				t.Errorf("a participant's menu offers broadcasting: %q", labels(welcome))
			}
			m, ok := f.member(u.ID)
			if !ok {
				t.Fatal("no member row after consent")
			}
			if m.Language != lang || m.Role != domain.RoleParticipant || m.DisplayName != "Amina" || m.ChatID != u.ID {
				t.Errorf("member = %+v, want language %s, participant, Amina", m, lang)
			}
		})
	}
}

// Telegram language codes we do not speak must not pick a language: in
// particular Amharic is not Tigrinya.
func TestPickerWithoutGuess(t *testing.T) {
	f := startFlow(t)
	for i, code := range []string{"am", "", "de"} {
		t.Run("code="+code, func(t *testing.T) {
			f.use(t)
			u := tgfake.User{ID: int64(2101 + i), FirstName: "Selam", LanguageCode: code}
			pick := f.send(u, "/start", f.T("ti", "LanguagePrompt", nil))
			got := labels(pick)
			if len(got) != 4 {
				t.Fatalf("picker buttons %q", got)
			}
			for _, l := range got {
				if strings.Contains(l, "👉") {
					t.Errorf("language_code %q pre-selects %q", code, l)
				}
			}
			if !hasLabel(pick, autonyms["ti"]) {
				t.Errorf("Tigrinya button should be plain %q: %q", autonyms["ti"], got)
			}
		})
	}
}

// Declining the privacy note stores nothing but an anonymous counter.
func TestDeclineConsentStoresNothing(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2201, FirstName: "Yonas", LanguageCode: "ti"}
	f.send(u, "/start", f.T("ti", "LanguagePrompt", nil))
	f.tap(u, autonyms["ti"])
	f.waitText(u, f.T("ti", "PrivacyAsk", nil))
	text, alert := f.tap(u, f.T("ti", "BtnConsentNo", nil))
	expectAnswer(t, "decline", text, alert, "", false)
	f.waitText(u, f.T("ti", "ConsentDeclined", nil))
	if _, ok := f.member(u.ID); ok {
		t.Error("a member row exists after declining")
	}
	if n := f.count(`SELECT count(*) FROM members`); n != 0 {
		t.Errorf("%d member rows after declining", n)
	}
	if n, err := f.counter("consent_declined"); err != nil || n != 1 {
		t.Errorf("consent_declined = %d (%v), want 1", n, err)
	}
	if n := f.count(`SELECT count(*) FROM outbox`) + f.count(`SELECT count(*) FROM conversations`); n != 0 {
		t.Errorf("%d rows queued or kept after declining", n)
	}
}

// A member who pressed an old "No" button after joining must not be told
// that nothing is stored about them.
func TestOldDeclineButtonAfterJoining(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2251, FirstName: "Hana", LanguageCode: "en"}
	// Two pickers (the person wrote /start twice), both opened to the privacy note.
	f.send(u, "/start", f.T("en", "LanguagePrompt", nil))
	f.tap(u, autonyms["en"])
	f.waitText(u, f.T("en", "PrivacyAsk", nil))
	first, _ := f.fake.LastMessage(u.ID)
	f.send(u, "/start", f.T("en", "LanguagePrompt", nil))
	f.tap(u, autonyms["en"])
	f.waitText(u, f.T("en", "PrivacyAsk", nil))
	f.tap(u, f.T("en", "BtnConsentYes", nil)) // the newest note
	f.waitText(u, f.T("en", "Welcome", locales.Data{"Name": "Hana"}))

	n0 := len(f.fake.Messages(u.ID))
	f.forge(u, first.ID, button(t, first, f.T("en", "BtnConsentNo", nil)).Data)
	f.fake.WaitFor(time.Second, func() bool {
		msgs := f.fake.Messages(u.ID)
		return len(msgs) > n0 || msgs[first.ID-1].Edits > first.Edits
	})
	if _, ok := f.member(u.ID); !ok {
		t.Fatal("an old decline button deleted the member without asking")
	}
	for _, m := range f.fake.Messages(u.ID) {
		if strings.Contains(m.Text, f.T("en", "ConsentDeclined", nil)) {
			t.Errorf("a stored member is told nothing is stored: message %d %q", m.ID, m.Text)
		}
	}
	if n, _ := f.counter("consent_declined"); n != 0 {
		t.Errorf("consent_declined = %d for a member", n)
	}
}

// Before consent only the open commands work; everything is answered in the
// language Telegram reports, and nothing is stored.
func TestCommandsBeforeConsent(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2301, FirstName: "Omar", LanguageCode: "ar"}
	for _, c := range []struct{ name, text, want string }{
		{"mydata", "/mydata", "NeedStart"},
		{"forget", "/forget", "NeedStart"},
		{"members (coordinators only)", "/members", "NeedStart"},
		{"broadcast (coordinators only)", "/broadcast", "NeedStart"},
		{"help", "/help", "HelpIntro"},
		{"privacy", "/privacy", "PrivacyBody"},
		{"cancel", "/cancel", "NothingToCancel"},
		{"unknown command", "/frobnicate", "UnknownCommand"},
		{"free text", "hello, is anyone there?", "NeedStart"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f.use(t)
			f.send(u, c.text, f.T("ar", c.want, nil))
		})
	}
	if n := f.count(`SELECT count(*) FROM members`); n != 0 {
		t.Errorf("%d member rows without consent", n)
	}
	if n := f.count(`SELECT count(*) FROM counters`); n != 0 {
		t.Errorf("%d counters bumped without consent", n)
	}
}

// /mydata sends the member's own data as JSON; /forget asks, keeps on "No"
// and on "Yes" deletes the member with their queued messages.
func TestMyDataAndForget(t *testing.T) {
	f := startFlow(t)
	// Her Telegram is Danish but she chose English: "her language" is English.
	p := tgfake.User{ID: 2401, FirstName: "Hiwet", LanguageCode: "da"}
	q := tgfake.User{ID: 2402, FirstName: "Quentin", LanguageCode: "da"}
	f.join(p, "en")
	f.join(q, "da")

	t.Run("mydata", func(t *testing.T) {
		f.use(t)
		doc := f.send(p, "/mydata", f.T("en", "MyDataCaption", nil))
		if len(doc.Document) == 0 || !strings.HasSuffix(doc.FileName, ".json") {
			t.Fatalf("no JSON document: file %q, %d bytes", doc.FileName, len(doc.Document))
		}
		// First a short summary in her language, then the file.
		msgs := f.fake.Messages(p.ID)
		summary := msgs[len(msgs)-2]
		for _, want := range []string{
			f.T("en", "MyDataSummary", locales.Data{"Name": "Hiwet", "Language": "English", "Role": f.T("en", "RoleParticipant", nil), "Since": f.cat.For("en").Date(time.Now())}),
			f.T("en", "MyDataFileNext", nil),
		} {
			if !strings.Contains(summary.Text, want) {
				t.Errorf("the message before the file lacks %q:\n%s", want, summary.Text)
			}
		}
		var export struct {
			Member map[string]any `json:"member"`
		}
		if err := json.Unmarshal(doc.Document, &export); err != nil {
			t.Fatalf("document is not JSON: %v\n%s", err, doc.Document)
		}
		if id, _ := export.Member["telegram_user_id"].(float64); int64(id) != p.ID {
			t.Errorf("telegram_user_id = %v, want %d", export.Member["telegram_user_id"], p.ID)
		}
		if export.Member["language"] != "en" {
			t.Errorf("language = %v, want en", export.Member["language"])
		}
		if s := string(doc.Document); strings.Contains(s, strconv.FormatInt(q.ID, 10)) || strings.Contains(s, q.FirstName) {
			t.Errorf("export holds another member's data:\n%s", s)
		}
	})

	t.Run("forget, no", func(t *testing.T) {
		f.use(t)
		f.send(p, "/forget", f.T("en", "ForgetConfirm", nil))
		text, alert := f.tap(p, f.T("en", "BtnForgetNo", nil))
		expectAnswer(t, "keep", text, alert, "", false)
		f.waitText(p, f.T("en", "ForgetKept", nil))
		if _, ok := f.member(p.ID); !ok {
			t.Fatal("member deleted after choosing to keep the data")
		}
	})

	t.Run("forget, yes", func(t *testing.T) {
		f.use(t)
		now := time.Now()
		later := domain.Outgoing{MemberID: p.ID, ChatID: p.ID, Kind: domain.KindReminder, Text: "reminder", NotBefore: now.Add(time.Hour)}
		storagetest.Enqueue(t, f.db, now, later, later)
		if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ?`, p.ID); n != 2 {
			t.Fatalf("%d outbox rows before forgetting, want 2", n)
		}
		f.send(p, "/forget", f.T("en", "ForgetConfirm", nil))
		f.tap(p, f.T("en", "BtnForgetYes", nil))
		f.waitText(p, f.T("en", "Forgotten", nil))
		if _, ok := f.member(p.ID); ok {
			t.Error("member row still there after /forget")
		}
		if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ? OR chat_id = ?`, p.ID, p.ID); n != 0 {
			t.Errorf("%d outbox rows left for the forgotten member", n)
		}
		if _, ok := f.member(q.ID); !ok {
			t.Error("another member was deleted too")
		}
		if n, err := f.counter("members_forgotten"); err != nil || n != 1 {
			t.Errorf("members_forgotten = %d (%v), want 1", n, err)
		}
		// Forgotten: back to the Telegram language and to square one.
		f.send(p, "/mydata", f.T("da", "NeedStart", nil))
	})
}

// /language switches the language: the confirmation and later replies are
// in the new one.
func TestChangeLanguage(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2501, FirstName: "Lars", LanguageCode: "da"}
	f.join(u, "da")

	pick := f.send(u, "/language", f.T("da", "LanguagePrompt", nil))
	second := f.T("da", "BtnSecondLanguage", locales.Data{"Language": f.T("da", "SecondLanguageNone", nil)})
	if got := labels(pick); len(got) != 5 || got[0] != "👉 Dansk" || got[4] != second {
		t.Errorf("picker should start with the current language marked and end with the second language: %q", got)
	}
	// A second language: texts not written in the member's own come in it before Danish.
	f.tap(u, second)
	f.waitText(u, f.T("da", "SecondLanguagePrompt", nil))
	f.tap(u, autonyms["ti"])
	f.waitText(u, f.T("da", "SecondLanguageChanged", locales.Data{"Language": autonyms["ti"]}))
	if m, _ := f.member(u.ID); m.SecondLanguage != "ti" {
		t.Errorf("second language = %q, want ti", m.SecondLanguage)
	}
	f.send(u, "/language", f.T("da", "LanguagePrompt", nil))
	f.tap(u, autonyms["en"])
	f.waitText(u, f.T("en", "LanguageChanged", nil))
	if m, _ := f.member(u.ID); m.Language != "en" {
		t.Errorf("language = %q, want en", m.Language)
	}
	f.send(u, "/help", f.T("en", "HelpIntro", nil))

	f.send(u, "/language", f.T("ar", "LanguagePrompt", nil))
	f.tap(u, autonyms["ar"])
	f.waitText(u, f.T("ar", "LanguageChanged", nil))
	f.send(u, "/frobnicate", f.T("ar", "UnknownCommand", nil))
	f.send(u, "hej", f.T("ar", "AskHeld", locales.Data{"Group": groupIn("ar")})) // held for "Ask us": no coordinator yet
	if m, _ := f.member(u.ID); m.Language != "ar" {
		t.Errorf("language = %q, want ar", m.Language)
	}
}

// The main menu's buttons do what their commands do.
func TestMainMenuButtons(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2601, FirstName: "Saba", LanguageCode: "ti"}
	f.join(u, "ti")

	n0 := len(f.fake.Messages(u.ID))
	f.tap(u, f.T("ti", "BtnHelp", nil))
	f.waitFor("help", func() bool { return len(f.fake.Messages(u.ID)) > n0 })
	f.waitText(u, f.T("ti", "HelpIntro", nil))

	n0 = len(f.fake.Messages(u.ID))
	f.tap(u, f.T("ti", "BtnPrivacy", nil))
	f.waitFor("privacy", func() bool { return len(f.fake.Messages(u.ID)) > n0 })
	m := f.waitText(u, f.T("ti", "PrivacyBody", nil))
	if !strings.Contains(m.Text, f.T("ti", "PrivacyConsentedOn", locales.Data{"Date": f.cat.For("ti").Date(time.Now())})) {
		t.Errorf("privacy note lacks the consent date: %q", m.Text)
	}
	n0 = len(f.fake.Messages(u.ID))
	f.tap(u, f.T("ti", "BtnMyData", nil))
	f.waitFor("my data", func() bool { return len(f.fake.Messages(u.ID)) > n0 })
	doc := f.waitText(u, f.T("ti", "MyDataCaption", nil))
	if !bytes.Contains(doc.Document, []byte(`"language": "ti"`)) {
		t.Errorf("document: %s", doc.Document)
	}
	f.tap(u, f.T("ti", "BtnForget", nil))
	f.waitText(u, f.T("ti", "ForgetConfirm", nil))
	f.tap(u, f.T("ti", "BtnForgetNo", nil))
	f.waitText(u, f.T("ti", "ForgetKept", nil))

	f.tap(u, f.T("ti", "BtnLanguage", nil))
	f.waitText(u, f.T("ti", "LanguagePrompt", nil))
	f.tap(u, autonyms["da"])
	f.waitText(u, f.T("da", "LanguageChanged", nil))
	if m, _ := f.member(u.ID); m.Language != "da" {
		t.Errorf("language = %q", m.Language)
	}
}

// The poster's link (?start=hej) onboards a participant and is counted anonymously.
func TestPosterLinkJoin(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2701, FirstName: "Nour", LanguageCode: "ar"}
	m := f.joinWith(u, "ar", "/start hej")
	if m.Role != domain.RoleParticipant {
		t.Errorf("role = %s", m.Role)
	}
	if n, _ := f.counter("joined_by_poster"); n != 1 {
		t.Errorf("joined_by_poster = %d, want 1", n)
	}
	if last, _ := f.fake.LastMessage(u.ID); strings.Contains(last.Text, f.T("ar", "InviteInvalid", nil)) {
		t.Errorf("the poster code was treated as an invite: %q", last.Text)
	}
}

// A quick second tap on the language picker cannot refuse consent: the note
// comes as a new message and the picker keeps no button under the finger, and
// a second tap that raced the first (its old data) sends no second note.
func TestDoubleTapOnPickerCannotRefuse(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 2801, FirstName: "Yonas", LanguageCode: "ar"} // Arabic guessed: "Dansk" is the second row
	pick := f.send(u, "/start", f.T("ar", "LanguagePrompt", nil))
	dansk := button(t, pick, autonyms["da"])
	row := -1
	for i, r := range pick.Buttons {
		if len(r) > 0 && r[0].Text == dansk.Text {
			row = i
		}
	}
	f.tap(u, autonyms["da"])
	f.waitText(u, f.T("da", "PrivacyAsk", nil))

	// The second tap: whatever the picker shows now at the same spot, and the old data.
	if now := f.fake.Messages(u.ID)[0]; now.ID == pick.ID && row < len(now.Buttons) && len(now.Buttons[row]) > 0 {
		f.waitAnswered(f.fake.PressButton(u, pick.ID, now.Buttons[row][0].Data))
	}
	f.waitAnswered(f.fake.PressButton(u, pick.ID, dansk.Data))
	// Consent still possible: the note's Yes button is there (a refusal would have replaced it).
	f.tap(u, f.T("da", "BtnConsentYes", nil))
	f.waitText(u, f.T("da", "Welcome", locales.Data{"Name": "Yonas"}))

	notes := 0
	for _, m := range f.fake.Messages(u.ID) {
		if strings.Contains(m.Text, f.T("da", "ConsentDeclined", nil)) {
			t.Fatalf("a second tap refused consent: %q", m.Text)
		}
		if strings.Contains(m.Text, f.T("da", "PrivacyAsk", nil)) || strings.Contains(m.Text, f.T("da", "Welcome", locales.Data{"Name": "Yonas"})) {
			notes++ // the note, or the welcome it turned into
		}
	}
	if notes != 1 {
		t.Errorf("%d privacy notes after a double tap, want 1", notes)
	}
	if n, _ := f.counter("consent_declined"); n != 0 {
		t.Errorf("consent_declined = %d after a double tap", n)
	}
}
