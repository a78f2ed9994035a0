package chat

import (
	"errors"

	"vejviser/bot/outbox"
	"vejviser/storage/domain"
)

// UserErrors maps the domain errors a member must hear about to the message
// that explains them; every other error is "something went wrong".
var UserErrors = []struct {
	Err error
	Msg string
}{
	{domain.ErrCountCancelled, "CountCancelled"},
	{domain.ErrCountNotToday, "CountOnlyOnTheDay"},
	{domain.ErrCountNotHost, "CountOnlyHosts"},
	{domain.ErrFirstNeedsPerson, "CountFirstNeedsPerson"},
	{domain.ErrNothingToUndo, "CountNothingToUndo"},
	{domain.ErrLastCoordinator, "LastCoordinator"},
	{domain.ErrInviteExpired, "InviteInvalid"},
	{domain.ErrInviteUsedUp, "InviteInvalid"},
	{domain.ErrInviteRevoked, "InviteInvalid"},
	{ErrButtonExpired, "ButtonExpired"},
	{domain.ErrEventGone, "EventCancelledAlert"},
	{domain.ErrNotInvited, "EventNotInvited"},
	{domain.ErrFull, "EventFull"},
	{domain.ErrAnswerDeadline, "EventDeadlinePassed"},
	{domain.ErrEventStarted, "EventStarted"},
	{domain.ErrOfferLapsed, "EventOfferGone"},
	{domain.ErrNoOffer, "EventNothingToConfirm"},
}

// ErrButtonExpired is a button whose context is gone (a deleted member, a finished draft).
var ErrButtonExpired = errors.New("button expired")

// ErrorClass is an error as the log may show it (never a member's text).
func ErrorClass(err error) string { return outbox.ErrorClass(err) }
