package domain

// The notices of the weekly activities (see DeclareNotice); the chat's
// activities feature renders them.
var (
	// NoticeActivityReminder reminds a follower of an activity's meeting,
	// RemindBefore ahead of its start, when the scheduler decides it: the
	// title, when and where, a note when the meeting was moved from its
	// slot, and a button that stops the reminders. It expires when the
	// meeting begins.
	NoticeActivityReminder = DeclareNotice("activities.reminder", ClassReminder)

	// NoticeMeetingChanged tells a follower, and each volunteer on the
	// meeting's shifts, at once that a coordinator cancelled a meeting, moved
	// it or put it on again after all: the title, the dates, the reason
	// given and the place. It expires when the meeting (as it now is) begins.
	NoticeMeetingChanged = DeclareNotice("activities.meeting-changed", ClassNotice)
)

// ActivityReminder is what a reminder shows: the activity and its meeting
// as it now is (moved or not).
type ActivityReminder struct {
	Activity Activity
	Meeting  Occurrence
}

// MeetingChanged is what the notice of a changed meeting shows: the
// activity and the meeting before (Was) and after (Now) the change.
type MeetingChanged struct {
	Activity Activity
	Was, Now Occurrence
}
