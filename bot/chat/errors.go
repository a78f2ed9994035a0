package chat

import (
	"errors"

	"vejviser/bot/outbox"
	"vejviser/bot/rsvp"
	"vejviser/storage"
)

// UserErrors maps the domain errors a member must hear about to the message
// that explains them; every other error is "something went wrong".
var UserErrors = []struct {
	Err error
	Msg string
}{
	{storage.ErrCountCancelled, "CountCancelled"},
	{storage.ErrCountNotToday, "CountOnlyOnTheDay"},
	{storage.ErrCountNotHost, "CountOnlyHosts"},
	{storage.ErrFirstNeedsPerson, "CountFirstNeedsPerson"},
	{storage.ErrNothingToUndo, "CountNothingToUndo"},
	{storage.ErrLastCoordinator, "LastCoordinator"},
	{storage.ErrInviteExpired, "InviteInvalid"},
	{storage.ErrInviteUsedUp, "InviteInvalid"},
	{storage.ErrInviteRevoked, "InviteInvalid"},
	{ErrButtonExpired, "ButtonExpired"},
	{storage.ErrEventGone, "EventCancelledAlert"},
	{storage.ErrNotInvited, "EventNotInvited"},
	{storage.ErrFull, "EventFull"},
	{rsvp.ErrDeadline, "EventDeadlinePassed"},
	{rsvp.ErrStarted, "EventStarted"},
	{rsvp.ErrLapsed, "EventOfferGone"},
	{rsvp.ErrNoOffer, "EventNothingToConfirm"},
}

// ErrButtonExpired is a button whose context is gone (a deleted member, a finished draft).
var ErrButtonExpired = errors.New("button expired")

// ErrorClass is an error as the log may show it (never a member's text).
func ErrorClass(err error) string { return outbox.ErrorClass(err) }
