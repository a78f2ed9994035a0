package bot

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vejviser/bot/activities"
	"vejviser/bot/askus"
	"vejviser/bot/broadcast"
	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/bot/people"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

func testApp(t *testing.T) *App {
	t.Helper()
	return New(Config{Catalog: chattest.Catalog(t)})
}

// TestGoldenScreens renders whole screens per language so that a change of
// wording or layout shows up in review, and so translators can read them.
func TestGoldenScreens(t *testing.T) {
	a := testApp(t)
	joined := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	for _, lang := range locales.Languages {
		L := a.Cat.For(lang)
		var out []string
		add := func(name, s string) { out = append(out, "== "+name+" ==\n"+s) }

		text, k := people.Welcome(L, domain.Member{DisplayName: "Mette Hansen", Role: domain.RoleCoordinator, Language: lang})
		add("welcome, coordinator", chattest.Screen(text, k))
		text, k = people.LanguagePicker(a.Cat, "ar")
		add("language picker, Arabic guessed", chattest.Screen(text, k))
		preview := broadcast.Preview(a.Env, L, map[string]string{"da": "Husk julefesten lørdag kl. 14!", "ar": "تذكير"},
			domain.AudienceCount{ByLanguage: map[string]int{"da": 3, "ar": 12, "ti": 9, "en": 1}, Reachable: 25, Unreachable: 2})
		add("broadcast preview", preview)
		add("broadcast done", broadcast.ProgressText(L, storage.BroadcastStats{Total: 25, Sent: 23, Blocked: 1, Failed: 1}, time.Time{}))
		add("broadcast paused by Telegram", broadcast.ProgressText(L, storage.BroadcastStats{Total: 25, Sent: 10, Waiting: 15},
			time.Date(2026, 11, 26, 17, 30, 0, 0, time.UTC)))
		add("member card date", L.DateTime(joined))
		add("privacy note and consent", chattest.Screen(a.people.ConsentNote(L, lang, "-", domain.RoleParticipant)))
		add("privacy, consented", L.T("PrivacyConsentedOn", locales.Data{"Date": L.Date(joined)}))
		add("forget", chattest.Screen(people.ForgetConfirm(L)))
		add("free text", L.T("UnknownText", nil))
		add("member card", chattest.Screen(L.T("MemberCard", locales.Data{"Name": "Lars Jensen", "Role": L.T("RoleVolunteer", nil),
			"Language": "Dansk", "Since": L.Date(joined)})+"\n"+L.T("MemberUnreachable", nil),
			chat.Keyboard{chat.Row(chat.Btn(L.T("BtnBack", nil), people.ActMembers, "0")), chat.PrevNext(L, new(chat.Btn(L.T("BtnPrev", nil), people.ActMembers, "0")), new(chat.Btn(L.T("BtnNext", nil), people.ActMembers, "2")))}))
		add("broadcast audiences", chattest.Screen(L.T("BroadcastAudience", nil), chat.Keyboard{chat.Row(chat.Btn(L.T("BtnAudienceLanguage", nil), broadcast.ActAudience, "language"))}))
		add("message too long", L.N("BroadcastTooLong", 5000, locales.Data{"Max": 4000}))
		add("recipients 0, 1, 2, 3, 11", strings.Join([]string{L.N("BroadcastRecipients", 0, nil), L.N("BroadcastRecipients", 1, nil),
			L.N("BroadcastRecipients", 2, nil), L.N("BroadcastRecipients", 3, nil), L.N("BroadcastRecipients", 11, nil)}, "\n"))
		add("blocked 1, 2", L.N("BroadcastSkipped", 1, nil)+"\n"+L.N("BroadcastSkipped", 2, nil))
		add("dates in March and December", L.Date(time.Date(2027, 3, 4, 12, 0, 0, 0, time.UTC))+"\n"+L.Date(time.Date(2026, 12, 24, 12, 0, 0, 0, time.UTC)))
		add("mydata summary", a.people.MyDataSummary(L, storage.Export{
			Member:      domain.Member{DisplayName: "Amina Hassan", Language: "ar", Role: domain.RoleParticipant, CreatedAt: joined},
			Follows:     []string{"Tal Dansk Café", "Lektiehjælp"},
			Invitations: []storage.ExportInvitation{{Event: "Julefest", StartsAt: joined.Add(600 * time.Hour), Answer: "yes"}, {Event: "Bytur", StartsAt: joined.Add(900 * time.Hour), Answer: "invited"}},
			Messages:    make([]storage.ExportMessage, 3),
		}))
		add("mydata summary, coordinator with a draft", a.people.MyDataSummary(L, storage.Export{
			Member:     domain.Member{DisplayName: "Mette", Language: lang, Role: domain.RoleCoordinator, CreatedAt: joined},
			Invites:    make([]storage.ExportInvite, 2),
			Broadcasts: make([]storage.ExportBroadcast, 1), OpenStepByStep: &storage.ExportDraft{Flow: "broadcast"},
		}))
		add("who sees the data, two branches", people.WhoSees(L, []storage.BranchCoordinators{
			{Branch: domain.Branch{Name: "Røde Kors Ballerup", Names: domain.Texts{"ar": "الصليب الأحمر في Ballerup", "ti": "ቀይሕ መስቀል Ballerup", "en": "Red Cross Ballerup"}}, Names: []string{"Mette", "Lars"}},
			{Branch: domain.Branch{Name: "Røde Kors Herlev"}},
		}))
		add("forget, last coordinator", L.T("ForgetLastCoordinator", nil))
		add("invite links", L.T("InviteLinksTitle", nil)+"\n\n"+L.T("InviteLinkLine", locales.Data{"N": "1", "Role": L.T("RoleVolunteer", nil), "Creator": "Mette", "Expires": L.Date(joined)})+
			"\n"+chattest.Screen("", chat.Keyboard{chat.Row(chat.Btn(L.T("BtnRevokeInvite", locales.Data{"N": "1"}), people.ActRevoke, "abc"))}))
		add("members title, 1, 2 and 21", L.N("MembersTitle", 1, locales.Data{"Page": 1, "Pages": 1})+"\n"+L.N("MembersTitle", 2, locales.Data{"Page": 1, "Pages": 1})+"\n"+L.N("MembersTitle", 21, locales.Data{"Page": 2, "Pages": 3}))

		// Activities: a reminder, the notices of a cancelled and a moved date, durations and schedules.
		cafe := domain.Activity{ID: 3, Name: "Tal Dansk Café", Place: "Ballerup Bibliotek, Banegårdspladsen 1",
			Titles:   domain.Texts{"ar": "\u2068Tal Dansk Café\u2069 (مقهى التحدث بالدنماركية)", "en": "Speak Danish Café"},
			Schedule: "0 15 * * THU", DurationMin: 120, RemindBeforeMin: 180}
		slot := time.Date(2026, 12, 24, 14, 0, 0, 0, time.UTC)
		o := domain.Occurrence{Slot: slot, Start: slot}
		add("reminder", chattest.Screen(activities.Reminder(L, domain.ActivityReminder{Activity: cafe, Meeting: o})))
		add("date cancelled", activities.MeetingNotice(L, domain.MeetingChanged{Activity: cafe, Was: o, Now: domain.Occurrence{Slot: slot, Start: slot, Cancelled: true, Reason: domain.Texts{"da": "Biblioteket er lukket"}}}))
		add("date moved", activities.MeetingNotice(L, domain.MeetingChanged{Activity: cafe, Was: o, Now: domain.Occurrence{Slot: slot, Start: slot.Add(25 * time.Hour), Moved: true}}))
		add("schedules", chat.ScheduleText(L, cafe)+"\n"+chat.ScheduleText(L, domain.Activity{Schedule: "0 16 * * MON,TUE", DurationMin: 120})+
			"\n"+chat.ScheduleText(L, domain.Activity{Schedule: "0 15 1 * *", DurationMin: 90}))
		add("durations 1, 2, 3, 11 hours", chat.DurationText(L, time.Hour)+" · "+chat.DurationText(L, 2*time.Hour)+" · "+chat.DurationText(L, 3*time.Hour)+" · "+chat.DurationText(L, 11*time.Hour))
		add("head count", L.T("CountLines", locales.Data{"Adults": 12, "Children": 7, "First": 3, "Total": 19}))

		// Ask us: a voice message relayed, an answer, the history.
		amina := domain.Member{ID: 42, ChatID: 42, DisplayName: "Amina", Language: "ar", Role: domain.RoleParticipant, CreatedAt: joined}
		voice := domain.AskItem{ID: 7, MemberID: 42, Direction: "in", Kind: domain.AskVoice, CreatedAt: joined,
			SrcChat: sql.NullInt64{Int64: 42, Valid: true}, SrcMessage: sql.NullInt64{Int64: 1000001, Valid: true}}
		askNotice := func(kind string, v any) (string, chat.Keyboard) { // rendered as it leaves, in lang
			out, err := domain.GroupNotice(kind, 1, lang, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.Notices().Render(t.Context(), storage.OutboxMessage{ChatID: out.ChatID, Notice: out.Notice, Values: string(out.Values), Language: lang})
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			return got.Text, got.Buttons
		}
		relay, relayButtons := askNotice(domain.NoticeAskRelay, domain.AskRelayValues{Item: voice.ID, Kind: voice.Kind, Text: voice.Text,
			Asker: domain.AskAsker{ID: amina.ID, DisplayName: amina.DisplayName, Language: amina.Language, Role: amina.Role, Since: amina.CreatedAt}})
		add("ask us relay of a voice message", fmt.Sprintf("(copy of %d/%d)\n", voice.SrcChat.Int64, voice.SrcMessage.Int64)+chattest.Screen(relay, relayButtons))
		answer, _ := askNotice(domain.NoticeAskAnswer, domain.AskAnswerValues{Coordinator: domain.FirstName("Mette Hansen"), Text: "Caféen er på biblioteket."})
		add("ask us answer", answer)
		question := domain.AskItem{ID: 6, MemberID: 42, Direction: "in", Kind: domain.AskText, Text: "أين المقهى؟", CreatedAt: joined}
		reply := domain.AskItem{ID: 8, MemberID: 42, Direction: "out", Kind: domain.AskText, Text: "Caféen er på biblioteket.", CoordinatorName: "Mette", CreatedAt: joined}
		add("ask us history", chattest.Screen(askus.History(L, amina, []domain.AskItem{question, voice, reply})))

		got := strings.Join(out, "\n\n") + "\n"
		path := filepath.Join("testdata", "golden", fmt.Sprintf("screens.%s.txt", lang))
		chattest.Golden(t, path, got)
	}
}

// TestGoldenButtonsFit reads every button in every golden screen and fails
// on a label longer than a phone shows whole.
func TestGoldenButtonsFit(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	more, _ := filepath.Glob("*/testdata/golden/*.txt")
	files = append(files, more...)
	if len(files) < 8 {
		t.Fatalf("only %d golden files", len(files))
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if !strings.HasPrefix(line, "[") || !strings.HasSuffix(line, "]") {
				continue
			}
			for _, label := range strings.Split(line[1:len(line)-1], "] [") {
				if n := locales.Width(label); n > locales.MaxButton {
					t.Errorf("%s: button of %d characters: %q", path, n, label)
				}
			}
		}
	}
}
