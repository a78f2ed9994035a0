// Package askus is "Ask us": what a participant or volunteer writes, says
// or shows outside a step-by-step chat reaches the coordinators (privately,
// or in the group a coordinator designated with /inbox), with Reply and
// Done buttons. The coordinator's answer goes back through the outbox,
// introduced with their first name and the group's name. Media is copied
// by Telegram's reference, never downloaded. Messages are kept for a
// limited time (Prune), and a member may send only so many an hour.
//
// Files:
//
//	feature.go the Feature, its actions, routes and kernel hooks, and Prune
//	ask.go     a member's question: its content, the hourly limit, the relay
//	answer.go  Reply (a one-step Flow) and Done, and the answer members receive
//	history.go a member's history, and muting
//	inbox.go   /inbox@bot and the coordinators' group; marking relays answered or closed
//	inbox_list.go /inbox in a private chat: the open questions, each card sent again
package askus
