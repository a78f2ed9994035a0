package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

const branchCols = `id, key, name, names, town, tz, hidden, join_code, settings, created_at`

// BranchSummary is a branch with how many members it has in each role.
type BranchSummary struct {
	domain.Branch
	Participants int `db:"participants"`
	Volunteers   int `db:"volunteers"`
	Coordinators int `db:"coordinators"`
	// Pending are the coordinators named by Telegram id who have not
	// started the bot yet.
	Pending int `db:"pending"`
}

// Branches lists every branch, by key, with its members per role.
func (s *Store) Branches(ctx context.Context) ([]BranchSummary, error) {
	var bs []BranchSummary
	err := s.r.SelectContext(ctx, &bs, `SELECT `+prefixed("b", branchCols)+`,
		(SELECT count(*) FROM member_branches mb WHERE mb.branch_id = b.id AND mb.role = 'participant') AS participants,
		(SELECT count(*) FROM member_branches mb WHERE mb.branch_id = b.id AND mb.role = 'volunteer') AS volunteers,
		(SELECT count(*) FROM member_branches mb WHERE mb.branch_id = b.id AND mb.role = 'coordinator') AS coordinators,
		(SELECT count(*) FROM branch_coordinators bc WHERE bc.branch_id = b.id
			AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = bc.user_id)) AS pending
		FROM branches b ORDER BY b.key`)
	if err != nil {
		return nil, fmt.Errorf("list branches: %w", err)
	}
	return bs, nil
}

// Branch returns the branch with id, or ErrNotFound.
func (s *Store) Branch(ctx context.Context, id int64) (domain.Branch, error) {
	return s.branchWhere(ctx, `id = ?`, id)
}

// BranchByKey returns the branch with key, or ErrNotFound.
func (s *Store) BranchByKey(ctx context.Context, key string) (domain.Branch, error) {
	return s.branchWhere(ctx, `key = ?`, key)
}

// BranchByJoinCode returns the branch whose join link carries code, or
// ErrNotFound.
func (s *Store) BranchByJoinCode(ctx context.Context, code string) (domain.Branch, error) {
	return s.branchWhere(ctx, `join_code = ?`, code)
}

func (s *Store) branchWhere(ctx context.Context, where string, arg any) (domain.Branch, error) {
	var b domain.Branch
	if err := s.r.GetContext(ctx, &b, `SELECT `+branchCols+` FROM branches WHERE `+where, arg); err != nil {
		return b, notFound(err, fmt.Sprintf("branch %v", arg))
	}
	return b, nil
}

// AddBranch creates a branch with a fresh join code, and names its
// coordinators by Telegram id (members among them become coordinators at
// once, the others when they join).
func (s *Store) AddBranch(ctx context.Context, nb domain.NewBranch, now time.Time) (domain.Branch, error) {
	if err := nb.Check(); err != nil {
		return domain.Branch{}, err
	}
	code, err := joinCode()
	if err != nil {
		return domain.Branch{}, err
	}
	var b domain.Branch
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM branches WHERE key = ?`, nb.Key); err != nil {
			return err
		}
		if n > 0 {
			return domain.ErrBranchExists
		}
		names := domain.Texts{}
		for lang, name := range nb.Names {
			if lang != "da" {
				names[lang] = strings.TrimSpace(name)
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO branches (key, name, names, town, hidden, join_code, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, nb.Key, strings.TrimSpace(nb.Names["da"]), names, nb.Town, nb.Hidden, code, utc(now))
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if err := addBranchCoordinators(ctx, tx, id, nb.Coordinators, now); err != nil {
			return err
		}
		return tx.GetContext(ctx, &b, `SELECT `+branchCols+` FROM branches WHERE id = ?`, id)
	})
	if err != nil {
		return domain.Branch{}, fmt.Errorf("add branch %s: %w", nb.Key, err)
	}
	return b, nil
}

// RenameBranch sets the names given (a language left out keeps its name; an
// empty one other than Danish removes it).
func (s *Store) RenameBranch(ctx context.Context, key string, names domain.Texts) (domain.Branch, error) {
	var b domain.Branch
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &b, `SELECT `+branchCols+` FROM branches WHERE key = ?`, key); err != nil {
			return notFound(err, "branch "+key)
		}
		all := b.Names.With(b.Name)
		for lang, n := range names {
			all[lang] = strings.TrimSpace(n)
		}
		if err := domain.CheckBranchNames(all); err != nil {
			return err
		}
		others := domain.Texts{}
		for lang, n := range all {
			if lang != "da" && n != "" {
				others[lang] = n
			}
		}
		b.Name, b.Names = all["da"], others
		_, err := tx.ExecContext(ctx, `UPDATE branches SET name = ?, names = ? WHERE id = ?`, b.Name, b.Names, b.ID)
		return err
	})
	if err != nil {
		return domain.Branch{}, fmt.Errorf("rename branch %s: %w", key, err)
	}
	return b, nil
}

// SetBranchCoordinators names (add) and un-names (remove) the branch's
// coordinators by Telegram id. A removed coordinator who is a member stays
// in the branch as a volunteer; the last coordinator of a branch with
// members cannot be removed.
func (s *Store) SetBranchCoordinators(ctx context.Context, key string, add, remove []int64, now time.Time) error {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		if err := tx.GetContext(ctx, &id, `SELECT id FROM branches WHERE key = ?`, key); err != nil {
			return notFound(err, "branch "+key)
		}
		if err := addBranchCoordinators(ctx, tx, id, add, now); err != nil {
			return err
		}
		for _, user := range remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM branch_coordinators WHERE branch_id = ? AND user_id = ?`, id, user); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE member_branches SET role = 'volunteer'
				WHERE branch_id = ? AND member_id = ? AND role = 'coordinator'`, id, user)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			var left int
			if err := tx.GetContext(ctx, &left, `SELECT count(*) FROM member_branches WHERE branch_id = ? AND role = 'coordinator'`, id); err != nil {
				return err
			}
			if left == 0 {
				return domain.ErrLastCoordinator
			}
			if err := syncRole(ctx, tx, user); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("coordinators of branch %s: %w", key, err)
	}
	return nil
}

// addBranchCoordinators names users as branch's coordinators; those who are
// members already become coordinators there now.
func addBranchCoordinators(ctx context.Context, tx *sqlx.Tx, branch int64, users []int64, now time.Time) error {
	for _, user := range users {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO branch_coordinators (branch_id, user_id) VALUES (?, ?)`, branch, user); err != nil {
			return err
		}
		var member int
		if err := tx.GetContext(ctx, &member, `SELECT count(*) FROM members WHERE id = ?`, user); err != nil {
			return err
		}
		if member > 0 {
			if err := joinBranch(ctx, tx, user, branch, domain.RoleCoordinator, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// EnsureDefaultBranch gives the first branch the key and names of the
// configuration while it still has the ones the upgrade gave it (key
// "default", no name), and makes the configured coordinators its
// coordinators. An installation with one branch keeps working on its old
// settings; once a branch is renamed from the command line, the names
// in the database win.
func (s *Store) EnsureDefaultBranch(ctx context.Context, key string, names domain.Texts) (domain.Branch, error) {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if key != "" && key != "default" {
			if !domain.ValidBranchKey(key) {
				return domain.ErrBranchKey
			}
			if _, err := tx.ExecContext(ctx, `UPDATE branches SET key = ? WHERE id = ? AND key = 'default'
				AND NOT EXISTS (SELECT 1 FROM branches WHERE key = ?)`, key, domain.DefaultBranchID, key); err != nil {
				return err
			}
		}
		if names["da"] == "" {
			return nil
		}
		others := domain.Texts{}
		for lang, n := range names {
			if lang != "da" {
				others[lang] = n
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE branches SET name = ?, names = ? WHERE id = ? AND name = ''`,
			names["da"], others, domain.DefaultBranchID)
		return err
	})
	if err != nil {
		return domain.Branch{}, fmt.Errorf("default branch: %w", err)
	}
	return s.Branch(ctx, domain.DefaultBranchID)
}

// MemberBranches lists the member's branches and roles, oldest first.
func (s *Store) MemberBranches(ctx context.Context, member int64) ([]domain.MemberBranch, error) {
	var mbs []domain.MemberBranch
	if err := s.r.SelectContext(ctx, &mbs, `SELECT branch_id, role, joined_at FROM member_branches
		WHERE member_id = ? ORDER BY joined_at, branch_id`, member); err != nil {
		return nil, fmt.Errorf("branches of member %d: %w", member, err)
	}
	return mbs, nil
}

// Scope is what the member may see: their role per branch and the branch
// they act in. A person who is no member has an empty scope.
func (s *Store) Scope(ctx context.Context, member int64) (domain.Scope, error) {
	mbs, err := s.MemberBranches(ctx, member)
	if err != nil {
		return domain.Scope{}, err
	}
	sc := domain.Scope{Roles: make(map[int64]domain.Role, len(mbs))}
	for _, mb := range mbs {
		sc.Roles[mb.BranchID] = mb.Role
	}
	if len(mbs) == 0 {
		return sc, nil
	}
	if err := s.r.GetContext(ctx, &sc.Working, `SELECT branch_id FROM members WHERE id = ?`, member); err != nil {
		return domain.Scope{}, fmt.Errorf("working branch of member %d: %w", member, err)
	}
	if _, ok := sc.Roles[sc.Working]; !ok {
		sc.Working = mbs[0].BranchID
	}
	return sc, nil
}

// JoinBranch makes the member a member of branch with at least role (a role
// there is only raised here) and the branch they act in.
func (s *Store) JoinBranch(ctx context.Context, member, branch int64, role domain.Role, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := joinBranch(ctx, tx, member, branch, role, now); err != nil {
			return fmt.Errorf("member %d joins branch %d: %w", member, branch, err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE members SET branch_id = ? WHERE id = ?`, branch, member)
		return err
	})
}

// SetWorkingBranch makes branch the one the member acts in; they must
// belong to it.
func (s *Store) SetWorkingBranch(ctx context.Context, member, branch int64) error {
	res, err := s.w.ExecContext(ctx, `UPDATE members SET branch_id = ? WHERE id = ?
		AND EXISTS (SELECT 1 FROM member_branches WHERE member_id = ? AND branch_id = ?)`, branch, member, member, branch)
	if err != nil {
		return fmt.Errorf("working branch of member %d: %w", member, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("working branch %d of member %d: %w", branch, member, domain.ErrOtherBranch)
	}
	return nil
}

// joinBranch records member's role in branch, raising (never lowering) the
// one they have there, keeps members.role their highest, and applies the
// branch's named coordinators.
func joinBranch(ctx context.Context, tx *sqlx.Tx, member, branch int64, role domain.Role, now time.Time) error {
	var named int
	if err := tx.GetContext(ctx, &named, `SELECT count(*) FROM branch_coordinators WHERE branch_id = ? AND user_id = ?`, branch, member); err != nil {
		return err
	}
	if named > 0 {
		role = domain.RoleCoordinator
	}
	var old domain.Role
	if err := tx.GetContext(ctx, &old, `SELECT role FROM member_branches WHERE member_id = ? AND branch_id = ?`, member, branch); err != nil && err != errNoRows {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO member_branches (member_id, branch_id, role, joined_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (member_id, branch_id) DO UPDATE SET role = excluded.role`, member, branch, old.Raise(role), utc(now)); err != nil {
		return err
	}
	return syncRole(ctx, tx, member)
}

// syncRole keeps members.role the member's highest branch role (what the
// route table checks), and their working branch one they belong to.
func syncRole(ctx context.Context, tx *sqlx.Tx, member int64) error {
	var mbs []domain.MemberBranch
	if err := tx.SelectContext(ctx, &mbs, `SELECT branch_id, role, joined_at FROM member_branches WHERE member_id = ? ORDER BY joined_at, branch_id`, member); err != nil {
		return err
	}
	if len(mbs) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE members SET role = ?,
		branch_id = CASE WHEN EXISTS (SELECT 1 FROM member_branches WHERE member_id = members.id AND branch_id = members.branch_id)
			THEN branch_id ELSE ? END
		WHERE id = ?`, domain.HighestRole(mbs), mbs[0].BranchID, member)
	return err
}

// joinCode is a fresh, unguessable join-link payload: a hidden branch
// stays out of reach of people who only know its key.
func joinCode() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("join code: %w", err)
	}
	return "b" + hex.EncodeToString(b), nil
}

// SetBranchSetting gives the branch its own value of a setting ("" goes
// back to the environment's).
func (s *Store) SetBranchSetting(ctx context.Context, key, name, value string) error {
	if err := domain.CheckBranchSetting(name, value); err != nil {
		return fmt.Errorf("setting %s of branch %s: %w", name, key, err)
	}
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		var b domain.Branch
		if err := tx.GetContext(ctx, &b, `SELECT `+branchCols+` FROM branches WHERE key = ?`, key); err != nil {
			return notFound(err, "branch "+key)
		}
		set := domain.Texts{}
		for k, v := range b.Settings {
			set[k] = v
		}
		set[name] = value // Texts leaves an empty value out when stored
		_, err := tx.ExecContext(ctx, `UPDATE branches SET settings = ? WHERE id = ?`, set, b.ID)
		return err
	})
}
