package bot

import "vejviser/bot/chat"

// The actions of the chat's buttons and the shapes of their arguments.
var (
	actLang            = chat.NewAction("l", chat.Word)                       // lang
	actConsent         = chat.NewAction("c", chat.Word, chat.Word, chat.Code) // lang, y|n, invite code or "-"
	actMyData          = chat.NewAction("d")                                  // -
	actForget          = chat.NewAction("f", chat.Word)                       // ask|yes|no
	actInvite          = chat.NewAction("i", chat.Word)                       // invite kind
	actMembers         = chat.NewAction("ml", chat.ID)                        // page
	actMember          = chat.NewAction("mc", chat.ID, chat.ID)               // member id, page
	actSetRole         = chat.NewAction("mr", chat.ID, chat.Word, chat.ID)    // member id, role letter, page
	actBcAudience      = chat.NewAction("ba", chat.Word)                      // audience kind
	actBcPick          = chat.NewAction("bp", chat.Word, chat.Code)           // audience kind, ref (activity/event id or language)
	actBcLang          = chat.NewAction("bl", chat.Code, chat.Word)           // draft key, language to write
	actBcPreview       = chat.NewAction("bv", chat.Code)                      // draft key
	actBcSend          = chat.NewAction("bs", chat.Code)                      // draft key
	actBcCancel        = chat.NewAction("bx", chat.Code)                      // draft key
	actBcTexts         = chat.NewAction("bt", chat.Code)                      // draft key: back from the preview to the versions
	actActFollow       = chat.NewAction("af", chat.ID, chat.Word)             // activity id, on|off|stop
	actActList         = chat.NewAction("al")                                 // -
	actActOpen         = chat.NewAction("ao", chat.ID)                        // activity id
	actActDates        = chat.NewAction("ad", chat.ID)                        // activity id
	actActEdit         = chat.NewAction("ae", chat.ID)                        // activity id
	actActArchive      = chat.NewAction("ax", chat.ID, chat.Word)             // activity id, ask|yes
	actActFlow         = chat.NewAction("an", chat.Word, chat.Code)           // step op, value
	actMeeting         = chat.NewAction("am", chat.ID, chat.ID)               // activity id, slot (unix seconds)
	actMeetingOp       = chat.NewAction("mo", chat.ID, chat.ID, chat.Word)    // activity id, slot, cancel|move|restore
	actMeetingNoReason = chat.NewAction("mn")                                 // -
	actHeadCount       = chat.NewAction("hc", chat.ID, chat.ID, chat.Word)    // activity id, slot, open|adult|child|first|undo|done
	actRevoke          = chat.NewAction("ir", chat.Code)                      // invite code
	actAskReply        = chat.NewAction("ar", chat.ID)                        // item id
	actAskDone         = chat.NewAction("ak", chat.ID)                        // item id
	actAskHistory      = chat.NewAction("ah", chat.ID)                        // member id
	actAskMute         = chat.NewAction("au", chat.ID, chat.Bit)              // member id, 1|0
	actShiftList       = chat.NewAction("sl")                                 // -
	actShiftSignUp     = chat.NewAction("ss", chat.ID, chat.ID)               // shift id, slot (unix seconds)
	actShiftCover      = chat.NewAction("sc", chat.ID, chat.ID)               // shift id, slot: a cover offer or staffing alert
	actShiftMine       = chat.NewAction("sm")                                 // -
	actShiftWithdraw   = chat.NewAction("sw", chat.ID, chat.ID)               // shift id, slot
	actShiftCalendar   = chat.NewAction("sk")                                 // -
	actProfileLang     = chat.NewAction("pl", chat.Word)                      // language
	actStaffing        = chat.NewAction("so")                                 // -
	actStaffSlot       = chat.NewAction("sv", chat.ID, chat.ID)               // shift id, slot
	actStaffPick       = chat.NewAction("sp", chat.ID, chat.ID)               // shift id, slot
	actStaffAdd        = chat.NewAction("sa", chat.ID, chat.ID, chat.ID)      // shift id, slot, member id
	actStaffRemove     = chat.NewAction("sr", chat.ID, chat.ID, chat.ID)      // shift id, slot, member id
	actVolList         = chat.NewAction("vl")                                 // -
	actVolCard         = chat.NewAction("vc", chat.ID)                        // member id
	actVolCert         = chat.NewAction("vt", chat.ID)                        // member id
	actShiftFlow       = chat.NewAction("sf", chat.Word, chat.Code)           // step op, value
	actShiftEdit       = chat.NewAction("se", chat.ID)                        // shift id
)
