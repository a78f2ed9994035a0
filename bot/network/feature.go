package network

import (
	"vejviser/bot/chat"
)

// Feature is the network families' part of the chat.
type Feature struct {
	*chat.Env
}

// New builds the feature.
func New(env *chat.Env) *Feature { return &Feature{Env: env} }

// Routes is the feature's part of the index: its three parts' routes.
func (f *Feature) Routes() chat.Routes {
	return chat.Merge(f.referralRoutes(), f.offerRoutes(), f.matchRoutes())
}

// Notices registers the renderers of the feature's notices.
func (f *Feature) Notices(n *chat.Notices) {
	f.referralNotices(n)
	f.offerNotices(n)
	f.matchNotices(n)
}
