package network

import (
	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// The actions of the offer's buttons. None names an offer: a volunteer's
// buttons always act on their own, so a forged one cannot reach another's.
var (
	actOfferFlow   = chat.NewAction("o1", chat.Word, chat.Code) // step op, value
	actOfferManage = chat.NewAction("o2", chat.Word, chat.Code) // change|pause|until|stop|stopyes|resume|show, value
)

// offerRoutes: /networkfamily, pause and stop.
func (f *Feature) offerRoutes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{
			"networkfamily": chat.Volunteer(f.cmdNetworkFamily),
		},
		Buttons: map[chat.Action]chat.Route{
			actOfferFlow:   chat.Volunteer(f.onOfferFlow),
			actOfferManage: chat.Volunteer(f.onOfferManage),
		},
	}, offerFlow.Routes(domain.RoleVolunteer), pauseFlow.Routes(domain.RoleVolunteer))
}

// offerNotices registers the offer part's notices: it has none (saving,
// pausing and stopping answer the volunteer in their own chat).
func (f *Feature) offerNotices(n *chat.Notices) {}
