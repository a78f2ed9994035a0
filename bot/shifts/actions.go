package shifts

import "vejviser/bot/chat"

// The actions of the shift buttons and the shapes of their arguments. The
// codes are those of buttons already in members' chats: they must not change.
var (
	actShiftList        = chat.NewAction("sl")                            // -
	actShiftSignUp      = chat.NewAction("ss", chat.ID, chat.ID)          // shift id, slot (unix seconds)
	actShiftCover       = chat.NewAction("sc", chat.ID, chat.ID)          // shift id, slot: a cover offer or staffing alert
	actShiftMine        = chat.NewAction("sm")                            // -
	actShiftWithdraw    = chat.NewAction("sw", chat.ID, chat.ID)          // shift id, slot
	actShiftWithdrawYes = chat.NewAction("sy", chat.ID, chat.ID)          // shift id, slot: confirmed inside the late window
	actShiftCalendar    = chat.NewAction("sk")                            // -
	actProfileLang      = chat.NewAction("pl", chat.Word)                 // language
	actStaffing         = chat.NewAction("so")                            // -
	actStaffSlot        = chat.NewAction("sv", chat.ID, chat.ID)          // shift id, slot
	actStaffPick        = chat.NewAction("sp", chat.ID, chat.ID)          // shift id, slot
	actStaffAdd         = chat.NewAction("sa", chat.ID, chat.ID, chat.ID) // shift id, slot, member id
	actStaffRemove      = chat.NewAction("sr", chat.ID, chat.ID, chat.ID) // shift id, slot, member id
	actVolList          = chat.NewAction("vl")                            // -
	actVolCard          = chat.NewAction("vc", chat.ID)                   // member id
	actVolCert          = chat.NewAction("vt", chat.ID)                   // member id
	actShiftFlow        = chat.NewAction("sf", chat.Word, chat.Code)      // step op, value
	actShiftEdit        = chat.NewAction("se", chat.ID)                   // shift id
)
