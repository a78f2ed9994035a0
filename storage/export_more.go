package storage

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// What else the database holds about a member, for /mydata: their
// households' waitlist, offer and check-in times, an Ask-us mute and by
// whom, who recorded their certificate, the ledger's decisions to tell them
// or about them, and messages about them to coordinators. exportColumns
// (tested against the migrations) says where each column that refers to a
// member is exported.

// ExportAttendance is the waitlist, offer and check-in of one household.
type ExportAttendance struct {
	EventID      int64      `db:"event_id" json:"event"`
	WaitingSince *time.Time `db:"waiting_since" json:"waiting_since,omitempty"`
	OfferUntil   *time.Time `db:"offer_until" json:"offer_until,omitempty"`
	Present      *bool      `db:"present" json:"checked_in,omitempty"`
	SeenVersion  int        `db:"seen_version" json:"seen_version"`
}

// ExportMute is an Ask-us mute: since when, and the first name of the
// coordinator who muted (empty when they were forgotten).
type ExportMute struct {
	At time.Time `db:"created_at" json:"since"`
	By string    `db:"by" json:"by,omitempty"`
}

// ExportNotice is one decision of the notices ledger to tell the member, or
// about them.
type ExportNotice struct {
	Subject string    `db:"subject" json:"subject"`
	Due     time.Time `db:"due_at" json:"date"`
	State   string    `db:"state" json:"state"`
	AboutMe bool      `db:"about_me" json:"told_coordinators_about_you"`
}

// ExportAbout is a message about the member to a coordinator.
type ExportAbout struct {
	Kind      string    `db:"notice" json:"kind"`
	State     string    `db:"state" json:"state"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// ExportActs is what the member did that others' rows keep (as a coordinator).
type ExportActs struct {
	ShiftsAdded     int `db:"shifts" json:"shift_signups_added_for_others"`
	MeetingsChanged int `db:"meetings" json:"meetings_cancelled_or_moved"`
	EventsCreated   int `db:"events" json:"events_created"`
	Muted           int `db:"muted" json:"members_muted"`
	Certificates    int `db:"certs" json:"certificates_recorded"`
	AsksAnswered    int `db:"asks" json:"ask_us_messages_answered_or_closed"`
}

// ExportBranch is a branch the member belongs to and their role there.
type ExportBranch struct {
	Key    string      `db:"key" json:"branch"`
	Name   string      `db:"name" json:"name"`
	Role   domain.Role `db:"role" json:"role"`
	Joined time.Time   `db:"joined_at" json:"joined"`
}

// exportColumns: every column that refers to a member, and the part of the
// export (its JSON name) that shows it.
var exportColumns = map[string]string{
	"invites.created_by":                  "invite_links_created",
	"branch_moves.member_id":              "branch_moves",
	"branch_moves.decided_by":             "branch_moves",
	"activity_followers.member_id":        "follows_activities",
	"conversations.member_id":             "unfinished_step_by_step_chat",
	"broadcasts.created_by":               "broadcasts_created",
	"outbox.member_id":                    "messages_to_you",
	"outbox.about":                        "messages_about_you",
	"shift_drops.member_id":               "volunteer", // its shift_withdrawals
	"occurrence_changes.changed_by":       "done_by_you",
	"notices.member_id":                   "notices",
	"notices.about":                       "notices",
	"events.created_by":                   "done_by_you",
	"event_invitations.member_id":         "event_invitations",
	"shift_signups.member_id":             "volunteer",
	"shift_signups.added_by":              "done_by_you",
	"volunteer_profiles.member_id":        "volunteer",
	"volunteer_profiles.cert_recorded_by": "done_by_you",
	"ask_messages.member_id":              "ask_us_messages",
	"ask_messages.coordinator_id":         "done_by_you",
	"ask_messages.done_by":                "done_by_you",
	"ask_muted.member_id":                 "ask_us_muted",
	"ask_muted.muted_by":                  "done_by_you",
	"member_branches.member_id":           "branches",
}

// exportMore reads the rest of the export through tx.
func exportMore(ctx context.Context, tx *sqlx.Tx, id int64, e *Export) error {
	e.Attendance, e.Notices, e.AboutYou, e.Branches = []ExportAttendance{}, []ExportNotice{}, []ExportAbout{}, []ExportBranch{}
	e.Moves = []ExportMove{}
	var mutes []ExportMute
	var recorders []string
	err := errors.Join(
		tx.SelectContext(ctx, &e.Attendance, `SELECT event_id, waiting_since, offer_until, present, seen_version
			FROM event_invitations WHERE member_id = ? ORDER BY event_id`, id),
		tx.SelectContext(ctx, &mutes, `SELECT a.created_at, coalesce((SELECT display_name FROM members WHERE id = a.muted_by), '') AS by
			FROM ask_muted a WHERE a.member_id = ?`, id),
		tx.SelectContext(ctx, &e.Notices, `SELECT subject, due_at, state, about IS NOT NULL AND about = ? AS about_me FROM notices
			WHERE member_id = ? OR about = ? ORDER BY due_at, key`, id, id, id),
		tx.SelectContext(ctx, &recorders, `SELECT coalesce((SELECT display_name FROM members WHERE id = v.cert_recorded_by), '')
			FROM volunteer_profiles v WHERE v.member_id = ? AND v.cert_recorded_by IS NOT NULL`, id),
		tx.SelectContext(ctx, &e.AboutYou, `SELECT notice, state, created_at FROM outbox WHERE about = ? ORDER BY id`, id),
		tx.SelectContext(ctx, &e.Branches, `SELECT b.key, b.name, mb.role, mb.joined_at FROM member_branches mb
			JOIN branches b ON b.id = mb.branch_id WHERE mb.member_id = ? ORDER BY mb.joined_at, b.id`, id),
		tx.SelectContext(ctx, &e.Moves, exportMovesQuery, id),
		tx.GetContext(ctx, &e.DoneByYou, `SELECT
			(SELECT count(*) FROM shift_signups WHERE added_by = ?1) AS shifts,
			(SELECT count(*) FROM occurrence_changes WHERE changed_by = ?1) AS meetings,
			(SELECT count(*) FROM events WHERE created_by = ?1) AS events,
			(SELECT count(*) FROM ask_muted WHERE muted_by = ?1) AS muted,
			(SELECT count(*) FROM volunteer_profiles WHERE cert_recorded_by = ?1) AS certs,
			(SELECT count(*) FROM ask_messages WHERE coordinator_id = ?1 OR done_by = ?1) AS asks`, id),
	)
	if len(mutes) > 0 {
		mutes[0].By = domain.FirstName(mutes[0].By)
		e.Muted = &mutes[0]
	}
	if len(recorders) > 0 {
		e.CertificateRecordedBy = domain.FirstName(recorders[0])
	}
	return err
}
