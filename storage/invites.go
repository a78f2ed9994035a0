package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const inviteCols = `code, role, created_by, created_at, expires_at, max_uses, uses, revoked_at, branch_id`

// inviteWorks: a link works only while nobody revoked it and its creator is
// still a coordinator of its branch (a demoted or forgotten creator's links
// die with the role; demotion also revokes them, this is the second lock).
func inviteWorks(ctx context.Context, tx *sqlx.Tx, inv domain.Invite) bool {
	if inv.RevokedAt != nil || inv.CreatedBy == nil {
		return false
	}
	var role domain.Role
	if err := tx.GetContext(ctx, &role, `SELECT role FROM member_branches WHERE member_id = ? AND branch_id = ?`,
		*inv.CreatedBy, inv.BranchID); err != nil {
		return false
	}
	return role == domain.RoleCoordinator
}

// revokeInvitesBy revokes every link of branch the member made that is not
// yet revoked.
func revokeInvitesBy(ctx context.Context, tx *sqlx.Tx, memberID, branch int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE invites SET revoked_at = ? WHERE created_by = ? AND branch_id = ? AND revoked_at IS NULL`,
		utc(now), memberID, branch)
	if err != nil {
		return fmt.Errorf("revoke invites of member %d: %w", memberID, err)
	}
	return nil
}

// WorkingInvites lists branch's links that still work (not revoked,
// expired or used up, made by a current coordinator of the branch), soonest
// expiry first.
func (s *Store) WorkingInvites(ctx context.Context, branch int64, now time.Time) ([]domain.WorkingInvite, error) {
	var out []domain.WorkingInvite
	err := s.r.SelectContext(ctx, &out, `SELECT i.code, i.role, i.created_by, i.created_at, i.expires_at, i.max_uses, i.uses, i.revoked_at,
			i.branch_id, m.display_name AS creator_name
		FROM invites i JOIN members m ON m.id = i.created_by
		JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id = i.branch_id AND mb.role = 'coordinator'
		WHERE i.branch_id = ? AND i.revoked_at IS NULL AND i.expires_at > ? AND (i.max_uses IS NULL OR i.uses < i.max_uses)
		ORDER BY i.expires_at, i.code`, branch, utc(now))
	if err != nil {
		return nil, fmt.Errorf("working invites: %w", err)
	}
	return out, nil
}

// RevokeInvite stops a link of branch at once. Revoking one that is
// already revoked is harmless (a double tap); an unknown code, or one of
// another branch, is ErrNotFound.
func (s *Store) RevokeInvite(ctx context.Context, branch int64, code string, now time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE invites SET revoked_at = coalesce(revoked_at, ?) WHERE code = ? AND branch_id = ?`,
		utc(now), code, branch)
	if err != nil {
		return fmt.Errorf("revoke invite: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("revoke invite: %w", domain.ErrNotFound)
	}
	return nil
}

// CreateInvite stores a new invite. maxUses 0 means unlimited until expiry.
func (s *Store) CreateInvite(ctx context.Context, inv domain.Invite, now time.Time) error {
	var maxUses any
	if inv.MaxUses != nil && *inv.MaxUses > 0 {
		maxUses = *inv.MaxUses
	}
	branch := inv.BranchID
	if branch == 0 {
		branch = domain.DefaultBranchID
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO invites (code, role, created_by, created_at, expires_at, max_uses, uses, branch_id)
		VALUES (?, ?, ?, ?, ?, ?, 0, ?)`, inv.Code, inv.Role, inv.CreatedBy, utc(now), utc(inv.ExpiresAt), maxUses, branch)
	if err != nil {
		return fmt.Errorf("create invite: %w", err)
	}
	return nil
}

// RedeemInvite applies the invite with code to the member: it raises the
// member's role (never lowers it) and counts the use, all in one transaction.
// A redemption that raises nothing (a coordinator trying their own link) is
// not counted, so it does not use up a single-use link. It returns the member
// as they are afterwards and whether their role changed.
func (s *Store) RedeemInvite(ctx context.Context, memberID int64, code string, now time.Time) (domain.Member, bool, error) {
	var m domain.Member
	var raised bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var inv domain.Invite
		if err := tx.GetContext(ctx, &inv, `SELECT `+inviteCols+` FROM invites WHERE code = ?`, code); err != nil {
			return notFound(err, "invite")
		}
		if !now.Before(inv.ExpiresAt) {
			return domain.ErrInviteExpired
		}
		if !inviteWorks(ctx, tx, inv) {
			return domain.ErrInviteRevoked
		}
		if inv.MaxUses != nil && inv.Uses >= *inv.MaxUses {
			return domain.ErrInviteUsedUp
		}
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID); err != nil {
			return notFound(err, "member")
		}
		var had domain.Role
		if err := tx.GetContext(ctx, &had, `SELECT role FROM member_branches WHERE member_id = ? AND branch_id = ?`, memberID, inv.BranchID); err != nil && err != errNoRows {
			return err
		}
		if had.Raise(inv.Role) == had {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET uses = uses + 1 WHERE code = ?`, code); err != nil {
			return err
		}
		if err := joinBranch(ctx, tx, memberID, inv.BranchID, inv.Role, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET branch_id = ? WHERE id = ?`, inv.BranchID, memberID); err != nil {
			return err
		}
		raised = true
		return tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID)
	})
	if err != nil {
		return domain.Member{}, false, fmt.Errorf("redeem invite: %w", err)
	}
	return m, raised, nil
}

// InviteRole is the role an invite link still gives at now, for what the
// privacy note tells the person opening it; a code that gives none (unknown,
// expired, used up) is a participant's.
func (s *Store) InviteRole(ctx context.Context, code string, now time.Time) (domain.Role, error) {
	var inv domain.Invite
	err := s.r.GetContext(ctx, &inv, `SELECT `+inviteCols+` FROM invites WHERE code = ?`, code)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (!now.Before(inv.ExpiresAt) || (inv.MaxUses != nil && inv.Uses >= *inv.MaxUses))) {
		return domain.RoleParticipant, nil
	}
	if err != nil {
		return "", fmt.Errorf("invite role: %w", err)
	}
	return inv.Role, nil
}
