package main

// Privacy promises kept exactly, through the real bot and the fake Telegram.

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
	"vejviser/storage/storagetest"
)

var reStartCode = regexp.MustCompile(`\?start=([A-Za-z0-9_-]+)`)

// makeLink makes an invite link of the kind on button label as c and returns its code.
func (f *flow) makeLink(c tgfake.User, label string) string {
	f.t.Helper()
	f.send(c, "/invite", f.T("da", "InvitePrompt", nil))
	n0 := len(f.fake.Messages(c.ID))
	f.tap(c, label)
	var code string
	f.waitFor("the invite link", func() bool {
		msgs := f.fake.Messages(c.ID)
		if len(msgs) <= n0 {
			return false
		}
		if m := reStartCode.FindStringSubmatch(msgs[len(msgs)-1].Text); m != nil {
			code = m[1]
			return true
		}
		return false
	})
	return code
}

func TestLastCoordinatorCannotForget(t *testing.T) {
	c := tgfake.User{ID: 4101, FirstName: "Carla", LanguageCode: "da"}
	d := tgfake.User{ID: 4102, FirstName: "Dina", LanguageCode: "en"}
	f := startFlow(t, withCoordinators(c.ID, d.ID))
	f.join(c, "da")
	f.join(d, "en")

	f.waitFor("Carla's menu", func() bool { return contains(commandNames(f, chatScope(c.ID), ""), "broadcast") })
	f.send(c, "/forget", f.T("da", "ForgetConfirm", nil))
	f.tap(c, f.T("da", "BtnForgetYes", nil))
	f.waitText(c, f.T("da", "Forgotten", nil))
	if cmds := f.fake.Commands(chatScope(c.ID), ""); cmds != nil {
		t.Errorf("a forgotten coordinator's chat keeps her menu: %+v", cmds)
	}
	if n := f.count(`SELECT count(*) FROM menu_cleanup`); n != 0 {
		t.Errorf("%d chats left to clean after Telegram confirmed", n)
	}

	f.send(d, "/forget", f.T("en", "ForgetConfirm", nil))
	f.tap(d, f.T("en", "BtnForgetYes", nil))
	f.waitText(d, f.T("en", "ForgetLastCoordinator", nil))
	if m, ok := f.member(d.ID); !ok || m.Role != domain.RoleCoordinator {
		t.Fatalf("the last coordinator was forgotten or demoted: %+v %v", m, ok)
	}
	if !contains(commandNames(f, chatScope(d.ID), ""), "broadcast") {
		t.Error("the last coordinator lost her command menu")
	}
}

func TestInviteLinksDieWithTheirCreatorAndCanBeRevoked(t *testing.T) {
	c := tgfake.User{ID: 4201, FirstName: "Carla", LanguageCode: "da"}
	d := tgfake.User{ID: 4202, FirstName: "Dina", LanguageCode: "da"}
	p := tgfake.User{ID: 4203, FirstName: "Petra", LanguageCode: "da"}
	f := startFlow(t, withCoordinators(c.ID))
	f.join(c, "da")
	f.join(d, "da")
	f.join(p, "da")
	// Carla makes Dina a coordinator; Dina makes a coordinator link.
	if _, err := f.store.SetRole(context.Background(), 1, d.ID, domain.RoleCoordinator, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	own := f.makeLink(d, f.T("da", "BtnInviteCoordinatorOnce", nil))

	t.Run("demoted, her own old link does not make her coordinator again", func(t *testing.T) {
		f.use(t)
		f.send(c, "/members", f.N("da", "MembersTitle", 3, locales.Data{"Page": 1, "Pages": 1}))
		f.tap(c, "Dina")
		f.waitText(c, "Dina")
		f.tap(c, f.T("da", "BtnMakeParticipant", nil))
		f.waitFor("Dina demoted", func() bool { m, _ := f.member(d.ID); return m.Role == domain.RoleParticipant })
		f.send(d, "/start "+own, f.T("da", "InviteInvalid", nil))
		if m, _ := f.member(d.ID); m.Role != domain.RoleParticipant {
			t.Errorf("Dina regained the role %s through her own link", m.Role)
		}
	})

	t.Run("list the working links and revoke one", func(t *testing.T) {
		f.use(t)
		vol := f.makeLink(c, f.T("da", "BtnInviteVolunteerWeek", nil))
		f.send(c, "/invite", f.T("da", "InvitePrompt", nil))
		f.tap(c, f.T("da", "BtnInviteLinks", nil))
		list := f.waitText(c, f.T("da", "InviteLinksTitle", nil))
		if !strings.Contains(list.Text, "Carla") || strings.Contains(list.Text, "Dina") || len(list.Buttons) != 1 {
			t.Fatalf("working links: %q %q (Dina's revoked link must not be listed)", list.Text, labels(list))
		}
		text, alert := f.tap(c, f.cat.For("da").Button("BtnRevokeInvite", locales.Data{"N": "1"}))
		expectAnswer(t, "revoke", text, alert, f.T("da", "InviteRevoked", nil), false)
		f.waitText(c, f.T("da", "InviteLinksNone", nil))
		f.send(p, "/start "+vol, f.T("da", "InviteInvalid", nil))
		if m, _ := f.member(p.ID); m.Role != domain.RoleParticipant {
			t.Errorf("a revoked link made Petra %s", m.Role)
		}
	})
}

// After a crash between a role change and the command-menu update, start-up
// puts the former coordinator's menu back in line with her role; and a
// forgotten coordinator whose menu Telegram did not remove at the time loses
// it at the next start, after which her chat id is gone too.
func TestStartupMendsCommandMenus(t *testing.T) {
	c := tgfake.User{ID: 4301, FirstName: "Carla", LanguageCode: "da"}
	d := tgfake.User{ID: 4302, FirstName: "Dina", LanguageCode: "en"}
	e := tgfake.User{ID: 4303, FirstName: "Eden", LanguageCode: "ti"}
	path := filepath.Join(t.TempDir(), "v.db")
	f := startFlow(t, withCoordinators(c.ID, d.ID, e.ID), withDB(path))
	f.join(c, "da")
	f.join(d, "en")
	f.join(e, "ti")
	f.waitFor("Dina's coordinator menu", func() bool { return contains(commandNames(f, chatScope(d.ID), ""), "broadcast") })
	f.waitFor("Eden's coordinator menu", func() bool { return contains(commandNames(f, chatScope(e.ID), ""), "broadcast") })
	f.fake.FailNext("deleteMyCommands", 1, tgfake.Fault{Status: 500})
	f.send(e, "/forget", f.T("ti", "ForgetConfirm", nil))
	f.tap(e, f.T("ti", "BtnForgetYes", nil))
	f.waitText(e, f.T("ti", "Forgotten", nil))
	if n := f.count(`SELECT count(*) FROM menu_cleanup WHERE chat_id = ?`, e.ID); n != 1 {
		t.Fatalf("the failed menu removal was not noted (%d)", n)
	}
	f.harness.stop()

	// The crash: the demotion was committed, the menu never changed.
	s, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetRole(context.Background(), 1, d.ID, domain.RoleParticipant, time.Now(), false); err != nil {
		t.Fatal(err)
	}
	s.Close()

	h := startBotOn(t, f.fake, f.logs, withCoordinators(c.ID), withDB(path))
	if cmds := f.fake.Commands(chatScope(d.ID), ""); cmds != nil {
		t.Errorf("the former coordinator still has her own menu: %+v", cmds)
	}
	if !contains(commandNames(f, chatScope(c.ID), ""), "broadcast") {
		t.Error("the coordinator lost her menu")
	}
	ms, err := h.store.MenusToCheck(context.Background())
	if err != nil || len(ms) != 1 || ms[0].MemberID != c.ID {
		t.Errorf("after start-up the records say %+v (%v)", ms, err)
	}
	if cmds := f.fake.Commands(chatScope(e.ID), ""); cmds != nil {
		t.Errorf("the forgotten coordinator's chat keeps her menu: %+v", cmds)
	}
	if left, err := h.store.MenuCleanups(context.Background()); err != nil || len(left) != 0 {
		t.Errorf("chat ids kept after their menus were removed: %v (%v)", left, err)
	}
}

// Nothing about a person who never consented reaches the log: not their id,
// not their name, whatever they do.
func TestNothingAboutStrangersIsLogged(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 918273645, FirstName: "Strangerella", LastName: "Nobody", LanguageCode: "ar"}
	f.secret(strconv.FormatInt(u.ID, 10))
	f.secret(u.FirstName)
	f.send(u, "/start", f.T("ar", "LanguagePrompt", nil))
	f.send(u, "hello?", f.T("ar", "NeedStart", nil))
	f.send(u, "/mydata", f.T("ar", "NeedStart", nil))
	f.send(u, "/members", f.T("ar", "NeedStart", nil))
	f.forge(u, 1, "1:mr:1:c:0")
	f.forge(u, 1, "garbage")
	f.fake.SetChatMember(u, "kicked")
	f.fake.SetChatMember(u, "member")
	f.send(u, "/start", f.T("ar", "LanguagePrompt", nil))
	f.tap(u, autonyms["en"])
	f.waitText(u, f.T("en", "PrivacyAsk", nil))
	f.tap(u, f.T("en", "BtnConsentNo", nil))
	f.waitText(u, f.T("en", "ConsentDeclined", nil))
	f.waitFor("updates handled", func() bool { return f.fake.PendingUpdates() == 0 })
	f.harness.stop() // every handler has finished (and logged)
	if n := f.count(`SELECT count(*) FROM members`); n != 0 {
		t.Errorf("%d member rows", n)
	}
}

// A few seconds after /forget through the chat, neither the running bot's
// database file nor its write-ahead log holds the member's name or id.
func TestForgetLeavesNoBytesInTheFiles(t *testing.T) {
	f := startFlow(t)
	u := tgfake.User{ID: 7_345_678_901, FirstName: "Zebulon-Quixotic-Forgettable", LanguageCode: "da"}
	f.join(u, "da")
	storagetest.Enqueue(t, f.db, time.Now(), domain.Outgoing{MemberID: u.ID, ChatID: u.ID, Kind: domain.KindNotice,
		Text: "Hej Zebulon-Quixotic-Forgettable", NotBefore: time.Now().Add(time.Hour)})
	holds := func() []string { return f.traces("Quixotic-Forgettable", u.ID) }
	if len(holds()) == 0 {
		t.Fatal("the files do not show the member before forgetting: the test would prove nothing")
	}
	f.send(u, "/forget", f.T("da", "ForgetConfirm", nil))
	f.tap(u, f.T("da", "BtnForgetYes", nil))
	f.waitText(u, f.T("da", "Forgotten", nil))
	var left []string
	if !f.fake.WaitFor(5*time.Second, func() bool { left = holds(); return len(left) == 0 }) {
		t.Errorf("5 s after /forget the files still hold %q", left)
	}
}

// traces lists which of the bot's database files (the db, its -wal and
// -shm) still hold a member's name or Telegram id — as text, and as the
// integer SQLite stores (its low six bytes, big-endian).
func (f *flow) traces(name string, id int64) []string {
	f.t.Helper()
	be := make([]byte, 8)
	binary.BigEndian.PutUint64(be, uint64(id))
	needles := map[string][]byte{"name": []byte(name), "id as text": []byte(strconv.FormatInt(id, 10)), "id as integer": be[2:]}
	var out []string
	for _, p := range []string{f.db, f.db + "-wal", f.db + "-shm"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			f.t.Fatal(err)
		}
		for what, n := range needles {
			if bytes.Contains(b, n) {
				out = append(out, filepath.Base(p)+": "+what)
			}
		}
	}
	return out
}
