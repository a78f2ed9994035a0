package network

import (
	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// referralRoutes: /newreferral, the referral card, /matches and the
// household's own view.
func (f *Feature) referralRoutes() chat.Routes {
	f.takeStartCodes()
	own := chat.Routes{
		Commands: map[string]chat.Route{
			"newreferral": chat.Coordinator(cmdNewReferral),
			"matches":     chat.Coordinator(f.cmdMatches),
		},
		Buttons: map[chat.Action]chat.Route{
			actRefFlow:    chat.Coordinator(f.onRefFlow),
			actRefCard:    chat.Coordinator(f.onRefCard),
			actRefPropose: chat.Coordinator(f.onRefPropose),
			actMatches:    chat.Coordinator(f.onMatches),
			actRefEdit:    chat.Coordinator(f.onRefEdit),
			actRefQR:      chat.Coordinator(f.onRefQR),
			actHousehold:  chat.Member(f.onHousehold),
		},
	}
	return chat.Merge(own, refFlow.Routes(domain.RoleCoordinator))
}

// referralNotices registers the referral part's notices.
func (f *Feature) referralNotices(n *chat.Notices) {
	chat.Render(n, domain.NoticeNetworkConsentEnded, consentEnded)
}
