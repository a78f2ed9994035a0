// Package people is how someone becomes, stays and stops being a member:
// onboarding (/start with the language picker, the privacy note and
// consent, deep-link invites), /language and /help, the member's own data
// (/privacy, /mydata, /forget), the invite links and the printable poster
// coordinators hand out, and the members list where coordinators change
// roles.
//
// Files:
//   - people.go: the Feature, its actions and its routes
//   - onboarding.go: /start, the language picker, consent, redeeming an invite, the welcome
//   - language.go: /language and /help
//   - privacy.go: /privacy, /mydata and /forget, the privacy note and the data summary
//   - invite.go: /invite, the links that still work and revoking them
//   - poster.go: the printable A4 poster with the QR code
//   - members.go: /members, the member card and role changes
//   - names.go: cleaning Telegram names before coordinators see them
package people
