package main

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"vejviser/bot"
	"vejviser/bot/chat"
	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// "Ask us": what members write, say or show reaches the
// coordinators, and their answers come back attributed to them.

// withoutAskBursts makes every Ask-us message a card of its own, for the
// tests about what happens to one message.
func withoutAskBursts() harnessOpt {
	return func(_ *config, h *hooks) { h.askBurst = -1 }
}

func withAskPerHour(n int) harnessOpt {
	return func(c *config, _ *hooks) { c.AskPerHour = n }
}

// askCast is two coordinators (Danish) and Amina, a participant reading Arabic.
type askCast struct {
	mette, carl, amina tgfake.User
}

func newAskCast(f *flow, base int64) askCast {
	c := askCast{
		mette: tgfake.User{ID: base, FirstName: "Mette Hansen", LanguageCode: "da"},
		carl:  tgfake.User{ID: base + 1, FirstName: "Carl", LanguageCode: "da"},
		amina: tgfake.User{ID: base + 2, FirstName: "Amina", LanguageCode: "ar"},
	}
	f.join(c.mette, "da")
	f.join(c.carl, "da")
	f.join(c.amina, "ar")
	return c
}

// relayHeader is how a coordinator reading Danish sees who wrote.
func (f *flow) relayHeader(m domain.Member) string {
	return f.T("da", "AskRelayHeader", locales.Data{"Name": m.DisplayName, "Language": f.cat.For("da").Name(m.Language),
		"Role": f.T("da", "RoleParticipant", nil), "Since": f.cat.For("da").Date(m.CreatedAt)})
}

// newest waits for the newest message in chat to satisfy cond.
func (f *flow) newest(chat int64, what string, cond func(tgfake.Message) bool) tgfake.Message {
	f.t.Helper()
	var last tgfake.Message
	f.waitFor(what, func() bool {
		m, ok := f.fake.LastMessage(chat)
		last = m
		return ok && cond(m)
	})
	return last
}

// findMessage waits for any message in chat that contains want.
func (f *flow) findMessage(chat int64, want string) tgfake.Message {
	f.t.Helper()
	var found tgfake.Message
	f.waitFor("a message containing "+want, func() bool {
		for _, m := range f.fake.Messages(chat) {
			if strings.Contains(m.Text, want) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

func TestAskUsPrivately(t *testing.T) {
	const base = 7000
	f := startFlow(t, withCoordinators(base, base+1), withoutAskBursts())
	c := newAskCast(f, base)
	amina, _ := f.member(c.amina.ID)
	const question = "أين المقهى؟"
	f.secret(question) // what members write is never logged

	t.Run("a typed question reaches every coordinator, the member hears at once", func(t *testing.T) {
		f.use(t)
		m := f.send(c.amina, question, f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		if !hasLabel(m, f.T("ar", "BtnAskUs", nil)) {
			t.Errorf("the answer has no menu: %q", labels(m))
		}
		for _, coord := range []tgfake.User{c.mette, c.carl} {
			r := f.waitText(coord, question)
			if !strings.Contains(r.Text, f.relayHeader(amina)) {
				t.Errorf("%s: relay does not name the member: %q", coord.FirstName, r.Text)
			}
			button(t, r, f.T("da", "BtnAskReply", nil))
			button(t, r, f.T("da", "BtnAskDone", nil))
		}
	})

	t.Run("a voice note is copied, not downloaded", func(t *testing.T) {
		f.use(t)
		n0 := len(f.fake.Messages(c.mette.ID))
		voice, _ := f.fake.SendMedia(c.amina, tgfake.Media{Voice: 9})
		f.waitText(c.amina, f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		f.waitText(c.mette, f.T("da", "AskKindVoice", nil))
		msgs := f.fake.Messages(c.mette.ID)[n0:]
		if len(msgs) != 2 || msgs[0].Kind != "voice" || msgs[0].CopyOf != strconv.FormatInt(c.amina.ID, 10)+"/"+strconv.Itoa(voice) {
			t.Fatalf("Mette got %+v, want a copy of Amina's voice message then the header", msgs)
		}
		if n := f.fake.CallCount("getFile"); n != 0 {
			t.Errorf("the bot downloaded %d files", n)
		}
		if n := f.count(`SELECT count(*) FROM ask_messages WHERE kind = 'voice' AND src_chat = ? AND src_message = ?`, c.amina.ID, voice); n != 1 {
			t.Errorf("voice reference stored %d times", n)
		}
	})

	answer := "Caféen er på biblioteket kl. 15."
	t.Run("a Danish reply reaches the Arabic member as from Mette, formatting kept", func(t *testing.T) {
		f.use(t)
		f.tap(c.mette, f.T("da", "BtnAskReply", nil))
		prompt := f.waitText(c.mette, f.T("da", "AskWriteReply", locales.Data{"Name": amina.DisplayName, "Group": bot.DefaultGroupName}))
		if reads := f.T("da", "AskReplyReads", locales.Data{"Name": amina.DisplayName, "Language": f.T("da", "LanguageArabic", nil)}); !strings.Contains(prompt.Text, reads) {
			t.Errorf("the prompt does not say which language Amina reads (%q): %q", reads, prompt.Text)
		}
		at := len(utf16.Encode([]rune(answer[:strings.Index(answer, "biblioteket")])))
		bold := tgfake.Entity{Type: "bold", Offset: at, Length: len("biblioteket")}
		f.fake.SendTextWithEntities(c.mette, answer, []tgfake.Entity{bold})
		f.waitText(c.mette, f.T("da", "AskReplySent", locales.Data{"Name": amina.DisplayName}))
		got := f.waitText(c.amina, answer)
		intro := f.T("ar", "AskReplyIntro", locales.Data{"Coordinator": "Mette", "Group": groupIn("ar")})
		if !strings.HasPrefix(got.Text, intro) {
			t.Errorf("the answer does not start with %q: %q", intro, got.Text)
		}
		if mark := intro + "\n" + f.cat.For("ar").Mark("da") + "\n\n"; !strings.HasPrefix(got.Text, mark) {
			t.Errorf("the Danish answer is not marked so in Arabic (%q): %q", mark, got.Text)
		}
		if strings.Contains(got.Text, "Hansen") {
			t.Errorf("the member sees the coordinator's full name: %q", got.Text)
		}
		if len(got.Entities) != 1 || got.Entities[0].Slice(got.Text) != "biblioteket" {
			t.Errorf("bold lost or moved: %+v", got.Entities)
		}
	})

	t.Run("a second coordinator sees who answered, and can still add a voice note", func(t *testing.T) {
		f.use(t)
		// Before pressing anything: Carl's copies are marked.
		answered := f.T("da", "AskAnsweredBy", locales.Data{"Coordinator": "Mette"})
		if m := f.findMessage(c.carl.ID, question); !strings.HasSuffix(m.Text, answered) || !hasLabel(m, f.T("da", "BtnAskReply", nil)) {
			t.Errorf("Carl's copy of the question: %q %q", m.Text, labels(m))
		}
		f.tap(c.carl, f.T("da", "BtnAskReply", nil))
		m := f.waitText(c.carl, f.T("da", "AskWriteReply", locales.Data{"Name": amina.DisplayName, "Group": bot.DefaultGroupName}))
		if !strings.Contains(m.Text, "Mette") {
			t.Errorf("Carl is not told that Mette answered: %q", m.Text)
		}
		n0 := len(f.fake.Messages(c.amina.ID))
		voice, _ := f.fake.SendMedia(c.carl, tgfake.Media{Voice: 4})
		f.waitText(c.carl, f.T("da", "AskReplySent", locales.Data{"Name": amina.DisplayName}))
		f.waitFor("Carl's voice note at Amina", func() bool { return len(f.fake.Messages(c.amina.ID)) >= n0+2 })
		msgs := f.fake.Messages(c.amina.ID)[n0:]
		if msgs[0].Text != f.T("ar", "AskReplyIntro", locales.Data{"Coordinator": "Carl", "Group": groupIn("ar")})+"\n"+f.cat.For("ar").Mark("da") || // Carl speaks Danish
			msgs[1].Kind != "voice" || msgs[1].CopyOf != strconv.FormatInt(c.carl.ID, 10)+"/"+strconv.Itoa(voice) {
			t.Errorf("Amina got %+v", msgs)
		}
	})

	t.Run("Done closes; the second Done says by whom", func(t *testing.T) {
		f.use(t)
		text, alert := f.tap(c.mette, f.T("da", "BtnAskDone", nil))
		expectAnswer(t, "Done", text, alert, f.T("da", "AskClosed", nil), false)
		closed := f.T("da", "AskClosedBy", locales.Data{"Coordinator": "Mette"})
		f.findMessage(c.mette.ID, closed)
		f.waitFor("Carl's copies marked closed", func() bool {
			for _, m := range f.fake.Messages(c.carl.ID) {
				if strings.Contains(m.Text, question) {
					return strings.HasSuffix(m.Text, closed) && !hasLabel(m, f.T("da", "BtnAskReply", nil))
				}
			}
			return false
		})
		id, err := f.fake.Press(c.carl, f.T("da", "BtnAskDone", nil))
		if err != nil {
			t.Fatal(err)
		}
		text, alert = f.waitAnswered(id)
		if !alert || !strings.Contains(text, "Mette") {
			t.Errorf("second Done answered %q (alert %v)", text, alert)
		}
	})

	t.Run("history shows both ways", func(t *testing.T) {
		f.use(t)
		f.tap(c.mette, f.T("da", "BtnAskHistory", nil))
		h := f.waitText(c.mette, f.T("da", "AskHistoryTitle", locales.Data{"Name": amina.DisplayName}))
		for _, want := range []string{question, answer, f.T("da", "AskKindVoice", nil), "Carl"} {
			if !strings.Contains(h.Text, want) {
				t.Errorf("history lacks %q: %q", want, h.Text)
			}
		}
	})

	t.Run("/mydata includes it, /forget deletes it", func(t *testing.T) {
		f.use(t)
		doc := f.send(c.amina, "/mydata", f.T("ar", "MyDataCaption", nil))
		var export struct {
			AskUs []struct{ Direction, Kind, Text, Coordinator string } `json:"ask_us_messages"`
		}
		if err := json.Unmarshal(doc.Document, &export); err != nil {
			t.Fatal(err)
		}
		if len(export.AskUs) != 4 || export.AskUs[0].Text != question || export.AskUs[2].Coordinator != "Mette" {
			t.Errorf("exported %+v", export.AskUs)
		}
		f.send(c.amina, "/forget", f.T("ar", "ForgetConfirm", nil))
		f.tap(c.amina, f.T("ar", "BtnForgetYes", nil))
		f.waitText(c.amina, f.T("ar", "Forgotten", nil))
		if n := f.count(`SELECT count(*) FROM ask_messages`); n != 0 {
			t.Errorf("%d Ask us messages left after /forget", n)
		}
		if n := f.count(`SELECT count(*) FROM outbox WHERE text LIKE ?`, "%"+question+"%"); n != 0 {
			t.Errorf("%d relays of the forgotten member's question left in the outbox", n)
		}
		text, alert := f.tap(c.mette, f.T("da", "BtnAskHistory", nil))
		expectAnswer(t, "history after /forget", text, alert, f.T("da", "AskGone", nil), true)
		// The bot's copies in the coordinators' chats are deleted (Telegram allows 48 hours).
		f.settle()
		amina := strconv.FormatInt(c.amina.ID, 10) + "/"
		history := f.T("da", "AskHistoryTitle", locales.Data{"Name": "Amina"})
		for _, coord := range []tgfake.User{c.mette, c.carl} {
			copies := 0
			for _, m := range f.fake.Messages(coord.ID) {
				if strings.HasPrefix(m.Text, history) {
					continue // a screen Mette asked for, not a relay (the bot keeps no record of screens)
				}
				if strings.Contains(m.Text, question) || strings.HasPrefix(m.CopyOf, amina) || strings.Contains(m.Text, f.T("da", "AskKindVoice", nil)) {
					copies++
					if !m.Deleted {
						t.Errorf("%s still has the bot's copy %q (%s)", coord.FirstName, m.Text, m.Kind)
					}
				}
			}
			if copies != 3 {
				t.Errorf("%s had %d copies of Amina's messages, want 3", coord.FirstName, copies)
			}
		}
	})
}

func TestAskUsCoordinatorsGroup(t *testing.T) {
	const base, groupChat = 7100, int64(-7100)
	f := startFlow(t, withCoordinators(base, base+1), withoutAskBursts())
	c := newAskCast(f, base)
	amina, _ := f.member(c.amina.ID)
	grp := tgfake.User{ID: groupChat}

	t.Run("only a coordinator can make a group the inbox", func(t *testing.T) {
		f.use(t)
		f.fake.SendGroupText(groupChat, c.mette, "/inbox") // may be meant for another bot
		f.fake.SendGroupText(groupChat, c.amina, "/inbox@VejviserBot")
		f.waitText(grp, f.T("ar", "CoordinatorsOnly", nil))
		if chat, _, ok, _ := f.store.Inbox(context.Background(), domain.DefaultBranchID); ok {
			t.Fatalf("plain /inbox made %d the inbox", chat)
		}
		// Four people besides the bot, two coordinators: asked first.
		f.fake.SetGroupMembers(groupChat, []tgfake.User{c.mette}, []tgfake.User{c.carl, c.amina, {ID: base + 50, FirstName: "Ole"}})
		f.fake.SendGroupText(groupChat, c.mette, "/inbox@VejviserBot")
		f.waitText(grp, f.T("da", "InboxConfirm", locales.Data{"Count": 4, "Coordinators": 2}))
		if _, _, ok, _ := f.store.Inbox(context.Background(), domain.DefaultBranchID); ok {
			t.Fatal("a group with members who are not coordinators became the inbox unasked")
		}
		id, err := f.fake.PressIn(groupChat, c.mette, f.T("da", "BtnInboxUse", nil))
		if err != nil {
			t.Fatal(err)
		}
		f.waitAnswered(id)
		f.waitText(grp, f.T("da", "InboxSet", nil))
		f.waitText(c.carl, f.T("da", "InboxSetNotice", locales.Data{"By": "Mette", "Title": "Group 7100"}))
	})

	t.Run("questions go to the group, not privately", func(t *testing.T) {
		f.use(t)
		n0 := len(f.fake.Messages(c.mette.ID))
		f.send(c.amina, "متى الحفلة؟", f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		m := f.waitText(grp, "متى الحفلة؟")
		if !strings.Contains(m.Text, f.relayHeader(amina)) {
			t.Errorf("group relay: %q", m.Text)
		}
		if !f.quiet(c.mette, n0, 200*time.Millisecond) {
			t.Error("Mette got it privately too")
		}
		f.send(c.amina, "/privacy", f.T("ar", "PrivacyAskWhereGroup", nil)) // /privacy says where questions go
	})

	t.Run("Reply in the group continues in the private chat", func(t *testing.T) {
		f.use(t)
		id, err := f.fake.PressIn(groupChat, c.amina, f.T("da", "BtnAskReply", nil))
		if err != nil {
			t.Fatal(err)
		}
		text, alert := f.waitAnswered(id)
		expectAnswer(t, "a participant in the group pressing Reply", text, alert, f.T("ar", "CoordinatorsOnly", nil), true)
		id, err = f.fake.PressIn(groupChat, c.carl, f.T("da", "BtnAskReply", nil))
		if err != nil {
			t.Fatal(err)
		}
		f.waitAnswered(id)
		f.waitText(c.carl, f.T("da", "AskWriteReply", locales.Data{"Name": amina.DisplayName, "Group": bot.DefaultGroupName}))
		f.send(c.carl, "Lørdag kl. 14.", f.T("da", "AskReplySent", locales.Data{"Name": amina.DisplayName}))
		got := f.waitText(c.amina, "Lørdag kl. 14.")
		if !strings.HasPrefix(got.Text, f.T("ar", "AskReplyIntro", locales.Data{"Coordinator": "Carl", "Group": groupIn("ar")})) {
			t.Errorf("answer %q", got.Text)
		}
		id, err = f.fake.PressIn(groupChat, c.mette, f.T("da", "BtnAskDone", nil))
		if err != nil {
			t.Fatal(err)
		}
		f.waitAnswered(id)
		f.newest(groupChat, "the group message marked done", func(m tgfake.Message) bool {
			return strings.Contains(m.Text, f.T("da", "AskClosedBy", locales.Data{"Coordinator": "Mette"}))
		})
	})

	t.Run("the inbox follows the group when it becomes a supergroup", func(t *testing.T) {
		f.use(t)
		const super = int64(-1000000007100)
		f.fake.AddChat(super)
		f.fake.QueueUpdate(map[string]any{"message": map[string]any{
			"message_id": 99, "date": time.Now().Unix(), "chat": map[string]any{"id": groupChat, "type": "group", "title": "Koordinatorer"},
			"migrate_to_chat_id": super,
		}})
		f.waitFor("the inbox to move", func() bool {
			chat, _, _, _ := f.store.Inbox(context.Background(), domain.DefaultBranchID)
			return chat == super
		})
		f.send(c.amina, "هل يوجد موقف سيارات؟", f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		f.waitText(tgfake.User{ID: super}, "هل يوجد موقف سيارات؟")
	})

	t.Run("the group goes with the role of whoever set it", func(t *testing.T) {
		f.use(t)
		if _, err := f.store.SetRole(context.Background(), 1, c.mette.ID, domain.RoleVolunteer, time.Now(), false); err != nil {
			t.Fatal(err)
		}
		f.waitText(c.carl, f.T("da", "InboxLostNotice", locales.Data{"Command": "/inbox@VejviserBot"}))
		f.send(c.amina, "أين؟", f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		f.waitText(c.carl, "أين؟")
		if _, err := f.store.SetRole(context.Background(), 1, c.mette.ID, domain.RoleCoordinator, time.Now(), false); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("/inbox in a private chat offers to send them privately again", func(t *testing.T) {
		f.use(t)
		carl, _ := f.member(c.carl.ID)
		if err := f.store.SetInbox(context.Background(), 1, groupChat, "Koordinatorer", "da", carl, time.Now()); err != nil {
			t.Fatal(err)
		}
		f.fake.SendText(c.mette, "/inbox")
		f.waitButton(c.mette, f.T("da", "BtnInboxPrivate", nil))
		f.tap(c.mette, f.T("da", "BtnInboxPrivate", nil))
		f.waitText(c.mette, f.T("da", "InboxPrivate", locales.Data{"Command": "/inbox@VejviserBot"}))
		f.send(c.amina, "شكرًا", f.T("ar", "AskReceived", locales.Data{"Group": groupIn("ar")}))
		f.waitText(c.mette, "شكرًا")
		f.waitText(c.carl, "شكرًا")
	})
}

func TestAskUsLimitAndMute(t *testing.T) {
	const base = 7200
	f := startFlow(t, withCoordinators(base), withAskPerHour(2), withoutAskBursts())
	mette := tgfake.User{ID: base, FirstName: "Mette", LanguageCode: "da"}
	f.join(mette, "da")
	tes := tgfake.User{ID: base + 1, FirstName: "Tesfay", LanguageCode: "ti"}
	f.join(tes, "ti")
	lina := tgfake.User{ID: base + 2, FirstName: "Lina", LanguageCode: "en"}
	f.join(lina, "en")
	relays := func(name string) int {
		return f.count(`SELECT count(*) FROM outbox WHERE chat_id = ? AND text LIKE ?`, mette.ID, "%"+name+"%")
	}

	t.Run("past the hourly limit a polite message, nothing relayed", func(t *testing.T) {
		f.use(t)
		received := f.T("ti", "AskReceived", locales.Data{"Group": groupIn("ti")})
		f.send(tes, "ሰላም 1", received)
		f.send(tes, "ሰላም 2", received)
		f.send(tes, "ሰላም 3", f.T("ti", "AskTooMany", nil))
		n0 := len(f.fake.Messages(tes.ID))
		f.fake.SendText(tes, "ሰላም 4") // told once, not once per message
		if !f.quiet(tes, n0, 300*time.Millisecond) {
			t.Error("the limit was announced twice within the hour")
		}
		f.waitText(mette, "ሰላም 2")
		f.settle()
		if n := relays("Tesfay"); n != 2 {
			t.Errorf("%d relays, want 2", n)
		}
	})

	t.Run("a muted member is told nothing and not relayed", func(t *testing.T) {
		f.use(t)
		f.send(lina, "Hello?", f.T("en", "AskReceived", locales.Data{"Group": groupIn("en")}))
		f.waitText(mette, "Hello?")
		text, alert := f.tap(mette, f.T("da", "BtnAskMute", nil))
		expectAnswer(t, "mute", text, alert, f.T("da", "AskMutedNow", locales.Data{"Name": "Lina"}), true)
		n0 := len(f.fake.Messages(lina.ID))
		f.fake.SendText(lina, "Anyone there?")
		if !f.quiet(lina, n0, 300*time.Millisecond) {
			t.Error("a muted member was answered")
		}
		if n := relays("Lina"); n != 1 {
			t.Errorf("%d relays, want still 1", n)
		}
		// A member cannot unmute anyone, however the button is forged.
		welcome, _ := f.fake.LastMessage(tes.ID)
		text, alert = f.forge(tes, welcome.ID, "1:am:"+strconv.FormatInt(lina.ID, 10)+":0")
		expectAnswer(t, "forged unmute", text, alert, f.T("ti", "CoordinatorsOnly", nil), true)
		text, alert = f.forge(tes, welcome.ID, "1:ah:"+strconv.FormatInt(lina.ID, 10))
		expectAnswer(t, "forged history", text, alert, f.T("ti", "CoordinatorsOnly", nil), true)
	})

	t.Run("unmuted from the member card", func(t *testing.T) {
		f.use(t)
		f.send(mette, "/members", f.N("da", "MembersTitle", 3, locales.Data{"Page": 1, "Pages": 1}))
		f.tap(mette, "Lina")
		f.waitText(mette, f.T("da", "MemberCard", locales.Data{"Name": "Lina", "Role": f.T("da", "RoleParticipant", nil),
			"Language": f.cat.For("da").Name("en"), "Since": f.cat.For("da").Date(mustMember(f, lina.ID).CreatedAt)}))
		text, alert := f.tap(mette, f.T("da", "BtnAskUnmute", nil))
		expectAnswer(t, "unmute", text, alert, f.T("da", "AskUnmutedNow", locales.Data{"Name": "Lina"}), true)
		f.send(lina, "Back again", f.T("en", "AskReceived", locales.Data{"Group": groupIn("en")}))
		f.waitText(mette, "Back again")
	})

	t.Run("the privacy note and /help tell about Ask us", func(t *testing.T) {
		f.use(t)
		m := f.send(tes, "/privacy", f.T("ti", "PrivacyBody", nil))
		if want := f.N("ti", "PrivacyAskUs", 90, nil); !strings.Contains(m.Text, want) {
			t.Errorf("privacy note lacks %q: %q", want, m.Text)
		}
		f.send(tes, "/help", f.T("ti", "HelpAskUs", locales.Data{"Group": groupIn("ti")}))
		f.send(mette, "/help", f.T("da", "HelpInbox", nil))
	})

	t.Run("Reply during a broadcast draft keeps the draft", func(t *testing.T) {
		f.use(t)
		f.send(mette, "/broadcast", f.T("da", "BroadcastAudience", nil))
		text, alert := f.tap(mette, f.T("da", "BtnAskReply", nil))
		expectAnswer(t, "Reply during a draft", text, alert, f.T("da", "AskFinishDraftFirst", nil), true)
		if n := f.count(`SELECT count(*) FROM conversations WHERE member_id = ? AND flow = 'broadcast'`, mette.ID); n != 1 {
			t.Error("the broadcast draft was lost")
		}
		f.send(mette, "/cancel", f.T("da", "Cancelled", nil))
	})

	t.Run("coordinators' own free text and newcomers are not relayed", func(t *testing.T) {
		f.use(t)
		f.send(mette, "hej", f.T("da", "UnknownText", nil))
		f.send(tgfake.User{ID: base + 9, FirstName: "Ny", LanguageCode: "en"}, "hello?", f.T("en", "NeedStart", nil))
	})
}

func mustMember(f *flow, id int64) domain.Member {
	f.t.Helper()
	m, ok := f.member(id)
	if !ok {
		f.t.Fatalf("no member %d", id)
	}
	return m
}

// groupIn is the group's name as a reader of lang reads it: the default
// group's name in that language.
func groupIn(lang string) string {
	if n := chat.DefaultGroupNames[lang]; n != "" {
		return n
	}
	return bot.DefaultGroupName
}
