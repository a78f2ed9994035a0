package storage

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"vejviser/storage/domain"

	"github.com/jmoiron/sqlx"
)

// volunteerRow is a member with the profile columns.
type volunteerRow struct {
	domain.Member
	Languages      string     `db:"languages"`
	CertValidUntil *time.Time `db:"cert_valid_until"`
	// BranchRole is their role in the branches asked about (the highest),
	// read by the queries scoped to branches: a coordinator of one branch
	// is a volunteer in another.
	BranchRole *domain.Role `db:"branch_role"`
	BranchIDs  *string      `db:"branch_ids"` // comma-separated
}

func (r volunteerRow) volunteer() domain.Volunteer {
	v := domain.Volunteer{Member: r.Member, CertValidUntil: r.CertValidUntil}
	if r.BranchRole != nil {
		v.Role = *r.BranchRole
	}
	if r.BranchIDs != nil {
		for _, b := range strings.Split(*r.BranchIDs, ",") {
			if id, err := strconv.ParseInt(b, 10, 64); err == nil {
				v.Branches = append(v.Branches, id)
			}
		}
		sort.Slice(v.Branches, func(i, j int) bool { return v.Branches[i] < v.Branches[j] })
	}
	for _, l := range strings.Split(r.Languages, ",") {
		if l != "" {
			v.Languages = append(v.Languages, l)
		}
	}
	return v
}

var volunteerSelect = `SELECT ` + memberColsM + `, coalesce(p.languages, '') AS languages, p.cert_valid_until
	FROM members m LEFT JOIN volunteer_profiles p ON p.member_id = m.id`

var memberColsM = prefixed("m", memberCols)

// Volunteer reads a member with their profile (languages, certificate).
func (s *Store) Volunteer(ctx context.Context, id int64) (domain.Volunteer, error) {
	return volunteerOf(ctx, s.r, id)
}

func volunteerOf(ctx context.Context, q sqlx.QueryerContext, id int64) (domain.Volunteer, error) {
	var r volunteerRow
	if err := sqlx.GetContext(ctx, q, &r, volunteerSelect+` WHERE m.id = ?`, id); err != nil {
		return domain.Volunteer{}, notFound(err, fmt.Sprintf("volunteer %d", id))
	}
	return r.volunteer(), nil
}

// branchVolunteerSelect reads members with their profile and their
// highest role in the branches of the condition it is completed with (a
// volunteer or coordinator there), once each.
var branchVolunteerSelect = `SELECT ` + memberColsM + `, coalesce(p.languages, '') AS languages, p.cert_valid_until,
	CASE WHEN max(mb.role = 'coordinator') THEN 'coordinator' ELSE 'volunteer' END AS branch_role,
	group_concat(mb.branch_id) AS branch_ids
	FROM members m JOIN member_branches mb ON mb.member_id = m.id LEFT JOIN volunteer_profiles p ON p.member_id = m.id
	WHERE mb.role IN ('volunteer','coordinator') AND `

// BranchVolunteer reads a volunteer (or coordinator) of one of branches
// with their profile, their role the highest there; ErrNotFound for
// anyone else.
func (s *Store) BranchVolunteer(ctx context.Context, branches []int64, id int64) (domain.Volunteer, error) {
	return branchVolunteer(ctx, s.r, inBranches(branches), id)
}

func branchVolunteer(ctx context.Context, q sqlx.QueryerContext, b branchSet, id int64) (domain.Volunteer, error) {
	in, args := b.cond("mb.branch_id")
	var rows []volunteerRow
	if err := sqlx.SelectContext(ctx, q, &rows, branchVolunteerSelect+in+` AND m.id = ? GROUP BY m.id`, append(args, id)...); err != nil {
		return domain.Volunteer{}, fmt.Errorf("volunteer %d: %w", id, err)
	}
	if len(rows) == 0 {
		return domain.Volunteer{}, fmt.Errorf("volunteer %d: %w", id, domain.ErrOtherBranch)
	}
	return rows[0].volunteer(), nil
}

// volunteerInBranch reads a member of branch with their profile and their
// role there (a participant there does not take its shifts); ErrOtherBranch
// when they do not belong to it.
func volunteerInBranch(ctx context.Context, q sqlx.QueryerContext, branch, id int64) (domain.Volunteer, error) {
	var rows []volunteerRow
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT `+memberColsM+`, coalesce(p.languages, '') AS languages, p.cert_valid_until,
		mb.role AS branch_role FROM members m JOIN member_branches mb ON mb.member_id = m.id AND mb.branch_id = ?
		LEFT JOIN volunteer_profiles p ON p.member_id = m.id WHERE m.id = ?`, branch, id); err != nil {
		return domain.Volunteer{}, fmt.Errorf("volunteer %d: %w", id, err)
	}
	if len(rows) == 0 {
		return domain.Volunteer{}, fmt.Errorf("volunteer %d: %w", id, domain.ErrOtherBranch)
	}
	return rows[0].volunteer(), nil
}

// Volunteers lists every volunteer and coordinator of branches with their
// profile, by name, each once with their highest role there.
func (s *Store) Volunteers(ctx context.Context, branches []int64) ([]domain.Volunteer, error) {
	return volunteersIn(ctx, s.r, inBranches(branches))
}

// volunteersOf is the volunteers and coordinators of one branch, with
// their role there: whom its shift notices concern.
func volunteersOf(ctx context.Context, q sqlx.QueryerContext, branch int64) ([]domain.Volunteer, error) {
	return volunteersIn(ctx, q, inBranches([]int64{branch}))
}

func volunteersIn(ctx context.Context, q sqlx.QueryerContext, b branchSet) ([]domain.Volunteer, error) {
	var rows []volunteerRow
	in, args := b.cond("mb.branch_id")
	err := sqlx.SelectContext(ctx, q, &rows, branchVolunteerSelect+in+` GROUP BY m.id ORDER BY m.display_name, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("volunteers: %w", err)
	}
	out := make([]domain.Volunteer, len(rows))
	for i, r := range rows {
		out[i] = r.volunteer()
	}
	return out, nil
}

// SetLanguages records the languages a volunteer speaks (supported codes only).
func (s *Store) SetLanguages(ctx context.Context, memberID int64, langs []string, now time.Time) error {
	var clean []string
	for _, l := range domain.Languages {
		for _, x := range langs {
			if x == l {
				clean = append(clean, l)
				break
			}
		}
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO volunteer_profiles (member_id, languages, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (member_id) DO UPDATE SET languages = excluded.languages, updated_at = excluded.updated_at`,
		memberID, strings.Join(clean, ","), utc(now))
	if err != nil {
		return fmt.Errorf("set languages of %d: %w", memberID, err)
	}
	return nil
}

// SetCertificate records, by coordinator by, until when a volunteer's child
// protection certificate is valid (a calendar date; the zero time clears
// it). With tell, the volunteer is told of a date (NoticeCertificateRecorded)
// in the same transaction. Only for a volunteer of branches (the
// coordinator's).
func (s *Store) SetCertificate(ctx context.Context, branches []int64, memberID, by int64, validUntil time.Time, now time.Time, tell bool) error {
	var until any
	var day time.Time
	if !validUntil.IsZero() {
		y, m, d := validUntil.Date()
		day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		until = day
	}
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		v, err := branchVolunteer(ctx, tx, inBranches(branches), memberID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO volunteer_profiles (member_id, cert_valid_until, cert_recorded_by, updated_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET cert_valid_until = excluded.cert_valid_until,
			cert_recorded_by = excluded.cert_recorded_by, updated_at = excluded.updated_at`, memberID, until, by, utc(now)); err != nil {
			return err
		}
		// A new date may run out again: let it be flagged anew.
		if _, err := tx.ExecContext(ctx, `DELETE FROM notices WHERE subject = ?`, certSubject(v.Member)); err != nil {
			return err
		}
		if !tell || day.IsZero() || !v.Reachable {
			return nil
		}
		out, err := domain.NewNotice(domain.NoticeCertificateRecorded, v.Member, domain.CertificateValues{ValidUntil: day})
		if err != nil {
			return err
		}
		return enqueue(ctx, tx, now, out)
	})
	if err != nil {
		return fmt.Errorf("set certificate of %d: %w", memberID, err)
	}
	return nil
}

// certSubject names the certificate of m in the ledger (by ref, not id).
func certSubject(m domain.Member) string { return fmt.Sprintf("certificate:%d", m.Ref) }

// ExportVolunteer is what shifts store about a member, for /mydata.
type ExportVolunteer struct {
	Languages      []string      `json:"languages_spoken"`
	CertValidUntil *time.Time    `json:"child_certificate_valid_until,omitempty"`
	Shifts         []ExportShift `json:"shifts"`
	// Withdrawals: how often they left a shift meeting still to come.
	Withdrawals []ExportDrops `json:"shift_withdrawals,omitempty"`
}

// ExportDrops is how often the member left one shift meeting.
type ExportDrops struct {
	Role  string       `db:"role" json:"role"`
	Roles domain.Texts `db:"roles" json:"-"`
	Slot  time.Time    `db:"slot" json:"date"`
	Drops int          `db:"drops" json:"times"`
}

// ExportShift is one shift taken.
type ExportShift struct {
	Role  string       `db:"role" json:"role"` // in the member's language where the shift has one
	Roles domain.Texts `db:"roles" json:"-"`
	Slot  time.Time    `db:"slot" json:"date"`
}

// exportVolunteer reads a member's shift data; stored is false when there is none.
func exportVolunteer(ctx context.Context, q sqlx.QueryerContext, id int64, reader domain.Reader) (e ExportVolunteer, stored bool, err error) {
	v, err := volunteerOf(ctx, q, id)
	if err != nil {
		return e, false, err
	}
	e = ExportVolunteer{Languages: v.Languages, CertValidUntil: v.CertValidUntil, Shifts: []ExportShift{}}
	if err := sqlx.SelectContext(ctx, q, &e.Shifts, `SELECT sh.role, sh.roles, su.slot FROM shift_signups su JOIN shifts sh ON sh.id = su.shift_id
		WHERE su.member_id = ? ORDER BY su.slot`, id); err != nil {
		return e, false, err
	}
	for i, s := range e.Shifts {
		e.Shifts[i].Role, _ = s.Roles.With(s.Role).For(reader)
	}
	if err := sqlx.SelectContext(ctx, q, &e.Withdrawals, `SELECT sh.role, sh.roles, d.slot, d.drops FROM shift_drops d JOIN shifts sh ON sh.id = d.shift_id
		WHERE d.member_id = ? ORDER BY d.slot`, id); err != nil {
		return e, false, err
	}
	for i, s := range e.Withdrawals {
		e.Withdrawals[i].Role, _ = s.Roles.With(s.Role).For(reader)
	}
	return e, len(e.Languages) > 0 || e.CertValidUntil != nil || len(e.Shifts) > 0 || len(e.Withdrawals) > 0, nil
}

// CoordinatorsOf lists the coordinators of one branch: who hears of its
// shifts, never another branch's.
func (s *Store) CoordinatorsOf(ctx context.Context, branch int64) ([]domain.Member, error) {
	var ms []domain.Member
	if err := s.r.SelectContext(ctx, &ms, `SELECT `+memberColsM+` FROM members m JOIN member_branches mb ON mb.member_id = m.id
		WHERE mb.branch_id = ? AND mb.role = 'coordinator' ORDER BY m.id`, branch); err != nil {
		return nil, fmt.Errorf("coordinators of branch %d: %w", branch, err)
	}
	return ms, nil
}
