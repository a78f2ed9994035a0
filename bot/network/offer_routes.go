package network

import "vejviser/bot/chat"

// offerRoutes: /networkfamily, pause and stop.
func (f *Feature) offerRoutes() chat.Routes { return chat.Routes{} }

// offerNotices registers the offer part's notices.
func (f *Feature) offerNotices(n *chat.Notices) {}
