package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// Broadcasts of one branch and national ones. A branch's broadcast reaches
// only that branch's members, by their role there; a national one every
// member of every branch, once each (one outbox row per member, however
// many branches they belong to).

// branchAudienceWhere is audienceWhere within one branch: a role audience
// is the branch's members with that role in the branch (not their highest
// role anywhere); the others are narrowed to the branch's members.
func branchAudienceWhere(a domain.Audience, branch int64) (string, []any, error) {
	in := "m.id IN (SELECT member_id FROM member_branches WHERE branch_id = ?"
	role := map[string]string{domain.AudienceParticipants: "participant", domain.AudienceVolunteers: "volunteer",
		domain.AudienceCoordinators: "coordinator"}[a.Kind]
	if role != "" {
		return in + " AND role = ?)", []any{branch, role}, nil
	}
	cond, args, err := audienceWhere(a)
	if err != nil {
		return "", nil, err
	}
	return "(" + cond + ") AND " + in + ")", append(args, branch), nil
}

// broadcastScope is the audience's condition and the broadcast's branch
// column: the branch, NULL for a national broadcast, or (neither given)
// the first branch with the audience unnarrowed as before branches.
func broadcastScope(ctx context.Context, tx *sqlx.Tx, b NewBroadcast) (cond string, args []any, branch any, err error) {
	switch {
	case b.National:
		cond, args, err = audienceWhere(b.Audience)
		return cond, args, nil, err
	case b.Branch == 0:
		cond, args, err = audienceWhere(b.Audience)
		return cond, args, domain.DefaultBranchID, err
	}
	if err := refInBranch(ctx, tx, b.Audience, b.Branch); err != nil {
		return "", nil, nil, err
	}
	cond, args, err = branchAudienceWhere(b.Audience, b.Branch)
	return cond, args, b.Branch, err
}

// refInBranch refuses an activity or event audience of another branch, as
// if it did not exist.
func refInBranch(ctx context.Context, tx *sqlx.Tx, a domain.Audience, branch int64) error {
	table := map[string]string{domain.AudienceActivity: "activities", domain.AudienceEvent: "events"}[a.Kind]
	if table == "" {
		return nil
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM `+table+` WHERE id = ? AND branch_id = ?`, a.Ref, branch); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", a.Kind, a.Ref, domain.ErrOtherBranch)
	}
	return nil
}

// RefByKeyIn is the id of the branch's activity or event with key.
func (s *Store) RefByKeyIn(ctx context.Context, branch int64, kind, key string) (int64, error) {
	table := map[string]string{domain.AudienceActivity: "activities", domain.AudienceEvent: "events"}[kind]
	if table == "" {
		return 0, fmt.Errorf("%w: %s %q", domain.ErrNotFound, kind, key)
	}
	var id int64
	if err := s.r.GetContext(ctx, &id, `SELECT id FROM `+table+` WHERE key = ? AND branch_id = ?`, key, branch); err != nil {
		return 0, notFound(err, fmt.Sprintf("%s %q", kind, key))
	}
	return id, nil
}
