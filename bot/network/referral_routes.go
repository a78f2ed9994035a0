package network

import "vejviser/bot/chat"

// referralRoutes: /newreferral, the referral card, /matches and the
// household's own view.
func (f *Feature) referralRoutes() chat.Routes { return chat.Routes{} }

// referralNotices registers the referral part's notices.
func (f *Feature) referralNotices(n *chat.Notices) {}
