package network

import (
	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// The actions of the proposal and match buttons. Codes start with x or X
// (the other parts of the feature use r and o).
var (
	actVolunteerAnswer = chat.NewAction("xv", chat.ID, chat.Bit)  // match id, 1 yes / 0 no
	actVolunteerNoWhy  = chat.NewAction("xn", chat.ID)            // match id: no, without a reason
	actHouseholdAnswer = chat.NewAction("xh", chat.ID, chat.Bit)  // match id, 1 yes / 0 no
	actRecordAnswer    = chat.NewAction("xr", chat.ID, chat.Bit)  // match id, the household's answer from a call
	actCheckin         = chat.NewAction("xc", chat.ID, chat.Code) // match id, domain.CheckinAnswers
	actEnd             = chat.NewAction("xe", chat.ID)            // match id: why does it end?
	actEndWhy          = chat.NewAction("xf", chat.ID, chat.Code) // match id, domain.EndReasons
	actAgain           = chat.NewAction("xw", chat.ID)            // match id: the household asks for a new match
)

// matchRoutes: the answers to a proposal, check-ins and the ending.
func (f *Feature) matchRoutes() chat.Routes {
	own := chat.Routes{
		Buttons: map[chat.Action]chat.Route{
			actVolunteerAnswer: chat.Volunteer(f.onVolunteerAnswer),
			actVolunteerNoWhy:  chat.Volunteer(f.onVolunteerNoWhy),
			actHouseholdAnswer: chat.Member(f.onHouseholdAnswer),
			actRecordAnswer:    chat.Coordinator(f.onRecordAnswer),
			actCheckin:         chat.Member(f.onCheckin),
			actEnd:             chat.Member(f.onEnd),
			actEndWhy:          chat.Member(f.onEndWhy),
			actAgain:           chat.Member(f.onAgain),
		},
	}
	return chat.Merge(own, declineFlow.Routes(domain.RoleVolunteer), endFlow.Routes(domain.RoleParticipant))
}

// matchNotices registers the proposal and match part's notices.
func (f *Feature) matchNotices(n *chat.Notices) {
	chat.Render(n, domain.NoticeNetworkProposal, proposalCard)
	chat.Render(n, domain.NoticeNetworkAsk, householdAsk)
	chat.Render(n, domain.NoticeNetworkRecord, recordCard)
	chat.Render(n, domain.NoticeNetworkDeclined, declinedNotice)
	chat.Render(n, domain.NoticeNetworkIntro, introduction)
	chat.Render(n, domain.NoticeNetworkStarted, startedNotice)
	chat.Render(n, domain.NoticeNetworkLapsed, lapsedNotice)
	chat.Render(n, domain.NoticeNetworkClosed, closedNotice)
	chat.Render(n, domain.NoticeNetworkCheckin, checkinQuestion)
	chat.Render(n, domain.NoticeNetworkHelp, helpNotice)
	chat.Render(n, domain.NoticeNetworkEnded, endedNotice)
	chat.Render(n, domain.NoticeNetworkAgain, againNotice)
}
