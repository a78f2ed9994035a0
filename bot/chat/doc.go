// Package chat is the kernel every feature of the chat stands on: the
// request being handled and the reply it builds (a value, so a handler is
// tested without Telegram), the routes and the one index they are merged
// into, the typed callback payloads each feature owns, the middleware that
// loads the member and authorizes every command, button and typed text on
// the server, and the one step-by-step engine (Flow) that every multi-step
// chat uses.
//
// The data path reads top to bottom: an update enters Router.Handle
// (recover, deadline, member and localizer loaded), the index finds the
// route, the route's role is checked, the feature's handler calls one
// storage method (which writes the messages it causes to the outbox in the
// same transaction) and adds its direct answer to the Reply. Messages the
// bot starts are left to the outbox sender.
//
// Features (bot/events, bot/activities, bot/shifts, bot/broadcast,
// bot/askus, bot/people) import chat; chat imports none of them.
package chat
