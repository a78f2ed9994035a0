package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// Export is everything stored about one member, for /mydata: their row,
// follows and answers, the messages to them the outbox still keeps (at most
// 30 days after sending), an unfinished step-by-step chat with what was typed
// into it, and, for coordinators, the invite links and broadcasts they made.
type Export struct {
	Member         domain.Member      `json:"member"`
	Follows        []string           `json:"follows_activities"`
	Invitations    []ExportInvitation `json:"event_invitations"`
	Messages       []ExportMessage    `json:"messages_to_you"`
	OpenStepByStep *ExportDraft       `json:"unfinished_step_by_step_chat,omitempty"`
	Invites        []ExportInvite     `json:"invite_links_created"`
	Broadcasts     []ExportBroadcast  `json:"broadcasts_created"`
	AskUs          []ExportAsk        `json:"ask_us_messages"`
	ExportedAt     time.Time          `json:"exported_at"`
	Volunteer      *ExportVolunteer   `json:"volunteer,omitempty"` // shifts and profile, for volunteers
	// CertificateRecordedBy is the first name of the coordinator who
	// recorded the certificate.
	CertificateRecordedBy string             `json:"certificate_recorded_by,omitempty"`
	Attendance            []ExportAttendance `json:"waitlist_offers_check_in"`
	Muted                 *ExportMute        `json:"ask_us_muted,omitempty"`
	Notices               []ExportNotice     `json:"notices"`
	AboutYou              []ExportAbout      `json:"messages_about_you"`
	DoneByYou             ExportActs         `json:"done_by_you"`
	Branches              []ExportBranch     `json:"branches"`
	Network               ExportNetwork      `json:"network_families"`
	Moves                 []ExportMove       `json:"branch_moves"`
}

// ExportAsk is one "Ask us" message in an Export: what the member wrote or
// was answered (media only as its kind: its content was never stored).
type ExportAsk struct {
	Direction string `db:"direction" json:"direction"`
	Kind      string `db:"kind" json:"kind"`
	Text      string `db:"text" json:"text,omitempty"`
	// Media: Telegram's reference to a photo or voice message is kept (not its content).
	Media       bool      `db:"media" json:"media_reference_kept,omitempty"`
	Coordinator string    `db:"coordinator_name" json:"coordinator,omitempty"`
	At          time.Time `db:"created_at" json:"at"`
}

// ExportInvitation is one event invitation in an Export.
type ExportInvitation struct {
	Event    string       `db:"title" json:"event"` // in the member's language where the event has one
	Titles   domain.Texts `db:"titles" json:"-"`
	StartsAt time.Time    `db:"starts_at" json:"starts_at"`
	Answer   string       `db:"answer" json:"answer"`
	Adults   int          `db:"adults" json:"adults"`
	Children int          `db:"children" json:"children"`
}

// ExportMessage is one message to the member that the outbox keeps.
type ExportMessage struct {
	Text      string     `db:"text" json:"text"`
	State     string     `db:"state" json:"state"`
	CreatedAt time.Time  `db:"created_at" json:"created_at"`
	DoneAt    *time.Time `db:"done_at" json:"done_at,omitempty"`
}

// ExportDraft is an unfinished step-by-step chat and what it holds.
type ExportDraft struct {
	Flow      string          `db:"flow" json:"flow"`
	Data      json.RawMessage `db:"data" json:"data"`
	UpdatedAt time.Time       `db:"updated_at" json:"updated_at"`
}

// ExportInvite is an invite link the member made.
type ExportInvite struct {
	Code      string      `db:"code" json:"code"`
	Role      domain.Role `db:"role" json:"role"`
	CreatedAt time.Time   `db:"created_at" json:"created_at"`
	ExpiresAt time.Time   `db:"expires_at" json:"expires_at"`
	MaxUses   *int        `db:"max_uses" json:"max_uses,omitempty"`
	Uses      int         `db:"uses" json:"uses"`
	RevokedAt *time.Time  `db:"revoked_at" json:"revoked_at,omitempty"`
}

// ExportBroadcast is a broadcast the member wrote, with its texts as the
// outbox still holds them.
type ExportBroadcast struct {
	ID         int64      `db:"id" json:"-"`
	Audience   string     `db:"audience" json:"audience"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	FinishedAt *time.Time `db:"finished_at" json:"finished_at,omitempty"`
	Texts      []string   `db:"-" json:"texts"`
}

// ExportMember gathers the member's data, in one read transaction so that
// the export is one snapshot (a write that lands meanwhile is in all of it
// or in none).
func (s *Store) ExportMember(ctx context.Context, id int64, now time.Time) (Export, error) {
	var e Export
	err := s.readTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		e, err = exportMember(ctx, tx, id, now)
		return err
	})
	return e, err
}

// exportMember reads everything ExportMember gathers through tx.
func exportMember(ctx context.Context, tx *sqlx.Tx, id int64, now time.Time) (Export, error) {
	var e Export
	var m domain.Member
	if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
		return e, notFound(err, fmt.Sprintf("member %d", id))
	}
	e.Member, e.ExportedAt = m, utc(now)
	e.Follows, e.Invitations, e.Messages, e.Invites, e.Broadcasts, e.AskUs = []string{}, []ExportInvitation{}, []ExportMessage{}, []ExportInvite{}, []ExportBroadcast{}, []ExportAsk{}
	var drafts []ExportDraft
	var follows []struct {
		Name   string       `db:"name"`
		Titles domain.Texts `db:"titles"`
	}
	err := errors.Join(
		tx.SelectContext(ctx, &follows, `SELECT a.name, a.titles FROM activity_followers f JOIN activities a ON a.id = f.activity_id WHERE f.member_id = ? ORDER BY a.name`, id),
		tx.SelectContext(ctx, &e.Invitations, `SELECT e.title, e.titles, e.starts_at, i.answer, i.adults, i.children FROM event_invitations i JOIN events e ON e.id = i.event_id WHERE i.member_id = ? ORDER BY e.starts_at`, id),
		tx.SelectContext(ctx, &e.Messages, `SELECT text, state, created_at, done_at FROM outbox WHERE member_id = ? ORDER BY id`, id),
		tx.SelectContext(ctx, &drafts, `SELECT flow, CAST(data AS BLOB) AS data, updated_at FROM conversations WHERE member_id = ?`, id),
		tx.SelectContext(ctx, &e.Invites, `SELECT code, role, created_at, expires_at, max_uses, uses, revoked_at FROM invites WHERE created_by = ? ORDER BY created_at`, id),
		tx.SelectContext(ctx, &e.Broadcasts, `SELECT id, audience, created_at, finished_at FROM broadcasts WHERE created_by = ? ORDER BY id`, id),
		tx.SelectContext(ctx, &e.AskUs, `SELECT direction, kind, text, CASE direction WHEN 'out' THEN coordinator_name ELSE '' END AS coordinator_name,
			src_chat IS NOT NULL AS media, created_at FROM ask_messages WHERE member_id = ? ORDER BY id`, id),
	)
	if err != nil {
		return e, fmt.Errorf("export member %d: %w", id, err)
	}
	if err := exportNetwork(ctx, tx, id, &e); err != nil {
		return e, fmt.Errorf("export member %d: %w", id, err)
	}
	if err := exportMore(ctx, tx, id, &e); err != nil {
		return e, fmt.Errorf("export member %d: %w", id, err)
	}
	if len(drafts) > 0 {
		e.OpenStepByStep = &drafts[0]
	}
	// Titles as the member reads them everywhere else: own, second language, Danish.
	for _, a := range follows {
		title, _ := a.Titles.With(a.Name).For(m.Reader())
		e.Follows = append(e.Follows, title)
	}
	for i, inv := range e.Invitations {
		e.Invitations[i].Event, _ = inv.Titles.With(inv.Event).For(m.Reader())
	}
	for i := range e.Broadcasts {
		e.Broadcasts[i].Texts = []string{}
		if err := tx.SelectContext(ctx, &e.Broadcasts[i].Texts, `SELECT DISTINCT text FROM outbox WHERE broadcast_id = ? ORDER BY text`, e.Broadcasts[i].ID); err != nil {
			return e, fmt.Errorf("export member %d: %w", id, err)
		}
	}
	if v, stored, err := exportVolunteer(ctx, tx, id, m.Reader()); err != nil {
		return e, fmt.Errorf("export member %d: %w", id, err)
	} else if stored {
		e.Volunteer = &v
	}
	return e, nil
}
