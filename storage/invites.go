package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Invite is a deep-link code that grants a role to whoever opens it.
type Invite struct {
	Code      string    `db:"code"`
	Role      Role      `db:"role"`
	CreatedBy *int64    `db:"created_by"`
	CreatedAt time.Time `db:"created_at"`
	ExpiresAt time.Time `db:"expires_at"`
	MaxUses   *int      `db:"max_uses"`
	Uses      int       `db:"uses"`
}

// CreateInvite stores a new invite. maxUses 0 means unlimited until expiry.
func (s *Store) CreateInvite(ctx context.Context, inv Invite, now time.Time) error {
	var maxUses any
	if inv.MaxUses != nil && *inv.MaxUses > 0 {
		maxUses = *inv.MaxUses
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO invites (code, role, created_by, created_at, expires_at, max_uses, uses)
		VALUES (?, ?, ?, ?, ?, ?, 0)`, inv.Code, inv.Role, inv.CreatedBy, utc(now), utc(inv.ExpiresAt), maxUses)
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
func (s *Store) RedeemInvite(ctx context.Context, memberID int64, code string, now time.Time) (Member, bool, error) {
	var m Member
	var raised bool
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var inv Invite
		if err := tx.GetContext(ctx, &inv, `SELECT code, role, created_by, created_at, expires_at, max_uses, uses FROM invites WHERE code = ?`, code); err != nil {
			return notFound(err, "invite")
		}
		if !now.Before(inv.ExpiresAt) {
			return ErrInviteExpired
		}
		if inv.MaxUses != nil && inv.Uses >= *inv.MaxUses {
			return ErrInviteUsedUp
		}
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID); err != nil {
			return notFound(err, "member")
		}
		if inv.Role.Rank() <= m.Role.Rank() {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE invites SET uses = uses + 1 WHERE code = ?`, code); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET role = ? WHERE id = ?`, inv.Role, memberID); err != nil {
			return err
		}
		m.Role, raised = inv.Role, true
		return nil
	})
	if err != nil {
		return Member{}, false, fmt.Errorf("redeem invite: %w", err)
	}
	return m, raised, nil
}
