package domain

import "time"

// The notices of network families shared by its parts.
var (
	// NoticeNetworkProposal asks a network family whether they would like
	// to meet a referred household (NetworkMatchValues): the card without
	// names or contacts, with ✅ and ❌.
	NoticeNetworkProposal = DeclareNotice("network.proposal", ClassNotice)
)

// The notices of the double opt-in and the match that follows.
var (
	// NoticeNetworkAsk asks the household, linked in the chat, whether they
	// would like to meet the network family (NetworkMatchValues with
	// Volunteer): its first name, languages, town and hello.
	NoticeNetworkAsk = DeclareNotice("network.ask", ClassNotice)
	// NoticeNetworkRecord asks a coordinator to call a household that is
	// not in the chat and record its answer (NetworkMatchValues with
	// Volunteer).
	NoticeNetworkRecord = DeclareNotice("network.record", ClassNotice)
	// NoticeNetworkDeclined tells the coordinator that a side said no
	// (NetworkMatchValues with Side and Reason).
	NoticeNetworkDeclined = DeclareNotice("network.declined", ClassNotice)
	// NoticeNetworkIntro introduces each side to the other once both said
	// yes (NetworkMatchValues with Intro): exactly the details consented to.
	NoticeNetworkIntro = DeclareNotice("network.intro", ClassNotice)
	// NoticeNetworkStarted tells the coordinator that a match is active
	// (NetworkMatchValues with Intro: what each side was given).
	NoticeNetworkStarted = DeclareNotice("network.started", ClassNotice)
	// NoticeNetworkLapsed tells the coordinator that a proposal had no
	// answer in time (NetworkMatchValues with Side: who did not answer).
	NoticeNetworkLapsed = DeclareNotice("network.lapsed", ClassNotice)
	// NoticeNetworkCheckin asks one side of a match whether they met since
	// a date (NetworkMatchValues with Since), with one-tap answers.
	NoticeNetworkCheckin = DeclareNotice("network.checkin", ClassReminder)
	// NoticeNetworkHelp tells the branch's coordinators at once that a side
	// of a match tapped 🆘 (NetworkMatchValues with Side and Name).
	NoticeNetworkHelp = DeclareNotice("network.help", ClassNotice)
	// NoticeNetworkEnded thanks a side of a match that ended, or tells the
	// coordinator (NetworkMatchValues with Side: the recipient's side,
	// "" for a coordinator; Reason; By: the side that ended it). A match
	// ended by withdrawn consent or a forgotten member carries no reason.
	NoticeNetworkEnded = DeclareNotice("network.ended", ClassNotice)
	// NoticeNetworkClosed tells the network family that a proposal they
	// were part of closed without a match (NetworkMatchValues with Side:
	// SideHousehold when the household said no or did not answer after
	// their yes, SideVolunteer when they did not answer themselves).
	NoticeNetworkClosed = DeclareNotice("network.closed", ClassNotice)
	// NoticeNetworkAgain tells the coordinator that a household whose
	// match ended asks for a new one (NetworkMatchValues with Referral).
	NoticeNetworkAgain = DeclareNotice("network.again", ClassNotice)
)

// Why a match ended besides domain.EndReasons: the household withdrew its
// consent, or a side had themselves forgotten.
const (
	EndConsent   = "consent"
	EndForgotten = "forgotten"
)

// Sides of a match.
const (
	SideVolunteer   = "volunteer"
	SideHousehold   = "household"
	SideCoordinator = "coordinator"
)

// NetworkMatchValues names the proposal or match a notice is about, with
// what its message shows, copied when it was decided.
type NetworkMatchValues struct {
	Match int64
	// Referral is the household's referral, for the coordinator's notices.
	Referral int64 `json:",omitempty"`
	// Household is the volunteer's card of the household: no names or contacts.
	Household *HouseholdCard `json:",omitempty"`
	// Volunteer is what the household (or the coordinator who calls it)
	// is told of the network family.
	Volunteer *VolunteerCard `json:",omitempty"`
	// Side is who answered or is addressed (SideVolunteer, SideHousehold).
	Side   string        `json:",omitempty"`
	Reason string        `json:",omitempty"`
	Intro  *Introduction `json:",omitempty"`
	// Reminder: the card again, no answer having come in three days.
	Reminder bool `json:",omitempty"`
	// Since is the date a check-in asks about (the start or the last one).
	Since time.Time `json:",omitempty"`
	// By is the side that ended a match.
	By string `json:",omitempty"`
	// Name is the first name of the network family a coordinator's notice
	// is about.
	Name string `json:",omitempty"`
}

// HouseholdCard is what a network family learns of a household before
// both said yes: its size, languages, area, wishes, never who they are.
type HouseholdCard struct {
	Adults    int
	ChildAges []int    `json:",omitempty"`
	Languages []string `json:",omitempty"`
	Postcode  int
	Town      string   `json:",omitempty"`
	Help      []string `json:",omitempty"`
	Free      []string `json:",omitempty"`
	Wish      string   `json:",omitempty"`
	WishText  string   `json:",omitempty"`
}

// VolunteerCard is what a household learns of a network family before
// both said yes.
type VolunteerCard struct {
	FirstName string
	Kind      string
	Languages []string `json:",omitempty"`
	Postcode  int
	Hello     Texts `json:",omitempty"`
}

// Introduction is what each side is given once both said yes: the network
// family's first name and the way to reach them they chose, always; the
// household's first name, phone and address only as far as it consented.
type Introduction struct {
	Coordinator      string // the first name of the coordinator who co-signs
	VolunteerName    string
	VolunteerContact string `json:",omitempty"`
	HouseholdName    string `json:",omitempty"`
	HouseholdPhone   string `json:",omitempty"`
	HouseholdAddress string `json:",omitempty"`
	Postcode         int
	Town             string `json:",omitempty"`
	Started          time.Time
}
