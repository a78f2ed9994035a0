package domain

import (
	"errors"
	"time"
)

// Network families (Venner Viser Vej): a Danish person, couple or family
// who befriends a refugee household the municipality refers. What is kept
// serves the matching and no more: nothing about nationality, religion,
// health or origin; the languages spoken, not where they were learnt.

// NetworkLanguages are the languages a referral or a network family can
// name, in the order the chat offers them: the bot's four, then those
// refugees in Denmark most often speak, then "other".
var NetworkLanguages = []string{"da", "ar", "ti", "en", "so", "fa", "ku", "uk", "ru", "other"}

// HelpKinds are what a household would like help with, and what a network
// family likes helping with.
var HelpKinds = []string{"danish", "letters", "job", "school", "town", "bike", "friend"}

// FreeTimes are when people are usually free.
var FreeTimes = []string{"weekday_day", "weekday_evening", "weekend"}

// FamilyKinds say who a network family is: the household's wish ("a
// woman", "a family with children") is matched against it.
var FamilyKinds = []string{"woman", "man", "couple", "family"}

// Wishes a household can make beyond free text.
const (
	WishWoman  = "woman"
	WishFamily = "family"
)

// EndReasons are why a match ended.
var EndReasons = []string{"goal", "moved", "no_time", "not_working", "other"}

// ConsentWays say how the household gave its consent.
var ConsentWays = []string{"form", "in_person", "chat"}

// Network errors.
var (
	ErrInvalidReferral = errors.New("invalid referral")
	ErrInvalidOffer    = errors.New("invalid network family")
	ErrProposalClosed  = errors.New("the proposal is no longer open")
	ErrMatchEnded      = errors.New("the match has ended")
)

// Consent is what the household allowed the Red Cross to pass on to a
// volunteer, and when and how they said so.
type Consent struct {
	FirstName bool      `json:"first_name"`
	Phone     bool      `json:"phone"`
	Address   bool      `json:"address"`
	Date      time.Time `json:"date"`
	How       string    `json:"how"`
}

// Referral is a household the municipality referred, waiting for (or
// matched with) a network family.
type Referral struct {
	ID        int64
	BranchID  int64
	Adults    int
	ChildAges []int
	Languages []string
	Postcode  int
	Town      string
	Help      []string
	Free      []string
	Wish      string // WishWoman, WishFamily or ""
	WishText  string
	Consent   Consent
	// WaitingSince is when the household started waiting: its referral, or
	// kept across a lapsed proposal so that it goes back to the top.
	WaitingSince time.Time
	// Before are the network families (members) it was matched or proposed
	// with before: never suggested again.
	Before []int64
}

// HasChildren reports whether the household has children.
func (r Referral) HasChildren() bool { return len(r.ChildAges) > 0 }

// Check says what is wrong with a referral, if anything.
func (r Referral) Check() error {
	switch {
	case r.Adults < 1 || r.Adults > 10 || len(r.ChildAges) > 12:
		return ErrInvalidReferral
	case len(r.Languages) == 0 || !allIn(r.Languages, NetworkLanguages):
		return ErrInvalidReferral
	case !ValidPostcode(r.Postcode):
		return ErrInvalidReferral
	case !allIn(r.Help, HelpKinds) || !allIn(r.Free, FreeTimes):
		return ErrInvalidReferral
	case r.Wish != "" && r.Wish != WishWoman && r.Wish != WishFamily:
		return ErrInvalidReferral
	case len([]rune(r.WishText)) > 200:
		return ErrInvalidReferral
	}
	for _, age := range r.ChildAges {
		if age < 0 || age > 17 {
			return ErrInvalidReferral
		}
	}
	return nil
}

// ValidPostcode reports whether p is a Danish postcode (1000-9990).
func ValidPostcode(p int) bool { return p >= 1000 && p <= 9990 }

// Offer is a volunteer's offer to be a network family.
type Offer struct {
	MemberID  int64
	BranchID  int64
	Kind      string // one of FamilyKinds
	Languages []string
	Postcode  int
	Free      []string
	Help      []string
	Capacity  int // households at once, 1-3
	Active    int // households matched or proposed now
	// PausedUntil: not suggested before it ("not now, until …").
	PausedUntil *time.Time
	Stopped     bool
	// CertValid: the volunteer has a valid child protection certificate
	// (the shifts' record).
	CertValid bool
}

// Check says what is wrong with an offer, if anything.
func (o Offer) Check() error {
	switch {
	case !oneOf(o.Kind, FamilyKinds):
		return ErrInvalidOffer
	case len(o.Languages) == 0 || !allIn(o.Languages, NetworkLanguages):
		return ErrInvalidOffer
	case !ValidPostcode(o.Postcode) || !allIn(o.Free, FreeTimes) || !allIn(o.Help, HelpKinds):
		return ErrInvalidOffer
	case o.Capacity < 1 || o.Capacity > 3:
		return ErrInvalidOffer
	}
	return nil
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func allIn(xs, set []string) bool {
	for _, x := range xs {
		if !oneOf(x, set) {
			return false
		}
	}
	return true
}

func shared(a, b []string) []string {
	var out []string
	for _, x := range a {
		if oneOf(x, b) {
			out = append(out, x)
		}
	}
	return out
}
