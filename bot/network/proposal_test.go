package network

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// proposalEnv is the feature on a real store with a second branch: in the
// first, coordinator Mette proposed Lars to referral 1 (household Semhar,
// linked in the chat, reading Tigrinya); Herlev has its own coordinator,
// network family and proposal.
type proposalEnv struct {
	f                       *Feature
	b                       chattest.Branches
	herlev                  int64
	mette, lars, semhar     domain.Member
	sara, amal              domain.Member // another volunteer and participant of the first branch
	match, herlevMatch      int64
	herlevCoord, herlevVolu domain.Member
}

func newProposalEnv(t *testing.T) *proposalEnv {
	t.Helper()
	b, herlev := chattest.TwoBranches(t, chattest.At(time.Date(2027, 2, 1, 10, 0, 0, 0, chattest.Loc(t))))
	e := &proposalEnv{f: New(b.Env), b: b, herlev: herlev}
	e.mette = b.Join(t, 1, "Mette Holm", 1, domain.RoleCoordinator)
	e.lars = b.Join(t, 2, "Lars Jensen", 1, domain.RoleVolunteer)
	e.semhar = b.Join(t, 3, "Semhar", 1, domain.RoleParticipant)
	e.sara = b.Join(t, 4, "Sara", 1, domain.RoleVolunteer)
	e.amal = b.Join(t, 5, "Amal", 1, domain.RoleParticipant)
	e.herlevCoord = b.Join(t, 11, "Hanne", herlev, domain.RoleCoordinator)
	e.herlevVolu = b.Join(t, 12, "Henrik", herlev, domain.RoleVolunteer)
	b.Exec(t, `UPDATE members SET language = 'ti' WHERE id = 3`)
	e.semhar.Language = "ti"
	now := b.Now()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO referrals (id, branch_id, adults, child_ages, languages, postcode, town, help, free, consent_name, contact_name,
			consent_phone, contact_phone, consent_date, consent_how, member_id, waiting_since, created_at, updated_at)
			VALUES (1, 1, 2, '[4,9]', '["ti","en"]', 2750, 'Ballerup', '["danish","letters"]', '["weekday_evening"]', 1, 'Semhar',
			1, '+45 11 22 33 44', ?1, 'form', 3, ?1, ?1, ?1)`, []any{now}},
		{`INSERT INTO referrals (id, branch_id, adults, languages, postcode, town, consent_address, contact_address, consent_date, consent_how, waiting_since, created_at, updated_at)
			VALUES (2, ?2, 1, '["ar"]', 2730, 'Herlev', 1, 'Herlevvej 1', ?1, 'form', ?1, ?1, ?1)`, []any{now, herlev}},
		{`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, hellos, contact, created_at, updated_at)
			VALUES (2, 1, 'family', '["da","en"]', 2750, 1, 'Hej! Vi er en familie med to børn.', '{"en":"Hi! We are a family with two children."}', '+45 55 66 77 88', ?1, ?1)`, []any{now}},
		{`INSERT INTO network_offers (member_id, branch_id, kind, languages, postcode, capacity, hello, created_at, updated_at)
			VALUES (12, ?2, 'man', '["da","ar"]', 2730, 1, 'Hej', ?1, ?1)`, []any{now, herlev}},
	} {
		b.Exec(t, q.sql, q.args...)
	}
	var err error
	ctx := context.Background()
	if e.match, err = b.Store.ProposeMatch(ctx, 1, 1, 2, 1, now); err != nil {
		t.Fatal(err)
	}
	if e.herlevMatch, err = b.Store.ProposeMatch(ctx, herlev, 2, 12, 11, now); err != nil {
		t.Fatal(err)
	}
	return e
}

// press is m pressing act with args, through the route's authorization.
func (e *proposalEnv) press(m domain.Member, act chat.Action, args ...string) *chat.Request {
	r := chattest.Press(e.f.Env, m, args...)
	r.CbMsgID = 50
	if rt := e.f.matchRoutes().Buttons[act]; chat.Authorize(r, rt) {
		rt.Handle(r)
	}
	return r
}

// state is a proposal's state and answers.
func (e *proposalEnv) state(t *testing.T, id int64) string {
	t.Helper()
	var st, v, h string
	if err := e.b.DB.QueryRow(`SELECT state, volunteer_answer, household_answer FROM network_matches WHERE id = ?`, id).Scan(&st, &v, &h); err != nil {
		t.Fatal(err)
	}
	return st + "/" + v + "/" + h
}

// queued are the notice kinds queued to m, oldest first.
func (e *proposalEnv) queued(t *testing.T, m domain.Member) []string {
	t.Helper()
	rows, err := e.b.DB.Query(`SELECT notice FROM outbox WHERE member_id = ? ORDER BY id`, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		out = append(out, k)
	}
	return out
}

func TestBothSayYes(t *testing.T) {
	e := newProposalEnv(t)
	id := strconv.FormatInt(e.match, 10)
	L := e.f.Cat.For("da")
	r := e.press(e.lars, actVolunteerAnswer, id, "1")
	chattest.Check(t, "Lars says yes", r, []string{L.T("MatchVolunteerYesDone", nil)}, "", "")
	if got := e.state(t, e.match); got != "proposed/yes/" {
		t.Fatalf("after Lars: %s", got)
	}
	if got := e.queued(t, e.semhar); fmt.Sprint(got) != "[network.ask]" {
		t.Fatalf("Semhar is asked: %v", got)
	}
	r = e.press(e.lars, actVolunteerAnswer, id, "1")
	chattest.Check(t, "Lars again", r, nil, L.T("MatchProposalClosed", nil), "")
	Lti := e.f.Cat.For("ti")
	r = e.press(e.semhar, actHouseholdAnswer, id, "1")
	chattest.Check(t, "Semhar says yes", r, []string{Lti.T("MatchHouseholdYesDone", nil)}, "", "")
	if got := e.state(t, e.match); got != "active/yes/yes" {
		t.Fatalf("after Semhar: %s", got)
	}
	for _, m := range []domain.Member{e.lars, e.semhar} {
		if got := e.queued(t, m); got[len(got)-1] != domain.NoticeNetworkIntro {
			t.Errorf("%s is introduced: %v", m.DisplayName, got)
		}
	}
	if got := e.queued(t, e.mette); fmt.Sprint(got) != "[network.started]" {
		t.Errorf("Mette is told: %v", got)
	}
}

func TestVolunteerSaysNoWithAReason(t *testing.T) {
	e := newProposalEnv(t)
	id := strconv.FormatInt(e.match, 10)
	L := e.f.Cat.For("da")
	r := e.press(e.lars, actVolunteerAnswer, id, "0")
	chattest.Check(t, "Lars says no", r, []string{L.T("MatchDeclineWhy", nil)}, "", "")
	if got := e.state(t, e.match); got != "proposed//" {
		t.Fatalf("asked why, nothing stored yet: %s", got)
	}
	typed := chattest.Typed(e.f.Env, e.lars, "Vi flytter i marts")
	e.f.matchRoutes().Flows[declineFlow.Name].Handle(typed)
	chattest.Check(t, "Lars's reason", typed, []string{L.T("MatchVolunteerNoDone", nil)}, "", "")
	var reason string
	if err := e.b.DB.QueryRow(`SELECT decline_reason FROM network_matches WHERE id = ? AND state = 'declined'`, e.match).Scan(&reason); err != nil || reason != "Vi flytter i marts" {
		t.Fatalf("declined with %q: %v", reason, err)
	}
	if got := e.queued(t, e.mette); fmt.Sprint(got) != "[network.declined]" {
		t.Errorf("Mette is told: %v", got)
	}
	if got := e.queued(t, e.semhar); len(got) != 0 {
		t.Errorf("Semhar hears nothing: %v", got)
	}
}

// TestForgedProposalButtons: every button of the proposals, pressed by
// anyone of the first branch on Herlev's proposal (and by the others of
// the first branch on its own), changes nothing and shows nothing of it.
func TestForgedProposalButtons(t *testing.T) {
	e := newProposalEnv(t)
	state := func() string {
		return e.state(t, e.herlevMatch) + e.state(t, e.match) + fmt.Sprint(e.queued(t, e.herlevCoord), e.queued(t, e.herlevVolu), e.queued(t, e.mette))
	}
	h, own := strconv.FormatInt(e.herlevMatch, 10), strconv.FormatInt(e.match, 10)
	var tries []chattest.Try
	for _, act := range []chat.Action{actVolunteerAnswer, actHouseholdAnswer, actRecordAnswer} {
		tries = append(tries, chattest.Button(act, h, "1"), chattest.Button(act, h, "0"))
	}
	tries = append(tries, chattest.Button(actVolunteerNoWhy, h), chattest.Button(actCheckin, h, domain.CheckinHelp),
		chattest.Button(actEnd, h), chattest.Button(actEndWhy, h, "goal"), chattest.Button(actAgain, h),
		chattest.Text(declineFlow.Name, "nej", func(r *chat.Request) { declineFlow.Save(r, declineDraft{Match: e.herlevMatch}) }))
	n := chattest.Matrix(t, e.f.Env, e.f.matchRoutes(), []domain.Member{e.mette, e.sara, e.amal}, tries,
		map[string]string{"text netend": "text typed while picking a reason is answered 'use the buttons'"}, state, []string{"Herlevvej", "Henrik"},
		func(r *chat.Request) { declineFlow.Finish(r); endFlow.Finish(r) })
	for _, tr := range []struct {
		m   domain.Member
		act chat.Action
	}{{e.sara, actVolunteerAnswer}, {e.amal, actHouseholdAnswer}, {e.semhar, actHouseholdAnswer}, {e.herlevCoord, actRecordAnswer}} {
		e.press(tr.m, tr.act, own, "1")
		n++
	}
	if got := e.state(t, e.match); got != "proposed//" {
		t.Fatalf("the first branch's proposal changed: %s", got)
	}
	t.Logf("%d tries", n)
}
