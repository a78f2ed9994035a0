package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// "Ask us": what a member writes outside a step-by-step chat is relayed to
// the coordinators, who answer through the bot. Text is kept for the short
// history (and deleted after the retention time); media never, only
// Telegram's reference to it.

const askCols = `id, member_id, direction, kind, text, src_chat, src_message, coordinator_id, coordinator_name,
	answered_at, done_at, done_by_name, created_at, branch_id, burst`

// Ask records a member's message and, in the same transaction, queues its
// relay (domain.NoticeAskRelay, after a copy of any media) to the coordinators'
// group or to every reachable coordinator but the asker, as DecideAsk
// allows (perHour cards an hour, or the member's branch's own
// domain.SettingAskPerHour). A message that joins the member's open burst (domain.JoinsBurst)
// is not relayed on its own: its card shows it (item.Burst names the card's
// first message; burst is the window, see domain.JoinsBurst) and only a copy of any media is queued beside it. Nothing is stored unless it is relayed; targets is how many chats
// it was relayed to (none: it is held, and ClaimHeldAsks relays it when a
// coordinator can read it).
func (s *Store) Ask(ctx context.Context, memberID int64, msg domain.AskMessage, perHour int, burst time.Duration, now time.Time) (item domain.AskItem, outcome domain.AskOutcome, targets int, err error) {
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		var asker domain.Member
		if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, memberID); err != nil {
			return notFound(err, "member")
		}
		var muted, recent int
		if err := tx.GetContext(ctx, &muted, `SELECT count(*) FROM ask_muted WHERE member_id = ?`, memberID); err != nil {
			return err
		}
		if muted == 0 {
			last, err := askLast(ctx, tx, memberID)
			if err != nil {
				return err
			}
			if domain.JoinsBurst(last, now, burst) {
				outcome = domain.AskRelayed
				item, targets, err = joinBurst(ctx, tx, memberID, last.Head, msg, now)
				return err
			}
		}
		// The hourly limit counts cards (a burst is one question), not lines.
		if err := tx.GetContext(ctx, &recent, `SELECT count(*) FROM ask_messages WHERE member_id = ? AND direction = 'in' AND burst IS NULL AND created_at > ?`,
			memberID, utc(now.Add(-time.Hour))); err != nil {
			return err
		}
		var branch domain.Branch
		if err := tx.GetContext(ctx, &branch, `SELECT `+branchCols+` FROM branches WHERE id = ?`, asker.BranchID); err != nil && err != errNoRows {
			return err
		}
		// The branch's own limit, else the environment's.
		if outcome = domain.DecideAsk(muted > 0, recent, branch.SettingInt(domain.SettingAskPerHour, perHour)); outcome != domain.AskRelayed {
			return nil
		}
		id, err := insertAsk(ctx, tx, memberID, asker.BranchID, "in", msg, nil, now)
		if err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &item, `SELECT `+askCols+` FROM ask_messages WHERE id = ?`, id); err != nil {
			return err
		}
		targets, err = relayTo(ctx, tx, item, asker, now)
		if err == nil && targets == 0 { // no one can read it now: held until someone can
			_, err = tx.ExecContext(ctx, `UPDATE ask_messages SET held = 1 WHERE id = ?`, id)
		}
		return err
	})
	if err != nil {
		return domain.AskItem{}, 0, 0, fmt.Errorf("ask from member %d: %w", memberID, err)
	}
	return item, outcome, targets, nil
}

// relayOut is the relay of item to one coordinator or the group: a copy of the
// media (if any), then the notice of who wrote what. Both go with the item
// (deleted with it).
func relayOut(item domain.AskItem, asker domain.Member, t domain.AskTarget) ([]domain.Outgoing, error) {
	v := domain.AskRelayValues{Item: item.ID, Kind: item.Kind, Text: item.Text, Asker: domain.AskAsker{
		ID: asker.ID, DisplayName: asker.DisplayName, Language: asker.Language, Role: asker.Role, Since: asker.CreatedAt}}
	var notice domain.Outgoing
	var err error
	if t.MemberID == 0 {
		notice, err = domain.GroupNotice(domain.NoticeAskRelay, t.ChatID, t.Language, v)
	} else {
		notice, err = domain.NewNotice(domain.NoticeAskRelay, domain.Member{ID: t.MemberID, ChatID: t.ChatID}, v)
	}
	if err != nil {
		return nil, err
	}
	notice.AskItem = item.ID
	var out []domain.Outgoing
	if item.SrcChat.Valid && item.SrcMessage.Valid {
		out = append(out, domain.Outgoing{MemberID: t.MemberID, ChatID: t.ChatID, Kind: domain.KindNotice,
			Priority: domain.PriorityNotice, CopyChat: item.SrcChat.Int64, CopyMessage: int(item.SrcMessage.Int64), AskItem: item.ID})
	}
	return append(out, notice), nil
}

func insertAsk(ctx context.Context, tx *sqlx.Tx, memberID, branch int64, dir string, msg domain.AskMessage, by *domain.Member, now time.Time) (int64, error) {
	var srcChat, srcMsg, byID any
	if msg.SrcChat != 0 && msg.SrcMessage != 0 {
		srcChat, srcMsg = msg.SrcChat, msg.SrcMessage
	}
	name := ""
	if by != nil {
		byID, name = by.ID, domain.FirstName(by.DisplayName)
	}
	kind := msg.Kind
	if kind == "" {
		kind = domain.AskOther
	}
	if branch == 0 {
		branch = domain.DefaultBranchID
	}
	var tgMsg any
	if msg.MessageID != 0 {
		tgMsg = msg.MessageID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO ask_messages (member_id, direction, kind, text, src_chat, src_message, coordinator_id, coordinator_name, created_at, branch_id, tg_message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, memberID, dir, kind, msg.Text, srcChat, srcMsg, byID, name, utc(now), branch, tgMsg)
	if err != nil {
		return 0, fmt.Errorf("store ask message: %w", err)
	}
	return res.LastInsertId()
}

// askTargets is branch's coordinators' group when one is designated,
// otherwise every reachable coordinator of branch except the asker.
func askTargets(ctx context.Context, tx *sqlx.Tx, branch, asker int64) ([]domain.AskTarget, error) {
	chat, lang, ok, err := inbox(ctx, tx, branch)
	if err != nil {
		return nil, err
	}
	if ok {
		return []domain.AskTarget{{ChatID: chat, Language: lang}}, nil
	}
	var ts []domain.AskTarget
	err = tx.SelectContext(ctx, &ts, `SELECT m.chat_id AS chatid, m.id AS memberid, m.language FROM members m
		JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id = ? AND mb.role = 'coordinator'
		WHERE m.reachable = 1 AND m.id != ? ORDER BY m.id`, branch, asker)
	return ts, err
}

// AskItem returns one message of a conversation asked in one of branches
// (those the coordinator coordinates), or ErrNotFound.
func (s *Store) AskItem(ctx context.Context, id int64, branches []int64) (domain.AskItem, error) {
	var it domain.AskItem
	q, args, err := sqlx.In(`SELECT `+askCols+` FROM ask_messages WHERE id = ? AND branch_id IN (?)`, id, orNone(branches))
	if err != nil {
		return it, err
	}
	if err := s.r.GetContext(ctx, &it, q, args...); err != nil {
		return it, notFound(err, fmt.Sprintf("ask message %d", id))
	}
	return it, nil
}

// askItemIn is AskItem inside a transaction.
func askItemIn(ctx context.Context, tx *sqlx.Tx, id int64, branches []int64) (domain.AskItem, error) {
	var it domain.AskItem
	q, args, err := sqlx.In(`SELECT `+askCols+` FROM ask_messages WHERE id = ? AND branch_id IN (?)`, id, orNone(branches))
	if err != nil {
		return it, err
	}
	if err := tx.GetContext(ctx, &it, q, args...); err != nil {
		return it, notFound(err, "ask message")
	}
	return it, nil
}

// AskReply records a coordinator's answer to the conversation of item
// itemID, marks the member's unanswered messages answered by them, and
// queues the answer (domain.NoticeAskAnswer, then a copy of any media) in the same
// transaction; entities are Telegram's entities of a text answer (a JSON
// array, or none). It returns the asker and the item as it was before (so a
// second coordinator learns who answered first). The item must be of one
// of branches (those the coordinator coordinates).
func (s *Store) AskReply(ctx context.Context, itemID int64, branches []int64, by domain.Member, msg domain.AskMessage, entities json.RawMessage, now time.Time) (domain.Member, domain.AskItem, error) {
	var asker domain.Member
	var before domain.AskItem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if before, err = askItemIn(ctx, tx, itemID, branches); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &asker, `SELECT `+memberCols+` FROM members WHERE id = ?`, before.MemberID); err != nil {
			return notFound(err, "member")
		}
		if _, err := insertAsk(ctx, tx, asker.ID, before.BranchID, "out", msg, &by, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ask_messages SET answered_at = ?, coordinator_id = ?, coordinator_name = ?
			WHERE member_id = ? AND branch_id = ? AND direction = 'in' AND answered_at IS NULL`,
			utc(now), by.ID, domain.FirstName(by.DisplayName), asker.ID, before.BranchID); err != nil {
			return err
		}
		out, err := answerOut(asker, by, msg, entities)
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, out...)
	})
	if err != nil {
		return domain.Member{}, domain.AskItem{}, fmt.Errorf("reply to ask %d: %w", itemID, err)
	}
	return asker, before, nil
}

// answerOut is the coordinator's answer to asker: the notice with the text
// they wrote, or the notice alone and then a copy of their voice note or photo.
func answerOut(asker, by domain.Member, msg domain.AskMessage, entities json.RawMessage) ([]domain.Outgoing, error) {
	v := domain.AskAnswerValues{Coordinator: domain.FirstName(by.DisplayName), Lang: by.Language}
	if msg.Kind == domain.AskText {
		v.Text, v.Entities = msg.Text, entities
	}
	notice, err := domain.NewNotice(domain.NoticeAskAnswer, asker, v)
	if err != nil || msg.Kind == domain.AskText {
		return []domain.Outgoing{notice}, err
	}
	return []domain.Outgoing{notice, {MemberID: asker.ID, ChatID: asker.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice,
		CopyChat: msg.SrcChat, CopyMessage: msg.SrcMessage}}, nil
}

// AskDone closes the conversation of item itemID: every open message of that
// member is marked done by the coordinator. It returns the item as it was
// before, so a second tap shows who closed it. The item must be of one of
// branches (those the coordinator coordinates).
func (s *Store) AskDone(ctx context.Context, itemID int64, branches []int64, by domain.Member, now time.Time) (domain.AskItem, error) {
	var before domain.AskItem
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if before, err = askItemIn(ctx, tx, itemID, branches); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE ask_messages SET done_at = ?, done_by = ?, done_by_name = ?
			WHERE member_id = ? AND branch_id = ? AND direction = 'in' AND done_at IS NULL`,
			utc(now), by.ID, domain.FirstName(by.DisplayName), before.MemberID, before.BranchID)
		return err
	})
	if err != nil {
		return domain.AskItem{}, fmt.Errorf("close ask %d: %w", itemID, err)
	}
	return before, nil
}

// AskHistory returns the member's last n messages both ways in branches
// (those the coordinator coordinates), oldest first.
func (s *Store) AskHistory(ctx context.Context, memberID int64, branches []int64, n int) ([]domain.AskItem, error) {
	var items []domain.AskItem
	q, args, err := sqlx.In(`SELECT * FROM (SELECT `+askCols+` FROM ask_messages WHERE member_id = ? AND branch_id IN (?)
		ORDER BY id DESC LIMIT ?) ORDER BY id`, memberID, orNone(branches), n)
	if err == nil {
		err = s.r.SelectContext(ctx, &items, q, args...)
	}
	if err != nil {
		return nil, fmt.Errorf("ask history of member %d: %w", memberID, err)
	}
	return items, nil
}

// SetMuted mutes or unmutes a member for "Ask us". The member must belong
// to one of branches (those the coordinator coordinates): ErrNotFound
// otherwise.
func (s *Store) SetMuted(ctx context.Context, memberID int64, branches []int64, by int64, muted bool, now time.Time) error {
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := memberInBranches(ctx, tx, memberID, branches); err != nil {
			return err
		}
		var err error
		if muted {
			_, err = tx.ExecContext(ctx, `INSERT INTO ask_muted (member_id, muted_by, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				memberID, by, utc(now))
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM ask_muted WHERE member_id = ?`, memberID)
		}
		return err
	})
	if err != nil {
		if isForeignKey(err) {
			return fmt.Errorf("mute member %d: %w", memberID, domain.ErrNotFound)
		}
		return fmt.Errorf("mute member %d: %w", memberID, err)
	}
	return nil
}

// Muted reports whether the member is muted.
func (s *Store) Muted(ctx context.Context, memberID int64) (bool, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, `SELECT count(*) FROM ask_muted WHERE member_id = ?`, memberID); err != nil {
		return false, fmt.Errorf("muted %d: %w", memberID, err)
	}
	return n > 0, nil
}

// PruneAsks deletes conversation messages created before before.
func (s *Store) PruneAsks(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM ask_messages WHERE created_at < ?`, utc(before))
	if err != nil {
		return 0, fmt.Errorf("prune ask messages: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func isForeignKey(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// AskRelay is a relay of a member's message that reached a coordinator or
// the coordinators' group, as it was queued: so it can be marked answered or
// done. A relay is a notice (NoticeAskRelay with its values) to render
// again; one queued before relays were notices has its text and buttons.
type AskRelay struct {
	Outbox      int64  `db:"id"`
	State       string `db:"state"`
	ChatID      int64  `db:"chat_id"`
	TelegramID  int    `db:"telegram_id"`
	Text        string `db:"text"`
	ButtonsJSON string `db:"buttons"`
	Notice      string `db:"notice"`
	Values      string `db:"notice_values"`
	Language    string `db:"language"` // of the coordinator, or of the group
}

// AskRelays lists the delivered relays (their text parts, not media copies)
// of the member's messages of the last week asked in branch.
func (s *Store) AskRelays(ctx context.Context, memberID, branch int64, now time.Time) ([]AskRelay, error) {
	_, lang, _, err := s.Inbox(ctx, branch)
	if err != nil {
		return nil, err
	}
	var rs []AskRelay
	err = s.r.SelectContext(ctx, &rs, `SELECT o.id, o.state, o.chat_id, o.telegram_id, o.text, o.buttons, o.notice, o.notice_values,
		coalesce(m.language, nullif(o.language, ''), ?) AS language
		FROM outbox o JOIN ask_messages a ON a.id = o.ask_item LEFT JOIN members m ON m.id = o.member_id
		WHERE a.member_id = ? AND a.branch_id = ? AND o.state = 'sent' AND o.telegram_id IS NOT NULL AND o.copy_chat IS NULL AND a.created_at > ?
		ORDER BY o.id`, lang, memberID, branch, utc(now.Add(-7*24*time.Hour)))
	if err != nil {
		return nil, fmt.Errorf("relays of member %d: %w", memberID, err)
	}
	return rs, nil
}

// Buttons decodes the relay's buttons.
func (r AskRelay) Buttons() ([][]domain.Button, error) {
	return OutboxMessage{ButtonsJSON: r.ButtonsJSON}.Buttons()
}
