// Package network is Venner Viser Vej, the network families: a coordinator
// records a household the municipality referred (/newreferral), volunteers
// offer to befriend one (/networkfamily), the coordinator picks from
// suggestions with reasons and proposes (/matches), both sides say yes
// before anyone's details are shared, and regular one-tap check-ins follow
// the friendship until it ends with a thank-you.
//
// Its parts, each in its own files:
//   - referrals: the coordinator's step-by-step referral, the referral card
//     with suggestions, /matches, and the household's own view through its
//     personal link (referral*.go);
//   - offers: the volunteer's offer, pause and stop (offer*.go);
//   - proposals and matches: the double opt-in, introductions, reminders
//     and lapses, check-ins and the ending (proposal*.go, match*.go).
//
// The matching rule is domain.Suggest; what is stored is in
// storage/network_*.go. Everything is scoped to the coordinator's branch.
package network
