package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// Lookups of members on a coordinator's behalf: each names the branches the
// coordinator may see, and finds no one outside them.

// MemberPage is one page of the member list, ordered by name.
type MemberPage struct {
	Members []domain.Member
	Total   int
}

// ListMembers returns up to limit of branch's members from offset, ordered
// by name, each with their role in branch.
func (s *Store) ListMembers(ctx context.Context, branch int64, offset, limit int) (MemberPage, error) {
	var p MemberPage
	if err := s.r.GetContext(ctx, &p.Total, `SELECT count(*) FROM member_branches WHERE branch_id = ?`, branch); err != nil {
		return p, fmt.Errorf("count members: %w", err)
	}
	err := s.r.SelectContext(ctx, &p.Members, `SELECT `+memberInCols+` FROM members m
		JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id = ?
		ORDER BY m.display_name COLLATE NOCASE, m.id LIMIT ? OFFSET ?`, branch, limit, offset)
	if err != nil {
		return p, fmt.Errorf("list members: %w", err)
	}
	return p, nil
}

// memberInCols are a member's columns with their role in the joined
// member_branches row (mb) in place of their highest.
var memberInCols = strings.Replace(prefixed("m", memberCols), "m.role, ", "mb.role AS role, ", 1)

// MemberIn returns the member with id if they belong to one of branches,
// with their highest role among those; domain.ErrOtherBranch (a kind of
// ErrNotFound) when they do not, ErrNotFound when there is no such member.
func (s *Store) MemberIn(ctx context.Context, id int64, branches []int64) (domain.Member, error) {
	var ms []domain.Member
	q, args, err := sqlx.In(`SELECT `+memberInCols+` FROM members m
		JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id IN (?) WHERE m.id = ?`, orNone(branches), id)
	if err == nil {
		err = s.r.SelectContext(ctx, &ms, q, args...)
	}
	if err != nil {
		return domain.Member{}, fmt.Errorf("member %d: %w", id, err)
	}
	if len(ms) == 0 {
		return domain.Member{}, fmt.Errorf("member %d: %w", id, domain.ErrOtherBranch)
	}
	m := ms[0]
	for _, o := range ms[1:] {
		m.Role = m.Role.Raise(o.Role)
	}
	return m, nil
}

// memberInBranches fails with domain.ErrOtherBranch unless the member belongs to
// one of branches.
func memberInBranches(ctx context.Context, tx *sqlx.Tx, id int64, branches []int64) error {
	var n int
	q, args, err := sqlx.In(`SELECT count(*) FROM member_branches WHERE member_id = ? AND branch_id IN (?)`, id, orNone(branches))
	if err == nil {
		err = tx.GetContext(ctx, &n, q, args...)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("member %d: %w", id, domain.ErrOtherBranch)
	}
	return nil
}

// MembersWithRole lists the members who have role (their highest).
func (s *Store) MembersWithRole(ctx context.Context, role domain.Role) ([]domain.Member, error) {
	var ms []domain.Member
	if err := s.r.SelectContext(ctx, &ms, `SELECT `+memberCols+` FROM members WHERE role = ? ORDER BY id`, role); err != nil {
		return nil, fmt.Errorf("members with role %s: %w", role, err)
	}
	return ms, nil
}

// BranchCoordinators is a branch and the first names of its coordinators.
type BranchCoordinators struct {
	Branch domain.Branch
	Names  []string
}

// WhoSees lists the branches the member belongs to, oldest membership
// first, each with the first names of its coordinators: the people who can
// see the member's data.
func (s *Store) WhoSees(ctx context.Context, member int64) ([]BranchCoordinators, error) {
	var bs []domain.Branch
	if err := s.r.SelectContext(ctx, &bs, `SELECT `+prefixed("b", branchCols)+` FROM branches b
		JOIN member_branches mb ON mb.branch_id = b.id AND mb.member_id = ? ORDER BY mb.joined_at, b.id`, member); err != nil {
		return nil, fmt.Errorf("branches of member %d: %w", member, err)
	}
	var rows []struct {
		Branch int64  `db:"branch_id"`
		Name   string `db:"display_name"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT c.branch_id, m.display_name FROM member_branches c
		JOIN members m ON m.id = c.member_id
		WHERE c.role = 'coordinator' AND c.branch_id IN (SELECT branch_id FROM member_branches WHERE member_id = ?)
		ORDER BY m.display_name COLLATE NOCASE, m.id`, member); err != nil {
		return nil, fmt.Errorf("coordinators of member %d: %w", member, err)
	}
	out := make([]BranchCoordinators, len(bs))
	for i, b := range bs {
		out[i].Branch = b
		for _, r := range rows {
			if r.Branch == b.ID {
				out[i].Names = append(out[i].Names, domain.FirstName(r.Name))
			}
		}
	}
	return out, nil
}
