package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"vejviser/storage/domain"
)

// The double opt-in: the network family answers first, then the household
// (in the chat when linked, else a coordinator records its answer from a
// phone call). Nothing about either side reaches the other before both
// said yes; then each is given exactly what the other consented to.

// ProposalAnswer is one side's answer to a proposal.
type ProposalAnswer struct {
	Match int64
	// Side is domain.SideVolunteer, SideHousehold or SideCoordinator (a
	// coordinator recording the household's answer).
	Side string
	// By is the member answering: the proposal's volunteer, the household's
	// contact person, or a coordinator of one of Branches.
	By       int64
	Branches []int64
	Yes      bool
	Reason   string // why not, optional (≤ 200 characters)
}

// matchRow is a proposal or match with the household's contact person.
type matchRow struct {
	ID              int64         `db:"id"`
	BranchID        int64         `db:"branch_id"`
	ReferralID      int64         `db:"referral_id"`
	VolunteerID     sql.NullInt64 `db:"volunteer_id"`
	State           string        `db:"state"`
	VolunteerAnswer string        `db:"volunteer_answer"`
	HouseholdAnswer string        `db:"household_answer"`
	ProposedBy      sql.NullInt64 `db:"proposed_by"`
	RecordedBy      sql.NullInt64 `db:"household_recorded_by"`
	Household       sql.NullInt64 `db:"household"`
}

const matchRowCols = `m.id, m.branch_id, m.referral_id, m.volunteer_id, m.state, m.volunteer_answer,
	m.household_answer, m.proposed_by, m.household_recorded_by, r.member_id AS household`

// answerable loads the proposal a's side may answer now, in SQL: a
// proposal of another volunteer, household or branch is not found.
func answerable(ctx context.Context, tx *sqlx.Tx, a ProposalAnswer) (matchRow, error) {
	var m matchRow
	q, args := `SELECT `+matchRowCols+` FROM network_matches m JOIN referrals r ON r.id = m.referral_id WHERE m.id = ?`, []any{a.Match}
	switch a.Side {
	case domain.SideVolunteer:
		q, args = q+` AND m.volunteer_id = ?`, append(args, a.By)
	case domain.SideHousehold:
		q, args = q+` AND r.member_id = ?`, append(args, a.By)
	case domain.SideCoordinator:
		var err error
		if q, args, err = sqlx.In(q+` AND m.branch_id IN (?)`, a.Match, orNone(a.Branches)); err != nil {
			return m, err
		}
	default:
		return m, fmt.Errorf("side %q: %w", a.Side, domain.ErrNotFound)
	}
	if err := tx.GetContext(ctx, &m, tx.Rebind(q), args...); err != nil {
		return m, notFound(err, fmt.Sprintf("proposal %d", a.Match))
	}
	open := m.State == "proposed" && m.VolunteerID.Valid
	if a.Side == domain.SideVolunteer {
		open = open && m.VolunteerAnswer == ""
	} else {
		open = open && m.VolunteerAnswer == "yes" && m.HouseholdAnswer == ""
	}
	if !open {
		return m, domain.ErrProposalClosed
	}
	return m, nil
}

// AnswerProposal records a's answer and what follows from it, in one
// transaction: a no declines the proposal and tells the coordinator; the
// network family's yes asks the household; the household's yes makes the
// match active and introduces both. It returns the proposal's state after.
func (s *Store) AnswerProposal(ctx context.Context, a ProposalAnswer, now time.Time) (string, error) {
	if r := []rune(a.Reason); len(r) > 200 {
		a.Reason = string(r[:200])
	}
	state := "proposed"
	err := s.tx(ctx, func(tx *sqlx.Tx) error {
		m, err := answerable(ctx, tx, a)
		if err != nil {
			return err
		}
		answer, col := "no", "volunteer_answer"
		if a.Yes {
			answer = "yes"
		}
		if a.Side != domain.SideVolunteer {
			col = "household_answer"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET `+col+` = ?, household_recorded_by = CASE WHEN ? THEN ? ELSE household_recorded_by END
			WHERE id = ?`, answer, a.Side == domain.SideCoordinator, a.By, m.ID); err != nil {
			return err
		}
		if a.Side == domain.SideCoordinator {
			m.RecordedBy = sql.NullInt64{Int64: a.By, Valid: true}
		}
		switch {
		case !a.Yes:
			state = "declined"
			return declineProposal(ctx, tx, m, a, now)
		case a.Side == domain.SideVolunteer:
			return askHousehold(ctx, tx, m, now)
		default:
			state = "active"
			return startMatch(ctx, tx, m, now)
		}
	})
	if err != nil {
		return "", fmt.Errorf("answer proposal %d: %w", a.Match, err)
	}
	return state, nil
}

// declineProposal closes m after a no and tells its coordinators.
func declineProposal(ctx context.Context, tx *sqlx.Tx, m matchRow, a ProposalAnswer, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE network_matches SET state = 'declined', decline_reason = ? WHERE id = ?`, a.Reason, m.ID); err != nil {
		return err
	}
	if err := tallyNetwork(ctx, tx, m.BranchID, now, "declined", a.Side); err != nil {
		return err
	}
	side := a.Side
	if side == domain.SideCoordinator {
		side = domain.SideHousehold
	}
	if side == domain.SideHousehold { // the network family said yes and waits for the answer
		if err := tellNetworkMember(ctx, tx, m.VolunteerID.Int64, now, domain.NoticeNetworkClosed, domain.NetworkMatchValues{Match: m.ID, Side: side}); err != nil {
			return err
		}
	}
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkDeclined,
		domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Side: side, Reason: a.Reason})
}

// askHousehold puts the network family's yes to the household: in the chat
// when its contact person is linked, else through the coordinator.
func askHousehold(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time) error {
	card, err := volunteerCard(ctx, tx, m.VolunteerID.Int64)
	if err != nil {
		return err
	}
	v := domain.NetworkMatchValues{Match: m.ID, Referral: m.ReferralID, Volunteer: &card}
	if m.Household.Valid {
		return tellNetworkMember(ctx, tx, m.Household.Int64, now, domain.NoticeNetworkAsk, v)
	}
	return tellMatchCoordinators(ctx, tx, m, now, domain.NoticeNetworkRecord, v)
}

// volunteerCard is what the household is told of the network family.
func volunteerCard(ctx context.Context, tx *sqlx.Tx, volunteer int64) (domain.VolunteerCard, error) {
	var row struct {
		Name      string `db:"display_name"`
		Kind      string `db:"kind"`
		Languages string `db:"languages"`
		Postcode  int    `db:"postcode"`
		Hello     string `db:"hello"`
		Hellos    string `db:"hellos"`
	}
	if err := tx.GetContext(ctx, &row, `SELECT m.display_name, o.kind, o.languages, o.postcode, o.hello, o.hellos
		FROM network_offers o JOIN members m ON m.id = o.member_id WHERE o.member_id = ?`, volunteer); err != nil {
		return domain.VolunteerCard{}, notFound(err, "network family")
	}
	c := domain.VolunteerCard{FirstName: domain.FirstName(row.Name), Kind: row.Kind, Postcode: row.Postcode, Hello: domain.Texts{}}
	if err := json.Unmarshal([]byte(row.Languages), &c.Languages); err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(row.Hellos), &c.Hello); err != nil {
		return c, err
	}
	c.Hello["da"] = row.Hello
	return c, nil
}

// tellNetworkMember queues kind with v to the member id.
func tellNetworkMember(ctx context.Context, tx *sqlx.Tx, id int64, now time.Time, kind string, v domain.NetworkMatchValues) error {
	var to domain.Member
	if err := tx.GetContext(ctx, &to, `SELECT `+memberCols+` FROM members WHERE id = ?`, id); err != nil {
		return notFound(err, "member")
	}
	out, err := domain.NewNotice(kind, to, v)
	if err != nil {
		return err
	}
	return enqueue(ctx, tx, now, out)
}

// tellMatchCoordinators queues kind with v to the coordinator who proposed
// m while they still coordinate its branch, else to all its coordinators.
func tellMatchCoordinators(ctx context.Context, tx *sqlx.Tx, m matchRow, now time.Time, kind string, v domain.NetworkMatchValues) error {
	cs, err := branchCoordinators(ctx, tx, m.BranchID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if m.ProposedBy.Valid && c.ID == m.ProposedBy.Int64 {
			cs = []domain.Member{c}
			break
		}
	}
	for _, c := range cs {
		out, err := domain.NewNotice(kind, c, v)
		if err != nil {
			return err
		}
		if err := enqueue(ctx, tx, now, out); err != nil {
			return err
		}
	}
	return nil
}
