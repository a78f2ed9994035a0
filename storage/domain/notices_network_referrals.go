package domain

// The notices of the referral part of network families.
var (
	// NoticeNetworkConsentEnded tells a network family that a proposal or
	// match has ended, and nothing more: the household withdrew its
	// consent, which is theirs to tell (NetworkMatchValues).
	NoticeNetworkConsentEnded = DeclareNotice("network.consent_ended", ClassNotice)
)
