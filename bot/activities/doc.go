// Package activities is the weekly activities of the chat (Tal Dansk Café,
// homework help): the list members follow and unfollow, the coordinator's
// card of an activity and its coming dates, cancelling, moving and
// restoring one date (followers are told through the outbox), creating and
// editing an activity step by step (/newactivity), the head count at the
// door (/count), and the reminders and date notices the outbox sends.
//
// Files:
//
//   - feature.go: the Feature, its actions and its routes.
//   - activities.go: /activities, the list, follow and unfollow.
//   - activity_admin.go: the coordinator's card of an activity, its dates, archiving.
//   - meetings.go: one date's card; cancelling, moving and restoring it (the "meeting" chat).
//   - activity_flow.go: /newactivity and editing (the "activity" chat): its steps.
//   - activity_screens.go: the screens of that chat (titles, days, reminder, preview) and saving.
//   - headcount.go: /count and the head count at a meeting.
//   - reminders.go: the scheduler's reminder job, and the renderers (Notices) of the
//     reminder before a meeting and the notice of a changed date.
package activities
