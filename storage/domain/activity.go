package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Activity is a recurring activity such as the weekly Tal Dansk Café.
type Activity struct {
	ID              int64      `db:"id"`
	BranchID        int64      `db:"branch_id"` // 0 when created: the first branch
	Key             string     `db:"key"`       // stable name in season plans ("tal-dansk")
	Name            string     `db:"name"`      // the Danish title
	Titles          Texts      `db:"titles"`    // titles in other languages, where given
	Place           string     `db:"place"`
	Schedule        string     `db:"schedule"` // cron spec in local time
	DurationMin     int        `db:"duration_min"`
	RemindBeforeMin int        `db:"remind_before_min"` // 0: no reminder
	ArchivedAt      *time.Time `db:"archived_at"`
	// FirstDay is the local midnight of its first meeting day, as a plan
	// gives it (from = "2026-09-03"); nil: the day it was created.
	FirstDay *time.Time `db:"first_day"`
}

// Title is the activity's title in lang, or the Danish one (the reader rule
// without a second language; screens use the reader's own, with its mark).
func (a Activity) Title(lang string) string { return a.TitleTexts().In(lang) }

// Spec parses the activity's schedule.
func (a Activity) Spec() (Spec, error) { return ParseSpec(a.Schedule) }

// Duration is the length of one meeting.
func (a Activity) Duration() time.Duration { return time.Duration(a.DurationMin) * time.Minute }

// RemindBefore is how long before a meeting its reminder goes out (0: none).
func (a Activity) RemindBefore() time.Duration { return time.Duration(a.RemindBeforeMin) * time.Minute }

var reKey = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// ValidKey reports whether s can be a plan key: lower-case letters, digits
// and dashes, up to 64.
func ValidKey(s string) bool { return reKey.MatchString(s) }

// Validate checks what the database's CHECKs would refuse, with reasons.
func (a *Activity) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	a.Place = strings.TrimSpace(a.Place)
	switch {
	case a.Name == "" || len([]rune(a.Name)) > 200:
		return fmt.Errorf("%w: title must have 1 to 200 characters", ErrInvalidActivity)
	case a.DurationMin < 1 || a.DurationMin > 1440:
		return fmt.Errorf("%w: duration %d minutes", ErrInvalidActivity, a.DurationMin)
	case a.RemindBeforeMin < 0 || a.RemindBeforeMin > 7*24*60:
		return fmt.Errorf("%w: reminder %d minutes before", ErrInvalidActivity, a.RemindBeforeMin)
	case a.Key != "" && !ValidKey(a.Key):
		return fmt.Errorf("%w: key %q", ErrInvalidActivity, a.Key)
	}
	if _, err := a.Spec(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidActivity, err)
	}
	if a.Titles == nil {
		a.Titles = Texts{}
	}
	delete(a.Titles, DefaultLanguage)
	return nil
}

// Slug makes a plan key from a title: "Tal Dansk Café" → "tal-dansk-cafe".
func Slug(title string) string {
	repl := strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "é", "e", "è", "e", "ü", "u", "ö", "oe", "ä", "ae")
	s := repl.Replace(strings.ToLower(title))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 48 {
		out = strings.Trim(out[:48], "-")
	}
	if out == "" {
		out = "activity"
	}
	return out
}
