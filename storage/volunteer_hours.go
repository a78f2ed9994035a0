package storage

import (
	"vejviser/storage/domain"

	"context"
	"fmt"
	"sort"
	"time"
)

// VolunteerHoursBetween sums the shifts taken whose meeting (slot) falls in
// [from, to): each sign-up counts the length of its meeting, the activity's
// duration or the standalone shift's start to end; a cancelled meeting
// counts nothing. Months are local (loc). Only the shifts of branches count.
func (s *Store) VolunteerHoursBetween(ctx context.Context, branches []int64, loc *time.Location, from, to time.Time) (domain.VolunteerHours, error) {
	in, args := inBranches(branches).cond("sh.branch_id")
	rep := domain.VolunteerHours{From: from, To: to}
	var rows []struct {
		MemberID    int64      `db:"member_id"`
		Slot        time.Time  `db:"slot"`
		Role        string     `db:"role"`
		StartsAt    *time.Time `db:"starts_at"`
		EndsAt      *time.Time `db:"ends_at"`
		ActKey      *string    `db:"act_key"`
		ActName     *string    `db:"act_name"`
		DurationMin *int       `db:"duration_min"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT su.member_id, su.slot, sh.role, sh.starts_at, sh.ends_at,
		a.key AS act_key, a.name AS act_name, a.duration_min
		FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id LEFT JOIN activities a ON a.id = sh.activity_id
		WHERE su.slot >= ? AND su.slot < ? AND `+in+`
		AND NOT EXISTS (SELECT 1 FROM occurrence_changes c WHERE c.activity_id = sh.activity_id AND c.slot = su.slot AND c.state = 'cancelled')`,
		append([]any{utc(from), utc(to)}, args...)...)
	if err != nil {
		return rep, fmt.Errorf("volunteer hours: %w", err)
	}
	months := map[string]float64{}
	acts := map[string]*domain.ActivityHours{}
	people := map[int64]bool{}
	for _, r := range rows {
		var h float64
		key, title := "", r.Role
		switch {
		case r.ActKey != nil && r.DurationMin != nil:
			h = float64(*r.DurationMin) / 60
			key, title = *r.ActKey, *r.ActName
		case r.StartsAt != nil && r.EndsAt != nil:
			h = r.EndsAt.Sub(*r.StartsAt).Hours()
		}
		months[r.Slot.In(loc).Format("2006-01")] += h
		id := key + "\x00" + title
		if acts[id] == nil {
			acts[id] = &domain.ActivityHours{Key: key, Title: title}
		}
		acts[id].Hours += h
		people[r.MemberID] = true
		rep.Total += h
		rep.Shifts++
	}
	for m, h := range months {
		rep.ByMonth = append(rep.ByMonth, domain.MonthHours{Month: m, Hours: h})
	}
	sort.Slice(rep.ByMonth, func(i, j int) bool { return rep.ByMonth[i].Month < rep.ByMonth[j].Month })
	for _, a := range acts {
		rep.ByActivity = append(rep.ByActivity, *a)
	}
	sort.Slice(rep.ByActivity, func(i, j int) bool {
		if rep.ByActivity[i].Hours != rep.ByActivity[j].Hours {
			return rep.ByActivity[i].Hours > rep.ByActivity[j].Hours
		}
		return rep.ByActivity[i].Title < rep.ByActivity[j].Title
	})
	rep.Volunteers = len(people)
	return rep, nil
}
