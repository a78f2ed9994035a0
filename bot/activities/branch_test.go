package activities

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// herlev is a second branch beside the harness's first one: its own café,
// meeting today at 15:00, followed by one of its participants.
type herlev struct {
	id   int64
	cafe domain.Activity
	slot time.Time
}

func (h *harness) addHerlev() herlev {
	h.t.Helper()
	st, now := h.env.Store, h.env.Now()
	b, err := st.AddBranch(h.ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, now)
	if err != nil {
		h.t.Fatal(err)
	}
	hb := herlev{id: b.ID, slot: time.Date(2027, 1, 13, 15, 0, 0, 0, h.env.Loc())}
	hb.cafe = domain.Activity{BranchID: b.ID, Key: "tal-dansk", Name: "Herlev Café", Place: "Herlev Bibliotek",
		Schedule: "0 15 * * WED", DurationMin: 120, RemindBeforeMin: 180}
	if hb.cafe.ID, err = st.CreateActivity(h.ctx, hb.cafe, now); err != nil {
		h.t.Fatal(err)
	}
	for id, role := range map[int64]domain.Role{7001: domain.RoleCoordinator, 7002: domain.RoleParticipant} {
		if _, err := st.Register(h.ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("Herlev ", id), Language: "da", Role: role, BranchID: b.ID}, now); err != nil {
			h.t.Fatal(err)
		}
	}
	if err := st.Follow(h.ctx, []int64{b.ID}, hb.cafe.ID, 7002, now); err != nil {
		h.t.Fatal(err)
	}
	return hb
}

// state is everything of Herlev's café a route could change or queue.
func (h *harness) state(hb herlev) string {
	h.t.Helper()
	st, scope := h.env.Store, []int64{hb.id}
	a, err := st.Activity(h.ctx, scope, hb.cafe.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	all, _, _ := st.FollowerCount(h.ctx, scope, hb.cafe.ID)
	hc, _ := st.HeadCountOf(h.ctx, scope, hb.cafe.ID, hb.slot)
	ch, _ := st.Changes(h.ctx, scope, hb.cafe.ID, hb.slot.AddDate(-1, 0, 0), hb.slot.AddDate(1, 0, 0))
	out, _ := st.OutboxCounts(h.ctx)
	return fmt.Sprintf("%+v %d %+v %+v %v", a, all, hc, ch, out)
}

// shown is every word a reply put in front of the member.
func shown(rp chat.Reply) string {
	var b strings.Builder
	for _, e := range rp.Effects {
		b.WriteString(e.Text + "\n")
		for _, row := range e.Keyboard {
			for _, btn := range row {
				b.WriteString(btn.Text + "\n")
			}
		}
	}
	return b.String()
}

// TestBranchMatrix tries every route of the feature as each member of the
// first branch whose role may use it (participant, volunteer, coordinator)
// against Herlev's café, its meeting today, or a draft naming it: nothing
// of Herlev changes, nothing of it is shown. A route neither tried nor
// listed in noBranchData fails the test.
func TestBranchMatrix(t *testing.T) {
	h := newHarness(t)
	hb := h.addHerlev()
	actors := []domain.Member{h.omar, h.volunteer(), h.coord}
	id, slot := strconv.FormatInt(hb.cafe.ID, 10), strconv.FormatInt(hb.slot.Unix(), 10)
	forged := activityDraft{ID: hb.cafe.ID, Step: stepPreview, Name: "Forged", Titles: map[string]string{},
		Days: []int{3}, Start: "15:00", End: "17:00", RemindMin: 180}
	cancel := meetingDraft{ActivityID: hb.cafe.ID, Slot: hb.slot.Unix(), Op: opCancel}
	preview := meetingDraft{ActivityID: hb.cafe.ID, Slot: hb.slot.Unix(), Op: opPreview, Cancel: true, Reasons: map[string]string{"da": "Lukket"}}
	type try struct {
		kind, name string
		args       []string
		draft      func(r *chat.Request) // a draft saved before (a forged one names Herlev's café)
	}
	act := func(name string, args ...string) try { return try{kind: "button", name: name, args: args} }
	tries := []try{
		{kind: "cmd", name: "activities"},
		{kind: "cmd", name: "count"},
		act(string(actActList)),
		act(string(actActFollow), id, "on"), act(string(actActFollow), id, "off"), act(string(actActFollow), id, "stop"),
		act(string(actActOpen), id), act(string(actActDates), id), act(string(actActEdit), id),
		act(string(actActArchive), id, "ask"), act(string(actActArchive), id, "yes"),
		act(string(actMeeting), id, slot),
		act(string(actMeetingOp), id, slot, "cancel"), act(string(actMeetingOp), id, slot, "move"), act(string(actMeetingOp), id, slot, "restore"),
		{kind: "button", name: string(actActFlow), args: []string{"save", "x"}, draft: func(r *chat.Request) { activityFlow.Save(r, forged) }},
		{kind: "button", name: string(actMeetingNoReason), draft: func(r *chat.Request) { meetingFlow.Save(r, cancel) }},
		{kind: "button", name: string(actMeetingFlow), args: []string{"send", "x"}, draft: func(r *chat.Request) { meetingFlow.Save(r, preview) }},
		{kind: "button", name: string(actMeetingFlow), args: []string{"lang", "ar"}, draft: func(r *chat.Request) { meetingFlow.Save(r, preview) }},
		{kind: "text", name: "meeting", args: []string{"Closed"}, draft: func(r *chat.Request) { meetingFlow.Save(r, cancel) }},
		{kind: "text", name: "activity", args: []string{"Forged title"}, draft: func(r *chat.Request) {
			d := forged
			d.Step = stepTitle
			activityFlow.Save(r, d)
		}},
	}
	for _, op := range []string{"open", domain.TapAdult, domain.TapChild, domain.TapFirst, "undo", "done"} {
		tries = append(tries, act(string(actHeadCount), id, slot, op))
	}
	// Routes that read and change no branch's data.
	noBranchData := map[string]string{
		// An empty draft; what it saves goes to the sender's own branch
		// (TestNewActivityGoesToTheWorkingBranch).
		"cmd newactivity": "",
	}
	tried := map[string]bool{}
	before := h.state(hb)
	n := 0
	for _, tr := range tries {
		route := h.route(tr.kind, tr.name)
		tried[tr.kind+" "+tr.name] = true
		for _, m := range actors {
			if m.Role.Rank() < route.Role.Rank() {
				continue
			}
			if tr.draft != nil {
				r := h.request(m)
				tr.draft(r)
			}
			rp := h.run(m, tr.kind, tr.name, tr.args...)
			n++
			if after := h.state(hb); after != before {
				t.Fatalf("%s %s %v as %s changed Herlev:\n%s\n%s", tr.kind, tr.name, tr.args, m.Role, before, after)
			}
			if s := shown(rp); strings.Contains(s, "Herlev") {
				t.Errorf("%s %s %v as %s showed Herlev's:\n%s", tr.kind, tr.name, tr.args, m.Role, s)
			}
			_ = activityFlow.End(h.request(m))
		}
	}
	var missing []string
	for _, k := range h.routeKeys() {
		if _, ok := noBranchData[k]; !ok && !tried[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes neither tried across branches nor listed as touching no branch's data: %v", missing)
	}
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}

// volunteer is Lars, a volunteer of the first branch.
func (h *harness) volunteer() domain.Member {
	h.t.Helper()
	m, err := h.env.Store.Register(h.ctx, domain.Registration{ID: 77, ChatID: 77, DisplayName: "Lars", Language: "da", Role: domain.RoleVolunteer}, h.env.Now())
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

func (h *harness) route(kind, name string) chat.Route {
	h.t.Helper()
	var rt chat.Route
	var ok bool
	switch kind {
	case "cmd":
		rt, ok = h.rt.Commands[name]
	case "button":
		rt, ok = h.rt.Buttons[chat.Action(name)]
	case "text":
		rt, ok = h.rt.Flows[name]
	}
	if !ok {
		h.t.Fatalf("no %s route %q", kind, name)
	}
	return rt
}

// routeKeys names every route of the feature as the matrix does.
func (h *harness) routeKeys() []string {
	var out []string
	for c := range h.rt.Commands {
		out = append(out, "cmd "+c)
	}
	for a := range h.rt.Buttons {
		out = append(out, "button "+string(a))
	}
	for f := range h.rt.Flows {
		out = append(out, "text "+f)
	}
	return out
}

// TestNewActivityGoesToTheWorkingBranch: a coordinator of Herlev who is a
// participant in the first branch creates the activity in Herlev, and sees
// both branches' activities labelled, managing only Herlev's.
func TestNewActivityGoesToTheWorkingBranch(t *testing.T) {
	h := newHarness(t)
	hb := h.addHerlev()
	hanne, err := h.env.Store.Member(h.ctx, 7001)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.env.Store.JoinBranch(h.ctx, hanne.ID, domain.DefaultBranchID, domain.RoleParticipant, h.env.Now()); err != nil {
		t.Fatal(err)
	}
	if err := h.env.Store.SetWorkingBranch(h.ctx, hanne.ID, hb.id); err != nil {
		t.Fatal(err)
	}
	d := activityDraft{Step: stepPreview, Name: "Lektiehjælp", Titles: map[string]string{}, Days: []int{2}, Start: "16:00", End: "18:00", RemindMin: 180}
	activityFlow.Save(h.request(hanne), d)
	h.run(hanne, "button", string(actActFlow), "save", "x")
	acts, err := h.env.Store.Activities(h.ctx, []int64{hb.id})
	if err != nil || len(acts) != 2 {
		t.Fatalf("Herlev has %d activities (%v), want its café and the new one", len(acts), err)
	}
	if first, _ := h.env.Store.Activities(h.ctx, []int64{domain.DefaultBranchID}); len(first) != 1 {
		t.Errorf("the first branch has %d activities, want its café only", len(first))
	}
	list := shown(h.run(hanne, "cmd", "activities"))
	for _, want := range []string{"Tal Dansk Café · Røde Kors Ballerup", "Herlev Café · Røde Kors Herlev", "🔔 Følg: Herlev Café · Røde Kors Herlev"} {
		if !strings.Contains(list, want) {
			t.Errorf("the list lacks %q:\n%s", want, list)
		}
	}
	if n := strings.Count(list, "⚙️"); n != 2 {
		t.Errorf("%d manage buttons, want Herlev's two:\n%s", n, list)
	}
}
