package domain

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// The follow-up of proposals and matches: nobody is left waiting on a
// silent side, and a friendship gets a one-tap question now and then.

// Proposal timing: one reminder after ProposalRemindAfter without an
// answer, and the proposal lapses after ProposalLapseAfter (the household
// goes back to the top of the waiting list, its waiting time kept).
const (
	ProposalRemindAfter = 3 * 24 * time.Hour
	ProposalLapseAfter  = 7 * 24 * time.Hour
)

// DefaultCheckinDays is how often both sides of a match are asked whether
// they met, unless a branch sets "checkin_days".
const DefaultCheckinDays = 14

// DefaultMatchKeepMonths is how long the details of an ended match are
// kept (VEJVISER_MATCH_KEEP_MONTHS); the counts stay.
const DefaultMatchKeepMonths = 12

// Check-in answers.
const (
	CheckinMet    = "met"
	CheckinNotYet = "not_yet"
	CheckinHelp   = "help"
)

// CheckinAnswers are the taps of a check-in, in the order shown.
var CheckinAnswers = []string{CheckinMet, CheckinNotYet, CheckinHelp}

// ProposalStep is what a proposal still open needs at now.
type ProposalStep int

// The steps of an open proposal.
const (
	ProposalWait   ProposalStep = iota // nothing yet
	ProposalRemind                     // one reminder to the side that has not answered
	ProposalLapse                      // no answer in time: it lapses
)

// DecideProposal is the step of a proposal made at proposed, reminded at
// reminded (zero: not yet), at now, and when its next step falls due.
func DecideProposal(proposed, reminded, now time.Time) (ProposalStep, time.Time) {
	lapse := proposed.Add(ProposalLapseAfter)
	switch {
	case !now.Before(lapse):
		return ProposalLapse, time.Time{}
	case reminded.IsZero() && !now.Before(proposed.Add(ProposalRemindAfter)):
		return ProposalRemind, lapse
	case reminded.IsZero():
		return ProposalWait, proposed.Add(ProposalRemindAfter)
	}
	return ProposalWait, lapse
}

// CheckinDue reports whether an active match that started at started and
// was last asked at last (zero: never) is due a check-in at now, every
// days days, and when the next one falls due.
func CheckinDue(started, last time.Time, days int, now time.Time) (bool, time.Time) {
	if days < 1 {
		days = DefaultCheckinDays
	}
	from := started
	if last.After(from) {
		from = last
	}
	next := from.AddDate(0, 0, days)
	if !now.Before(next) {
		return true, now.AddDate(0, 0, days)
	}
	return false, next
}

// CheckinDays is a branch's "checkin_days" setting (SettingCheckinDays)
// from its settings JSON, where `vejviser branch set` writes it as text
// ("21"; a number is read too), DefaultCheckinDays when unset or unusable.
func CheckinDays(settings string) int {
	var s map[string]any
	if json.Unmarshal([]byte(settings), &s) != nil {
		return DefaultCheckinDays
	}
	var days int
	switch v := s[SettingCheckinDays].(type) {
	case float64:
		days = int(v)
	case string:
		days, _ = strconv.Atoi(v)
	}
	if days < 1 || days > 365 {
		return DefaultCheckinDays
	}
	return days
}

// ErrCheckinAnswered is a check-in answered already (or none asked).
var ErrCheckinAnswered = errors.New("the check-in was answered already")
