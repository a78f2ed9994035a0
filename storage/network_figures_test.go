package storage

import (
	"context"
	"testing"
	"time"

	"vejviser/storage/domain"
)

func TestNetworkFigures(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	id := active(t, s) // referral 1: proposed, both yes, active
	if _, err := s.w.Exec(`INSERT INTO referrals (id, branch_id, adults, languages, postcode, consent_date, consent_how, waiting_since, created_at, updated_at)
		VALUES (2, 1, 1, '["ar"]', 2750, ?1, 'form', ?1, ?1, ?1), (3, 1, 1, '["ar"]', 2750, ?2, 'form', ?2, ?2, ?2)`, utc(t0), utc(t0.AddDate(0, 0, 10))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimNetworkNotices(ctx, t0.AddDate(0, 0, 14), 0); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		who    int64
		answer string
	}{{8, domain.CheckinMet}, {20, domain.CheckinNotYet}} {
		if _, err := s.AnswerCheckin(ctx, id, a.who, a.answer, t0.AddDate(0, 0, 14)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.EndMatch(ctx, EndRequest{Match: id, By: 20, Reason: "goal"}, t0.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	now := t0.AddDate(0, 1, 10)
	from, to := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := s.NetworkFigures(ctx, []int64{1}, from, to, now)
	if err != nil {
		t.Fatal(err)
	}
	// Waiting now: referrals 2 and 3 (1 closed when its match ended): 40 and 30 days.
	if f.Referrals != 3 || f.Waiting != 2 || f.MedianWaitDays != 35 || f.Proposed != 1 || f.Accepted != 1 || f.Active != 0 ||
		f.Checkins != 2 || f.Met != 1 || f.MetRate() != 0.5 || len(f.Months) != 2 ||
		f.Months[0].Month != "2026-11" || f.Months[0].Started != 1 || f.Months[1].Ended["goal"] != 1 {
		t.Fatalf("%+v", f)
	}
	if f, err := s.NetworkFigures(ctx, []int64{2}, from, to, now); err != nil || f.Referrals != 0 || f.Proposed != 0 || f.Waiting != 0 {
		t.Fatalf("another branch: %+v %v", f, err)
	}
	if f, err := s.NetworkFigures(ctx, nil, from, to, now); err != nil || f.Referrals != 3 {
		t.Fatalf("every branch: %+v %v", f, err)
	}
}

func TestMedianDays(t *testing.T) {
	now := t0
	days := func(ds ...int) []time.Time {
		var out []time.Time
		for _, d := range ds {
			out = append(out, now.AddDate(0, 0, -d))
		}
		return out
	}
	for _, c := range []struct {
		since []time.Time
		want  float64
	}{{nil, 0}, {days(5), 5}, {days(30, 2, 10), 10}, {days(4, 2, 10, 30), 7}} {
		if got := domain.MedianDays(c.since, now); got != c.want {
			t.Errorf("%v: %v, want %v", c.since, got, c.want)
		}
	}
}
