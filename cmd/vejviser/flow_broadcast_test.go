package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// broadcastCast is a coordinator and one participant per language.
type broadcastCast struct {
	c              tgfake.User
	da, ar, ti, en tgfake.User
}

func (b broadcastCast) participants() []tgfake.User { return []tgfake.User{b.da, b.ar, b.ti, b.en} }

func newCast(f *flow, base int64) broadcastCast {
	b := broadcastCast{
		c:  tgfake.User{ID: base, FirstName: "Carla", LanguageCode: "da"},
		da: tgfake.User{ID: base + 1, FirstName: "Dorte", LanguageCode: "da"},
		ar: tgfake.User{ID: base + 2, FirstName: "Amina", LanguageCode: "ar"},
		ti: tgfake.User{ID: base + 3, FirstName: "Tesfay", LanguageCode: "ti"},
		en: tgfake.User{ID: base + 4, FirstName: "Emma", LanguageCode: "en"},
	}
	f.join(b.c, "da")
	for _, p := range b.participants() {
		f.join(p, p.LanguageCode)
	}
	return b
}

// writeDraft runs /broadcast → Participants → Danish text (→ Arabic text)
// and returns the translations screen.
func (f *flow) writeDraft(c tgfake.User, da, ar string) tgfake.Message {
	f.t.Helper()
	f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
	f.tap(c, f.T("da", "BtnAudienceParticipants", nil))
	f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
	m := f.send(c, da, f.T("da", "BroadcastTranslations", nil))
	if ar == "" {
		return m
	}
	f.tap(c, f.cat.For("da").Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]}))
	f.waitText(c, f.T("da", "BroadcastWriteLanguage", locales.Data{"Language": f.cat.For("da").Name("ar")}))
	m = f.send(c, ar, f.T("da", "BroadcastTranslations", nil))
	if !hasLabel(m, f.cat.For("da").Button("BtnEditLanguage", locales.Data{"Language": autonyms["ar"]})) {
		f.t.Errorf("translations screen does not show the Arabic text as written: %q", labels(m))
	}
	return m
}

// asReceived is a broadcast text as members receive it: under the group's
// name in the text's language (the tests' texts are Danish, Arabic or
// Tigrinya, told apart by their script).
func asReceived(text string) string {
	lang := "da"
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Arabic, r):
			lang = "ar"
		case unicode.Is(unicode.Ethiopic, r):
			lang = "ti"
		}
	}
	return groupIn(lang) + "\n\n" + text
}

// asReceivedBy is a broadcast text in lang as a reader of another language
// receives it: marked in the reader's language above the text.
func asReceivedBy(f *flow, reader, lang, text string) string {
	return groupIn(reader) + "\n\n" + markOf(f, reader, lang) + "\n" + text
}

// markOf is the mark a reader sees on a text in lang: "(in Danish)".
func markOf(f *flow, reader, lang string) string {
	return f.cat.For(reader).Mark(lang)
}

// markRoom is the room the longest mark takes above a broadcast's text.
func markRoom(f *flow) int {
	n := 0
	for _, r := range locales.Languages {
		for _, l := range locales.Languages {
			n = max(n, domain.TextLength(markOf(f, r, l))+1)
		}
	}
	return n
}

func languageLine(f *flow, lang string, n int, fallback bool) string {
	key := "BroadcastLanguageLine"
	if fallback {
		key = "BroadcastLanguageLineFallback"
	}
	return f.T("da", key, locales.Data{"Language": f.cat.For("da").Name(lang), "Count": n})
}

func doneText(f *flow, sent, total int) string {
	return f.T("da", "BroadcastDone", locales.Data{"Sent": sent, "Total": total, "Blocked": 0, "Failed": 0, "Expired": 0})
}

// A coordinator writes a broadcast in the chat; everyone gets it once, in
// their language or in Danish.
func TestBroadcastThroughTheChat(t *testing.T) {
	const base = 4000
	f := startFlow(t, withCoordinators(base))
	b := newCast(f, base)
	c := b.c
	const da, ar = "Hej alle! Café i morgen kl. 15.", "مرحبا بالجميع! المقهى غدًا الساعة ٣."

	t.Run("participant cannot broadcast", func(t *testing.T) {
		f.use(t)
		f.send(b.en, "/broadcast", f.T("en", "CoordinatorsOnly", nil))
		if n := f.count(`SELECT count(*) FROM conversations`); n != 0 {
			t.Errorf("%d drafts after a participant's /broadcast", n)
		}
	})

	t.Run("cancel midway", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceParticipants", nil))
		f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
		f.send(c, "/cancel", f.T("da", "Cancelled", nil))
		f.send(c, "Hej igen", f.T("da", "UnknownText", nil))
		f.send(c, "/cancel", f.T("da", "NothingToCancel", nil))
		if n := f.count(`SELECT count(*) FROM conversations`) + f.count(`SELECT count(*) FROM broadcasts`); n != 0 {
			t.Errorf("%d drafts or broadcasts after /cancel", n)
		}
	})

	t.Run("cancel button, then a stale button", func(t *testing.T) {
		f.use(t)
		aud := f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		stale := button(t, aud, f.T("da", "BtnAudienceParticipants", nil)).Data
		f.tap(c, f.T("da", "BtnCancel", nil))
		f.waitText(c, f.T("da", "Cancelled", nil))
		text, alert := f.forge(c, aud.ID, stale)
		expectAnswer(t, "audience button after cancel", text, alert, f.T("da", "ButtonExpired", nil), true)
		if n := f.count(`SELECT count(*) FROM conversations`); n != 0 {
			t.Errorf("a stale button revived the draft")
		}
	})

	t.Run("too long", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceParticipants", nil))
		f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
		// Room is left for the group's name on the first line (the longest of
		// its names) and a mark.
		room := 4096 - len([]rune(groupIn("ar"))) - 2 - markRoom(f)
		f.send(c, strings.Repeat("æ", room+1), f.N("da", "BroadcastTooLong", room+1, locales.Data{"Max": room}))
		// The characters allowed are counted, not bytes (æ is two).
		f.send(c, strings.Repeat("æ", room), f.T("da", "BroadcastTranslations", nil))
		f.send(c, "/cancel", f.T("da", "Cancelled", nil))
		if n := f.count(`SELECT count(*) FROM broadcasts`); n != 0 {
			t.Errorf("%d broadcasts queued", n)
		}
	})

	t.Run("nobody in the audience", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceVolunteers", nil))
		// Reported at once, before anything is written.
		m := f.waitText(c, f.T("da", "BroadcastNobody", nil))
		if !hasLabel(m, f.T("da", "BtnAudienceAll", nil)) || hasLabel(m, f.T("da", "BtnSend", nil)) {
			t.Errorf("after \"nobody\" the audience should be asked again: %q", labels(m))
		}
		f.tap(c, f.T("da", "BtnCancel", nil))
		f.waitText(c, f.T("da", "Cancelled", nil))
	})

	t.Run("one language", func(t *testing.T) {
		f.use(t)
		f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
		f.tap(c, f.T("da", "BtnAudienceLanguage", nil))
		f.waitText(c, f.T("da", "BroadcastPickLanguage", nil))
		f.tap(c, f.cat.For("da").Name("ti"))
		// Tigrinya readers only: their text is asked for first, no Danish needed.
		f.waitText(c, f.T("da", "BroadcastWriteLanguage", locales.Data{"Language": f.cat.For("da").Name("ti")}))
		tr := f.send(c, "ሰላም", f.T("da", "BroadcastTranslations", nil))
		if hasLabel(tr, f.cat.For("da").Button("BtnAddLanguage", locales.Data{"Language": autonyms["ar"]})) {
			t.Errorf("a Tigrinya-only broadcast offers other languages: %q", labels(tr))
		}
		f.tap(c, f.T("da", "BtnPreview", nil))
		m := f.waitText(c, f.N("da", "BroadcastRecipients", 1, nil))
		if !strings.Contains(m.Text, languageLine(f, "ti", 1, false)) || !strings.Contains(m.Text, "ሰላም") || strings.Contains(m.Text, f.cat.For("da").Name("ar")) {
			t.Errorf("preview for Tigrinya readers:\n%s", m.Text)
		}
		f.tap(c, f.T("da", "BtnCancel", nil))
		f.waitText(c, f.T("da", "Cancelled", nil))
		if n := f.count(`SELECT count(*) FROM broadcasts`); n != 0 {
			t.Errorf("%d broadcasts after cancelling", n)
		}
	})

	t.Run("send", func(t *testing.T) {
		f.use(t)
		f.secret(da) // a broadcast's text is not for the log either
		f.writeDraft(c, da, ar)
		f.tap(c, f.T("da", "BtnPreview", nil))
		preview := f.waitText(c, f.N("da", "BroadcastRecipients", 4, nil))
		for _, want := range []string{
			asReceived(da), asReceived(ar), // every version as members get it
			languageLine(f, "da", 1, false), languageLine(f, "ar", 1, false),
			languageLine(f, "ti", 1, true), languageLine(f, "en", 1, true),
		} {
			if !strings.Contains(preview.Text, want) {
				t.Errorf("preview lacks %q:\n%s", want, preview.Text)
			}
		}
		if strings.Contains(preview.Text, f.N("da", "BroadcastSkipped", 0, nil)) {
			t.Errorf("preview mentions skipped members: %s", preview.Text)
		}
		send := button(t, preview, f.T("da", "BtnSend", nil))

		// Impatient taps: five presses of Send queued before any is handled,
		// so several handlers load the draft at the same time.
		var ids []string
		for range 5 {
			ids = append(ids, f.fake.PressButton(c, preview.ID, send.Data))
		}
		key := strings.TrimPrefix(send.Data, "1:bs:")
		var expired string // what the refused taps must say: sent, to how many, when
		f.waitFor("the broadcast", func() bool {
			sent, err := f.store.BroadcastByDraft(context.Background(), key)
			expired = f.N("da", "BroadcastAlreadySent", 4, locales.Data{"Time": f.cat.For("da").DateTime(sent.CreatedAt)})
			return err == nil
		})
		silent, refused := 0, 0
		for _, id := range ids {
			switch text, alert := f.waitAnswered(id); {
			case text == "" && !alert:
				silent++
			case text == expired && alert:
				refused++
			default:
				t.Errorf("a Send tap was answered %q (alert %v)", text, alert)
			}
		}
		if silent != 1 || refused != 4 {
			t.Errorf("five taps on Send: %d accepted, %d refused as expired; want 1 and 4", silent, refused)
		}
		done := f.waitText(c, doneText(f, 4, 4))
		if done.ID != preview.ID || done.Edits < preview.Edits+2 || done.Buttons != nil {
			t.Errorf("progress not edited into the preview: id %d (preview %d), edits %d (preview %d), buttons %q",
				done.ID, preview.ID, done.Edits, preview.Edits, labels(done))
		}
		// And once more, long after.
		text, alert := f.forge(c, preview.ID, send.Data)
		expectAnswer(t, "Send after sending", text, alert, expired, true)

		want := map[int64]string{b.da.ID: da, b.ar.ID: ar, b.ti.ID: da, b.en.ID: da}
		for _, p := range b.participants() {
			f.waitText(p, want[p.ID])
		}
		f.settle() // everything due is sent: a duplicate would be among it

		// No Tigrinya or English text: they get the Danish, marked.
		got := map[int64]string{b.da.ID: asReceived(da), b.ar.ID: asReceived(ar),
			b.ti.ID: asReceivedBy(f, "ti", "da", da), b.en.ID: asReceivedBy(f, "en", "da", da)}
		for _, p := range b.participants() {
			if n := f.delivered(p, got[p.ID]); n != 1 {
				t.Errorf("%s (%s) got the broadcast %d times", p.FirstName, p.LanguageCode, n)
			}
			if other := map[bool]string{true: ar, false: da}[want[p.ID] == da]; f.delivered(p, asReceived(other)) != 0 {
				t.Errorf("%s (%s) got the text meant for other languages", p.FirstName, p.LanguageCode)
			}
		}
		if f.delivered(c, asReceived(da)) != 0 {
			t.Error("the coordinator, not a participant, got the broadcast")
		}
		if n := f.count(`SELECT count(*) FROM broadcasts`); n != 1 {
			t.Errorf("%d broadcasts, want 1", n)
		}
		if n := f.count(`SELECT count(*) FROM outbox WHERE broadcast_id IS NOT NULL`); n != 4 {
			t.Errorf("%d broadcast messages queued, want 4", n)
		}
		f.waitFor("the broadcast to be finished", func() bool {
			return f.count(`SELECT count(*) FROM broadcasts WHERE finished_at IS NOT NULL`) == 1
		})
		f.send(c, "Tak", f.T("da", "UnknownText", nil)) // the flow is over
	})
}

// A member who blocks the bot is marked unreachable and skipped by
// broadcasts until they unblock it.
func TestBlockedMemberIsSkipped(t *testing.T) {
	c := tgfake.User{ID: 4101, FirstName: "Carla", LanguageCode: "da"}
	p1 := tgfake.User{ID: 4102, FirstName: "Dorte", LanguageCode: "da"}
	p2 := tgfake.User{ID: 4103, FirstName: "Amina", LanguageCode: "ar"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	f.join(p1, "da")
	f.join(p2, "ar")

	f.fake.SetChatMember(p2, "kicked")
	f.waitFor("the member to become unreachable", func() bool { m, _ := f.member(p2.ID); return !m.Reachable })

	list := f.send(c, "/members", f.N("da", "MembersTitle", 3, locales.Data{"Page": 1, "Pages": 1}))
	if want := "⚠️ Amina · " + f.T("da", "RoleParticipant", nil); !hasLabel(list, want) {
		t.Errorf("member list %q does not mark %q", labels(list), want)
	}

	f.writeDraft(c, "Hej fra Røde Kors", "")
	f.tap(c, f.T("da", "BtnPreview", nil))
	preview := f.waitText(c, f.N("da", "BroadcastSkipped", 1, nil))
	for _, want := range []string{f.N("da", "BroadcastRecipients", 1, nil), languageLine(f, "da", 1, false)} {
		if !strings.Contains(preview.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, preview.Text)
		}
	}
	if strings.Contains(preview.Text, f.cat.For("da").Name("ar")) {
		t.Errorf("preview counts the blocked Arabic member: %s", preview.Text)
	}
	f.tap(c, f.T("da", "BtnSend", nil))
	f.waitText(c, doneText(f, 1, 1))
	f.waitText(p1, "Hej fra Røde Kors")
	if n := f.delivered(p2, asReceived("Hej fra Røde Kors")); n != 0 {
		t.Errorf("blocked member got the broadcast")
	}
	if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ?`, p2.ID); n != 0 {
		t.Errorf("%d messages queued for a blocked member", n)
	}

	f.fake.SetChatMember(p2, "member")
	f.waitFor("the member to become reachable", func() bool { m, _ := f.member(p2.ID); return m.Reachable })
}

// The shell's broadcast command queues into the running bot's database and
// the bot delivers.
func TestShellBroadcast(t *testing.T) {
	c := tgfake.User{ID: 4201, FirstName: "Carla", LanguageCode: "da"}
	v1 := tgfake.User{ID: 4202, FirstName: "Viggo", LanguageCode: "da"}
	v2 := tgfake.User{ID: 4203, FirstName: "Warda", LanguageCode: "ar"}
	p := tgfake.User{ID: 4204, FirstName: "Petra", LanguageCode: "en"}
	f := startFlow(t, withCoordinators(c.ID))
	for _, u := range []tgfake.User{c, v1, v2, p} {
		f.join(u, u.LanguageCode)
	}
	ctx := context.Background()
	for _, v := range []tgfake.User{v1, v2} {
		if _, err := f.store.SetRole(ctx, 1, v.ID, domain.RoleVolunteer, time.Now(), false); err != nil {
			t.Fatal(err)
		}
	}
	noEnv := func(string) string { return "" }
	shell := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"broadcast"}, append(args, "-db", f.db)...), noEnv, &out, &errOut)
		return out.String() + errOut.String(), err
	}

	t.Run("volunteers", func(t *testing.T) {
		f.use(t)
		const da, ar = "Hej frivillige, tak for i går!", "شكرًا أيها المتطوعون!"
		out, err := shell("--audience", "volunteers", "--text", da, "--text-ar", ar)
		if err != nil {
			t.Fatalf("broadcast: %v\n%s", err, out)
		}
		if !strings.Contains(out, "queued 2 messages") {
			t.Errorf("output %q, want \"queued 2 messages\"", out)
		}
		f.waitText(v1, da)
		f.waitText(v2, ar)
		f.settle()
		for _, u := range []tgfake.User{c, p} {
			if f.delivered(u, asReceived(da))+f.delivered(u, asReceived(ar)) != 0 {
				t.Errorf("%s is not a volunteer but got the broadcast", u.FirstName)
			}
		}
		if f.delivered(v1, asReceived(da)) != 1 || f.delivered(v2, asReceived(ar)) != 1 {
			t.Errorf("volunteers got it %d and %d times, want once", f.delivered(v1, asReceived(da)), f.delivered(v2, asReceived(ar)))
		}
	})

	t.Run("an activity's followers by the plan's key", func(t *testing.T) {
		f.use(t)
		id, err := f.store.CreateActivity(ctx, domain.Activity{Key: "tal-dansk", Name: "Tal Dansk Café", Schedule: "0 15 * * THU", DurationMin: 120}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.Follow(ctx, []int64{domain.DefaultBranchID}, id, p.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		const da = "Caféen er flyttet til biblioteket."
		out, err := shell("--audience", "activity:tal-dansk", "--text", da)
		if err != nil || !strings.Contains(out, "queued 1 message") {
			t.Fatalf("broadcast: %v\n%s", err, out)
		}
		f.waitText(p, da)
	})

	for _, tc := range []struct {
		name string
		args []string
		flag string
	}{
		{"bad audience", []string{"--audience", "martians", "--text", "Hej"}, "--audience"},
		{"unknown activity key", []string{"--audience", "activity:tal-dansks", "--text", "Hej"}, "--audience"},
		{"unknown event key", []string{"--audience", "event:julefest-2026", "--text", "Hej"}, "--audience"},
		{"not a key", []string{"--audience", "activity:Tal Dansk", "--text", "Hej"}, "--audience"},
		{"no audience", []string{"--text", "Hej"}, "--audience"},
		{"no Danish text", []string{"--audience", "all", "--text-ar", "مرحبا"}, "--text"},
		{"text too long", []string{"--audience", "all", "--text", strings.Repeat("x", 4097)}, "--text"},
		{"emoji over Telegram's count", []string{"--audience", "all", "--text", strings.Repeat("🎉", 2049)}, "--text"},
		{"Arabic text too long", []string{"--audience", "all", "--text", "Hej", "--text-ar", strings.Repeat("ب", 4097)}, "--text-ar"},
		{"blank once invisible characters go", []string{"--audience", "all", "--text", "\u200b\u200d \u2068\u2069"}, "--text"},
		{"unknown activity", []string{"--audience", "activity:999", "--text", "Hej"}, "--audience"},
		{"unknown event", []string{"--audience", "event:999", "--text", "Hej"}, "--audience"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.use(t)
			before := f.count(`SELECT count(*) FROM outbox`)
			_, err := shell(tc.args...)
			var ce *configError
			if !errors.As(err, &ce) || ce.name != tc.flag {
				t.Fatalf("err = %v (%T), want a configError naming %s", err, err, tc.flag)
			}
			if code := exit(err); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if after := f.count(`SELECT count(*) FROM outbox`); after != before {
				t.Errorf("%d messages queued by a refused broadcast", after-before)
			}
		})
	}
}

// The shell's broadcast against a database file that is not there refuses,
// and never creates an empty database to report "queued 0 messages" from.
func TestShellBroadcastRefusesMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"broadcast", "--audience", "all", "--text", "Hej", "-db", db}, func(string) string { return "" }, &out, &errOut)
	var ce *configError
	if !errors.As(err, &ce) || !strings.Contains(ce.name, "VEJVISER_DB") || exit(err) != 2 {
		t.Fatalf("err = %v, want a configError naming VEJVISER_DB (exit 2)", err)
	}
	if _, serr := os.Stat(db); serr == nil {
		t.Error("the broadcast command created the database")
	}
	if strings.Contains(out.String(), "queued") {
		t.Errorf("output %q", out.String())
	}
}

// When the messages are all sent before the progress message is recorded,
// the coordinator must still see the final report.
func TestBroadcastFinalReportWhenSendingIsFast(t *testing.T) {

	c := tgfake.User{ID: 4301, FirstName: "Carla", LanguageCode: "da"}
	p := tgfake.User{ID: 4302, FirstName: "Dorte", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	f.join(p, "da")
	f.writeDraft(c, "Hurtig besked", "")
	f.tap(c, f.T("da", "BtnPreview", nil))
	f.waitText(c, f.N("da", "BroadcastRecipients", 1, nil))

	// The edit that turns the preview into the progress message is slow
	// (a slow network); meanwhile the sender delivers everything.
	var slowed atomic.Bool
	f.fake.SetFaultFunc(func(method string, chatID int64) *tgfake.Fault {
		if method == "editMessageText" && chatID == c.ID && slowed.CompareAndSwap(false, true) {
			time.Sleep(300 * time.Millisecond)
		}
		return nil
	})
	f.tap(c, f.T("da", "BtnSend", nil))
	f.waitText(p, "Hurtig besked")
	f.waitText(c, doneText(f, 1, 1))
}

// A coordinator who sent a broadcast and then uses /forget leaves nothing
// that names them: not even the chat of the progress message.
func TestForgetAfterBroadcastingLeavesNoTrace(t *testing.T) {
	c := tgfake.User{ID: 4401, FirstName: "Carla", LanguageCode: "da"}
	c2 := tgfake.User{ID: 4402, FirstName: "Conny", LanguageCode: "da"}
	p := tgfake.User{ID: 4403, FirstName: "Dorte", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(c.ID, c2.ID))
	f.join(c, "da")
	f.join(c2, "da")
	f.join(p, "da")
	f.writeDraft(c, "Husk caféen i dag", "")
	f.tap(c, f.T("da", "BtnPreview", nil))
	f.waitText(c, f.N("da", "BroadcastRecipients", 1, nil))
	f.tap(c, f.T("da", "BtnSend", nil))
	f.waitText(c, doneText(f, 1, 1))

	f.send(c, "/forget", f.T("da", "ForgetConfirm", nil))
	f.tap(c, f.T("da", "BtnForgetYes", nil))
	f.waitText(c, f.T("da", "Forgotten", nil))
	if _, ok := f.member(c.ID); ok {
		t.Fatal("member row still there")
	}
	if n := f.count(`SELECT count(*) FROM broadcasts WHERE created_by = ?`, c.ID); n != 0 {
		t.Errorf("%d broadcasts still name the forgotten coordinator as author", n)
	}
	if n := f.count(`SELECT count(*) FROM broadcasts WHERE progress_chat = ?`, c.ID); n != 0 {

		t.Errorf("%d broadcasts still hold the forgotten coordinator's chat id", n)
	}
}

// A picked activity or event is looked up, never trusted: with a draft in
// progress (so the lookup is reached) a forged id is refused as expired,
// and the real one moves on to the text.
func TestBroadcastPickLooksUpTheActivity(t *testing.T) {
	c := tgfake.User{ID: 4301, FirstName: "Carla", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	id, err := f.store.CreateActivity(context.Background(), domain.Activity{Name: "Tal Dansk Café", Schedule: "0 15 * * THU", DurationMin: 120}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.Follow(context.Background(), []int64{domain.DefaultBranchID}, id, c.ID, time.Now()); err != nil { // someone to write to
		t.Fatal(err)
	}
	f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
	f.tap(c, f.T("da", "BtnAudienceActivity", nil))
	list := f.waitText(c, f.T("da", "BroadcastPickActivity", nil))
	text, alert := f.forge(c, list.ID, fmt.Sprintf("1:bp:activity:%d", id+1000))
	expectAnswer(t, "a forged activity", text, alert, f.T("da", "ButtonExpired", nil), true)
	if n := f.count(`SELECT count(*) FROM conversations`); n != 1 {
		t.Fatalf("%d drafts, want the one in progress", n)
	}
	f.tap(c, "Tal Dansk Café")
	f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
}

// A missing activity, through a real draft: the picker lists an activity
// whose row is then gone (deleted from the database: the chat has no way to
// delete one, and an ended, archived activity stays a valid audience); its
// own button is refused as expired, nothing is queued, and the draft stays
// for another pick.
func TestBroadcastPickOfAMissingActivity(t *testing.T) {
	c := tgfake.User{ID: 4311, FirstName: "Carla", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	ctx := context.Background()
	var ids []int64
	for _, name := range []string{"Tal Dansk Café", "Lektiecafé"} {
		id, err := f.store.CreateActivity(ctx, domain.Activity{Name: name, Schedule: "0 15 * * THU", DurationMin: 120}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.Follow(ctx, []int64{domain.DefaultBranchID}, id, c.ID, time.Now()); err != nil { // someone to write to
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	f.send(c, "/broadcast", f.T("da", "BroadcastAudience", nil))
	f.tap(c, f.T("da", "BtnAudienceActivity", nil))
	list := f.waitText(c, f.T("da", "BroadcastPickActivity", nil))
	if !hasLabel(list, "Lektiecafé") {
		t.Fatalf("the picker does not list the activity: %q", labels(list))
	}
	rw, err := sql.Open("sqlite3", "file:"+f.db+"?_busy_timeout=5000&_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec(`DELETE FROM activities WHERE id = ?`, ids[1]); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	text, alert := f.tap(c, "Lektiecafé")
	expectAnswer(t, "the missing activity's button", text, alert, f.T("da", "ButtonExpired", nil), true)
	if n := f.count(`SELECT count(*) FROM conversations`); n != 1 {
		t.Fatalf("%d drafts, want the one in progress", n)
	}
	if n := f.count(`SELECT count(*) FROM broadcasts`) + f.count(`SELECT count(*) FROM outbox`); n != 0 {
		t.Errorf("the missing activity's pick left %d broadcasts or queued messages", n)
	}
	f.tap(c, "Tal Dansk Café")
	f.waitText(c, f.T("da", "BroadcastWriteDanish", nil))
}
