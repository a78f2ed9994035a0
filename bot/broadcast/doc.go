// Package broadcast is /broadcast: a coordinator writes one message to an
// audience (everyone, a role, the followers of an activity, the invited of
// an event, or the speakers of one language), in Danish and as many of the
// other languages as they like, sees a preview of every version with how
// many get which, and sends it. The messages go through the outbox; one
// progress message in the coordinator's chat follows their delivery and
// becomes the final report.
//
// Files:
//
//	feature.go   the Feature, its actions and its routes
//	broadcast.go the step-by-step draft (Flow), its screens, preview, send and cancel
//	audience.go  the audience step: narrowing to an activity, event or language
//	text.go      what members receive (the group's name above the text) and the preview
//	progress.go  RunProgress: the progress message and the final report
//	shell.go     Texts: the same texts for a broadcast queued from the shell
package broadcast
