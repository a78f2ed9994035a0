package bot

import "vejviser/bot/chat"

// The actions of the chat's buttons and the shapes of their arguments.
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
)
