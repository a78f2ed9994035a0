package storage

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// TestUpgradeGivesEverythingToOneBranch: a database from before branches,
// with a member, an activity with a follower and a shift, an event with an
// answer, comes out of the upgrade with everything in the first branch, each
// member's role there, and every reference intact.
func TestUpgradeGivesEverythingToOneBranch(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	w, err := sqlx.Open("sqlite3", "file:"+path+"?_foreign_keys=on&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	old := fstest.MapFS{}
	entries, _ := fs.ReadDir(migrations, "migrations")
	for _, e := range entries {
		if e.Name() < "0018" {
			body, _ := fs.ReadFile(migrations, "migrations/"+e.Name())
			old["migrations/"+e.Name()] = &fstest.MapFile{Data: body}
		}
	}
	if err := (&Store{w: w}).migrateFS(ctx, old); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO members (id, chat_id, display_name, language, role, consented_at, created_at, last_seen_at) VALUES (5, 5, 'Carla', 'da', 'coordinator', ?1, ?1, ?1)`,
		`INSERT INTO members (id, chat_id, display_name, language, role, consented_at, created_at, last_seen_at) VALUES (6, 6, 'Amal', 'ar', 'participant', ?1, ?1, ?1)`,
		`INSERT INTO activities (id, key, name, schedule, created_at, updated_at) VALUES (7, 'tal-dansk', 'Tal Dansk Café', '0 15 * * 4', ?1, ?1)`,
		`INSERT INTO activity_followers (activity_id, member_id, created_at) VALUES (7, 6, ?1)`,
		`INSERT INTO shifts (id, key, activity_id, role, needed, created_at, updated_at) VALUES (3, 'vaert', 7, 'Vært', 2, ?1, ?1)`,
		`INSERT INTO events (id, key, title, starts_at, ends_at, rsvp_by, created_at, updated_at) VALUES (9, 'jul', 'Jul', ?1, datetime(?1, '+3 hours'), ?1, ?1, ?1)`,
		`INSERT INTO event_invitations (event_id, member_id, answer, adults, updated_at) VALUES (9, 6, 'yes', 2, ?1)`,
	} {
		if _, err := w.ExecContext(ctx, q, utc(t0)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	w.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var counts struct {
		Followers   int `db:"followers"`
		Answers     int `db:"answers"`
		Shifts      int `db:"shifts"`
		Elsewhere   int `db:"elsewhere"`
		Memberships int `db:"memberships"`
	}
	if err := s.r.GetContext(ctx, &counts, `SELECT
		(SELECT count(*) FROM activity_followers) AS followers,
		(SELECT count(*) FROM event_invitations) AS answers,
		(SELECT count(*) FROM shifts WHERE activity_id = 7) AS shifts,
		(SELECT count(*) FROM activities WHERE branch_id != 1) + (SELECT count(*) FROM events WHERE branch_id != 1)
			+ (SELECT count(*) FROM shifts WHERE branch_id != 1) AS elsewhere,
		(SELECT count(*) FROM member_branches WHERE branch_id = 1) AS memberships`); err != nil {
		t.Fatal(err)
	}
	if counts.Followers != 1 || counts.Answers != 1 || counts.Shifts != 1 || counts.Elsewhere != 0 || counts.Memberships != 2 {
		t.Fatalf("after the upgrade: %+v", counts)
	}
	sc, err := s.Scope(ctx, 5)
	if err != nil || sc.Roles[1] != domain.RoleCoordinator || sc.Working != 1 {
		t.Fatalf("Carla's scope %+v, %v", sc, err)
	}
	var fk int
	if err := s.r.GetContext(ctx, &fk, `SELECT count(*) FROM pragma_foreign_key_check`); err != nil || fk != 0 {
		t.Fatalf("foreign key problems %d, %v", fk, err)
	}
	var on int
	if err := s.w.GetContext(ctx, &on, `PRAGMA foreign_keys`); err != nil || on != 1 {
		t.Fatalf("foreign keys after the upgrade: %d, %v", on, err)
	}
	// The cascade still works on the rebuilt tables.
	if _, err := s.w.ExecContext(ctx, `DELETE FROM activities WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	if err := s.r.GetContext(ctx, &fk, `SELECT count(*) FROM shifts`); err != nil || fk != 0 {
		t.Fatalf("shifts left after their activity went: %d, %v", fk, err)
	}
}

func TestBranches(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	carla := register(t, s, 5, "da", domain.RoleCoordinator)
	if carla.BranchID != domain.DefaultBranchID {
		t.Fatalf("a new member acts in branch %d", carla.BranchID)
	}
	t.Run("refused", func(t *testing.T) {
		for name, nb := range map[string]domain.NewBranch{
			"key too short":  {Key: "h", Names: domain.Texts{"da": "Herlev"}},
			"key upper case": {Key: "Herlev", Names: domain.Texts{"da": "Herlev"}},
			"key with space": {Key: "her lev", Names: domain.Texts{"da": "Herlev"}},
			"blank name":     {Key: "herlev", Names: domain.Texts{"da": "  "}},
			"no Danish name": {Key: "herlev", Names: domain.Texts{"en": "Herlev"}},
			"existing key":   {Key: "default", Names: domain.Texts{"da": "Igen"}},
		} {
			if _, err := s.AddBranch(ctx, nb, t0); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
	})
	herlev, err := s.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في هيرليف"}, Coordinators: []int64{5, 77}}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if herlev.NameFor("ar") != "الصليب الأحمر في هيرليف" || herlev.NameFor("ti") != "Røde Kors Herlev" || len(herlev.JoinCode) < 8 {
		t.Fatalf("herlev: %+v", herlev)
	}
	if sc, _ := s.Scope(ctx, 5); !sc.Has(herlev.ID, domain.RoleCoordinator) || !sc.Has(1, domain.RoleCoordinator) {
		t.Fatalf("Carla, named coordinator of Herlev, has scope %+v", sc)
	}
	// 77 joins later, through Herlev's link, and becomes its coordinator there only.
	m, err := s.Register(ctx, domain.Registration{ID: 77, ChatID: 77, DisplayName: "Lars", Language: "da", Role: domain.RoleParticipant, BranchID: herlev.ID}, t0)
	if err != nil || m.Role != domain.RoleCoordinator || m.BranchID != herlev.ID {
		t.Fatalf("Lars joining Herlev: %+v, %v", m, err)
	}
	sc, _ := s.Scope(ctx, 77)
	if len(sc.Roles) != 1 || sc.Has(1, domain.RoleParticipant) {
		t.Fatalf("Lars's scope %+v", sc)
	}
	t.Run("roles per branch", func(t *testing.T) {
		amal := register(t, s, 6, "ar", domain.RoleParticipant)
		if err := s.JoinBranch(ctx, amal.ID, herlev.ID, domain.RoleVolunteer, t0); err != nil {
			t.Fatal(err)
		}
		sc, _ := s.Scope(ctx, 6)
		if sc.Roles[1] != domain.RoleParticipant || sc.Roles[herlev.ID] != domain.RoleVolunteer || sc.Working != herlev.ID {
			t.Fatalf("Amal's scope %+v", sc)
		}
		if m, _ := s.Member(ctx, 6); m.Role != domain.RoleVolunteer {
			t.Fatalf("Amal's highest role %s", m.Role)
		}
		// A coordinator of the first branch changes her role there only.
		if _, err := s.SetRole(ctx, 1, 6, domain.RoleVolunteer, t0, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetRole(ctx, 1, 77, domain.RoleVolunteer, t0, false); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("a role in a branch Lars is not in: %v", err)
		}
		if err := s.SetWorkingBranch(ctx, 6, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.SetWorkingBranch(ctx, 77, 1); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("working in a branch Lars is not in: %v", err)
		}
	})
	t.Run("last coordinator of a branch", func(t *testing.T) {
		if err := s.SetBranchCoordinators(ctx, "herlev", nil, []int64{5}, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.SetBranchCoordinators(ctx, "herlev", nil, []int64{77}, t0); !errors.Is(err, domain.ErrLastCoordinator) {
			t.Fatalf("removing Herlev's last coordinator: %v", err)
		}
		if m, _ := s.Member(ctx, 5); m.Role != domain.RoleCoordinator {
			t.Fatalf("Carla, still coordinator of the first branch, has %s", m.Role)
		}
	})
	t.Run("rename and list", func(t *testing.T) {
		b, err := s.RenameBranch(ctx, "herlev", domain.Texts{"en": "Red Cross Herlev", "ar": ""})
		if err != nil || b.NameFor("en") != "Red Cross Herlev" || b.NameFor("ar") != "Røde Kors Herlev" {
			t.Fatalf("renamed: %+v, %v", b, err)
		}
		if _, err := s.RenameBranch(ctx, "herlev", domain.Texts{"da": ""}); !errors.Is(err, domain.ErrBranchName) {
			t.Fatalf("blank Danish name: %v", err)
		}
		list, err := s.Branches(ctx)
		if err != nil || len(list) != 2 || list[1].Key != "herlev" || list[1].Coordinators != 1 || list[1].Volunteers != 2 {
			t.Fatalf("list %+v, %v", list, err)
		}
	})
	t.Run("default branch named by the configuration", func(t *testing.T) {
		b, err := s.EnsureDefaultBranch(ctx, "ballerup", domain.Texts{"da": "Røde Kors Ballerup", "en": "Red Cross Ballerup"})
		if err != nil || b.Key != "ballerup" || b.NameFor("en") != "Red Cross Ballerup" {
			t.Fatalf("%+v, %v", b, err)
		}
		// Once named, the database wins over a changed configuration.
		b, err = s.EnsureDefaultBranch(ctx, "other", domain.Texts{"da": "Andet"})
		if err != nil || b.Key != "ballerup" || b.Name != "Røde Kors Ballerup" {
			t.Fatalf("%+v, %v", b, err)
		}
	})
}
