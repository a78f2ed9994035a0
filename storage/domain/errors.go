package domain

import (
	"errors"
	"fmt"
)

// Every domain error, in one list: the outcomes a caller must tell the
// person about (or, for ErrSpec and the Invalid ones, the reason an input is
// refused). The chat maps them to messages (bot/reply.go's userErrors and
// its kin); storage returns them, wrapped, from its transactions.

// Domain errors of activities.
var (
	ErrInvalidActivity = errors.New("invalid activity")
	ErrNotASlot        = errors.New("the schedule has no meeting at that time")
	ErrInPast          = errors.New("that time has passed")
)

// Domain errors of events.
var (
	ErrInvalidEvent = errors.New("invalid event")
	ErrEventGone    = errors.New("the event is cancelled")
	ErrNotInvited   = errors.New("not invited to the event")
	ErrFull         = errors.New("the event has no room for that household")
)

// ErrCount is a tap the head count cannot take; the two below say which.
var ErrCount = errors.New("the head count cannot take that")

// The head count's refusals (both are ErrCount).
var (
	ErrFirstNeedsPerson = fmt.Errorf("%w: first-timers beyond the people counted", ErrCount)
	ErrNothingToUndo    = fmt.Errorf("%w: nothing to undo", ErrCount)
)

// Refusals of the head count.
var (
	ErrCountCancelled = errors.New("the meeting is cancelled")
	ErrCountNotToday  = errors.New("volunteers count on the day of the meeting")
	ErrCountNotHost   = errors.New("only the meeting's hosts count it")
)

// Domain errors of shifts: outcomes the volunteer is told about.
var (
	ErrShiftFull         = errors.New("the shift has no free place")
	ErrNeedsCertificate  = errors.New("the shift needs a valid child protection certificate")
	ErrShiftStarted      = errors.New("the shift has begun")
	ErrNotVolunteer      = errors.New("only volunteers and coordinators take shifts")
	ErrAlreadySignedUp   = errors.New("already signed up for this shift")
	ErrNotSignedUp       = errors.New("not signed up for this shift")
	ErrNoSuchMeeting     = errors.New("the shift has no meeting at that time")
	ErrInvalidShift      = errors.New("invalid shift")
	ErrShiftDroppedOften = errors.New("left this shift meeting too often to take it again")
)

// Domain errors: outcomes a caller must tell the user about.
var (
	ErrNotFound            = errors.New("not found")
	ErrInviteExpired       = errors.New("invite expired")
	ErrInviteUsedUp        = errors.New("invite used up")
	ErrLastCoordinator     = errors.New("the last coordinator cannot lose the role")
	ErrInviteRevoked       = errors.New("invite revoked")
	ErrUnsupportedLanguage = errors.New("unsupported language")
)

// Text errors: outcomes the person writing must hear about.
var (
	ErrTextBlank   = errors.New("text is blank")
	ErrTextTooLong = errors.New("text too long")
)

// Errors the RSVP deadline rules give (AnswerAllowed).
var (
	ErrAnswerDeadline = errors.New("the answer deadline has passed")
	ErrEventStarted   = errors.New("the event has begun")
	ErrOfferLapsed    = errors.New("the offer has lapsed")
	ErrNoOffer        = errors.New("there is no offer to confirm")
)

// ErrSpec is wrapped by every schedule that cannot be understood.
var ErrSpec = errors.New("invalid schedule")

// ErrTooOften is a schedule meeting more often than once an hour (with ErrSpec).
var ErrTooOften = errors.New("meets more often than once an hour")

// ErrNotADate is a date written the right way that does not exist (31.02.2027).
var ErrNotADate = errors.New("no such date")
