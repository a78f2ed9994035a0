package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// What a season plan import changes, field by field: the import shows it
// (`vejviser import --dry-run`) and refuses the changes a short entry would
// make by accident.

// FieldChange is one field an import changes, old → new, as a coordinator
// reads them ("" where a text is absent).
type FieldChange struct {
	Field    string // as in the plan file: "place", "title.ar", "note.en"
	Old, New string
}

// Removes reports whether the change deletes a text: a translation (of a
// title or role), a note or a place.
func (c FieldChange) Removes() bool {
	if c.Old == "" || c.New != "" {
		return false
	}
	field, _, _ := strings.Cut(c.Field, ".")
	switch field {
	case "place", "title", "note", "role":
		return true
	}
	return false
}

// changes collects the fields that differ.
type changes []FieldChange

func (cs *changes) add(field, old, new string) {
	if old != new {
		*cs = append(*cs, FieldChange{Field: field, Old: old, New: new})
	}
}

// texts adds one change per language that differs, in the languages'
// order, the Danish text given apart (da).
func (cs *changes) texts(field, oldDa, newDa string, old, new Texts) {
	if oldDa != "" || newDa != "" {
		cs.add(field+"."+DefaultLanguage, oldDa, newDa)
	}
	for _, lang := range Languages {
		if lang != DefaultLanguage {
			cs.add(field+"."+lang, old[lang], new[lang])
		}
	}
}

func (cs *changes) time(field string, old, new time.Time, loc *time.Location) {
	if !old.Equal(new) {
		cs.add(field, localStamp(old, loc), localStamp(new, loc))
	}
}

func localStamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02.01.2006 15:04")
}

func archived(at *time.Time) string {
	if at != nil {
		return "archived"
	}
	return "active"
}

func capacity(c int) string {
	if c == 0 {
		return "no limit"
	}
	return strconv.Itoa(c)
}

func minutes(m int) string { return (time.Duration(m) * time.Minute).String() }

// EventChanges lists what an import changes in an event, with times as
// local to loc. new.Invite "" (left out of the plan) reads as participants.
func EventChanges(old, new Event, loc *time.Location) []FieldChange {
	var cs changes
	cs.texts("title", old.Title, new.Title, old.Titles, new.Titles)
	cs.texts("note", old.Notes[DefaultLanguage], new.Notes[DefaultLanguage], old.Notes, new.Notes)
	cs.add("place", old.Place, new.Place)
	cs.time("start", old.StartsAt, new.StartsAt, loc)
	cs.time("end", old.EndsAt, new.EndsAt, loc)
	cs.time("rsvp_by", old.RSVPBy, new.RSVPBy, loc)
	cs.add("capacity", capacity(old.Cap()), capacity(new.Cap()))
	invite := new.Invite
	if invite == "" {
		invite = InviteParticipants
	}
	cs.add("invite", old.Invite, invite)
	cs.add("offer_hours", strconv.Itoa(old.OfferHours), strconv.Itoa(new.OfferHours))
	cs.add("ask_days", strconv.Itoa(old.AskDays), strconv.Itoa(new.AskDays))
	return cs
}

// ActivityChanges lists what an import changes in an activity; a plan
// without from keeps the first day, and an archived activity named in a
// plan comes back.
func ActivityChanges(old, new Activity, loc *time.Location) []FieldChange {
	var cs changes
	cs.texts("title", old.Name, new.Name, old.Titles, new.Titles)
	cs.add("place", old.Place, new.Place)
	cs.add("schedule", old.Schedule, new.Schedule)
	cs.add("duration", minutes(old.DurationMin), minutes(new.DurationMin))
	cs.add("remind_before", minutes(old.RemindBeforeMin), minutes(new.RemindBeforeMin))
	if new.FirstDay != nil && (old.FirstDay == nil || !old.FirstDay.Equal(*new.FirstDay)) {
		from := "the day it was created"
		if old.FirstDay != nil {
			from = old.FirstDay.In(loc).Format("02.01.2006")
		}
		cs.add("from", from, new.FirstDay.In(loc).Format("02.01.2006"))
	}
	cs.add("archived", archived(old.ArchivedAt), archived(nil))
	return cs
}

// ShiftChanges lists what an import changes in a shift; oldActivity and
// newActivity are the keys of its activity ("" for a standalone shift).
func ShiftChanges(old, new Shift, oldActivity, newActivity string, loc *time.Location) []FieldChange {
	var cs changes
	cs.add("activity", oldActivity, newActivity)
	var zero time.Time
	deref := func(t *time.Time) time.Time {
		if t == nil {
			return zero
		}
		return *t
	}
	cs.time("start", deref(old.StartsAt), deref(new.StartsAt), loc)
	cs.time("end", deref(old.EndsAt), deref(new.EndsAt), loc)
	cs.add("place", old.Place, new.Place)
	cs.texts("role", old.Role, new.Role, old.Roles, new.Roles)
	cs.add("needed", strconv.Itoa(old.Needed), strconv.Itoa(new.Needed))
	cs.add("requires", fmt.Sprint(requires(old.RequiresCert)), fmt.Sprint(requires(new.RequiresCert)))
	cs.add("language", old.Language, new.Language)
	cs.add("archived", archived(old.ArchivedAt), archived(nil))
	return cs
}

func requires(cert bool) string {
	if cert {
		return "child_certificate"
	}
	return "nothing"
}
