package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot"
	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage/domain"
)

const privateScope = `{"type":"all_private_chats"}`

func chatScope(id int64) string { return `{"type":"chat","chat_id":` + strconv.FormatInt(id, 10) + `}` }

func commandNames(f *flow, scope, lang string) []string {
	var out []string
	for _, c := range f.fake.Commands(scope, lang) {
		out = append(out, c.Command)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Forged or stale callback data is answered with an alert and changes nothing.
func TestForgedButtons(t *testing.T) {
	c := tgfake.User{ID: 3001, FirstName: "Carla", LanguageCode: "da"}
	p := tgfake.User{ID: 3002, FirstName: "Pedro", LanguageCode: "en"}
	stranger := tgfake.User{ID: 3003, FirstName: "Sam", LanguageCode: "ar"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	f.join(p, "en")
	pID := strconv.FormatInt(p.ID, 10)
	welcome, _ := f.fake.LastMessage(p.ID)

	for _, tc := range []struct {
		name      string
		who       tgfake.User
		data      string
		lang, msg string
	}{
		{"garbage", p, "garbage", "en", "ButtonExpired"},
		{"unknown action", p, "1:zz", "en", "ButtonExpired"},
		{"old payload version", p, "2:l:da", "en", "ButtonExpired"},
		{"too many arguments", p, "1:l:da:x", "en", "ButtonExpired"},
		{"unsupported language", p, "1:l:xx", "en", "ButtonExpired"},
		{"consent in an unknown language", p, "1:c:xx:yes:-", "en", "ButtonExpired"},
		{"unknown menu item", p, "1:m:secret", "en", "ButtonExpired"},
		{"participant makes self coordinator", p, "1:mr:" + pID + ":c:0", "en", "CoordinatorsOnly"},
		{"participant opens a member card", p, "1:mc:" + pID + ":0", "en", "CoordinatorsOnly"},
		{"participant picks a broadcast audience", p, "1:ba:all", "en", "CoordinatorsOnly"},
		{"participant sends a broadcast", p, "1:bs:AbCdEfGhIjKlMnOp", "en", "CoordinatorsOnly"},
		{"participant opens the broadcast menu", p, "1:m:broadcast", "en", "CoordinatorsOnly"},
		{"coordinator opens a missing member", c, "1:mc:999999:0", "da", "MemberGone"},
		{"coordinator sets the role of a missing member", c, "1:mr:999999:v:0", "da", "MemberGone"},
		{"coordinator sets an unknown role", c, "1:mr:" + pID + ":x:0", "da", "ButtonExpired"},
		{"coordinator sends without a draft", c, "1:bs:AbCdEfGhIjKlMnOp", "da", "ButtonExpired"},
		{"coordinator picks an activity without a draft", c, "1:bp:activity:7", "da", "ButtonExpired"},
		{"stranger makes someone coordinator", stranger, "1:mr:" + pID + ":c:0", "ar", "NeedStart"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f.use(t)
			text, alert := f.forge(tc.who, welcome.ID, tc.data)
			want := f.T(tc.lang, tc.msg, nil)
			if tc.msg == "NeedStart" { // not a member: told in a message, the button answered silently
				expectAnswer(t, tc.data, text, alert, "", false)
				f.waitText(tc.who, want)
				return
			}
			expectAnswer(t, tc.data, text, alert, want, true)
		})
	}
	if m, _ := f.member(p.ID); m.Role != domain.RoleParticipant {
		t.Errorf("forged buttons changed the participant's role to %s", m.Role)
	}
	if m, _ := f.member(c.ID); m.Role != domain.RoleCoordinator {
		t.Errorf("coordinator's role is now %s", m.Role)
	}
	if n := f.count(`SELECT count(*) FROM members`); n != 2 {
		t.Errorf("%d members after forged buttons, want 2", n)
	}
	if n := f.count(`SELECT count(*) FROM broadcasts`) + f.count(`SELECT count(*) FROM conversations`) + f.count(`SELECT count(*) FROM outbox`); n != 0 {
		t.Errorf("forged buttons left %d broadcasts, drafts or queued messages", n)
	}
	if ids := f.fake.UnansweredCallbacks(); len(ids) > 0 {
		t.Errorf("unanswered callbacks: %v", ids)
	}
}

// Coordinators: invite links, the poster, the member list and roles, and
// the command menus per language and role.
func TestCoordinatorFlows(t *testing.T) {
	c := tgfake.User{ID: 3101, FirstName: "Carla", LanguageCode: "da"}
	v := tgfake.User{ID: 3102, FirstName: "Vida", LanguageCode: "ar"}
	w := tgfake.User{ID: 3103, FirstName: "Wube", LanguageCode: "ti"}
	a := tgfake.User{ID: 3104, FirstName: "Amal", LanguageCode: "ar"}
	f := startFlow(t, withCoordinators(c.ID))

	t.Run("command menus per language", func(t *testing.T) {
		f.use(t)
		for _, lang := range locales.Languages {
			cmds := f.fake.Commands(privateScope, lang)
			if len(cmds) == 0 {
				t.Errorf("no command menu for %s", lang)
				continue
			}
			if cmds[0].Command != "start" || cmds[0].Description != f.T(lang, "CmdStart", nil) {
				t.Errorf("%s menu starts with %+v", lang, cmds[0])
			}
			for _, cmd := range cmds {
				if cmd.Command == "broadcast" || cmd.Command == "invite" || cmd.Command == "members" {
					t.Errorf("the participants' %s menu offers /%s", lang, cmd.Command)
				}
			}
		}
		if !contains(commandNames(f, privateScope, ""), "start") {
			t.Error("no default command menu for unsupported languages")
		}
	})

	t.Run("coordinator from the configuration", func(t *testing.T) {
		f.use(t)
		m := f.join(c, "da")
		if m.Role != domain.RoleCoordinator {
			t.Fatalf("role = %s, want coordinator", m.Role)
		}
		welcome, _ := f.fake.LastMessage(c.ID)
		if !strings.Contains(welcome.Text, f.T("da", "WelcomeCoordinator", nil)) || !hasLabel(welcome, f.T("da", "BtnBroadcast", nil)) {
			t.Errorf("coordinator welcome %q, buttons %q", welcome.Text, labels(welcome))
		}
		f.waitFor("the coordinator's own command menu", func() bool {
			return contains(commandNames(f, chatScope(c.ID), ""), "broadcast")
		})
		if cmds := f.fake.Commands(chatScope(c.ID), ""); cmds[0].Description != f.T("da", "CmdBroadcast", nil) {
			t.Errorf("coordinator menu not in Danish: %+v", cmds[0])
		}
	})

	t.Run("participant gets no coordinator menu", func(t *testing.T) {
		f.use(t)
		f.join(a, "ar")
		f.send(a, "/invite", f.T("ar", "CoordinatorsOnly", nil))
		if cmds := f.fake.Commands(chatScope(a.ID), ""); cmds != nil {
			t.Errorf("participant's chat has its own menu: %+v", cmds)
		}
	})

	var code string
	t.Run("invite one volunteer", func(t *testing.T) {
		f.use(t)
		prompt := f.send(c, "/invite", f.T("da", "InvitePrompt", nil))
		for _, id := range []string{"BtnInviteVolunteerOnce", "BtnInviteVolunteerWeek", "BtnInviteCoordinatorOnce", "BtnInvitePoster", "BtnInviteLinks"} {
			if !hasLabel(prompt, f.T("da", id, nil)) {
				t.Errorf("invite buttons %q lack %s", labels(prompt), id)
			}
		}
		if n := len(labels(prompt)); n != 5 {
			t.Errorf("%d invite buttons, want 5", n)
		}
		n0 := len(f.fake.Messages(c.ID))
		f.tap(c, f.T("da", "BtnInviteVolunteerOnce", nil))
		f.waitFor("the invite link", func() bool { return len(f.fake.Messages(c.ID)) > n0 })
		link, _ := f.fake.LastMessage(c.ID)
		mm := regexp.MustCompile(`https://t\.me/VejviserBot\?start=([A-Za-z0-9_-]+)`).FindStringSubmatch(link.Text)
		if mm == nil {
			t.Fatalf("no deep link in %q", link.Text)
		}
		code = mm[1]
		intro, _, _ := strings.Cut(f.T("da", "InviteLinkVolunteerOnce", locales.Data{"Expires": "\x00", "Link": "\x00"}), "\x00")
		if !strings.Contains(link.Text, intro) {
			t.Errorf("link message %q lacks %q", link.Text, intro)
		}
		// The privacy note before joining says what is kept about a volunteer.
		f.send(v, "/start "+code, f.T("ar", "LanguagePrompt", nil))
		f.tap(v, autonyms["ar"])
		note := f.waitText(v, f.T("ar", "PrivacyAsk", nil))
		if !strings.Contains(note.Text, f.T("ar", "PrivacyStoredVolunteer", nil)) || strings.Contains(note.Text, f.T("ar", "PrivacyStoredCoordinator", nil)) {
			t.Errorf("a volunteer's privacy note:\n%s", note.Text)
		}
		f.tap(v, f.T("ar", "BtnConsentYes", nil))
		f.waitText(v, f.T("ar", "RoleNowVolunteer", nil))
		var m domain.Member
		if m, _ = f.member(v.ID); m.Role != domain.RoleVolunteer || m.Language != "ar" {
			t.Errorf("invited member = %+v, want an Arabic volunteer", m)
		}
	})

	t.Run("single-use link works once", func(t *testing.T) {
		f.use(t)
		if code == "" {
			t.Skip("no code")
		}
		f.send(w, "/start "+code, f.T("ti", "LanguagePrompt", nil))
		f.tap(w, autonyms["ti"])
		// A used-up link gives no role: a participant's note.
		if note := f.waitText(w, f.T("ti", "PrivacyAsk", nil)); strings.Contains(note.Text, f.T("ti", "PrivacyStoredVolunteer", nil)) {
			t.Errorf("a used-up link's privacy note names volunteers:\n%s", note.Text)
		}
		f.tap(w, f.T("ti", "BtnConsentYes", nil))
		f.waitText(w, f.T("ti", "InviteInvalid", nil))
		if m, _ := f.member(w.ID); m.Role != domain.RoleParticipant {
			t.Errorf("second user of a single-use link is %s", m.Role)
		}
	})

	t.Run("poster", func(t *testing.T) {
		f.use(t)
		f.send(c, "/invite", f.T("da", "InvitePrompt", nil))
		n0 := len(f.fake.Messages(c.ID))
		f.tap(c, f.T("da", "BtnInvitePoster", nil))
		f.waitFor("the poster page and the QR code", func() bool { return len(f.fake.Messages(c.ID)) > n0+1 })
		m, _ := f.fake.LastMessage(c.ID)
		if !bytes.HasPrefix(m.Photo, []byte("\x89PNG")) {
			t.Fatalf("poster is not a PNG photo: %d bytes %q…", len(m.Photo), m.Photo[:min(8, len(m.Photo))])
		}
		if !strings.Contains(m.Caption, "https://t.me/VejviserBot?start=hej") {
			t.Errorf("poster caption %q lacks the participant link", m.Caption)
		}
		// The A4 poster to print comes first, as an HTML document a browser renders.
		var page tgfake.Message
		for _, pm := range f.fake.Messages(c.ID)[n0:] {
			if pm.FileName == "vejviser-poster.html" {
				page = pm
			}
		}
		if page.Caption != f.T("da", "PosterCaption", nil) {
			t.Fatalf("no poster document: caption %q", page.Caption)
		}
		for _, want := range []string{bot.DefaultGroupName, f.T("ar", "PosterLine", nil), f.T("ti", "PosterLine", nil), `dir="rtl"`, "data:image/png;base64,"} {
			if !bytes.Contains(page.Document, []byte(want)) {
				t.Errorf("poster page lacks %q", want)
			}
		}
	})

	t.Run("make volunteer", func(t *testing.T) {
		f.use(t)
		list := f.send(c, "/members", f.N("da", "MembersTitle", 4, locales.Data{"Page": 1, "Pages": 1}))
		if n := len(list.Buttons); n != 4 {
			t.Errorf("member list has %d rows, want 4: %q", n, labels(list))
		}
		for _, want := range []string{
			"Amal · " + f.T("da", "RoleParticipant", nil), "Carla · " + f.T("da", "RoleCoordinator", nil),
			"Vida · " + f.T("da", "RoleVolunteer", nil), "Wube · " + f.T("da", "RoleParticipant", nil),
		} {
			if !hasLabel(list, want) {
				t.Errorf("member list %q lacks %q", labels(list), want)
			}
		}
		f.tap(c, "Wube")
		card := f.waitText(c, f.T("da", "MemberCard", locales.Data{"Name": "Wube", "Role": f.T("da", "RoleParticipant", nil),
			"Language": f.cat.For("da").Name("ti"), "Since": f.cat.For("da").Date(time.Now())}))
		if card.ID != list.ID {
			t.Errorf("card not shown in the list's message")
		}
		text, alert := f.tap(c, f.T("da", "BtnMakeVolunteer", nil))
		expectAnswer(t, "make volunteer", text, alert, f.T("da", "RoleChanged", nil), false)
		if m, _ := f.member(w.ID); m.Role != domain.RoleVolunteer {
			t.Errorf("role = %s, want volunteer", m.Role)
		}
		notice := f.T("ti", "RoleNowVolunteer", nil)
		f.waitText(w, notice)
		sent := func() int {
			n := 0
			for _, call := range f.fake.Calls() {
				if call.Method == "sendMessage" && call.Params["chat_id"] == strconv.FormatInt(w.ID, 10) && call.Params["text"] == notice {
					n++
				}
			}
			return n
		}
		f.waitFor("a sendMessage of the Tigrinya notice", func() bool { return sent() > 0 })
		f.waitFor("the notice to be recorded as sent", func() bool {
			return f.count(`SELECT count(*) FROM outbox WHERE member_id = ? AND state = 'sent' AND kind = 'notice'`, w.ID) == 1
		})
		if n := sent(); n != 1 {
			t.Errorf("%d sendMessage calls with the Tigrinya notice, want 1", n)
		}
		f.waitText(c, f.T("da", "RoleVolunteer", nil)) // the card shows the new role
	})

	t.Run("make coordinator and back", func(t *testing.T) {
		f.use(t)
		f.send(c, "/members", f.N("da", "MembersTitle", 4, locales.Data{"Page": 1, "Pages": 1}))
		f.tap(c, "Amal")
		f.waitText(c, "Amal")
		f.tap(c, f.T("da", "BtnMakeCoordinator", nil))
		f.waitText(c, f.T("da", "RoleCoordinator", nil)) // the card, redrawn
		f.waitText(a, f.T("ar", "RoleNowCoordinator", nil))
		f.waitFor("the new coordinator's menu", func() bool { return contains(commandNames(f, chatScope(a.ID), ""), "broadcast") })
		if cmds := f.fake.Commands(chatScope(a.ID), ""); cmds[0].Description != f.T("ar", "CmdBroadcast", nil) {
			t.Errorf("new coordinator's menu not in Arabic: %+v", cmds[0])
		}
		f.tap(c, f.T("da", "BtnMakeParticipant", nil))
		f.waitText(a, f.T("ar", "RoleNowParticipant", nil))
		f.waitFor("the menu to be dropped", func() bool { return f.fake.Commands(chatScope(a.ID), "") == nil })
		if m, _ := f.member(a.ID); m.Role != domain.RoleParticipant {
			t.Errorf("role = %s, want participant", m.Role)
		}
	})

	t.Run("last coordinator cannot step down", func(t *testing.T) {
		f.use(t)
		f.send(c, "/members", f.N("da", "MembersTitle", 4, locales.Data{"Page": 1, "Pages": 1}))
		f.tap(c, "Carla")
		f.waitText(c, "Carla")
		text, alert := f.tap(c, f.T("da", "BtnMakeParticipant", nil))
		expectAnswer(t, "demote the last coordinator", text, alert, f.T("da", "LastCoordinator", nil), true)
		if m, _ := f.member(c.ID); m.Role != domain.RoleCoordinator {
			t.Errorf("last coordinator's role = %s", m.Role)
		}
		if n := f.count(`SELECT count(*) FROM outbox WHERE member_id = ?`, c.ID); n != 0 {
			t.Errorf("%d notices queued for a refused change", n)
		}
	})

	// inviteLink makes a link of the kind behind button id and returns its code.
	inviteLink := func(t *testing.T, id string) string {
		t.Helper()
		f.send(c, "/invite", f.T("da", "InvitePrompt", nil))
		n0 := len(f.fake.Messages(c.ID))
		f.tap(c, f.T("da", id, nil))
		f.waitFor("the invite link", func() bool { return len(f.fake.Messages(c.ID)) > n0 })
		link, _ := f.fake.LastMessage(c.ID)
		mm := regexp.MustCompile(`\?start=([A-Za-z0-9_-]+)`).FindStringSubmatch(link.Text)
		if mm == nil {
			t.Fatalf("no deep link in %q", link.Text)
		}
		return mm[1]
	}

	t.Run("invite a coordinator", func(t *testing.T) {
		f.use(t)
		code := inviteLink(t, "BtnInviteCoordinatorOnce")
		z := tgfake.User{ID: 3105, FirstName: "Zahra", LanguageCode: "en"}
		f.joinWith(z, "en", "/start "+code)
		f.waitText(z, f.T("en", "RoleNowCoordinator", nil))
		if m, _ := f.member(z.ID); m.Role != domain.RoleCoordinator {
			t.Errorf("role = %s, want coordinator", m.Role)
		}
		f.waitFor("the new coordinator's menu", func() bool { return contains(commandNames(f, chatScope(z.ID), ""), "broadcast") })
		f.send(z, "/members", f.N("en", "MembersTitle", 5, locales.Data{"Page": 1, "Pages": 1}))
	})

	t.Run("several volunteers, and a member who opens the link", func(t *testing.T) {
		f.use(t)
		code := inviteLink(t, "BtnInviteVolunteerWeek")
		for i, u := range []tgfake.User{{ID: 3106, FirstName: "Yara", LanguageCode: "ar"}, {ID: 3107, FirstName: "Xavier", LanguageCode: "en"}} {
			f.joinWith(u, u.LanguageCode, "/start "+code)
			f.waitText(u, f.T(u.LanguageCode, "RoleNowVolunteer", nil))
			if m, _ := f.member(u.ID); m.Role != domain.RoleVolunteer {
				t.Errorf("user %d: role = %s, want volunteer", i, m.Role)
			}
		}
		// Amal, already a participant, opens the link: no onboarding again.
		f.send(a, "/start "+code, f.T("ar", "RoleNowVolunteer", nil))
		if m, _ := f.member(a.ID); m.Role != domain.RoleVolunteer {
			t.Errorf("member who opened the link is %s", m.Role)
		}
		// A link never lowers a role: the coordinator just gets the welcome.
		f.send(c, "/start "+code, f.T("da", "WelcomeCoordinator", nil))
		if m, _ := f.member(c.ID); m.Role != domain.RoleCoordinator {
			t.Errorf("coordinator who opened a volunteer link is %s", m.Role)
		}
	})

	t.Run("unknown link", func(t *testing.T) {
		f.use(t)
		f.send(a, "/start NoSuchCode123", f.T("ar", "InviteInvalid", nil))
		if m, _ := f.member(a.ID); m.Role != domain.RoleVolunteer {
			t.Errorf("role changed to %s", m.Role)
		}
	})

	t.Run("coordinator trying their own one-volunteer link", func(t *testing.T) {
		f.use(t)
		code := inviteLink(t, "BtnInviteVolunteerOnce")
		f.send(c, "/start "+code, f.T("da", "WelcomeCoordinator", nil)) // changes nothing for her: the welcome
		u := tgfake.User{ID: 3108, FirstName: "Wendy", LanguageCode: "en"}
		f.joinWith(u, "en", "/start "+code)
		f.fake.WaitFor(time.Second, func() bool { m, _ := f.member(u.ID); return m.Role == domain.RoleVolunteer })
		if m, _ := f.member(u.ID); m.Role != domain.RoleVolunteer {
			t.Errorf("the volunteer the link was made for is %s", m.Role)
		}
	})
}
