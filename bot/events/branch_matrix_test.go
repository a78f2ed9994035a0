package events

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/bot/chat/chattest"
	"vejviser/storage/domain"
)

// Herlev's event and what is stored about it: nothing of this may reach a
// member of the first branch, in text, buttons or files.
const (
	herlevTitle     = "Herlevs hemmelige fest"
	herlevKey       = "herlev-hemmelig"
	herlevPlace     = "Herlev Bibliotek"
	herlevHousehold = "Familien Skjult"
	herlevGuest     = "Hemmelig Hassan"
)

// matrix is two branches on one instance: the first (Ballerup) with a
// coordinator, a volunteer, a participant and a coordinator who is also a
// participant in Herlev; Herlev with its own coordinator, a guest who said
// yes, a household recorded by hand and a walk-in, and its event.
type matrix struct {
	*desk
	herlev      int64
	event, mine domain.Event // Herlev's event; the first branch's own
	household   int64        // Herlev's household recorded by hand
	tries       int
	changes     int // tries that changed or showed something of Herlev
}

func newMatrix(t *testing.T) *matrix {
	cph := chattest.Loc(t)
	now := time.Date(2027, 1, 25, 10, 0, 0, 0, cph)
	m := &matrix{desk: newDesk(t, now)}
	st := m.f.Store
	b, err := st.AddBranch(m.ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	m.herlev = b.ID
	m.member(1, "da", domain.RoleCoordinator)
	m.member(2, "da", domain.RoleVolunteer)
	m.member(3, "ar", domain.RoleParticipant)
	m.member(4, "da", domain.RoleCoordinator)
	m.join(4, domain.RoleParticipant)
	m.join(11, domain.RoleCoordinator)
	m.join(12, domain.RoleParticipant)
	mk := func(branch int64, key, title, place string) domain.Event {
		c := 30
		e := domain.Event{BranchID: branch, Key: key, Title: title, Place: place, Capacity: &c, Invite: domain.InviteEveryone,
			StartsAt: now.Add(10 * 24 * time.Hour), EndsAt: now.Add(10*24*time.Hour + 3*time.Hour), RSVPBy: now.Add(7 * 24 * time.Hour)}
		id, err := st.CreateEvent(m.ctx, e, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		e, err = st.Event(m.ctx, []int64{branch}, id)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	m.mine = mk(domain.DefaultBranchID, "ballerup-fest", "Ballerupfest", "Ballerup Sprogskole")
	m.event = mk(b.ID, herlevKey, herlevTitle, herlevPlace)
	if _, err := m.f.ClaimNotices(m.ctx, now); err != nil {
		t.Fatal(err)
	}
	in := []int64{b.ID}
	if _, err := st.Answer(m.ctx, in, domain.RSVP{EventID: m.event.ID, MemberID: 12, Answer: domain.AnswerYes, Adults: 2, Children: 1}, now); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordHousehold(m.ctx, in, m.event.ID, herlevHousehold, 2, 2, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TapWalkIn(m.ctx, in, m.event.ID, domain.TapAdult, now); err != nil {
		t.Fatal(err)
	}
	is, err := st.Invitations(m.ctx, in, m.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range is {
		if i.Recorded() {
			m.household = i.ID
		}
	}
	return m
}

// join makes id a member of Herlev with role (registering them there when new).
func (m *matrix) join(id int64, role domain.Role) {
	m.t.Helper()
	st := m.f.Store
	if _, err := st.Member(m.ctx, id); err != nil {
		name := "H" + strconv.FormatInt(id, 10)
		if id == 12 {
			name = herlevGuest
		}
		if _, err := st.Register(m.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: name, Language: "da", Role: domain.RoleParticipant, BranchID: m.herlev}, m.f.Now()); err != nil {
			m.t.Fatal(err)
		}
	}
	if err := st.JoinBranch(m.ctx, id, m.herlev, role, m.f.Now()); err != nil {
		m.t.Fatal(err)
	}
	if id == 4 { // acts in the first branch, where they coordinate
		if err := st.SetWorkingBranch(m.ctx, id, domain.DefaultBranchID); err != nil {
			m.t.Fatal(err)
		}
	}
}

func (m *matrix) get(id int64) domain.Member {
	m.t.Helper()
	x, err := m.f.Store.Member(m.ctx, id)
	if err != nil {
		m.t.Fatal(err)
	}
	return x
}

// herlevState is everything stored about Herlev's event and the outbox.
func (m *matrix) herlevState() string {
	m.t.Helper()
	in, st := []int64{m.herlev}, m.f.Store
	e, err1 := st.Event(m.ctx, in, m.event.ID)
	is, err2 := st.Invitations(m.ctx, in, m.event.ID)
	w, err3 := st.WalkIns(m.ctx, in, m.event.ID)
	n, at, err4 := st.EventNudge(m.ctx, in, m.event.ID, m.f.Loc(), m.f.Now())
	out, err5 := st.OutboxCounts(m.ctx)
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			m.t.Fatal(err)
		}
	}
	c := e.Cap()
	e.Capacity = nil // a pointer: compared by its value
	return fmt.Sprintf("%+v cap %d\n%+v\n%+v\n%d %v\n%v", e, c, is, w, n, at, out)
}

// leaks names what of Herlev a reply shows: its event's words, or a button
// naming its event.
func (m *matrix) leaks(rp chat.Reply) []string {
	var found []string
	routes := m.f.Routes().Buttons
	for _, e := range rp.Effects {
		texts := []string{e.Text, e.FileName, string(e.Data)}
		for _, row := range e.Keyboard {
			for _, b := range row {
				texts = append(texts, b.Text, b.URL)
				a, args, err := chat.DecodePayload(b.Data)
				if _, ours := routes[a]; err == nil && ours && a != actEvList && a != actEvFlow && len(args) > 0 && args[0] == strconv.FormatInt(m.event.ID, 10) {
					found = append(found, "button "+b.Data)
				}
			}
		}
		for _, s := range texts {
			for _, w := range []string{herlevTitle, herlevKey, herlevPlace, herlevHousehold, herlevGuest} {
				if strings.Contains(s, w) {
					found = append(found, w)
				}
			}
		}
	}
	return found
}

// stale reports whether the reply answers as a stale button does.
func (m *matrix) stale(rp chat.Reply, who domain.Member) bool {
	want := m.f.Cat.For(who.Language).T("ButtonExpired", nil)
	for _, e := range rp.Effects {
		if e.Text == want {
			return true
		}
	}
	return false
}

// try runs do as who and checks that nothing of Herlev changed or showed,
// and (wantStale) that it was answered as a stale button.
func (m *matrix) try(name string, who domain.Member, wantStale bool, do func() chat.Reply) {
	m.t.Helper()
	before := m.herlevState()
	rp := do()
	m.tries++
	if after := m.herlevState(); after != before {
		m.changes++
		m.t.Errorf("%s by member %d changed Herlev's event:\n%s\n---\n%s", name, who.ID, before, after)
	}
	if l := m.leaks(rp); len(l) > 0 {
		m.changes++
		m.t.Errorf("%s by member %d showed Herlev's %v: %q", name, who.ID, l, rp.Texts())
	}
	if wantStale && !m.stale(rp, who) {
		m.t.Errorf("%s by member %d: not answered as a stale button: %+v", name, who.ID, rp.Effects)
	}
}

// notTried are the routes of the feature the matrix does not try, each
// with why. A new route must be tried below or named here, or the test fails.
var notTried = map[string]string{
	// /report counts the events and meetings of a period; what it reads is
	// storage.ReportRows and VolunteerHoursBetween, scoped by branch with
	// the reports (not an event method: no event, household or invitation
	// of its own to forge).
	"cmd:report": "scoped with the reports",
}

// TestBranchMatrix walks every route of the events feature and tries each,
// as every role of the first branch that may use it, against Herlev's
// event, household and invitations (forged buttons and drafts naming them):
// nothing of Herlev changes, nothing of it is shown or sent, and a forged
// button is answered as a stale one.
func TestBranchMatrix(t *testing.T) {
	m := newMatrix(t)
	B, H, own := strconv.FormatInt(m.event.ID, 10), strconv.FormatInt(m.household, 10), strconv.FormatInt(m.mine.ID, 10)
	members := []domain.Member{m.get(3), m.get(2), m.get(1)} // participant, volunteer, coordinator of the first branch only
	coordinators := []domain.Member{m.get(1), m.get(4)}      // 4 is also a participant in Herlev: invited, not its coordinator
	buttons := map[chat.Action][][]string{
		actEvList:      {nil},
		actEvShow:      {{B}},
		actEvAnswer:    {{B, "yes"}, {B, "no"}, {B, "maybe"}, {B, "keep"}},
		actEvAdults:    {{B, "1"}},
		actEvChildren:  {{B, "2", "0"}},
		actEvHeads:     {{B, "2", "1"}},
		actEvICS:       {{B}},
		actEvOpen:      {{B}},
		actEvNames:     {{B}},
		actEvCheckIn:   {{B, "0", "list"}, {B, H, "in"}, {B, H, "out"}, {own, H, "in"}},
		actEvWalkIn:    {{B, "adult"}, {B, "child"}, {B, "first"}, {B, "undo"}},
		actEvCancel:    {{B, "ask"}, {B, "yes"}},
		actEvRecord:    {{B}},
		actEvEdit:      {{B}},
		actEvHousehold: {{B, H, "open"}, {B, H, "edit"}, {B, H, "remove"}, {B, H, "yes"}, {own, H, "open"}, {own, H, "yes"}},
		actEvNudge:     {{B}},
	}
	tried := map[string]bool{}
	routes := m.f.Routes()
	for a, route := range routes.Buttons {
		whos := members
		if route.Role == domain.RoleCoordinator {
			whos = coordinators
		}
		variants, ok := buttons[a]
		if !ok {
			continue
		}
		tried["btn:"+string(a)] = true
		for _, args := range variants {
			for _, who := range whos {
				m.try(fmt.Sprintf("%s %v", a, args), who, a != actEvList, func() chat.Reply { return m.press(who, a, args...) })
			}
		}
	}
	m.tryDrafts(coordinators, B, H, tried)
	for _, who := range members {
		m.try("/events", who, false, func() chat.Reply { return m.command(who, "events", "") })
	}
	tried["cmd:events"] = true
	for _, who := range coordinators {
		m.try("/newevent", who, false, func() chat.Reply { return m.command(who, "newevent", "") })
	}
	tried["cmd:newevent"] = true

	var missing []string
	for c := range routes.Commands {
		missing = append(missing, "cmd:"+c)
	}
	for a := range routes.Buttons {
		missing = append(missing, "btn:"+string(a))
	}
	for f := range routes.Flows {
		missing = append(missing, "flow:"+f)
	}
	for _, k := range missing {
		if !tried[k] && notTried[k] == "" {
			t.Errorf("route %s is neither tried across branches nor listed in notTried", k)
		}
	}
	t.Logf("%d routes × roles tried, %d changes across branches", m.tries, m.changes)
}

// tryDrafts tries the step-by-step chats with drafts naming Herlev's event
// and household (as a forged button would have left them): the buttons of
// the event chat and the typed steps of both.
func (m *matrix) tryDrafts(coordinators []domain.Member, B, H string, tried map[string]bool) {
	start := m.f.Now().Add(20 * 24 * time.Hour)
	forged := eventDraft{ID: m.event.ID, Editing: true, Step: "preview", Title: "Forfalsket", Start: start, End: start.Add(time.Hour),
		RSVPBy: start.Add(-time.Hour), Invite: domain.InviteParticipants}
	id, hid := eventIDArg(B), eventIDArg(H)
	for _, who := range coordinators {
		m.try("ef send (a draft editing Herlev's event)", who, true, func() chat.Reply {
			m.save(who, func(r *chat.Request) bool { return eventFlow.Save(r, forged) })
			return m.press(who, actEvFlow, "send", "ok")
		})
		m.try("typed place (a draft editing Herlev's event)", who, false, func() chat.Reply {
			d := forged
			d.Step = "place"
			m.save(who, func(r *chat.Request) bool { return eventFlow.Save(r, d) })
			return m.typed(who, eventFlow.Name, "Et andet sted")
		})
		m.try("typed household (recording at Herlev's event)", who, true, func() chat.Reply {
			m.save(who, func(r *chat.Request) bool { return recordFlow.Save(r, recordDraft{EventID: id}) })
			return m.typed(who, recordFlow.Name, "Familien Falsk 1 1")
		})
		m.try("typed household (correcting Herlev's household)", who, true, func() chat.Reply {
			m.save(who, func(r *chat.Request) bool {
				return recordFlow.Save(r, recordDraft{EventID: id, Household: hid, Name: "x"})
			})
			return m.typed(who, recordFlow.Name, "Familien Falsk 1 1")
		})
	}
	tried["btn:"+string(actEvFlow)] = true
	tried["flow:"+eventFlow.Name] = true
	tried["flow:"+recordFlow.Name] = true
}

// save stores a draft for who.
func (m *matrix) save(who domain.Member, do func(r *chat.Request) bool) {
	m.t.Helper()
	if !do(m.request(who)) {
		m.t.Fatal("draft not saved")
	}
}
