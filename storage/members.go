package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

const memberCols = `id, chat_id, display_name, language, second_language, role, consented_at, reachable, created_at, last_seen_at, ref, branch_id`

// prefixed qualifies a column list with a table alias: "m.id, m.chat_id, …".
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = alias + "." + p
	}
	return strings.Join(parts, ", ")
}

// Member returns the member with Telegram user id id, or ErrNotFound.
func (s *Store) Member(ctx context.Context, id int64) (domain.Member, error) {
	var m domain.Member
	err := s.r.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id)
	if err != nil {
		return domain.Member{}, notFound(err, fmt.Sprintf("member %d", id))
	}
	return m, nil
}

// Register stores the consent of a new member, or renews it for a known one
// (keeping the higher of the stored and the given role).
func (s *Store) Register(ctx context.Context, r domain.Registration, now time.Time) (domain.Member, error) {
	if !r.Role.Valid() {
		r.Role = domain.RoleParticipant
	}
	var m domain.Member
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		branch := r.BranchID
		if branch == 0 {
			branch = domain.DefaultBranchID
		}
		var known int
		if err := tx.GetContext(ctx, &known, `SELECT count(*) FROM members WHERE id = ?`, r.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO members (id, chat_id, display_name, language, role, consented_at, reachable, created_at, last_seen_at, branch_id)
			VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, display_name = excluded.display_name,
				language = excluded.language, consented_at = excluded.consented_at, reachable = 1,
				last_seen_at = excluded.last_seen_at`,
			r.ID, r.ChatID, r.DisplayName, r.Language, r.Role, utc(now), utc(now), utc(now), branch)
		if err != nil {
			return err
		}
		if err := giveRef(ctx, tx, r.ID); err != nil {
			return err
		}
		// A member registering again joins the branch they came through
		// (their role there only raised); a new one starts acting in it.
		if err := joinBranch(ctx, tx, r.ID, branch, r.Role, now); err != nil {
			return err
		}
		if known == 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE members SET branch_id = ? WHERE id = ?`, branch, r.ID); err != nil {
				return err
			}
		}
		return tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, r.ID)
	})
	if err != nil {
		return domain.Member{}, fmt.Errorf("register member %d: %w", r.ID, err)
	}
	return m, nil
}

// Touch records that the member was seen, at most once an hour to spare writes.
func (s *Store) Touch(ctx context.Context, id int64, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE members SET last_seen_at = ?, reachable = 1 WHERE id = ? AND (last_seen_at < ? OR reachable = 0)`,
		utc(now), id, utc(now.Add(-time.Hour)))
	if err != nil {
		return fmt.Errorf("touch member %d: %w", id, err)
	}
	return nil
}

// SetLanguage changes the member's language.
func (s *Store) SetLanguage(ctx context.Context, id int64, lang string) (domain.Member, error) {
	var m domain.Member
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE members SET language = ? WHERE id = ?`, lang, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNotFound
		}
		return tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id)
	})
	if err != nil {
		return domain.Member{}, fmt.Errorf("set language of member %d: %w", id, err)
	}
	return m, nil
}

// SetSecondLanguage changes the language a member reads texts written by
// people in when there is none in their own ("": none, Danish).
func (s *Store) SetSecondLanguage(ctx context.Context, id int64, lang string) (domain.Member, error) {
	if lang != "" && !domain.SupportedLanguage(lang) {
		return domain.Member{}, fmt.Errorf("set second language of member %d: %q: %w", id, lang, domain.ErrUnsupportedLanguage)
	}
	var m domain.Member
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE members SET second_language = ? WHERE id = ?`, lang, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrNotFound
		}
		return tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id)
	})
	if err != nil {
		return domain.Member{}, fmt.Errorf("set second language of member %d: %w", id, err)
	}
	return m, nil
}

// SetRole changes a member's role in branch (their highest role, on the
// member row, follows) and, with tell, queues the notice of it
// (domain.NoticeRoleChanged) in the same transaction. The last coordinator
// cannot be demoted.
func (s *Store) SetRole(ctx context.Context, branch, id int64, role domain.Role, now time.Time, tell bool) (domain.Member, error) {
	if !role.Valid() {
		return domain.Member{}, fmt.Errorf("set role %q: invalid role", role)
	}
	var m domain.Member
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var was domain.Role
		if err := tx.GetContext(ctx, &was, `SELECT role FROM member_branches WHERE member_id = ? AND branch_id = ?`, id, branch); err != nil {
			return notFound(err, "member in branch")
		}
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
			return notFound(err, "member")
		}
		if was == role {
			return nil
		}
		if was == domain.RoleCoordinator {
			if err := keepOneCoordinator(ctx, tx, branch); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE member_branches SET role = ? WHERE member_id = ? AND branch_id = ?`, role, id, branch); err != nil {
			return err
		}
		if err := syncRole(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &m, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
			return err
		}
		if was == domain.RoleCoordinator && role != domain.RoleCoordinator {
			// Her links of the branch die with her role there: she cannot regain it through
			// her own old link; the branch's coordinators' group she set no longer receives questions.
			if err := revokeInvitesBy(ctx, tx, id, branch, now); err != nil {
				return err
			}
			if err := inboxLost(ctx, tx, id, branch, now); err != nil {
				return err
			}
		}
		if !tell {
			return nil
		}
		out, err := domain.NewNotice(domain.NoticeRoleChanged, m, domain.RoleValues{Role: role})
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, out)
	})
	if err != nil {
		return domain.Member{}, fmt.Errorf("set role of member %d: %w", id, err)
	}
	return m, nil
}

// EnsureCoordinators makes the given known members coordinators of the
// first branch (the ids from the configuration: a single-branch
// installation's coordinators), names the others for when they join, and
// reports how many changed.
func (s *Store) EnsureCoordinators(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	changed := 0
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO branch_coordinators (branch_id, user_id) VALUES (?, ?)`, domain.DefaultBranchID, id); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE member_branches SET role = 'coordinator'
				WHERE member_id = ? AND branch_id = ? AND role != 'coordinator'`, id, domain.DefaultBranchID)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			if n == 0 {
				var member int
				if err := tx.GetContext(ctx, &member, `SELECT count(*) FROM members m WHERE m.id = ? AND NOT EXISTS
					(SELECT 1 FROM member_branches mb WHERE mb.member_id = m.id AND mb.branch_id = ?)`, id, domain.DefaultBranchID); err != nil {
					return err
				}
				if member == 0 {
					continue
				}
				if err := joinBranch(ctx, tx, id, domain.DefaultBranchID, domain.RoleCoordinator, time.Now()); err != nil {
					return err
				}
			} else if err := syncRole(ctx, tx, id); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("ensure coordinators: %w", err)
	}
	return changed, nil
}

// SetReachable records whether Telegram lets us write to the member. When
// they become unreachable their pending messages fail at once.
func (s *Store) SetReachable(ctx context.Context, id int64, reachable bool, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		return setReachable(ctx, tx, id, reachable, now)
	})
}

func setReachable(ctx context.Context, tx *sqlx.Tx, id int64, reachable bool, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE members SET reachable = ? WHERE id = ?`, reachable, id); err != nil {
		return fmt.Errorf("set reachable of member %d: %w", id, err)
	}
	if reachable {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'failed', error = 'blocked', done_at = ?
		WHERE member_id = ? AND state = 'pending'`, utc(now), id)
	return err
}

// Forget deletes the member and everything that names them (follows, answers,
// queued messages, conversations, the invite links they made); only anonymous
// counters remain. The last coordinator cannot be forgotten, as they cannot be
// demoted. A chat that had its own command menu is noted in menu_cleanup until
// Telegram confirms the menu removed (MenuCleaned). Afterwards the write-ahead
// log is checkpointed, so that with secure_delete neither file keeps the
// member's bytes.
func (s *Store) Forget(ctx context.Context, id int64, now time.Time) error {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var m struct {
			Role     domain.Role `db:"role"`
			ChatID   int64       `db:"chat_id"`
			MenuRole *string     `db:"menu_role"`
		}
		if err := tx.GetContext(ctx, &m, `SELECT role, chat_id, menu_role FROM members WHERE id = ?`, id); err != nil {
			return notFound(err, "member")
		}
		var led []int64
		if err := tx.SelectContext(ctx, &led, `SELECT branch_id FROM member_branches WHERE member_id = ? AND role = 'coordinator'`, id); err != nil {
			return err
		}
		for _, branch := range led {
			if err := keepOneCoordinator(ctx, tx, branch); err != nil {
				return err
			}
		}
		if err := inboxLost(ctx, tx, id, 0, now); err != nil {
			return err
		}
		if err := unrelay(ctx, tx, id, now); err != nil {
			return err
		}
		if m.MenuRole != nil {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO menu_cleanup (chat_id) VALUES (?)`, m.ChatID); err != nil {
				return err
			}
		}
		// Answers they gave as a coordinator stay with the members asked, without their name.
		if _, err := tx.ExecContext(ctx, `UPDATE ask_messages SET coordinator_name = CASE WHEN coordinator_id = ? THEN '' ELSE coordinator_name END,
			done_by_name = CASE WHEN done_by = ? THEN '' ELSE done_by_name END WHERE coordinator_id = ? OR done_by = ?`, id, id, id, id); err != nil {
			return err
		}
		if err := endMatchesOf(ctx, tx, id, domain.EndForgotten, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM invites WHERE created_by = ?`, id); err != nil {
			return err
		}
		seated, err := seatedEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM members WHERE id = ?`, id); err != nil {
			return err
		}
		for _, e := range seated { // their seats are offered at once to those waiting
			if _, err := promoteEvent(ctx, tx, e, now); err != nil {
				return err
			}
		}
		// Their broadcasts stay (others received them) but no longer point at their chat.
		if _, err := tx.ExecContext(ctx, `UPDATE broadcasts SET progress_chat = NULL, progress_msg = NULL WHERE progress_chat = ?`, id); err != nil {
			return err
		}
		return bump(ctx, tx, "members_forgotten")
	})
	if err != nil {
		return fmt.Errorf("forget member %d: %w", id, err)
	}
	// The member is gone once the transaction committed; a failed checkpoint
	// only delays the log's truncation to SQLite's next automatic one.
	_ = s.checkpoint(ctx)
	return nil
}

// keepOneCoordinator fails with ErrLastCoordinator when only one coordinator
// of branch is left.
func keepOneCoordinator(ctx context.Context, tx *sqlx.Tx, branch int64) error {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM member_branches WHERE branch_id = ? AND role = 'coordinator'`, branch); err != nil {
		return err
	}
	if n <= 1 {
		return domain.ErrLastCoordinator
	}
	return nil
}

// giveRef gives member the next ref unless they have one.
func giveRef(ctx context.Context, tx *sqlx.Tx, member int64) error {
	var has bool
	if err := tx.GetContext(ctx, &has, `SELECT ref IS NOT NULL FROM members WHERE id = ?`, member); err != nil || has {
		return err
	}
	if err := bump(ctx, tx, "member_refs"); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE members SET ref = (SELECT value FROM counters WHERE name = 'member_refs') WHERE id = ?`, member)
	return err
}
