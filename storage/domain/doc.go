// Package domain is Vejviser's domain: the entity types (members, activities
// and their meetings, events and their invitations, shifts and volunteers,
// "Ask us" messages, broadcasts' audiences, outgoing messages, the report's
// rows) and every pure rule over them, with no I/O. It imports nothing of
// ours: only the standard library and robfig/cron.
//
// It lives under storage/ because the project's top level is fixed (cmd/,
// bot/, storage/, locales/) and storage is the lowest layer: storage's
// transactions apply these rules so the rule and the write are one atomic
// step. Anywhere under bot/ would make storage depend on the chat. The chat
// (bot/, cmd/) and locales use these types directly as domain.X.
//
// The files:
//   - doc.go: this overview.
//   - errors.go: every domain error, in one list (what a caller must tell
//     the person about).
//   - languages.go: the one list of supported languages (Danish first and
//     the default), used by locales and storage.
//   - text.go: message text rules counted as Telegram counts them
//     (TextLength, Blank, CheckText, Truncate) and Texts, a text per
//     language with the Danish fallback.
//   - reader.go: Reader (a member's own and second language) and the one
//     fallback rule for every text a person wrote: own → second → Danish
//     (Reader.Chain, Texts.For), and Texts.Received for previews.
//   - member.go: Member, Role (Rank, Valid and Raise: a role is never
//     lowered by registering or an invite), Registration, Invite.
//   - activity.go: Activity (a recurring activity), plan keys (ValidKey,
//     Slug) and its validation.
//   - schedule.go: schedules and times: Spec (cron in local time), Weekly,
//     Clock, Wall (wall-clock times across DST) and the parsers of what
//     coordinators type.
//   - occurrence.go: meetings: DateChange (a cancelled or moved date),
//     Occurrence, Occurrences, NextMeeting; the activity reminder rules
//     (ReminderStep, DecideReminder, ReminderEligible, DecisionWindow,
//     NextReminderDue); ClaimResult, what a scheduler claim decided.
//   - meeting.go: MeetingChange (a coordinator's change to a meeting) and
//     the head count (HeadCount, ApplyTap, Counter, MayCount).
//   - waitlist.go: answering an invitation: Answer, Household and the seat,
//     waitlist, offer and deadline rules (DecideYes, SeatsFree,
//     PromoteWaiting, OfferLapsed, AnswerAllowed, NoticeDue, JoinAt).
//   - event.go: Event, Invitation, RSVP, RSVPResult, MemberEvent, Tally.
//   - shift.go: Shift, Volunteer, ShiftSlot, ShiftSettings and the shift
//     rules (MayTake, CoverOrder, LateWithdrawal, ReminderDue, AlertDue,
//     CertificateExpiring).
//   - ask.go: "Ask us": AskItem, AskMessage, AskTarget, the relay rule
//     (DecideAsk) and FirstName.
//   - audience.go: a broadcast's Audience (ParseAudience) and AudienceCount.
//   - message.go: Outgoing (a message to queue: authored text, or a notice
//     as data) and Button, with the message kinds and priorities.
//   - notice.go: notices as data: DeclareNotice, NewNotice, GroupNotice —
//     what a decision tells whom, by kind and values, rendered by the chat
//     when it leaves.
//   - notices_people.go, notices_events.go, notices_activities.go,
//     notices_shifts.go, notices_askus.go: each feature's notice kinds and
//     the values each shows.
//   - report.go: the § 18 report's data: ReportRow, MonthTotals, and the
//     volunteers' hours (VolunteerHours, VolunteerReport). bot/report
//     writes them out.
//   - report_meetings.go: which meetings the report counts (MeetingRows,
//     ReportRows), the longest period (CheckReportPeriod), ParseDate.
package domain
