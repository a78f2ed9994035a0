package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// TestForgetTakesWhatNamesThem: messages and ledger entries about a
// volunteer in coordinators' rows (a late withdrawal, a certificate running
// out) go with them, and no ledger key holds a Telegram id; afterwards no
// byte of the files (db, -wal, -shm) holds their name or id.
func TestForgetTakesWhatNamesThem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	const id = int64(7_345_678_901)
	const name = "Zebulon Quixotic-Forgettable"
	register(t, s, 1, "da", domain.RoleCoordinator)
	register(t, s, 2, "da", domain.RoleCoordinator)
	if _, err := s.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: "da", Role: domain.RoleVolunteer}, t0); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2027, 1, 12, 10, 0, 0, 0, cphLoc)
	end := start.Add(2 * time.Hour)
	if _, err := s.ImportPlan(ctx, Plan{Shifts: []PlanShift{{Shift: domain.Shift{Key: "walk", Role: "Rundvisning", Needed: 1,
		StartsAt: &start, EndsAt: &end, Place: "Ballerup Station"}}}}, t0); err != nil {
		t.Fatal(err)
	}
	var walk domain.Shift
	if err := s.r.Get(&walk, `SELECT `+shiftCols+` FROM shifts WHERE key = 'walk'`); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, start, id, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if late, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, start, id, "", now, domain.DefaultShiftSettings); err != nil || !late {
		t.Fatalf("withdraw: late %v, %v", late, err)
	}
	if err := s.SetCertificate(ctx, []int64{domain.DefaultBranchID}, id, 1, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), now, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimShiftNotices(ctx, cphLoc, now, domain.DefaultShiftSettings); err != nil {
		t.Fatal(err)
	}
	idText := strconv.FormatInt(id, 10)
	var about, keyed int
	if err := s.r.Get(&about, `SELECT count(*) FROM outbox WHERE member_id IN (1, 2) AND notice_values LIKE '%Quixotic%'`); err != nil {
		t.Fatal(err)
	}
	if err := s.r.Get(&keyed, `SELECT count(*) FROM notices WHERE key LIKE '%' || ? || '%' OR subject LIKE '%' || ? || '%'`, idText, idText); err != nil {
		t.Fatal(err)
	}
	if about < 3 || keyed != 0 {
		t.Fatalf("%d coordinators' messages name the volunteer (want withdrawal and certificate to both), %d ledger keys hold the id", about, keyed)
	}
	be := make([]byte, 8)
	binary.BigEndian.PutUint64(be, uint64(id))
	needles := map[string][]byte{"name": []byte("Quixotic-Forgettable"), "id as 6 bytes": be[2:], "id as text": []byte(idText)}
	found := func() []string {
		var out []string
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			for what, n := range needles {
				if bytes.Contains(b, n) {
					out = append(out, filepath.Base(f)+": "+what)
				}
			}
		}
		return out
	}
	if err := s.Forget(ctx, id, now); err != nil {
		t.Fatal(err)
	}
	if got := found(); len(got) > 0 {
		t.Errorf("after /forget the files still hold %q", got)
	}
	var left int
	if err := s.r.Get(&left, `SELECT count(*) FROM notices WHERE about IS NOT NULL`); err != nil || left != 0 {
		t.Errorf("%d ledger entries about the volunteer left (%v)", left, err)
	}
}

// TestPruneForgetsPastDecisions: the ledger forgets a decision a while after
// its notice's date, not before.
func TestPruneForgetsPastDecisions(t *testing.T) {
	s, _, _, walk := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Withdraw(ctx, []int64{domain.DefaultBranchID}, cphLoc, walk.ID, *walk.StartsAt, 2, "", now, domain.DefaultShiftSettings); err != nil {
		t.Fatal(err)
	}
	n := func() int {
		var n int
		if err := s.r.Get(&n, `SELECT count(*) FROM notices`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := n()
	if before == 0 {
		t.Fatal("nothing decided: the test would prove nothing")
	}
	if _, _, err := s.Prune(ctx, now.Add(24*time.Hour), now); err != nil { // the walk is tomorrow: kept
		t.Fatal(err)
	}
	if got := n(); got != before {
		t.Errorf("%d of %d decisions kept before the walk", got, before)
	}
	if _, _, err := s.Prune(ctx, walk.StartsAt.Add(time.Minute), now); err != nil {
		t.Fatal(err)
	}
	if got := n(); got != 0 {
		t.Errorf("%d decisions kept after the walk", got)
	}
}
