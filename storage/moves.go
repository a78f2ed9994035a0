package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// Moving between branches: a member asks (AskMove), the new branch's
// coordinators get a card each, and the first of them to answer decides
// (DecideMove), in one transaction with everything the decision changes.

const moveCols = `mv.id, mv.member_id, mv.from_branch, mv.to_branch, mv.keep, mv.role, mv.state, mv.created_at, mv.decided_at, m.display_name AS name`

// VisibleBranches lists the branches a person may pick from a list (not
// hidden), by Danish name.
func (s *Store) VisibleBranches(ctx context.Context) ([]domain.Branch, error) {
	var bs []domain.Branch
	if err := s.r.SelectContext(ctx, &bs, `SELECT `+branchCols+` FROM branches WHERE hidden = 0 ORDER BY name, key`); err != nil {
		return nil, fmt.Errorf("visible branches: %w", err)
	}
	return bs, nil
}

// AskMove records member's request to move from branch from to branch to
// (with keep: to join it as well) and queues the card to each of to's
// coordinators. Something the member may not ask (a branch they do not
// belong to, a hidden or unknown one, one they are in already, a role that
// does not move) is domain.ErrOtherBranch. A request still waiting is
// withdrawn by the new one.
func (s *Store) AskMove(ctx context.Context, member, from, to int64, keep bool, now time.Time) (domain.Move, error) {
	var mv domain.Move
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var role domain.Role
		if err := tx.GetContext(ctx, &role, `SELECT role FROM member_branches WHERE member_id = ? AND branch_id = ?`, member, from); err != nil {
			return notFoundAs(err, domain.ErrOtherBranch)
		}
		newRole, ok := domain.MoveRole(role, keep)
		if !ok || from == to {
			return domain.ErrOtherBranch
		}
		var open int
		if err := tx.GetContext(ctx, &open, `SELECT count(*) FROM branches b WHERE b.id = ? AND b.hidden = 0
			AND NOT EXISTS (SELECT 1 FROM member_branches WHERE member_id = ? AND branch_id = b.id)`, to, member); err != nil {
			return err
		}
		if open == 0 {
			return domain.ErrOtherBranch
		}
		coords, err := branchCoordinators(ctx, tx, to)
		if err != nil {
			return err
		}
		if len(coords) == 0 {
			return domain.ErrMoveNoCoordinator
		}
		if _, err := tx.ExecContext(ctx, `UPDATE branch_moves SET state = 'withdrawn', decided_at = ?
			WHERE member_id = ? AND state = 'pending'`, utc(now), member); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO branch_moves (member_id, from_branch, to_branch, keep, role, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, member, from, to, keep, newRole, utc(now))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if mv, err = moveByID(ctx, tx, id); err != nil {
			return err
		}
		return tellMove(ctx, tx, domain.NoticeMoveAsked, mv, coords, now)
	})
	if err != nil {
		return domain.Move{}, fmt.Errorf("member %d asks to move to branch %d: %w", member, to, err)
	}
	return mv, nil
}

// DecideMove is coordinator by's answer to a move: welcome or not. Only a
// coordinator of the branch asked may answer (anyone else meets
// domain.ErrOtherBranch and changes nothing); the first answer decides and
// every later one meets domain.ErrMoveDecided, with the move as decided. On
// welcome the member joins the new branch with the move's role and, unless
// they keep it, leaves the old one: its coordinators' scoped queries stop
// showing them at once. Either way the member is told.
func (s *Store) DecideMove(ctx context.Context, id, by int64, welcome bool, now time.Time) (domain.Move, error) {
	var mv domain.Move
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if mv, err = moveByID(ctx, tx, id); err != nil {
			return err
		}
		var coord int
		if err := tx.GetContext(ctx, &coord, `SELECT count(*) FROM member_branches WHERE member_id = ? AND branch_id = ? AND role = 'coordinator'`,
			by, mv.To); err != nil {
			return err
		}
		if coord == 0 {
			mv = domain.Move{}
			return domain.ErrOtherBranch
		}
		if mv.State != domain.MovePending {
			return domain.ErrMoveDecided
		}
		state, kind := domain.MoveDeclined, domain.NoticeMoveDeclined
		if welcome {
			state, kind = domain.MoveWelcomed, domain.NoticeMoveWelcomed
		}
		res, err := tx.ExecContext(ctx, `UPDATE branch_moves SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'`,
			state, by, utc(now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrMoveDecided
		}
		mv.State = state
		if welcome {
			if err := moveMember(ctx, tx, mv, now); err != nil {
				return err
			}
		}
		var m domain.Member
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, mv.MemberID); err != nil {
			return err
		}
		return tellMove(ctx, tx, kind, mv, []domain.Member{m}, now)
	})
	if err != nil && !errors.Is(err, domain.ErrMoveDecided) {
		return mv, fmt.Errorf("decide move %d: %w", id, err)
	}
	return mv, err
}

// moveMember carries out a welcomed move.
func moveMember(ctx context.Context, tx *sqlx.Tx, mv domain.Move, now time.Time) error {
	if err := joinBranch(ctx, tx, mv.MemberID, mv.To, mv.Role, now); err != nil {
		return err
	}
	if mv.Keep {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM member_branches WHERE member_id = ? AND branch_id = ?`, mv.MemberID, mv.From); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE members SET branch_id = ? WHERE id = ?`, mv.To, mv.MemberID); err != nil {
		return err
	}
	return syncRole(ctx, tx, mv.MemberID)
}

// MoveOf returns a move with the member's name, for a coordinator of the
// branch asked (anyone else: domain.ErrOtherBranch).
func (s *Store) MoveOf(ctx context.Context, id, coordinator int64) (domain.Move, error) {
	var mv domain.Move
	err := s.r.GetContext(ctx, &mv, `SELECT `+moveCols+` FROM branch_moves mv JOIN members m ON m.id = mv.member_id
		WHERE mv.id = ? AND EXISTS (SELECT 1 FROM member_branches c WHERE c.member_id = ? AND c.branch_id = mv.to_branch AND c.role = 'coordinator')`,
		id, coordinator)
	if err != nil {
		return domain.Move{}, notFoundAs(err, domain.ErrOtherBranch)
	}
	return mv, nil
}

func moveByID(ctx context.Context, tx *sqlx.Tx, id int64) (domain.Move, error) {
	var mv domain.Move
	if err := tx.GetContext(ctx, &mv, `SELECT `+moveCols+` FROM branch_moves mv JOIN members m ON m.id = mv.member_id WHERE mv.id = ?`, id); err != nil {
		return mv, notFound(err, fmt.Sprintf("move %d", id))
	}
	return mv, nil
}

// branchCoordinators are the members who coordinate branch.
func branchCoordinators(ctx context.Context, tx *sqlx.Tx, branch int64) ([]domain.Member, error) {
	var ms []domain.Member
	err := tx.SelectContext(ctx, &ms, `SELECT `+prefixed("m", memberCols)+` FROM members m
		JOIN member_branches mb ON mb.member_id = m.id WHERE mb.branch_id = ? AND mb.role = 'coordinator' ORDER BY m.id`, branch)
	return ms, err
}

// tellMove queues kind about mv to each of to.
func tellMove(ctx context.Context, tx *sqlx.Tx, kind string, mv domain.Move, to []domain.Member, now time.Time) error {
	v := domain.MoveValues{Move: mv.ID, Name: mv.Name, Role: mv.Role, Keep: mv.Keep}
	for _, b := range []struct {
		id    int64
		names *domain.Texts
	}{{mv.From, &v.From}, {mv.To, &v.To}} {
		var br domain.Branch
		if err := tx.GetContext(ctx, &br, `SELECT `+branchCols+` FROM branches WHERE id = ?`, b.id); err != nil {
			return err
		}
		*b.names = br.Names.With(br.Name)
	}
	for _, m := range to {
		out, err := domain.NewNotice(kind, m, v)
		if err != nil {
			return err
		}
		if m.ID != mv.MemberID {
			out = out.About(domain.Member{ID: mv.MemberID})
		}
		if err := enqueue(ctx, tx, now, out); err != nil {
			return err
		}
	}
	return nil
}

// notFoundAs is err as as when no row was found, else err.
func notFoundAs(err, as error) error {
	if errors.Is(err, errNoRows) {
		return as
	}
	return err
}

// ExportMove is a request to move between branches the member made or, as
// a coordinator, answered.
type ExportMove struct {
	From      string     `db:"from_key" json:"from"`
	To        string     `db:"to_key" json:"to"`
	Keep      bool       `db:"keep" json:"stay_in_both"`
	State     string     `db:"state" json:"state"`
	Mine      bool       `db:"mine" json:"asked_by_you"`
	CreatedAt time.Time  `db:"created_at" json:"asked"`
	DecidedAt *time.Time `db:"decided_at" json:"decided,omitempty"`
}

const exportMovesQuery = `SELECT f.key AS from_key, t.key AS to_key, mv.keep, mv.state, mv.member_id = ?1 AS mine, mv.created_at, mv.decided_at
	FROM branch_moves mv JOIN branches f ON f.id = mv.from_branch JOIN branches t ON t.id = mv.to_branch
	WHERE mv.member_id = ?1 OR mv.decided_by = ?1 ORDER BY mv.id`

// InviteBranch is the branch an invite link joins (ErrNotFound for a code
// no link has).
func (s *Store) InviteBranch(ctx context.Context, code string) (int64, error) {
	var id int64
	if err := s.r.GetContext(ctx, &id, `SELECT branch_id FROM invites WHERE code = ?`, code); err != nil {
		return 0, notFound(err, "invite")
	}
	return id, nil
}
