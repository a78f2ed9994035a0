// Package events is the events part of the chat: a household invited to
// an event answers it in taps (✅ with how many adults and children, ❌,
// ❓), waits on the waitlist and confirms seats offered from it; the
// coordinators create and edit events step by step (/newevent), see each
// event's answers and names, check households in at the door and count
// walk-ins, record households without Telegram, cancel events, and take
// the § 18 report (/report). The messages events cause (invitations,
// offers, changes, "still coming?", reminders) are decided and queued as
// notices by storage, which applies the rules of package rsvp, and
// rendered here when they leave.
//
// Files:
//   - feature.go: the Feature, its actions and its routes, the scheduler's claim
//   - events.go: the invitation's text and buttons, /events, the event
//     loaders, the household's answer in taps, the calendar file
//   - notices.go: the renderers of the events' notices (Notices)
//   - desk.go: the coordinators' card, names, check-in and walk-ins, cancelling
//   - record.go: a household without Telegram recorded by hand (a one-step chat)
//   - newevent.go: /newevent's draft, flow, questions and typed answers
//   - newevent_buttons.go: the buttons of /newevent
//   - preview.go: the preview, Send or Save, and opening an event for editing
//   - report.go: /report
package events
