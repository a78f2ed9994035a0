package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

var t0 = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

func open(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func register(t *testing.T, s *Store, id int64, lang string, role domain.Role) domain.Member {
	t.Helper()
	m, err := s.Register(context.Background(), domain.Registration{ID: id, ChatID: id, DisplayName: "M", Language: lang, Role: role}, t0)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	for i := 0; i < 2; i++ {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		files, _ := fs.ReadDir(migrations, "migrations")
		var n int
		if err := s.r.Get(&n, `SELECT count(*) FROM schema_migrations`); err != nil || n != len(files) {
			t.Fatalf("open %d: %d migrations recorded, want %d, err %v", i, n, len(files), err)
		}
		var secure int
		if err := s.w.Get(&secure, `PRAGMA secure_delete`); err != nil || secure != 1 {
			t.Fatalf("secure_delete %d, err %v", secure, err)
		}
		var mode string
		if err := s.w.Get(&mode, `PRAGMA journal_mode`); err != nil || mode != "wal" {
			t.Fatalf("journal mode %q, err %v", mode, err)
		}
		var fk int
		if err := s.w.Get(&fk, `PRAGMA foreign_keys`); err != nil || fk != 1 {
			t.Fatalf("foreign keys %d, err %v", fk, err)
		}
		s.Close()
	}
}

func TestRegisterKeepsHigherRoleAndRejectsBadLanguage(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "ar", domain.RoleVolunteer)
	m := register(t, s, 1, "ti", domain.RoleParticipant) // consent renewed: language updates, role stays
	if m.Role != domain.RoleVolunteer || m.Language != "ti" {
		t.Fatalf("got role %s lang %s", m.Role, m.Language)
	}
	if _, err := s.Register(ctx, domain.Registration{ID: 2, ChatID: 2, Language: "am"}, t0); err == nil {
		t.Fatal("language am accepted")
	}
	if _, err := s.Member(ctx, 99); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("missing member: %v", err)
	}
}

func TestSetRoleQueuesNoticeAndKeepsLastCoordinator(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	if _, err := s.SetRole(ctx, 1, 1, domain.RoleParticipant, t0, true); !errors.Is(err, domain.ErrLastCoordinator) {
		t.Fatalf("demoting the last coordinator: %v", err)
	}
	if _, err := s.SetRole(ctx, 1, 2, domain.RoleVolunteer, t0, true); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueMessages(ctx, t0, 10)
	if err != nil || len(due) != 1 || due[0].Notice != domain.NoticeRoleChanged || due[0].Values != `{"Role":"volunteer"}` ||
		due[0].Text != "" || due[0].ChatID != 2 || due[0].MemberID.Int64 != 2 {
		t.Fatalf("due = %+v, err %v", due, err)
	}
	// Same role again: nothing changes, nothing queued (a double tap is harmless).
	if _, err := s.SetRole(ctx, 1, 2, domain.RoleVolunteer, t0, true); err != nil {
		t.Fatal(err)
	}
	if due, _ := s.DueMessages(ctx, t0, 10); len(due) != 1 {
		t.Fatalf("double tap queued %d notices", len(due))
	}
}

func TestInvites(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "da", domain.RoleParticipant)
	register(t, s, 3, "da", domain.RoleParticipant)
	one := 1
	creator := int64(1)
	if err := s.CreateInvite(ctx, domain.Invite{Code: "once", Role: domain.RoleVolunteer, CreatedBy: &creator, ExpiresAt: t0.Add(time.Hour), MaxUses: &one}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateInvite(ctx, domain.Invite{Code: "old", Role: domain.RoleCoordinator, ExpiresAt: t0.Add(time.Hour)}, t0); err != nil {
		t.Fatal(err)
	}
	m, raised, err := s.RedeemInvite(ctx, 2, "once", t0)
	if err != nil || m.Role != domain.RoleVolunteer || !raised {
		t.Fatalf("redeem: %v %v %v", m.Role, raised, err)
	}
	if _, _, err := s.RedeemInvite(ctx, 3, "once", t0); !errors.Is(err, domain.ErrInviteUsedUp) {
		t.Fatalf("second use: %v", err)
	}
	if _, _, err := s.RedeemInvite(ctx, 3, "old", t0.Add(2*time.Hour)); !errors.Is(err, domain.ErrInviteExpired) {
		t.Fatalf("expired: %v", err)
	}
	if _, _, err := s.RedeemInvite(ctx, 3, "nope", t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown: %v", err)
	}
	// A coordinator opening a single-use volunteer link stays coordinator and
	// does not use the link up.
	if err := s.CreateInvite(ctx, domain.Invite{Code: "vol", Role: domain.RoleVolunteer, CreatedBy: &creator, ExpiresAt: t0.Add(time.Hour), MaxUses: &one}, t0); err != nil {
		t.Fatal(err)
	}
	if m, raised, err := s.RedeemInvite(ctx, 1, "vol", t0); err != nil || m.Role != domain.RoleCoordinator || raised {
		t.Fatalf("coordinator: role %s, raised %v (%v)", m.Role, raised, err)
	}
	if m, raised, err := s.RedeemInvite(ctx, 3, "vol", t0); err != nil || m.Role != domain.RoleVolunteer || !raised {
		t.Fatalf("the real volunteer after the coordinator's try: role %s, raised %v (%v)", m.Role, raised, err)
	}
}

func TestForgetRemovesEverythingNamingTheMember(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	act, err := s.CreateActivity(ctx, domain.Activity{Name: "Tal Dansk Café", Schedule: "0 15 * * THU", DurationMin: 120}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateEvent(ctx, domain.Event{Title: "Julefest", StartsAt: t0.Add(48 * time.Hour), EndsAt: t0.Add(51 * time.Hour), RSVPBy: t0.Add(24 * time.Hour)}, nil, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, act, 2, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimEventNotices(ctx, cphLoc, t0); err != nil { // invites participant 2
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, 2, "x", []byte(`{}`), t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, t0, domain.Outgoing{MemberID: 2, ChatID: 2, Text: "hi"}); err != nil { // and the invitation
		t.Fatal(err)
	}
	exp, err := s.ExportMember(ctx, 2, t0)
	if err != nil || len(exp.Follows) != 1 || len(exp.Invitations) != 1 || len(exp.Messages) != 2 || exp.OpenStepByStep == nil || exp.OpenStepByStep.Flow != "x" {
		t.Fatalf("export before forget: %+v %v", exp, err)
	}
	if err := s.Forget(ctx, 2, t0); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM members WHERE id = 2`, `SELECT count(*) FROM activity_followers WHERE member_id = 2`,
		`SELECT count(*) FROM event_invitations WHERE member_id = 2`, `SELECT count(*) FROM conversations WHERE member_id = 2`,
		`SELECT count(*) FROM outbox WHERE member_id = 2 OR chat_id = 2`,
	} {
		var n int
		if err := s.r.Get(&n, q); err != nil || n != 0 {
			t.Errorf("%s = %d (%v)", q, n, err)
		}
	}
	if n, _ := s.Counter(ctx, "members_forgotten"); n != 1 {
		t.Errorf("anonymous count = %d", n)
	}
	if err := s.Forget(ctx, 2, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("forget twice: %v", err)
	}
}

func TestOutboxStates(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleParticipant)
	if err := s.Enqueue(ctx, t0,
		domain.Outgoing{MemberID: 1, ChatID: 1, Text: "later", Priority: domain.PriorityBroadcast},
		domain.Outgoing{MemberID: 1, ChatID: 1, Text: "urgent", Priority: domain.PriorityNotice},
		domain.Outgoing{MemberID: 1, ChatID: 1, Text: "future", NotBefore: t0.Add(time.Hour)},
	); err != nil {
		t.Fatal(err)
	}
	due, _ := s.DueMessages(ctx, t0, 10)
	if len(due) != 2 || due[0].Text != "urgent" {
		t.Fatalf("due order: %+v", due)
	}
	ok, err := s.MarkSending(ctx, due[0].ID, t0)
	if !ok || err != nil {
		t.Fatal("claim failed", err)
	}
	if ok, _ := s.MarkSending(ctx, due[0].ID, t0); ok {
		t.Fatal("claimed twice")
	}
	// A crash here: the message is in "sending"; recovery makes it pending again.
	if n, err := s.RecoverSending(ctx); n != 1 || err != nil {
		t.Fatalf("recovered %d (%v)", n, err)
	}
	if err := s.MarkBlocked(ctx, due[0], t0); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Member(ctx, 1)
	if m.Reachable {
		t.Fatal("member still reachable after 403")
	}
	counts, _ := s.OutboxCounts(ctx)
	if counts[StateFailed] != 3 || counts[StatePending] != 0 {
		t.Fatalf("blocking should fail all of the member's pending messages: %v", counts)
	}
	next, ok, err := s.NextDue(ctx)
	if ok || err != nil {
		t.Fatalf("next due %v %v %v", next, ok, err)
	}
}

func TestBroadcastPicksLanguagesAndClaimsDraftOnce(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "ti", domain.RoleParticipant)
	register(t, s, 4, "en", domain.RoleVolunteer)
	register(t, s, 5, "ar", domain.RoleParticipant)
	if err := s.SetReachable(ctx, 5, false, t0); err != nil {
		t.Fatal(err)
	}
	c, err := s.CountAudience(ctx, domain.Audience{Kind: domain.AudienceParticipants})
	if err != nil || c.Reachable != 2 || c.Unreachable != 1 || c.ByLanguage["ar"] != 1 || c.ByLanguage["ti"] != 1 {
		t.Fatalf("count %+v %v", c, err)
	}
	if err := s.SaveConversation(ctx, 1, "broadcast", []byte(`{}`), t0); err != nil {
		t.Fatal(err)
	}
	nb := NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "Hej", "ar": "مرحبا"}, CreatedBy: 1, DraftFlow: "broadcast"}
	id, n, err := s.CreateBroadcast(ctx, nb, t0)
	if err != nil || n != 4 {
		t.Fatalf("queued %d (%v)", n, err)
	}
	if _, _, err := s.CreateBroadcast(ctx, nb, t0); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("second tap on Send: %v", err)
	}
	due, _ := s.DueMessages(ctx, t0, 10)
	texts := map[int64]string{}
	for _, m := range due {
		texts[m.ChatID] = m.Text
	}
	want := map[int64]string{1: "Hej", 2: "مرحبا", 3: "Hej", 4: "Hej"}
	for chat, w := range want {
		if texts[chat] != w {
			t.Errorf("chat %d got %q, want %q", chat, texts[chat], w)
		}
	}
	st, _ := s.BroadcastStats(ctx, id)
	if st.Total != 4 || st.Waiting != 4 || st.Done() {
		t.Fatalf("stats %+v", st)
	}
	for _, bad := range []string{"", "everyone", "activity:x", "language:am", "event:-1", "all:1"} {
		if _, err := domain.ParseAudience(bad); err == nil {
			t.Errorf("ParseAudience(%q) accepted", bad)
		}
	}
}

func TestPruneKeepsWhatIsStillNeeded(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	old, recent := t0.Add(-40*24*time.Hour), t0.Add(-time.Hour)
	if err := s.Enqueue(ctx, old, domain.Outgoing{MemberID: 1, ChatID: 1, Text: "old sent"}, domain.Outgoing{MemberID: 1, ChatID: 1, Text: "old pending"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Enqueue(ctx, recent, domain.Outgoing{MemberID: 2, ChatID: 2, Text: "recent sent"}); err != nil {
		t.Fatal(err)
	}
	due, _ := s.DueMessages(ctx, t0, 10)
	for _, m := range due {
		if m.Text == "old pending" {
			continue
		}
		at := recent
		if m.Text == "old sent" {
			at = old
		}
		if err := s.MarkSent(ctx, m.ID, 1, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveConversation(ctx, 1, "broadcast", []byte(`{}`), old); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, 2, "broadcast", []byte(`{}`), recent); err != nil {
		t.Fatal(err)
	}
	msgs, chats, err := s.Prune(ctx, t0.Add(-30*24*time.Hour), t0.Add(-7*24*time.Hour))
	if err != nil || msgs != 1 || chats != 1 {
		t.Fatalf("pruned %d messages and %d chats (%v), want 1 and 1", msgs, chats, err)
	}
	counts, _ := s.OutboxCounts(ctx)
	if counts[StatePending] != 1 || counts[StateSent] != 1 {
		t.Errorf("left %v: the pending message and the recent one must stay", counts)
	}
	if _, _, err := s.Conversation(ctx, 2); err != nil {
		t.Errorf("the recent draft was deleted: %v", err)
	}
}

func TestTxRollsBackOnErrorAndPanic(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	count := func() int {
		t.Helper()
		var n int
		if err := s.w.GetContext(ctx, &n, `SELECT count(*) FROM counters WHERE name = 'tx-test'`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	insert := func(tx *sqlx.Tx) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO counters (name, value) VALUES ('tx-test', 1)`); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("error", func(t *testing.T) {
		want := errors.New("no")
		if err := s.tx(ctx, func(tx *sqlx.Tx) error { insert(tx); return want }); !errors.Is(err, want) {
			t.Fatalf("tx = %v", err)
		}
		if n := count(); n != 0 {
			t.Fatalf("%d rows after a failed transaction", n)
		}
	})
	t.Run("panic", func(t *testing.T) {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatal("the panic did not go on")
				}
			}()
			_ = s.tx(ctx, func(tx *sqlx.Tx) error { insert(tx); panic("boom") })
		}()
		if n := count(); n != 0 {
			t.Fatalf("%d rows after a panicking transaction", n)
		}
		// The single writer connection is free again: a new transaction commits.
		if err := s.tx(ctx, func(tx *sqlx.Tx) error { insert(tx); return nil }); err != nil {
			t.Fatalf("next transaction: %v", err)
		}
		if n := count(); n != 1 {
			t.Fatalf("%d rows after a committed transaction, want 1", n)
		}
	})
}

func TestDuplicateMigrationNumbersRefused(t *testing.T) {
	s := open(t)
	fsys := fstest.MapFS{
		"migrations/0001_init.sql":  {Data: []byte("SELECT 1;")},
		"migrations/0099_a.sql":     {Data: []byte("CREATE TABLE dup_a (x);")},
		"migrations/0099_b.sql":     {Data: []byte("CREATE TABLE dup_b (x);")},
		"migrations/0100_later.sql": {Data: []byte("CREATE TABLE later (x);")},
	}
	err := s.migrateFS(context.Background(), fsys)
	if err == nil || !strings.Contains(err.Error(), "same number 99") {
		t.Fatalf("migrate = %v, want a refusal naming number 99", err)
	}
	var n int
	if err := s.w.Get(&n, `SELECT count(*) FROM sqlite_master WHERE name IN ('dup_a','dup_b','later')`); err != nil || n != 0 {
		t.Fatalf("%d tables created (%v): nothing may be applied", n, err)
	}
}

// Every audience a broadcast can have reaches exactly its members, each
// in their language, and never an unreachable one.
func TestBroadcastAudiences(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	p1 := register(t, s, 1, "ar", domain.RoleParticipant)
	register(t, s, 2, "ti", domain.RoleParticipant)
	v := register(t, s, 3, "en", domain.RoleVolunteer)
	register(t, s, 4, "da", domain.RoleCoordinator)
	gone := register(t, s, 5, "ar", domain.RoleCoordinator)
	if err := s.SetReachable(ctx, gone.ID, false, t0); err != nil {
		t.Fatal(err)
	}
	act, err := s.CreateActivity(ctx, domain.Activity{Name: "Café", Schedule: "0 15 * * THU", DurationMin: 120}, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []domain.Member{p1, v, gone} {
		if err := s.Follow(ctx, []int64{domain.DefaultBranchID}, act, m.ID, t0); err != nil {
			t.Fatal(err)
		}
	}
	// An event for the volunteers: the scheduler invites the reachable ones (v, and the coordinator c).
	ev, err := s.CreateEvent(ctx, domain.Event{Title: "Jul", StartsAt: t0.Add(48 * time.Hour), EndsAt: t0.Add(51 * time.Hour),
		RSVPBy: t0.Add(24 * time.Hour), Invite: domain.InviteVolunteers}, nil, t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimEventNotices(ctx, cphLoc, t0); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"da": "hej", "ar": "مرحبا", "ti": "ሰላም", "en": "hello"}
	for _, tc := range []struct {
		audience string
		want     map[int64]string // member → text
	}{
		{"all", map[int64]string{1: "مرحبا", 2: "ሰላም", 3: "hello", 4: "hej"}},
		{"participants", map[int64]string{1: "مرحبا", 2: "ሰላም"}},
		{"volunteers", map[int64]string{3: "hello"}},
		{"coordinators", map[int64]string{4: "hej"}},
		{fmt.Sprintf("activity:%d", act), map[int64]string{1: "مرحبا", 3: "hello"}},
		{fmt.Sprintf("event:%d", ev), map[int64]string{3: "hello", 4: "hej"}}, // coordinators count as volunteers
		{"language:ar", map[int64]string{1: "مرحبا"}},
		{"language:da", map[int64]string{4: "hej"}},
	} {
		t.Run(tc.audience, func(t *testing.T) {
			aud, err := domain.ParseAudience(tc.audience)
			if err != nil {
				t.Fatal(err)
			}
			id, n, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: aud, Texts: texts}, t0)
			if err != nil || n != len(tc.want) {
				t.Fatalf("CreateBroadcast = %d queued, %v; want %d", n, err, len(tc.want))
			}
			var rows []struct {
				Member int64  `db:"member_id"`
				Text   string `db:"text"`
			}
			if err := s.r.Select(&rows, `SELECT member_id, text FROM outbox WHERE broadcast_id = ?`, id); err != nil {
				t.Fatal(err)
			}
			got := map[int64]string{}
			for _, r := range rows {
				got[r.Member] = r.Text
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("queued %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("an unknown activity or event is refused", func(t *testing.T) {
		for _, a := range []string{"activity:999", "event:999"} {
			aud, _ := domain.ParseAudience(a)
			if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: aud, Texts: texts}, t0); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s: err = %v, want ErrNotFound", a, err)
			}
		}
	})
	t.Run("a blank Danish text is refused", func(t *testing.T) {
		aud, _ := domain.ParseAudience("all")
		if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: aud, Texts: map[string]string{"da": "\u200b \u200d"}}, t0); !errors.Is(err, domain.ErrTextBlank) {
			t.Errorf("err = %v, want ErrTextBlank", err)
		}
	})
}

func TestSecondLanguage(t *testing.T) {
	s, ctx := open(t), context.Background()
	register(t, s, 1, "ti", domain.RoleParticipant)
	if m, err := s.Member(ctx, 1); err != nil || m.SecondLanguage != "" {
		t.Fatalf("new member's second language %q, err %v; want none", m.SecondLanguage, err)
	}
	m, err := s.SetSecondLanguage(ctx, 1, "en")
	if err != nil || m.SecondLanguage != "en" || m.Reader() != (domain.Reader{Lang: "ti", Second: "en"}) {
		t.Fatalf("SetSecondLanguage = %+v, %v", m, err)
	}
	if _, err := s.SetSecondLanguage(ctx, 1, "xx"); !errors.Is(err, domain.ErrUnsupportedLanguage) {
		t.Fatalf("unsupported language: err %v", err)
	}
	if _, err := s.SetSecondLanguage(ctx, 2, "en"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("unknown member: err %v", err)
	}
	if m, err := s.SetSecondLanguage(ctx, 1, ""); err != nil || m.SecondLanguage != "" {
		t.Fatalf("cleared: %+v, %v", m, err)
	}
}

func TestCountReaders(t *testing.T) {
	s, ctx := open(t), context.Background()
	register(t, s, 1, "ar", domain.RoleParticipant)
	register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "ti", domain.RoleParticipant)
	register(t, s, 4, "da", domain.RoleVolunteer)
	if _, err := s.SetSecondLanguage(ctx, 3, "en"); err != nil {
		t.Fatal(err)
	}
	got, err := s.CountReaders(ctx, domain.Audience{Kind: domain.AudienceParticipants})
	want := map[domain.Reader]int{{Lang: "ar"}: 2, {Lang: "ti", Second: "en"}: 1}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("CountReaders = %v, %v; want %v", got, err, want)
	}
}

func TestBroadcastFollowsTheOneRuleAndMarks(t *testing.T) {
	s, ctx := open(t), context.Background()
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	register(t, s, 3, "ti", domain.RoleParticipant)
	register(t, s, 4, "en", domain.RoleVolunteer)
	register(t, s, 5, "ti", domain.RoleParticipant)
	if _, err := s.SetSecondLanguage(ctx, 3, "en"); err != nil {
		t.Fatal(err)
	}
	mark := func(reader, lang string) (string, string) { return reader + "<" + lang, `[` + reader + `]` }
	nb := NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "hej", "en": "hello", "ar": "\u200b"},
		Entities: map[string]string{"da": "[da]", "en": "[en]"}, Mark: mark}
	id, n, err := s.CreateBroadcast(ctx, nb, t0)
	if err != nil || n != 5 {
		t.Fatalf("queued %d (%v)", n, err)
	}
	var rows []struct {
		Member   int64  `db:"member_id"`
		Text     string `db:"text"`
		Entities string `db:"entities"`
	}
	if err := s.r.Select(&rows, `SELECT member_id, text, coalesce(entities, '') AS entities FROM outbox WHERE broadcast_id = ? ORDER BY member_id`, id); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, r := range rows {
		got = append(got, r.Text+" "+r.Entities)
	}
	// Danish: own text; Arabic (its text invisible only): Danish, marked;
	// Tigrinya with English second: English, marked; Tigrinya alone: Danish, marked.
	want := []string{"hej [da]", "ar<da [ar]", "ti<en [ti]", "hello [en]", "ti<da [ti]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("queued %q, want %q", got, want)
	}
}
