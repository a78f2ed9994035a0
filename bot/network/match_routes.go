package network

import "vejviser/bot/chat"

// matchRoutes: the answers to a proposal, check-ins and the ending.
func (f *Feature) matchRoutes() chat.Routes { return chat.Routes{} }

// matchNotices registers the proposal and match part's notices.
func (f *Feature) matchNotices(n *chat.Notices) {}
