package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// exportFixture stores something about member 1 in every table the export reads.
func exportFixture(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	c := int64(1)
	register(t, s, c, "da", domain.RoleCoordinator)
	register(t, s, 2, "ar", domain.RoleParticipant)
	if err := s.CreateInvite(ctx, domain.Invite{Code: "link1", Role: domain.RoleVolunteer, CreatedBy: &c, ExpiresAt: t0.Add(time.Hour)}, t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateBroadcast(ctx, NewBroadcast{Audience: domain.Audience{Kind: domain.AudienceAll}, Texts: map[string]string{"da": "Husk festen", "ar": "تذكير"}, CreatedBy: c}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConversation(ctx, c, "broadcast", []byte(`{"texts":{"da":"Halvt skrevet"}}`), t0); err != nil {
		t.Fatal(err)
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, q := range []string{
			`INSERT INTO activities (id, key, name, schedule, created_at, updated_at) VALUES (7, 'cafe', 'Café', '0 17 * * 3', ?1, ?1)`,
			`INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (7, 1, ?1)`,
			`INSERT INTO ask_messages (member_id, direction, kind, text, created_at) VALUES (1, 'in', 'text', 'Hvornår?', ?1)`,
			`INSERT INTO ask_messages (member_id, direction, kind, text, coordinator_name, created_at) VALUES (1, 'out', 'text', 'Kl. 17', 'Mette', ?1)`,
		} {
			if _, err := tx.ExecContext(ctx, q, t0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The export reads the same content as it did when each table was read on
// its own (testdata/export_member.json was written by that code).
func TestExportMemberGolden(t *testing.T) {
	s := open(t)
	exportFixture(t, s)
	e, err := s.ExportMember(context.Background(), 1, t0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "export_member.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("export differs from %s:\n%s", path, got)
	}
}

// /mydata is one snapshot: while messages and "Ask us" items are written in
// pairs (one transaction each), every export holds as many of one as of the
// other. Read table by table, an export would now and then fall between a
// pair's commit and the next read.
func TestExportMemberIsOneSnapshot(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	register(t, s, 1, "da", domain.RoleParticipant)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			err := s.tx(ctx, func(tx *sqlx.Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (member_id, chat_id, kind, text, not_before, created_at) VALUES (1, 1, 'notice', 'n', ?1, ?1)`, t0); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `INSERT INTO ask_messages (member_id, direction, kind, text, created_at) VALUES (1, 'in', 'text', 'q', ?1)`, t0)
				return err
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	deadline := time.Now().Add(2 * time.Second)
	for n := 0; time.Now().Before(deadline) && n < 2000; n++ {
		e, err := s.ExportMember(ctx, 1, t0)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Messages) != len(e.AskUs) {
			t.Fatalf("export %d: %d messages but %d Ask-us items; they are written in pairs", n, len(e.Messages), len(e.AskUs))
		}
	}
}

// /mydata names activities, events and shifts as the member reads them
// everywhere else: in their language where one is written, else in their
// second language, else in Danish.
func TestExportTitlesInTheReadersLanguage(t *testing.T) {
	s, ctx := open(t), context.Background()
	register(t, s, 5, "ti", domain.RoleVolunteer)
	if _, err := s.SetSecondLanguage(ctx, 5, "en"); err != nil {
		t.Fatal(err)
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, q := range []string{
			`INSERT INTO activities (id, key, name, titles, schedule, created_at, updated_at) VALUES (7, 'cafe', 'Lektiehjælp', '{"ti":"ሓገዝ ዕዮ ገዛ"}', '0 17 * * 3', ?1, ?1)`,
			`INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (7, 5, ?1)`,
			`INSERT INTO events (id, key, title, titles, starts_at, ends_at, rsvp_by, created_at, updated_at) VALUES (3, 'jul', 'Julefest', '{"en":"Christmas party","ar":"حفلة"}', ?1, datetime(?1, '+1 hour'), ?1, ?1, ?1)`,
			`INSERT INTO event_invitations (event_id, member_id, updated_at) VALUES (3, 5, ?1)`,
			`INSERT INTO shifts (id, key, role, roles, needed, starts_at, ends_at, created_at, updated_at) VALUES (4, 'opstilling', 'Opstilling', '{"ar":"ترتيب"}', 2, ?1, datetime(?1, '+1 hour'), ?1, ?1)`,
			`INSERT INTO shift_signups (shift_id, slot, member_id, created_at) VALUES (4, ?1, 5, ?1)`,
		} {
			if _, err := tx.ExecContext(ctx, q, t0); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.ExportMember(ctx, 5, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Follows) != 1 || e.Follows[0] != "ሓገዝ ዕዮ ገዛ" {
		t.Errorf("follows %q, want the Tigrinya title", e.Follows)
	}
	if len(e.Invitations) != 1 || e.Invitations[0].Event != "Christmas party" {
		t.Errorf("invitations %+v, want the English title (the second language)", e.Invitations)
	}
	if e.Volunteer == nil || len(e.Volunteer.Shifts) != 1 || e.Volunteer.Shifts[0].Role != "Opstilling" {
		t.Errorf("shifts %+v, want the Danish role", e.Volunteer)
	}
}
