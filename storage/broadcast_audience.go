package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// Who a broadcast reaches. A coordinator's audience is their branch's:
// its members by their role there, the followers of its activities, the
// invitees of its events. Only a national one (Branch 0) reaches everyone.

// audienceWhere returns the SQL condition on members m selecting the audience.
func audienceWhere(a domain.Audience) (string, []any, error) {
	if a.Branch == 0 {
		return nationalWhere(a)
	}
	inBranch := "m.id IN (SELECT member_id FROM member_branches WHERE branch_id = ?"
	switch a.Kind {
	case domain.AudienceAll:
		return inBranch + ")", []any{a.Branch}, nil
	case domain.AudienceParticipants, domain.AudienceVolunteers, domain.AudienceCoordinators:
		return inBranch + " AND role = ?)", []any{a.Branch, roleOf[a.Kind]}, nil
	case domain.AudienceActivity:
		return "m.id IN (SELECT f.member_id FROM activity_followers f JOIN activities x ON x.id = f.activity_id WHERE f.activity_id = ? AND x.branch_id = ?)",
			[]any{a.Ref, a.Branch}, nil
	case domain.AudienceEvent:
		return "m.id IN (SELECT i.member_id FROM event_invitations i JOIN events x ON x.id = i.event_id WHERE i.event_id = ? AND x.branch_id = ?)",
			[]any{a.Ref, a.Branch}, nil
	case domain.AudienceLanguage:
		return "m.language = ? AND " + inBranch + ")", []any{a.Lang, a.Branch}, nil
	}
	return "", nil, fmt.Errorf("unknown audience %q", a.Kind)
}

var roleOf = map[string]domain.Role{domain.AudienceParticipants: domain.RoleParticipant,
	domain.AudienceVolunteers: domain.RoleVolunteer, domain.AudienceCoordinators: domain.RoleCoordinator}

// nationalWhere is the audience in every branch, each member once, by their
// highest role.
func nationalWhere(a domain.Audience) (string, []any, error) {
	switch a.Kind {
	case domain.AudienceAll:
		return "1 = 1", nil, nil
	case domain.AudienceParticipants, domain.AudienceVolunteers, domain.AudienceCoordinators:
		return "m.role = ?", []any{roleOf[a.Kind]}, nil
	case domain.AudienceActivity:
		return "m.id IN (SELECT member_id FROM activity_followers WHERE activity_id = ?)", []any{a.Ref}, nil
	case domain.AudienceEvent:
		return "m.id IN (SELECT member_id FROM event_invitations WHERE event_id = ?)", []any{a.Ref}, nil
	case domain.AudienceLanguage:
		return "m.language = ?", []any{a.Lang}, nil
	}
	return "", nil, fmt.Errorf("unknown audience %q", a.Kind)
}

// audienceExists checks that the activity or event an audience names is
// there, in the audience's branch: a broadcast to an unknown one would queue
// nothing and look successful; one of another branch is not found.
func audienceExists(ctx context.Context, tx *sqlx.Tx, a domain.Audience) error {
	table := map[string]string{domain.AudienceActivity: "activities", domain.AudienceEvent: "events"}[a.Kind]
	if table == "" {
		return nil
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM `+table+` WHERE id = ? AND (? = 0 OR branch_id = ?)`, a.Ref, a.Branch, a.Branch); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", a.Kind, a.Ref, domain.ErrNotFound)
	}
	return nil
}

// CheckAudience reports ErrNotFound when the activity or event the audience
// names is not there or not of its branch.
func (s *Store) CheckAudience(ctx context.Context, a domain.Audience) error {
	return s.readTx(ctx, func(tx *sqlx.Tx) error { return audienceExists(ctx, tx, a) })
}

// AudienceChoice is an activity or event a broadcast can go to.
type AudienceChoice struct {
	ID       int64      `db:"id"`
	Title    string     `db:"title"` // Danish
	StartsAt *time.Time `db:"starts_at"`
}

// BroadcastActivities lists branch's running activities, by name.
func (s *Store) BroadcastActivities(ctx context.Context, branch int64) ([]AudienceChoice, error) {
	var cs []AudienceChoice
	if err := s.r.SelectContext(ctx, &cs, `SELECT id, name AS title, NULL AS starts_at FROM activities
		WHERE branch_id = ? AND archived_at IS NULL ORDER BY name COLLATE NOCASE, id`, branch); err != nil {
		return nil, fmt.Errorf("activities of branch %d: %w", branch, err)
	}
	return cs, nil
}

// BroadcastEvents lists branch's events that end after from and are not
// cancelled, soonest first.
func (s *Store) BroadcastEvents(ctx context.Context, branch int64, from time.Time) ([]AudienceChoice, error) {
	var cs []AudienceChoice
	if err := s.r.SelectContext(ctx, &cs, `SELECT id, title, starts_at FROM events
		WHERE branch_id = ? AND ends_at > ? AND cancelled_at IS NULL ORDER BY starts_at, id`, branch, utc(from)); err != nil {
		return nil, fmt.Errorf("events of branch %d: %w", branch, err)
	}
	return cs, nil
}

// BroadcastByDraftIn returns the broadcast sent from draft key in one of
// branches, or ErrNotFound: another branch's draft key tells nothing.
func (s *Store) BroadcastByDraftIn(ctx context.Context, branches []int64, key string) (SentBroadcast, error) {
	var b SentBroadcast
	q, args, err := sqlx.In(`SELECT id, created_at, queued FROM broadcasts WHERE draft_key = ? AND branch_id IN (?)`, key, orNone(branches))
	if err == nil {
		err = s.r.GetContext(ctx, &b, q, args...)
	}
	if err != nil {
		return b, notFound(err, "broadcast of draft")
	}
	return b, nil
}
