package network

import (
	"errors"
	"strconv"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// Endings: 🔚 under the introduction, the check-ins and the coordinator's
// notices asks why (domain.EndReasons as buttons, ✖️ to keep the match);
// the answer ends it for both, each thanked in their language, and the
// household may ask for a new network family.

// endReasonIDs are the buttons of the reasons, in domain.EndReasons' order.
var endReasonIDs = map[string]string{"goal": "BtnEndGoal", "moved": "BtnEndMoved", "no_time": "BtnEndNoTime", "not_working": "BtnEndNotWorking", "other": "BtnEndOther"}

// endDraft is the match being ended while the reason is picked.
type endDraft struct {
	Match int64 `json:"match"`
}

// endFlow is the one step of picking a reason; its name is stored with drafts.
var endFlow = &chat.Flow[endDraft]{
	Name:   "netend",
	StepOf: func(*endDraft) chat.Step { return "reason" },
}

// endButton is the 🔚 under a match's messages.
func endButton(L *locales.Localizer, match int64) []domain.Button {
	return chat.Row(chat.Btn(L.T("BtnMatchEnd", nil), actEnd, strconv.FormatInt(match, 10)))
}

// onEnd asks why the match ends: "1:xe:<match>".
func (f *Feature) onEnd(r *chat.Request) {
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	if err != nil || !endFlow.Save(r, endDraft{Match: id}) {
		r.Expired()
		return
	}
	k := chat.Keyboard{}
	for _, reason := range domain.EndReasons {
		k = append(k, chat.Row(chat.Btn(r.L.T(endReasonIDs[reason], nil), actEndWhy, r.Args[0], reason)))
	}
	r.Toast("")
	r.Say(r.L.T("MatchEndWhy", nil), append(k, chat.CancelRow(r.L))...)
}

// onEndWhy ends the match with the reason picked: "1:xf:<match>:<reason>".
func (f *Feature) onEndWhy(r *chat.Request) {
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	if err != nil {
		r.Expired()
		return
	}
	endFlow.Finish(r)
	side, err := f.Store.EndMatch(r.Ctx, storage.EndRequest{Match: id, By: r.Member.ID, Branches: r.Scope.Branches(domain.RoleCoordinator), Reason: r.Args[1]}, f.Now())
	switch {
	case errors.Is(err, domain.ErrMatchEnded):
		r.Deny(r.L.T("MatchEndedAlready", nil))
		r.DropButtons()
		return
	case r.Failed(err, "ButtonExpired"):
		return
	}
	f.Wake()
	r.Toast("")
	r.DropButtons()
	switch side {
	case domain.SideHousehold:
		r.Say(r.L.T("MatchEndedByHousehold", nil), againRow(r.L, id))
	case domain.SideVolunteer:
		r.Say(r.L.T("MatchEndedByVolunteer", nil))
	default:
		r.Say(r.L.T("MatchEndedByCoordinator", nil))
	}
}

// againRow is the household's button asking for a new network family.
func againRow(L *locales.Localizer, match int64) []domain.Button {
	return chat.Row(chat.Btn(L.T("BtnMatchAgain", nil), actAgain, strconv.FormatInt(match, 10)))
}

// onAgain puts the household back on the waiting list: "1:xw:<match>".
func (f *Feature) onAgain(r *chat.Request) {
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	if err != nil {
		r.Expired()
		return
	}
	err = f.Store.AskNewMatch(r.Ctx, id, r.Member.ID, f.Now())
	switch {
	case errors.Is(err, domain.ErrProposalClosed):
		r.Toast(r.L.T("MatchAgainDone", nil))
		r.DropButtons()
		return
	case r.Failed(err, "ButtonExpired"):
		return
	}
	f.Wake()
	r.Toast("")
	r.DropButtons()
	r.Say(r.L.T("MatchAgainDone", nil))
}

// endedNotice thanks a side whose match the other side or the coordinator
// ended, or tells the coordinator; a side that withdrew or was forgotten
// is not explained.
func endedNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	switch v.Side {
	case domain.SideVolunteer:
		return chat.Text(L.T("MatchEndedVolunteer", nil), nil)
	case domain.SideHousehold:
		return chat.Text(L.T("MatchEndedHousehold", locales.Data{"Name": v.Name}), chat.Keyboard{againRow(L, v.Match)})
	}
	data := locales.Data{"Name": v.Name, "Referral": v.Referral}
	id, ok := endReasonIDs[v.Reason]
	if !ok {
		return chat.Text(L.T("MatchEndedCoordinatorGone", data), nil)
	}
	data["Reason"] = L.T(id, nil)
	return chat.Text(L.T("MatchEndedCoordinator", data), nil)
}

// againNotice tells the coordinator the household would like a new match.
func againNotice(L *locales.Localizer, _ domain.Member, v domain.NetworkMatchValues) outbox.Rendered {
	return chat.Text(L.T("MatchAgainCoordinator", locales.Data{"Referral": v.Referral}), nil)
}
