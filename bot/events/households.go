package events

import (
	"strconv"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Households without Telegram, corrected or removed from the names list:
// a coordinator recorded them by hand, so only a coordinator can change
// them. Seats they free are offered at once to those waiting.

// actEvHousehold is a recorded household's buttons: event id, invitation
// id, open|edit|remove|yes.
var actEvHousehold = chat.NewAction("eb", chat.ID, chat.ID, chat.Word)

// householdRows are the ✏️ buttons of the households recorded by hand.
func householdRows(is []domain.Invitation, eventID string) chat.Keyboard {
	var k chat.Keyboard
	for _, inv := range is {
		if inv.Recorded() && inv.Answer == string(domain.AnswerYes) && len(k) < maxCheckInRows {
			k = append(k, chat.Row(chat.Btn("✏️ "+inv.DisplayName, actEvHousehold, eventID, strconv.FormatInt(inv.ID, 10), "open")))
		}
	}
	return k
}

// onEventHousehold shows, starts correcting or removes a household
// recorded by hand: "1:eb:<event id>:<invitation id>:open|edit|remove|yes".
func (f *Feature) onEventHousehold(r *chat.Request) {
	e, ok := f.event(r, r.Args[0])
	if !ok {
		return
	}
	inv, ok := f.recorded(r, e.ID, eventIDArg(r.Args[1]))
	if !ok {
		return
	}
	L, id, hid := r.L, r.Args[0], r.Args[1]
	name := locales.Data{"Name": inv.DisplayName}
	back := chat.Row(chat.Btn(L.T("BtnBack", nil), actEvNames, id))
	switch r.Args[2] {
	case "open":
		d := heads(inv)
		d["Name"] = inv.DisplayName
		r.Toast("")
		r.Show(L.T("EventNameLine", d)+" "+L.T("EventRecordedMark", nil),
			chat.Row(chat.Btn(L.T("BtnHouseholdChange", nil), actEvHousehold, id, hid, "edit"),
				chat.Btn(L.T("BtnHouseholdRemove", nil), actEvHousehold, id, hid, "remove")), back)
	case "edit":
		if !recordFlow.Save(r, recordDraft{EventID: e.ID, Household: inv.ID, Name: inv.DisplayName}) {
			return
		}
		r.Toast("")
		r.Show(L.T("EventHouseholdEditAsk", name), chat.CancelRow(L))
	case "remove":
		r.Toast("")
		r.Show(L.T("EventHouseholdRemoveAsk", name), chat.Row(chat.Btn(L.T("BtnHouseholdRemoveYes", nil), actEvHousehold, id, hid, "yes")), back)
	case "yes":
		n, err := f.Store.RemoveRecorded(r.Ctx, coordinated(r), e.ID, inv.ID, f.Now())
		if r.Failed(err, "ButtonExpired") {
			return
		}
		if n > 0 {
			f.Wake()
		}
		r.Toast("")
		r.Show(L.T("EventHouseholdRemoved", name), back)
	default:
		r.Deny(L.T("ButtonExpired", nil))
	}
}

// recorded is the household recorded by hand with invitation id inv, or
// false having answered that the button no longer works.
func (f *Feature) recorded(r *chat.Request, eventID, inv int64) (domain.Invitation, bool) {
	is, err := f.Store.Invitations(r.Ctx, coordinated(r), eventID)
	if err != nil {
		r.Fail(err)
		return domain.Invitation{}, false
	}
	for _, i := range is {
		if i.ID == inv && i.Recorded() {
			return i, true
		}
	}
	r.Deny(r.L.T("ButtonExpired", nil))
	return domain.Invitation{}, false
}
