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

// CountAudience counts the audience's members by language and reachability.
func (s *Store) CountAudience(ctx context.Context, a domain.Audience) (domain.AudienceCount, error) {
	c := domain.AudienceCount{ByLanguage: map[string]int{}}
	cond, args, err := audienceWhere(a)
	if err != nil {
		return c, err
	}
	var rows []struct {
		Language  string `db:"language"`
		Reachable bool   `db:"reachable"`
		N         int    `db:"n"`
	}
	err = s.r.SelectContext(ctx, &rows, `SELECT m.language, m.reachable, count(*) AS n FROM members m WHERE `+cond+` GROUP BY 1, 2`, args...)
	if err != nil {
		return c, fmt.Errorf("count audience %s: %w", a, err)
	}
	for _, r := range rows {
		if r.Reachable {
			c.ByLanguage[r.Language] += r.N
			c.Reachable += r.N
		} else {
			c.Unreachable += r.N
		}
	}
	return c, nil
}

// CountReaders counts the audience's reachable members by reader (own and
// second language), for previews that say who reads which language.
func (s *Store) CountReaders(ctx context.Context, a domain.Audience) (map[domain.Reader]int, error) {
	cond, args, err := audienceWhere(a)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Language string `db:"language"`
		Second   string `db:"second_language"`
		N        int    `db:"n"`
	}
	err = s.r.SelectContext(ctx, &rows, `SELECT m.language, m.second_language, count(*) AS n FROM members m WHERE m.reachable = 1 AND `+cond+` GROUP BY 1, 2`, args...)
	if err != nil {
		return nil, fmt.Errorf("count readers %s: %w", a, err)
	}
	out := make(map[domain.Reader]int, len(rows))
	for _, r := range rows {
		out[domain.Reader{Lang: r.Language, Second: r.Second}] += r.N
	}
	return out, nil
}

// NewBroadcast is a broadcast ready to queue. Texts maps a language to its
// text; "da" is required and serves every language without its own text.
type NewBroadcast struct {
	Audience     domain.Audience
	Texts        map[string]string
	CreatedBy    int64 // 0 from the shell
	ProgressChat int64 // 0: no progress message
	ExpiresAt    time.Time
	// DraftFlow, when set, is the creator's step-by-step chat that holds this
	// broadcast: it is deleted in the same transaction, and if it is already
	// gone (a second tap on Send) nothing is queued and ErrNotFound returned.
	DraftFlow string
	// Entities maps a language to the Telegram message entities of its
	// text, as a JSON array (formatting kept); a language without its own
	// text takes the Danish entities with the Danish text.
	Entities map[string]string
	// DraftKey names the draft in the chat, so its old buttons can tell
	// what became of it ("" from the shell).
	DraftKey string
	// Mark, when set, is the message (text and entities) a reader whose
	// language is reader gets when the one rule (own, second, Danish) gives
	// them the text in lang, another language: marked in the reader's
	// language, so the product never pretends it is theirs.
	Mark func(reader, lang string) (text, entities string)
}

// CreateBroadcast records the broadcast and queues one message per reachable
// member of the audience, each in the member's language, in one transaction.
func (s *Store) CreateBroadcast(ctx context.Context, b NewBroadcast, now time.Time) (id int64, queued int, err error) {
	for lang, t := range b.Texts {
		if err := domain.CheckText(t); err != nil && (lang == "da" || !errors.Is(err, domain.ErrTextBlank)) {
			return 0, 0, fmt.Errorf("create broadcast: %s text: %w", lang, err)
		}
	}
	if _, ok := b.Texts["da"]; !ok {
		return 0, 0, fmt.Errorf("create broadcast: da text: %w", domain.ErrTextBlank)
	}
	cond, args, err := audienceWhere(b.Audience)
	if err != nil {
		return 0, 0, err
	}
	var createdBy, progressChat, draftKey any
	if b.DraftKey != "" {
		draftKey = b.DraftKey
	}
	if b.CreatedBy != 0 {
		createdBy = b.CreatedBy
	}
	if b.ProgressChat != 0 {
		progressChat = b.ProgressChat
	}
	err = s.tx(ctx, func(tx *sqlx.Tx) error {
		if err := audienceExists(ctx, tx, b.Audience); err != nil {
			return err
		}
		if b.DraftFlow != "" {
			res, err := tx.ExecContext(ctx, `DELETE FROM conversations WHERE member_id = ? AND flow = ?`, b.CreatedBy, b.DraftFlow)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("draft: %w", domain.ErrNotFound)
			}
		}
		var branch any // NULL: a national broadcast
		if b.Audience.Branch != 0 {
			branch = b.Audience.Branch
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO broadcasts (created_by, audience, progress_chat, created_at, draft_key, branch_id) VALUES (?, ?, ?, ?, ?, ?)`,
			createdBy, b.Audience.String(), progressChat, utc(now), draftKey, branch)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		res, err = queueBroadcast(ctx, tx, id, b, cond, args, now)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		queued = int(n)
		_, err = tx.ExecContext(ctx, `UPDATE broadcasts SET queued = ? WHERE id = ?`, queued, id)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("create broadcast: %w", err)
	}
	return id, queued, nil
}

// queueBroadcast writes one outbox row per reachable member of the audience
// (cond, args), each with the text and formatting the member reads by the
// one rule (own language, second language, Danish), in one statement.
func queueBroadcast(ctx context.Context, tx *sqlx.Tx, id int64, b NewBroadcast, cond string, args []any, now time.Time) (sql.Result, error) {
	// CASE m.language || '/' || m.second_language WHEN 'ar/en' THEN … ELSE the Danish one.
	pick, pickEnt, all, ents := "CASE m.language || '/' || m.second_language", "CASE m.language || '/' || m.second_language", []any{domain.KindBroadcast, domain.PriorityBroadcast}, []any{}
	for _, r := range readers() {
		text, ent := broadcastFor(b, r)
		pick += " WHEN ? THEN ?"
		pickEnt += " WHEN ? THEN ?"
		all = append(all, r.Lang+"/"+r.Second, text)
		ents = append(ents, r.Lang+"/"+r.Second, ent)
	}
	pick += " ELSE ? END"
	pickEnt += " ELSE ? END"
	q := `INSERT INTO outbox (member_id, chat_id, kind, priority, text, buttons, broadcast_id, state, not_before, expires_at, created_at, entities, fair, fair_group)
		SELECT m.id, m.chat_id, ?, ?, ` + pick + `, '', ?, 'pending', ?, ?, ?, ` + pickEnt + `, ?, ?
		FROM members m WHERE m.reachable = 1 AND ` + cond + ` ORDER BY m.id`
	fair := domain.FairKey(domain.PriorityBroadcast, id, domain.KindBroadcast)
	all = append(append(append(append(all, b.Texts[domain.DefaultLanguage], id, utc(now), nullTime(b.ExpiresAt), utc(now)), ents...),
		b.Entities[domain.DefaultLanguage], fair, domain.FairGroup(b.Audience.Branch)), args...)
	return tx.ExecContext(ctx, q, all...)
}

// readers is every reader a member can be: each language with no second
// language or another one.
func readers() []domain.Reader {
	var out []domain.Reader
	for _, l := range domain.Languages {
		out = append(out, domain.Reader{Lang: l})
		for _, s := range domain.Languages {
			out = append(out, domain.Reader{Lang: l, Second: s})
		}
	}
	return out
}

// broadcastFor is the text and formatting r gets of b: the text the one rule
// picks, marked by b.Mark when it is not in r's language.
func broadcastFor(b NewBroadcast, r domain.Reader) (text, entities string) {
	written := domain.Texts{}
	for l, t := range b.Texts {
		if !domain.Blank(t) { // a text of invisible characters only is none
			written[l] = t
		}
	}
	_, lang := written.For(r)
	if lang == "" {
		lang = domain.DefaultLanguage
	}
	if lang != r.Lang && b.Mark != nil {
		return b.Mark(r.Lang, lang)
	}
	return b.Texts[lang], b.Entities[lang]
}

// SetBroadcastProgressMessage remembers the message that shows the progress.
func (s *Store) SetBroadcastProgressMessage(ctx context.Context, id int64, messageID int) error {
	_, err := s.w.ExecContext(ctx, `UPDATE broadcasts SET progress_msg = ? WHERE id = ?`, messageID, id)
	if err != nil {
		return fmt.Errorf("set progress message of broadcast %d: %w", id, err)
	}
	return nil
}

// Broadcast is a broadcast whose progress is still being reported.
type Broadcast struct {
	ID           int64     `db:"id"`
	CreatedBy    *int64    `db:"created_by"`
	ProgressChat *int64    `db:"progress_chat"`
	ProgressMsg  *int      `db:"progress_msg"`
	CreatedAt    time.Time `db:"created_at"`
}

// OpenBroadcasts lists broadcasts not yet finished.
func (s *Store) OpenBroadcasts(ctx context.Context) ([]Broadcast, error) {
	var bs []Broadcast
	err := s.r.SelectContext(ctx, &bs, `SELECT b.id, b.created_by, b.progress_chat, b.progress_msg, b.created_at FROM broadcasts b WHERE b.finished_at IS NULL ORDER BY b.id`)
	if err != nil {
		return nil, fmt.Errorf("open broadcasts: %w", err)
	}
	return bs, nil
}

// BroadcastStats counts a broadcast's messages by outcome.
type BroadcastStats struct {
	Total   int `db:"total"`
	Sent    int `db:"sent"`
	Waiting int `db:"waiting"`
	Blocked int `db:"blocked"`
	Failed  int `db:"failed"`
	Expired int `db:"expired"`
}

// Done reports whether no message of the broadcast is still waiting.
func (b BroadcastStats) Done() bool { return b.Waiting == 0 }

// BroadcastStats counts the outcomes of broadcast id.
func (s *Store) BroadcastStats(ctx context.Context, id int64) (BroadcastStats, error) {
	var st BroadcastStats
	err := s.r.GetContext(ctx, &st, `SELECT count(*) AS total,
		coalesce(sum(state = 'sent'), 0) AS sent,
		coalesce(sum(state IN ('pending','sending')), 0) AS waiting,
		coalesce(sum(state = 'failed' AND error = 'blocked'), 0) AS blocked,
		coalesce(sum(state = 'failed' AND error != 'blocked'), 0) AS failed,
		coalesce(sum(state = 'expired'), 0) AS expired
		FROM outbox WHERE broadcast_id = ?`, id)
	if err != nil {
		return st, fmt.Errorf("broadcast %d stats: %w", id, err)
	}
	return st, nil
}

// FinishBroadcast marks the broadcast's progress as final.
func (s *Store) FinishBroadcast(ctx context.Context, id int64, now time.Time) error {
	_, err := s.w.ExecContext(ctx, `UPDATE broadcasts SET finished_at = ? WHERE id = ?`, utc(now), id)
	if err != nil {
		return fmt.Errorf("finish broadcast %d: %w", id, err)
	}
	return nil
}

// SentBroadcast is what became of a draft: when it was queued and to how many.
type SentBroadcast struct {
	ID        int64     `db:"id"`
	CreatedAt time.Time `db:"created_at"`
	Queued    int       `db:"queued"`
}

// BroadcastByDraft returns the broadcast sent from draft key, or ErrNotFound.
func (s *Store) BroadcastByDraft(ctx context.Context, key string) (SentBroadcast, error) {
	var b SentBroadcast
	err := s.r.GetContext(ctx, &b, `SELECT id, created_at, queued FROM broadcasts WHERE draft_key = ?`, key)
	if err != nil {
		return b, notFound(err, "broadcast of draft")
	}
	return b, nil
}

// RefByKey is the id of the activity or event (kind domain.AudienceActivity
// or domain.AudienceEvent) with a plan key, or ErrNotFound: the admin
// commands take the keys coordinators know rather than ids.
func (s *Store) RefByKey(ctx context.Context, kind, key string) (int64, error) {
	table := map[string]string{domain.AudienceActivity: "activities", domain.AudienceEvent: "events"}[kind]
	if table == "" {
		return 0, fmt.Errorf("%w: %s %q", domain.ErrNotFound, kind, key)
	}
	var id int64
	if err := s.r.GetContext(ctx, &id, `SELECT id FROM `+table+` WHERE key = ?`, key); err != nil {
		return 0, notFound(err, fmt.Sprintf("%s %q", kind, key))
	}
	return id, nil
}
