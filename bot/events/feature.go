package events

import (
	"context"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// Feature is the events part of the chat. It holds nothing of its own:
// every event's state is in the store.
type Feature struct {
	*chat.Env
}

// New builds the events feature on the shared environment.
func New(env *chat.Env) *Feature { return &Feature{Env: env} }

// The actions of the events' buttons and the shapes of their arguments.
// The codes are stored in members' chats with every button sent, so they
// never change.
var (
	actEvList     = chat.NewAction("el")                              // -
	actEvShow     = chat.NewAction("ev", chat.ID)                     // event id
	actEvAnswer   = chat.NewAction("ey", chat.ID, chat.Word)          // event id, yes|no|maybe|keep
	actEvAdults   = chat.NewAction("ed", chat.ID, chat.ID)            // event id, page (1: 6 and more)
	actEvChildren = chat.NewAction("ec", chat.ID, chat.ID, chat.ID)   // event id, adults, page
	actEvHeads    = chat.NewAction("eh", chat.ID, chat.ID, chat.ID)   // event id, adults, children
	actEvICS      = chat.NewAction("ei", chat.ID)                     // event id
	actEvOpen     = chat.NewAction("eo", chat.ID)                     // event id
	actEvNames    = chat.NewAction("en", chat.ID)                     // event id
	actEvCheckIn  = chat.NewAction("ek", chat.ID, chat.ID, chat.Word) // event id, invitation id, list|in|out
	actEvWalkIn   = chat.NewAction("ew", chat.ID, chat.Word)          // event id, adult|child|first|undo
	actEvCancel   = chat.NewAction("ex", chat.ID, chat.Word)          // event id, ask|yes
	actEvRecord   = chat.NewAction("er", chat.ID)                     // event id
	actEvFlow     = chat.NewAction("ef", chat.Word, chat.Code)        // step op, value
	actEvEdit     = chat.NewAction("eu", chat.ID)                     // event id
	actEvNudge    = chat.NewAction("ez", chat.ID)                     // event id
)

// Routes are the events' commands, buttons and step-by-step chats.
func (f *Feature) Routes() chat.Routes {
	own := chat.Routes{
		Commands: map[string]chat.Route{
			"events":   chat.Member(f.cmdEvents),
			"newevent": chat.Coordinator(f.cmdNewEvent),
			"report":   chat.Coordinator(f.cmdReport),
		},
		Buttons: map[chat.Action]chat.Route{
			// The household's side.
			actEvList:     chat.Member(f.onEventList),
			actEvShow:     chat.Member(f.onEventShow),
			actEvAnswer:   chat.Member(f.onEventAnswer),
			actEvAdults:   chat.Member(f.onEventAdults),
			actEvChildren: chat.Member(f.onEventChildren),
			actEvHeads:    chat.Member(f.onEventHeads),
			actEvICS:      chat.Member(f.onEventICS),
			// The coordinators' desk.
			actEvOpen:      chat.Coordinator(f.onEventOpen),
			actEvNames:     chat.Coordinator(f.onEventNames),
			actEvCheckIn:   chat.Coordinator(f.onEventCheckIn),
			actEvWalkIn:    chat.Coordinator(f.onEventWalkIn),
			actEvCancel:    chat.Coordinator(f.onEventCancel),
			actEvRecord:    chat.Coordinator(f.onEventRecord),
			actEvFlow:      chat.Coordinator(f.onEventFlow),
			actEvEdit:      chat.Coordinator(f.onEventEdit),
			actEvHousehold: chat.Coordinator(f.onEventHousehold),
			actEvNudge:     chat.Coordinator(f.onEventNudge),
		},
	}
	return chat.Merge(own, eventFlow.Routes(domain.RoleCoordinator), recordFlow.Routes(domain.RoleCoordinator))
}

// ClaimNotices is the scheduler's job for events: invitations, change
// notices, "still coming?", reminders and lapsed offers, queued as notices
// (see Notices) rendered in their member's language when they leave.
func (f *Feature) ClaimNotices(ctx context.Context, now time.Time) (domain.ClaimResult, error) {
	return f.Store.ClaimEventNotices(ctx, f.Loc(), now)
}
