package storage

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"vejviser/storage/domain"
)

// queuedNotice is a notice row of the outbox: to whom, which kind, with
// what values, when.
type queuedNotice struct {
	MemberID  int64      `db:"member_id"`
	Kind      string     `db:"kind"`
	Priority  int        `db:"priority"`
	Text      string     `db:"text"`
	Notice    string     `db:"notice"`
	Values    string     `db:"notice_values"`
	NotBefore time.Time  `db:"not_before"`
	ExpiresAt *time.Time `db:"expires_at"`
}

// queuedNotices lists the outbox's notices of kind, oldest first.
func queuedNotices(t *testing.T, s *Store, kind string) []queuedNotice {
	t.Helper()
	var out []queuedNotice
	if err := s.r.Select(&out, `SELECT member_id, kind, priority, text, notice, notice_values, not_before, expires_at
		FROM outbox WHERE notice = ? ORDER BY id`, kind); err != nil {
		t.Fatal(err)
	}
	for _, q := range out {
		if q.Text != "" {
			t.Errorf("notice %s to %d queued with text %q", kind, q.MemberID, q.Text)
		}
	}
	return out
}

// values decodes a queued notice's values.
func values[V any](t *testing.T, q queuedNotice) V {
	t.Helper()
	var v V
	if err := json.Unmarshal([]byte(q.Values), &v); err != nil {
		t.Fatalf("values of %s: %v", q.Notice, err)
	}
	return v
}

// members lists the recipients of qs.
func members(qs []queuedNotice) []int64 {
	var out []int64
	for _, q := range qs {
		out = append(out, q.MemberID)
	}
	return out
}

// A coordinator putting a volunteer on a shift or taking them off tells
// them (the meeting, and no one else's name); archiving a shift tells
// everyone on its coming meetings.
func TestStaffChangesTellTheVolunteer(t *testing.T) {
	s, a, host, _ := shiftFixture(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 11, 9, 0, 0, 0, cphLoc)
	thu := time.Date(2027, 1, 14, 15, 0, 0, 0, cphLoc)
	if _, err := s.SignUp(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 2, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddToShift(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 3, 1, now); err != nil {
		t.Fatal(err)
	}
	added := queuedNotices(t, s, domain.NoticeShiftAdded)
	if len(added) != 1 || added[0].MemberID != 3 || added[0].Kind != domain.KindNotice || added[0].Priority != domain.PriorityNotice {
		t.Fatalf("added: %+v", added)
	}
	m := values[domain.ShiftMeeting](t, added[0])
	if m.Shift.ID != host.ID || m.Activity == nil || m.Activity.ID != a.ID || !m.Start.Equal(thu) || !m.Slot.Equal(thu) ||
		!m.End.Equal(thu.Add(2*time.Hour)) || m.Free != 0 {
		t.Errorf("added to %+v", m)
	}
	if _, err := s.RemoveFromShift(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, thu, 3, now); err != nil {
		t.Fatal(err)
	}
	removed := queuedNotices(t, s, domain.NoticeShiftRemoved)
	if len(removed) != 1 || removed[0].MemberID != 3 {
		t.Fatalf("removed: %+v", removed)
	}
	if m := values[domain.ShiftMeeting](t, removed[0]); m.Shift.ID != host.ID || !m.Start.Equal(thu) || m.Free != 1 {
		t.Errorf("removed from %+v", m)
	}
	told, err := s.ArchiveShift(ctx, []int64{domain.DefaultBranchID}, cphLoc, host.ID, now)
	if err != nil || told != 1 {
		t.Fatalf("archive told %d, %v", told, err)
	}
	removed = queuedNotices(t, s, domain.NoticeShiftRemoved)
	if len(removed) != 2 || removed[1].MemberID != 2 || !values[domain.ShiftMeeting](t, removed[1]).Start.Equal(thu) {
		t.Errorf("archived: %+v", removed)
	}
}

// Recording a certificate tells the volunteer its date; clearing it tells nothing.
func TestSetCertificateTellsTheDate(t *testing.T) {
	s, _, _, _ := shiftFixture(t)
	ctx := context.Background()
	until := time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
	if err := s.SetCertificate(ctx, []int64{domain.DefaultBranchID}, 3, 1, until, t0, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCertificate(ctx, []int64{domain.DefaultBranchID}, 3, 1, time.Time{}, t0, true); err != nil {
		t.Fatal(err)
	}
	got := queuedNotices(t, s, domain.NoticeCertificateRecorded)
	if len(got) != 1 || got[0].MemberID != 3 || got[0].ExpiresAt != nil {
		t.Fatalf("told %+v", got)
	}
	if v := values[domain.CertificateValues](t, got[0]); !v.ValidUntil.Equal(until) || v.Name != "" {
		t.Errorf("told %+v", v)
	}
}
