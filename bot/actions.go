package bot

import "vejviser/bot/chat"

// The actions of the chat's buttons and the shapes of their arguments.
var (
	actBcAudience = chat.NewAction("ba", chat.Word)                   // audience kind
	actBcPick     = chat.NewAction("bp", chat.Word, chat.Code)        // audience kind, ref (activity/event id or language)
	actBcLang     = chat.NewAction("bl", chat.Code, chat.Word)        // draft key, language to write
	actBcPreview  = chat.NewAction("bv", chat.Code)                   // draft key
	actBcSend     = chat.NewAction("bs", chat.Code)                   // draft key
	actBcCancel   = chat.NewAction("bx", chat.Code)                   // draft key
	actBcTexts    = chat.NewAction("bt", chat.Code)                   // draft key: back from the preview to the versions
	actAskReply   = chat.NewAction("ar", chat.ID)                     // item id
	actAskDone    = chat.NewAction("ak", chat.ID)                     // item id
	actAskHistory = chat.NewAction("ah", chat.ID)                     // member id
	actAskMute    = chat.NewAction("au", chat.ID, chat.Bit)           // member id, 1|0
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
