package domain

import (
	"sort"
	"strconv"
	"time"
)

// MatchReason is one reason in a suggestion's line ("speaks Tigrinya",
// "same town (2750)"): a kind and its value, rendered in the reader's
// language by the chat.
type MatchReason struct {
	Kind  string // ReasonLanguage, ReasonSamePostcode, ReasonNear, ReasonFree, ReasonWish, ReasonHelp, ReasonWaiting
	Value string // a language code, a postcode, a free time, a wish, a help kind, days waited
}

// The kinds of MatchReason.
const (
	ReasonLanguage     = "language"
	ReasonSamePostcode = "same_postcode"
	ReasonNear         = "near"
	ReasonFree         = "free"
	ReasonWish         = "wish"
	ReasonHelp         = "help"
	ReasonWaiting      = "waiting"
)

// Why a network family is not suggested (the coordinator sees it).
const (
	NotLanguage    = "language"    // no language in common, and the household speaks neither Danish nor English
	NotFull        = "full"        // as many households as they said they could take
	NotPaused      = "paused"      // "not now, until …"
	NotStopped     = "stopped"     // no longer a network family
	NotCertificate = "certificate" // the household has children and their certificate is missing or lapsed
	NotBefore      = "before"      // matched or proposed with this household before
)

// Suggestion is a network family suggested for a referral, with its score
// and the reasons that make it up, best first.
type Suggestion struct {
	Offer   Offer
	Score   int
	Reasons []MatchReason
}

// Excluded is a network family left out by a hard constraint, and why.
type Excluded struct {
	Offer Offer
	Why   string
}

// The weights of Suggest's score.
const (
	weightLanguage     = 30 // each language in common ("other" is never in common), at most two counted
	weightSamePostcode = 25 // the same postcode
	weightNear         = 12 // a neighbouring area: the same first two digits
	weightFree         = 10 // each free time in common
	weightWish         = 20 // the household's wish met ("a woman", "a family with children")
	weightHelp         = 8  // each kind of help wanted that the family likes giving
	waitingPerWeek     = 2  // each full week the household has waited, at most waitingWeeksMax
	waitingWeeksMax    = 26
)

// Suggest ranks the network families for a referral, at most n, best
// first, and lists those a hard constraint leaves out.
//
// Hard constraints first: at least one language in common, or the household
// speaks Danish or English (every network family speaks Danish); capacity
// left; not paused (until after now) and not stopped; a valid child
// protection certificate where the household has children; never a family
// the household was matched or proposed with before.
//
// Then the score: 30 per language in common (at most two), 25 for the same
// postcode or 12 for a neighbouring one (same first two digits), 10 per free
// time in common, 20 when the household's wish is met, 8 per kind of help
// wanted and offered, and 2 per full week the household has waited (at most
// 52 points, half a year). Waiting adds the same to every family for one
// household; it is in the score so that /matches, which compares
// households, puts one that has waited long above an easier, newer one
// with the same fit, and no household waits forever behind easier matches.
// Ties go to the family with fewer households now (the load spreads), then
// to the lower member id (the same answer every time).
func Suggest(r Referral, offers []Offer, now time.Time, n int) ([]Suggestion, []Excluded) {
	var out []Suggestion
	var left []Excluded
	for _, o := range offers {
		if why := excludedBy(r, o, now); why != "" {
			left = append(left, Excluded{Offer: o, Why: why})
			continue
		}
		out = append(out, score(r, o, now))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Offer.Active != b.Offer.Active {
			return a.Offer.Active < b.Offer.Active
		}
		return a.Offer.MemberID < b.Offer.MemberID
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, left
}

// excludedBy is the first hard constraint o fails for r ("" for none).
func excludedBy(r Referral, o Offer, now time.Time) string {
	for _, m := range r.Before {
		if m == o.MemberID {
			return NotBefore
		}
	}
	switch {
	case o.Stopped:
		return NotStopped
	case o.PausedUntil != nil && o.PausedUntil.After(now):
		return NotPaused
	case o.Active >= o.Capacity:
		return NotFull
	case r.HasChildren() && !o.CertValid:
		return NotCertificate
	case len(commonLanguages(r.Languages, o.Languages)) == 0 && !oneOf("da", r.Languages) && !oneOf("en", r.Languages):
		return NotLanguage
	}
	return ""
}

func commonLanguages(a, b []string) []string {
	var out []string
	for _, l := range shared(a, b) {
		if l != "other" {
			out = append(out, l)
		}
	}
	return out
}

// score adds up the soft criteria of Suggest, each with its reason.
func score(r Referral, o Offer, now time.Time) Suggestion {
	s := Suggestion{Offer: o}
	add := func(points int, kind, value string) {
		s.Score += points
		s.Reasons = append(s.Reasons, MatchReason{Kind: kind, Value: value})
	}
	for i, l := range commonLanguages(r.Languages, o.Languages) {
		if i < 2 {
			add(weightLanguage, ReasonLanguage, l)
		}
	}
	switch {
	case r.Postcode == o.Postcode:
		add(weightSamePostcode, ReasonSamePostcode, strconv.Itoa(r.Postcode))
	case r.Postcode/100 == o.Postcode/100:
		add(weightNear, ReasonNear, strconv.Itoa(o.Postcode))
	}
	for _, f := range shared(r.Free, o.Free) {
		add(weightFree, ReasonFree, f)
	}
	if r.Wish == WishWoman && o.Kind == "woman" || r.Wish == WishFamily && o.Kind == "family" {
		add(weightWish, ReasonWish, r.Wish)
	}
	for _, h := range shared(r.Help, o.Help) {
		add(weightHelp, ReasonHelp, h)
	}
	if days := int(now.Sub(r.WaitingSince).Hours() / 24); days >= 1 {
		weeks := min(days/7, waitingWeeksMax)
		s.Score += weeks * waitingPerWeek
		s.Reasons = append(s.Reasons, MatchReason{Kind: ReasonWaiting, Value: strconv.Itoa(days)})
	}
	return s
}
