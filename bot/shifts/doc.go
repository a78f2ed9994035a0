// Package shifts is the volunteer shifts of the chat: volunteers see the
// shifts of the next four weeks that still need people and sign up in one
// tap (/shifts), see and leave their own and take them home as a calendar
// file (/myshifts), and say which languages they speak (/profile);
// coordinators watch and change who is on each shift (/staffing), create
// and edit shifts step by step (/newshift), and record volunteers' child
// protection certificates (/volunteers). The messages shifts cause —
// reminders, staffing alerts, cover offers, the coordinators' notices —
// are rendered here and handed to storage, which queues them in the same
// transaction as the change that causes them.
//
// Files:
//   - feature.go: the Feature, its routes and the scheduler's claim
//   - actions.go: the buttons' actions (their codes are in members' chats)
//   - shifts.go: /shifts, signing up and taking a place offered for cover
//   - myshifts.go: /myshifts, withdrawing, the calendar file
//   - profile.go: /profile, the languages a volunteer speaks
//   - staffing.go: /staffing, putting volunteers on a shift or taking them off
//   - newshift.go: the /newshift chat (shiftFlow): its steps and buttons
//   - preview.go: the chat's preview, editing an existing shift, save, archive
//   - volunteers.go: /volunteers, the volunteer's card, the certificate chat (certFlow)
//   - notices.go: the messages shifts start, in each recipient's language
package shifts
