package domain

// The notices of network families shared by its parts.
var (
	// NoticeNetworkProposal asks a network family whether they would like
	// to meet a referred household (NetworkMatchValues): the card without
	// names or contacts, with ✅ and ❌.
	NoticeNetworkProposal = DeclareNotice("network.proposal", ClassNotice)
)

// NetworkMatchValues names the proposal or match a notice is about.
type NetworkMatchValues struct {
	Match int64
}
