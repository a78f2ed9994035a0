package domain

import "time"

// The notices of events, decided by the scheduler's claim and by answers
// that free seats. Each shows the event as it was when decided.
var (
	// NoticeEventInvitation invites a member to an event (EventValues),
	// with ✅ ❌ ❓ 📅 📍: sent once to each invitee, including members who
	// join before the answer deadline. Queued behind personal notices and
	// ahead of broadcasts.
	NoticeEventInvitation = DeclareNotice("events.invitation", NoticeClass{KindNotice, PriorityReminder})
	// NoticeEventOffer tells a waiting household that seats freed up are
	// theirs if they confirm by the offer's end (EventOfferValues).
	NoticeEventOffer = DeclareNotice("events.offer", ClassNotice)
	// NoticeEventOfferLapsed tells a household its offer ran out unconfirmed
	// and the seats passed on (EventValues).
	NoticeEventOfferLapsed = DeclareNotice("events.offer_lapsed", ClassNotice)
	// NoticeEventChanged tells those coming, waiting or offered seats that
	// the event has a new time or place, or is cancelled (EventValues):
	// once per version of the event.
	NoticeEventChanged = DeclareNotice("events.changed", ClassNotice)
	// NoticeEventStillComing asks a household coming, the event's AskDays
	// before it, whether it still is (EventHouseholdValues).
	NoticeEventStillComing = DeclareNotice("events.still_coming", ClassNotice)
	// NoticeEventReminder reminds a household coming of the event the day
	// before (EventHouseholdValues).
	NoticeEventReminder = DeclareNotice("events.reminder", ClassReminder)
	// NoticeEventNudge reminds a household that has not answered the
	// invitation yet, when a coordinator presses 🔔 (EventValues): at most
	// once a day per event, before the answer deadline.
	NoticeEventNudge = DeclareNotice("events.nudge", ClassNotice)
)

// EventValues is what an event's notice shows: the event (its title, time,
// place and note, whether it is cancelled).
type EventValues struct {
	Event Event
	// Branch names the event's branch, per language, for a member of
	// several branches (the notice says which one asks); empty otherwise.
	Branch Texts `json:",omitempty"`
}

// EventHouseholdValues is the event and the household's size as answered.
type EventHouseholdValues struct {
	Event            Event
	Adults, Children int
	// Branch names the event's branch, per language, for a member of
	// several branches (the notice says which one asks); empty otherwise.
	Branch Texts `json:",omitempty"`
}

// EventOfferValues is the event, the size of the household offered seats,
// and when the offer ends.
type EventOfferValues struct {
	Event            Event
	Adults, Children int
	Until            time.Time
	// Branch names the event's branch, per language, for a member of
	// several branches (the notice says which one asks); empty otherwise.
	Branch Texts `json:",omitempty"`
}
