package domain

import (
	"reflect"
	"testing"
	"time"
)

var matchNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// fam is a network family that passes every hard constraint of ref below
// and shares nothing else with it.
func fam(id int64) Offer {
	return Offer{MemberID: id, Kind: "man", Languages: []string{"da"}, Postcode: 8000, Capacity: 1, CertValid: true}
}

func TestSuggestHardConstraints(t *testing.T) {
	paused := matchNow.Add(24 * time.Hour)
	pausedBefore := matchNow.Add(-time.Hour)
	ti := Referral{Adults: 2, ChildAges: []int{4}, Languages: []string{"ti"}, Postcode: 2750, WaitingSince: matchNow}
	for _, c := range []struct {
		name  string
		ref   Referral
		offer func(Offer) Offer
		why   string
	}{
		{"shares a language", ti, func(o Offer) Offer { o.Languages = []string{"da", "ti"}; return o }, ""},
		{"no language in common", ti, func(o Offer) Offer { return o }, NotLanguage},
		{"'other' is never in common", Referral{Adults: 1, Languages: []string{"other"}, Postcode: 2750}, func(o Offer) Offer { o.Languages = []string{"da", "other"}; return o }, NotLanguage},
		{"household speaks Danish", Referral{Adults: 1, Languages: []string{"ar", "da"}, Postcode: 2750}, func(o Offer) Offer { return o }, ""},
		{"household speaks English", Referral{Adults: 1, Languages: []string{"en"}, Postcode: 2750}, func(o Offer) Offer { return o }, ""},
		{"full", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.Active = 1; return o }, NotFull},
		{"room for one more", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.Capacity, o.Active = 3, 2; return o }, ""},
		{"paused until tomorrow", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.PausedUntil = &paused; return o }, NotPaused},
		{"pause over", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.PausedUntil = &pausedBefore; return o }, ""},
		{"stopped", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.Stopped = true; return o }, NotStopped},
		{"children and no certificate", ti, func(o Offer) Offer { o.Languages = []string{"ti"}; o.CertValid = false; return o }, NotCertificate},
		{"no children, no certificate needed", Referral{Adults: 1, Languages: []string{"ti"}, Postcode: 2750}, func(o Offer) Offer { o.Languages = []string{"ti"}; o.CertValid = false; return o }, ""},
		{"matched before", Referral{Adults: 1, Languages: []string{"da"}, Postcode: 2750, Before: []int64{9}}, func(o Offer) Offer { return o }, NotBefore},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, left := Suggest(c.ref, []Offer{c.offer(fam(9))}, matchNow, 3)
			switch {
			case c.why == "" && (len(got) != 1 || len(left) != 0):
				t.Fatalf("want suggested, got %v, left out %v", got, left)
			case c.why != "" && (len(got) != 0 || len(left) != 1 || left[0].Why != c.why):
				t.Fatalf("want left out for %q, got %v, left out %v", c.why, got, left)
			}
		})
	}
}

func TestSuggestScoreAndReasons(t *testing.T) {
	ref := Referral{Adults: 2, ChildAges: []int{6, 9}, Languages: []string{"ti", "ar", "en"}, Postcode: 2750,
		Help: []string{"danish", "school"}, Free: []string{"weekday_evening", "weekend"}, Wish: WishFamily,
		WaitingSince: matchNow.Add(-34 * 24 * time.Hour)}
	best := Offer{MemberID: 5, Kind: "family", Languages: []string{"da", "ti", "en", "ar"}, Postcode: 2750,
		Free: []string{"weekday_evening"}, Help: []string{"school", "bike"}, Capacity: 2, CertValid: true}
	got, _ := Suggest(ref, []Offer{best}, matchNow, 3)
	want := []MatchReason{
		{ReasonLanguage, "ti"}, {ReasonLanguage, "ar"}, // only two languages count, in the household's order
		{ReasonSamePostcode, "2750"},
		{ReasonFree, "weekday_evening"},
		{ReasonWish, WishFamily},
		{ReasonHelp, "school"},
		{ReasonWaiting, "34"},
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0].Reasons, want) {
		t.Fatalf("reasons %v, want %v", got, want)
	}
	if wantScore := 2*30 + 25 + 10 + 20 + 8 + 4*2; got[0].Score != wantScore {
		t.Fatalf("score %d, want %d", got[0].Score, wantScore)
	}
}

func TestSuggestOrder(t *testing.T) {
	ref := Referral{Adults: 1, Languages: []string{"ar"}, Postcode: 2750, WaitingSince: matchNow}
	speaker := func(id int64, postcode, active int) Offer {
		o := fam(id)
		o.Languages, o.Postcode, o.Capacity, o.Active = []string{"da", "ar"}, postcode, 3, active
		return o
	}
	t.Run("same postcode before a neighbour before far away", func(t *testing.T) {
		got, _ := Suggest(ref, []Offer{speaker(1, 8000, 0), speaker(2, 2740, 0), speaker(3, 2750, 0)}, matchNow, 3)
		if ids := memberIDs(got); !reflect.DeepEqual(ids, []int64{3, 2, 1}) {
			t.Fatalf("order %v", ids)
		}
	})
	t.Run("ties: fewer households first, then the lower id", func(t *testing.T) {
		got, _ := Suggest(ref, []Offer{speaker(7, 2750, 1), speaker(6, 2750, 1), speaker(8, 2750, 0)}, matchNow, 3)
		if ids := memberIDs(got); !reflect.DeepEqual(ids, []int64{8, 6, 7}) {
			t.Fatalf("order %v", ids)
		}
	})
	t.Run("at most n", func(t *testing.T) {
		var offers []Offer
		for i := int64(1); i <= 10; i++ {
			offers = append(offers, speaker(i, 2750, 0))
		}
		if got, _ := Suggest(ref, offers, matchNow, 3); len(got) != 3 {
			t.Fatalf("%d suggestions", len(got))
		}
	})
	t.Run("waiting raises the score, capped at half a year", func(t *testing.T) {
		score := func(days int) int {
			r := ref
			r.WaitingSince = matchNow.Add(-time.Duration(days) * 24 * time.Hour)
			got, _ := Suggest(r, []Offer{speaker(1, 2750, 0)}, matchNow, 1)
			return got[0].Score
		}
		if !(score(0) < score(14) && score(14) < score(180) && score(182) == score(400)) {
			t.Fatalf("scores by days waited: 0→%d 14→%d 180→%d 182→%d 400→%d", score(0), score(14), score(180), score(182), score(400))
		}
	})
}

func memberIDs(s []Suggestion) []int64 {
	var ids []int64
	for _, x := range s {
		ids = append(ids, x.Offer.MemberID)
	}
	return ids
}

func TestReferralAndOfferChecks(t *testing.T) {
	ok := Referral{Adults: 2, ChildAges: []int{3}, Languages: []string{"ti"}, Postcode: 2750, Help: []string{"bike"}, Free: []string{"weekend"}}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*Referral){
		"no adult":          func(r *Referral) { r.Adults = 0 },
		"no language":       func(r *Referral) { r.Languages = nil },
		"unknown language":  func(r *Referral) { r.Languages = []string{"xx"} },
		"postcode too low":  func(r *Referral) { r.Postcode = 999 },
		"postcode too high": func(r *Referral) { r.Postcode = 9991 },
		"unknown help":      func(r *Referral) { r.Help = []string{"money"} },
		"unknown free time": func(r *Referral) { r.Free = []string{"night"} },
		"child of 18":       func(r *Referral) { r.ChildAges = []int{18} },
		"wish too long":     func(r *Referral) { r.WishText = string(make([]rune, 201)) },
		"unknown wish":      func(r *Referral) { r.Wish = "rich" },
	} {
		r := ok
		change(&r)
		if r.Check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	o := Offer{Kind: "couple", Languages: []string{"da"}, Postcode: 2750, Capacity: 1}
	if err := o.Check(); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(*Offer){
		"capacity 0":   func(o *Offer) { o.Capacity = 0 },
		"capacity 4":   func(o *Offer) { o.Capacity = 4 },
		"unknown kind": func(o *Offer) { o.Kind = "club" },
		"no language":  func(o *Offer) { o.Languages = nil },
	} {
		x := o
		change(&x)
		if x.Check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// BenchmarkSuggest1000 ranks 1,000 network families for one referral (the
// rule alone; the storage benchmark adds reading them).
func BenchmarkSuggest1000(b *testing.B) {
	ref := Referral{Adults: 2, ChildAges: []int{5}, Languages: []string{"ti", "en"}, Postcode: 2750,
		Help: []string{"danish", "school"}, Free: []string{"weekend"}, Wish: WishFamily, WaitingSince: matchNow.Add(-40 * 24 * time.Hour)}
	offers := make([]Offer, 1000)
	for i := range offers {
		offers[i] = Offer{MemberID: int64(i + 1), Kind: FamilyKinds[i%4], Languages: [][]string{{"da"}, {"da", "ti"}, {"da", "en", "ar"}}[i%3],
			Postcode: 2600 + i%300, Free: FreeTimes[i%3 : i%3+1], Help: HelpKinds[i%7 : i%7+1], Capacity: 1 + i%3, Active: i % 2, CertValid: i%5 != 0}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Suggest(ref, offers, matchNow, 3)
	}
}
