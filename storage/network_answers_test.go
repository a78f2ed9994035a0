package storage

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"vejviser/storage/domain"
)

// proposed is a proposal of referral 1 to volunteer 8 by coordinator 3,
// the household's contact person 20 linked when linked is set.
func proposed(t *testing.T, s *Store, linked bool) int64 {
	t.Helper()
	insertReferralAndOffer(t, s)
	register(t, s, 3, "da", domain.RoleCoordinator)
	if _, err := s.w.Exec(`UPDATE referrals SET consent_name = 1, contact_name = 'Semhar', consent_phone = 1, contact_phone = '+45 11 22 33 44' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`UPDATE network_offers SET contact = 'lars@example.org' WHERE member_id = 8`); err != nil {
		t.Fatal(err)
	}
	if linked {
		register(t, s, 20, "ti", domain.RoleParticipant)
		if _, err := s.w.Exec(`UPDATE referrals SET member_id = 20 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
	}
	id, err := s.ProposeMatch(context.Background(), 1, 1, 8, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// networkNotices are the notice kinds queued for member, oldest first, with the
// values of the last.
func networkNotices(t *testing.T, s *Store, member int64) ([]string, domain.NetworkMatchValues) {
	t.Helper()
	var rows []struct {
		Notice string `db:"notice"`
		Values string `db:"notice_values"`
	}
	if err := s.r.Select(&rows, `SELECT notice, notice_values FROM outbox WHERE member_id = ? ORDER BY id`, member); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	var v domain.NetworkMatchValues
	for _, r := range rows {
		kinds = append(kinds, r.Notice)
		v = domain.NetworkMatchValues{}
		if err := json.Unmarshal([]byte(r.Values), &v); err != nil {
			t.Fatal(err)
		}
	}
	return kinds, v
}

func TestProposalCardHasNoNames(t *testing.T) {
	s := open(t)
	proposed(t, s, false)
	_, v := networkNotices(t, s, 8)
	if v.Household == nil || v.Household.Adults != 2 || v.Household.Postcode != 2750 || v.Intro != nil {
		t.Fatalf("the volunteer's card: %+v", v)
	}
}

func TestBothYesIntroducesWithWhatWasConsented(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := proposed(t, s, true)
	if _, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideHousehold, By: 20, Yes: true}, t0); !errors.Is(err, domain.ErrProposalClosed) {
		t.Fatalf("the household before the volunteer: %v", err)
	}
	if st, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideVolunteer, By: 8, Yes: true}, t0); err != nil || st != "proposed" {
		t.Fatal(st, err)
	}
	kinds, v := networkNotices(t, s, 20)
	if len(kinds) != 1 || kinds[0] != domain.NoticeNetworkAsk || v.Volunteer == nil || v.Volunteer.FirstName != "M" || v.Volunteer.Hello["da"] != "Hej" {
		t.Fatalf("the household's question: %v %+v", kinds, v)
	}
	if st, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideHousehold, By: 20, Yes: true}, t0); err != nil || st != "active" {
		t.Fatal(st, err)
	}
	for _, who := range []int64{8, 20} {
		kinds, v := networkNotices(t, s, who)
		in := v.Intro
		if kinds[len(kinds)-1] != domain.NoticeNetworkIntro || in == nil || in.Coordinator != "M" || in.VolunteerContact != "lars@example.org" ||
			in.HouseholdName != "Semhar" || in.HouseholdPhone == "" || in.HouseholdAddress != "" {
			t.Fatalf("introduction to %d: %v %+v", who, kinds, in)
		}
	}
	if kinds, _ := networkNotices(t, s, 3); len(kinds) != 1 || kinds[0] != domain.NoticeNetworkStarted {
		t.Fatalf("the coordinator: %v", kinds)
	}
	var state string
	var n int
	if err := s.r.Get(&state, `SELECT state FROM network_matches WHERE id = ? AND started_at IS NOT NULL`, id); err != nil || state != "active" {
		t.Fatal(state, err)
	}
	if err := s.r.Get(&n, `SELECT sum(n) FROM network_tally WHERE what IN ('accepted', 'started')`); err != nil || n != 2 {
		t.Fatal(n, err)
	}
}

func TestAnswersOfOthersChangeNothing(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := proposed(t, s, false)
	register(t, s, 9, "da", domain.RoleVolunteer)
	for _, a := range []ProposalAnswer{
		{Match: id, Side: domain.SideVolunteer, By: 9, Yes: true},
		{Match: id, Side: domain.SideHousehold, By: 9, Yes: true},
		{Match: id, Side: domain.SideCoordinator, By: 3, Branches: []int64{2}, Yes: true},
	} {
		if _, err := s.AnswerProposal(ctx, a, t0); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("%+v: %v", a, err)
		}
	}
	if _, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideVolunteer, By: 8, Yes: true}, t0); err != nil {
		t.Fatal(err)
	}
	if kinds, v := networkNotices(t, s, 3); len(kinds) != 1 || kinds[0] != domain.NoticeNetworkRecord || v.Volunteer == nil {
		t.Fatalf("the coordinator records the answer: %v", kinds)
	}
	if st, err := s.AnswerProposal(ctx, ProposalAnswer{Match: id, Side: domain.SideCoordinator, By: 3, Branches: []int64{1}, Reason: "no time"}, t0); err != nil || st != "declined" {
		t.Fatal(st, err)
	}
	var rec int64
	if err := s.r.Get(&rec, `SELECT household_recorded_by FROM network_matches WHERE id = ? AND state = 'declined' AND decline_reason = 'no time'`, id); err != nil || rec != 3 {
		t.Fatal(rec, err)
	}
	if kinds, v := networkNotices(t, s, 3); kinds[len(kinds)-1] != domain.NoticeNetworkDeclined || v.Side != domain.SideHousehold {
		t.Fatalf("the coordinator told: %v %+v", kinds, v)
	}
	if kinds, v := networkNotices(t, s, 8); kinds[len(kinds)-1] != domain.NoticeNetworkClosed || v.Side != domain.SideHousehold {
		t.Fatalf("the volunteer who said yes told: %v %+v", kinds, v)
	}
}
