package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Event is a one-off social event (Christmas party, Fastelavn) to which
// members are invited, answering for their household.
type Event struct {
	ID          int64      `db:"id"`
	Key         string     `db:"key"`    // stable name in season plans ("fastelavn-2027")
	Title       string     `db:"title"`  // the Danish title
	Titles      Texts      `db:"titles"` // titles in other languages, where given
	Notes       Texts      `db:"notes"`  // an optional note per language ("20 kr. per family")
	Place       string     `db:"place"`
	StartsAt    time.Time  `db:"starts_at"`
	EndsAt      time.Time  `db:"ends_at"`
	Capacity    *int       `db:"capacity"` // heads; nil: no limit
	RSVPBy      time.Time  `db:"rsvp_by"`
	Invite      string     `db:"invite"`      // who is invited: see ValidInvite
	OfferHours  int        `db:"offer_hours"` // how long a waitlist offer stands
	AskDays     int        `db:"ask_days"`    // "still coming?" this many days before; 0: never
	Version     int        `db:"version"`
	CancelledAt *time.Time `db:"cancelled_at"`
	InvitedAt   *time.Time `db:"invited_at"`
}

const eventCols = `id, key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by, invite, offer_hours, ask_days, version, cancelled_at, invited_at`

// TitleIn is the event's title in lang, or the Danish one.
func (e Event) TitleIn(lang string) string {
	if t := strings.TrimSpace(e.Titles[lang]); t != "" && lang != "da" {
		return e.Titles[lang]
	}
	return e.Title
}

// NoteIn is the note in lang, or the Danish one, or "".
func (e Event) NoteIn(lang string) string { return e.Notes.In(lang) }

// Cap is the capacity in heads, 0 for no limit.
func (e Event) Cap() int {
	if e.Capacity == nil {
		return 0
	}
	return *e.Capacity
}

// OfferWindow is how long a waitlist offer stands.
func (e Event) OfferWindow() time.Duration { return time.Duration(e.OfferHours) * time.Hour }

// Cancelled reports whether the event is called off.
func (e Event) Cancelled() bool { return e.CancelledAt != nil }

// Invitees of an event.
const (
	InviteParticipants = "participants"
	InviteVolunteers   = "volunteers"
	InviteEveryone     = "everyone"
	invitePrefixFollow = "activity:" // followers of the activity with that key
)

// ValidInvite reports whether s names invitees: participants, volunteers,
// everyone, or activity:<key> (the activity's followers).
func ValidInvite(s string) bool {
	switch s {
	case InviteParticipants, InviteVolunteers, InviteEveryone:
		return true
	}
	k, ok := strings.CutPrefix(s, invitePrefixFollow)
	return ok && ValidKey(k)
}

// Domain errors of events.
var (
	ErrInvalidEvent = errors.New("invalid event")
	ErrEventGone    = errors.New("the event is cancelled")
	ErrNotInvited   = errors.New("not invited to the event")
	ErrFull         = errors.New("the event has no room for that household")
)

// DefaultOfferHours and DefaultAskDays are the event defaults.
const (
	DefaultOfferHours = 24
	DefaultAskDays    = 2
)

// validate checks what the database's CHECKs would refuse, with reasons.
func (e *Event) validate() error {
	e.Title = strings.TrimSpace(e.Title)
	e.Place = strings.TrimSpace(e.Place)
	if e.Titles == nil {
		e.Titles = Texts{}
	}
	if e.Notes == nil {
		e.Notes = Texts{}
	}
	delete(e.Titles, "da")
	if e.OfferHours == 0 {
		e.OfferHours = DefaultOfferHours
	}
	if e.Invite == "" {
		e.Invite = InviteParticipants
	}
	switch {
	case e.Title == "" || len([]rune(e.Title)) > 200:
		return fmt.Errorf("%w: title must have 1 to 200 characters", ErrInvalidEvent)
	case e.Key != "" && !ValidKey(e.Key):
		return fmt.Errorf("%w: key %q", ErrInvalidEvent, e.Key)
	case !e.EndsAt.After(e.StartsAt):
		return fmt.Errorf("%w: the end must come after the start", ErrInvalidEvent)
	case e.RSVPBy.After(e.StartsAt):
		return fmt.Errorf("%w: the answer deadline must not be after the start", ErrInvalidEvent)
	case e.Capacity != nil && (*e.Capacity < 1 || *e.Capacity > 10000):
		return fmt.Errorf("%w: capacity %d", ErrInvalidEvent, *e.Capacity)
	case !ValidInvite(e.Invite):
		return fmt.Errorf("%w: invite %q", ErrInvalidEvent, e.Invite)
	case e.OfferHours < 1 || e.OfferHours > 336:
		return fmt.Errorf("%w: offer time %d hours", ErrInvalidEvent, e.OfferHours)
	case e.AskDays < 0 || e.AskDays > 14:
		return fmt.Errorf("%w: still-coming question %d days before", ErrInvalidEvent, e.AskDays)
	}
	return nil
}

// CreateEvent stores a new event and returns its id. Its invitations are
// sent by the scheduler (ClaimEventNotices), once. Without a key it gets one
// made from its title and date.
func (s *Store) CreateEvent(ctx context.Context, e Event, createdBy *int64, now time.Time) (int64, error) {
	if err := e.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		id, err = insertEvent(ctx, tx, e, createdBy, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("create event: %w", err)
	}
	return id, nil
}

func insertEvent(ctx context.Context, tx *sqlx.Tx, e Event, createdBy *int64, now time.Time) (int64, error) {
	if e.Key == "" {
		base := slug(e.Title) + "-" + e.StartsAt.UTC().Format("2006-01-02")
		e.Key = base
		for i := 2; ; i++ {
			var n int
			if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM events WHERE key = ?`, e.Key); err != nil {
				return 0, err
			}
			if n == 0 {
				break
			}
			e.Key = fmt.Sprintf("%s-%d", base, i)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO events (key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by,
		invite, offer_hours, ask_days, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Key, e.Title, e.Titles, e.Notes, e.Place, utc(e.StartsAt), utc(e.EndsAt), e.Capacity, utc(e.RSVPBy),
		e.Invite, e.OfferHours, e.AskDays, createdBy, utc(now), utc(now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// updateEvent changes an event in place. A new time or place bumps its
// version, and the scheduler tells those coming or waiting (once per version).
func updateEvent(ctx context.Context, tx *sqlx.Tx, old, e Event, now time.Time) (changed bool, err error) {
	version := old.Version
	if !old.StartsAt.Equal(e.StartsAt) || !old.EndsAt.Equal(e.EndsAt) || old.Place != e.Place {
		version++
	}
	if old.Title == e.Title && old.Titles.Equal(e.Titles) && old.Notes.Equal(e.Notes) && version == old.Version &&
		old.Cap() == e.Cap() && old.RSVPBy.Equal(e.RSVPBy) && old.Invite == e.Invite && old.OfferHours == e.OfferHours && old.AskDays == e.AskDays {
		return false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET title = ?, titles = ?, notes = ?, place = ?, starts_at = ?, ends_at = ?,
		capacity = ?, rsvp_by = ?, invite = ?, offer_hours = ?, ask_days = ?, version = ?, updated_at = ? WHERE id = ?`,
		e.Title, e.Titles, e.Notes, e.Place, utc(e.StartsAt), utc(e.EndsAt), e.Capacity, utc(e.RSVPBy),
		e.Invite, e.OfferHours, e.AskDays, version, utc(now), old.ID)
	return true, err
}

// UpdateEvent saves a changed event (matched by ID). A new time or place
// is told to those coming or waiting, by the scheduler, once.
func (s *Store) UpdateEvent(ctx context.Context, e Event, now time.Time) error {
	if err := e.validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		old, err := eventByID(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if old.Cancelled() {
			return ErrEventGone
		}
		_, err = updateEvent(ctx, tx, old, e, now)
		return err
	})
}

// CancelEvent calls an event off; the scheduler tells those coming or
// waiting, in their language.
func (s *Store) CancelEvent(ctx context.Context, id int64, now time.Time) error {
	return s.tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE events SET cancelled_at = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND cancelled_at IS NULL`, utc(now), utc(now), id)
		if err != nil {
			return fmt.Errorf("cancel event %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("cancel event %d: %w", id, ErrEventGone)
		}
		return nil
	})
}

// Event returns one event (cancelled or not) or ErrNotFound.
func (s *Store) Event(ctx context.Context, id int64) (Event, error) {
	return eventByID(ctx, s.r, id)
}

func eventByID(ctx context.Context, q sqlx.QueryerContext, id int64) (Event, error) {
	var e Event
	if err := sqlx.GetContext(ctx, q, &e, `SELECT `+eventCols+` FROM events WHERE id = ?`, id); err != nil {
		return e, notFound(err, fmt.Sprintf("event %d", id))
	}
	return e, nil
}

// EventByKey returns the event with a plan key, or ErrNotFound.
func (s *Store) EventByKey(ctx context.Context, key string) (Event, error) {
	var e Event
	if err := s.r.GetContext(ctx, &e, `SELECT `+eventCols+` FROM events WHERE key = ?`, key); err != nil {
		return e, notFound(err, "event "+key)
	}
	return e, nil
}

// Events lists the events not cancelled that end after from, soonest first.
func (s *Store) Events(ctx context.Context, from time.Time) ([]Event, error) {
	var es []Event
	if err := s.r.SelectContext(ctx, &es, `SELECT `+eventCols+` FROM events WHERE ends_at > ? AND cancelled_at IS NULL
		ORDER BY starts_at, id`, utc(from)); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return es, nil
}

// MemberEvent is an event with one member's own answer.
type MemberEvent struct {
	Event
	Answer   string `db:"answer"`
	Adults   int    `db:"adults"`
	Children int    `db:"children"`
}

// MemberEvents lists the events member is invited to that have not ended.
func (s *Store) MemberEvents(ctx context.Context, memberID int64, now time.Time) ([]MemberEvent, error) {
	var es []MemberEvent
	err := s.r.SelectContext(ctx, &es, `SELECT `+prefixed("e", eventCols)+`, i.answer, i.adults, i.children
		FROM events e JOIN event_invitations i ON i.event_id = e.id AND i.member_id = ?
		WHERE e.ends_at > ? AND e.cancelled_at IS NULL ORDER BY e.starts_at, e.id`, memberID, utc(now))
	if err != nil {
		return nil, fmt.Errorf("events of member %d: %w", memberID, err)
	}
	return es, nil
}
