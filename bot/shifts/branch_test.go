package shifts

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"vejviser/bot/chat"
	"vejviser/storage/domain"
)

// herlev is a second branch beside the handler env's first one: its
// coordinator and volunteer (named "Herlev …"), a café, and a shift on
// Thursday that its volunteer has taken.
type herlev struct {
	id, cafe, shift int64
	slot            time.Time
	vol             domain.Member
	shiftArg        string
	slotArg         string
}

func (h *handlerEnv) addHerlev(t *testing.T) herlev {
	t.Helper()
	st, ctx, now := h.f.Store, context.Background(), h.f.Now()
	b, err := st.AddBranch(ctx, domain.NewBranch{Key: "herlev", Names: domain.Texts{"da": "Røde Kors Herlev"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	hb := herlev{id: b.ID, slot: h.slot}
	for id, role := range map[int64]domain.Role{7001: domain.RoleCoordinator, 7002: domain.RoleVolunteer} {
		m, err := st.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprint("Herlev ", id), Language: "da", Role: role, BranchID: b.ID}, now)
		if err != nil {
			t.Fatal(err)
		}
		if id == 7002 {
			hb.vol = m
		}
	}
	if hb.cafe, err = st.CreateActivity(ctx, domain.Activity{BranchID: b.ID, Name: "Herlev Café", Schedule: "0 15 * * THU", DurationMin: 120}, now); err != nil {
		t.Fatal(err)
	}
	end := h.slot.Add(2 * time.Hour)
	if hb.shift, err = st.CreateShift(ctx, domain.Shift{BranchID: b.ID, Role: "Herlev Vært", Needed: 2, Place: "Herlev Station", StartsAt: &hb.slot, EndsAt: &end}, now); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SignUp(ctx, []int64{b.ID}, h.f.Loc(), hb.shift, hb.slot, hb.vol.ID, now); err != nil {
		t.Fatal(err)
	}
	hb.shiftArg, hb.slotArg = strconv.FormatInt(hb.shift, 10), strconv.FormatInt(hb.slot.Unix(), 10)
	return hb
}

// state is everything of Herlev's a route could change or queue.
func (h *handlerEnv) state(t *testing.T, hb herlev) string {
	t.Helper()
	st, ctx, scope := h.f.Store, context.Background(), []int64{hb.id}
	sh, err := st.Shift(ctx, scope, hb.shift)
	if err != nil {
		t.Fatal(err)
	}
	sl, _ := st.ShiftSlot(ctx, scope, h.f.Loc(), hb.shift, hb.slot)
	v, _ := st.BranchVolunteer(ctx, scope, hb.vol.ID)
	mine, _ := st.MyShifts(ctx, []int64{domain.DefaultBranchID, hb.id}, h.f.Loc(), hb.vol.ID, h.f.Now())
	acts, _ := st.Activities(ctx, scope)
	out, _ := st.OutboxCounts(ctx)
	return fmt.Sprintf("%+v %d %+v %d %d %v", sh, len(sl.People), v, len(mine), len(acts), out)
}

// run handles a command, a button press or typed text through the
// feature's routes (authorization included) and returns the reply.
func (h *handlerEnv) run(t *testing.T, rt chat.Routes, m domain.Member, kind, name string, args ...string) chat.Reply {
	t.Helper()
	r := chat.NewRequest(context.Background(), h.f.Env, &m, h.f.Cat.Reader(m.Reader()))
	route := routeOf(t, rt, kind, name)
	switch kind {
	case "text":
		r.Text = strings.Join(args, " ")
		r.Msg = &models.Message{Text: r.Text, Chat: models.Chat{ID: m.ChatID, Type: models.ChatTypePrivate}}
	case "button":
		r.CB = &models.CallbackQuery{ID: "cb", Data: chat.Payload(chat.Action(name), args...),
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{ID: 5, Chat: models.Chat{ID: m.ChatID}}}}
		r.CbMsgID, r.Args = 5, args
	}
	if chat.Authorize(r, route) {
		route.Handle(r)
	}
	return r.Reply
}

func routeOf(t *testing.T, rt chat.Routes, kind, name string) chat.Route {
	t.Helper()
	var r chat.Route
	var ok bool
	switch kind {
	case "cmd":
		r, ok = rt.Commands[name]
	case "button":
		r, ok = rt.Buttons[chat.Action(name)]
	case "text":
		r, ok = rt.Flows[name]
	}
	if !ok {
		t.Fatalf("no %s route %q", kind, name)
	}
	return r
}

// shown is every word (and file) a reply put in front of the member.
func shown(rp chat.Reply) string {
	var b strings.Builder
	for _, e := range rp.Effects {
		b.WriteString(e.Text + "\n" + string(e.Data) + "\n")
		for _, row := range e.Keyboard {
			for _, btn := range row {
				b.WriteString(btn.Text + "\n")
			}
		}
	}
	return b.String()
}

// TestBranchMatrix tries every route of shifts as each member of the first
// branch whose role may use it (volunteer, coordinator) against Herlev's
// shift, its meeting, its volunteer, its café or a draft naming one of
// them: nothing of Herlev changes, nothing of it is shown. A route neither
// tried nor listed in noBranchData fails the test.
func TestBranchMatrix(t *testing.T) {
	h := newHandlerEnv(t)
	hb := h.addHerlev(t)
	rt := h.f.Routes()
	actors := []domain.Member{h.lars, h.mette}
	shift, slot, vol := hb.shiftArg, hb.slotArg, strconv.FormatInt(hb.vol.ID, 10)
	editing := shiftDraft{ID: hb.shift, Step: stepPreview, Role: "Forged", Roles: map[string]string{}, Needed: 5,
		Start: hb.slot.Unix(), End: hb.slot.Add(time.Hour).Unix()}
	newOnCafe := shiftDraft{Step: stepPreview, Role: "Forged", Roles: map[string]string{}, Needed: 1, ActivityID: hb.cafe}
	type try struct {
		kind, name string
		args       []string
		draft      func(r *chat.Request)
	}
	btn := func(a chat.Action, args ...string) try { return try{kind: "button", name: string(a), args: args} }
	withShift := func(d shiftDraft, args ...string) try {
		return try{kind: "button", name: string(actShiftFlow), args: args, draft: func(r *chat.Request) { shiftFlow.Save(r, d) }}
	}
	tries := []try{
		{kind: "cmd", name: "shifts"}, {kind: "cmd", name: "myshifts"}, {kind: "cmd", name: "staffing"}, {kind: "cmd", name: "volunteers"},
		btn(actShiftList), btn(actShiftMine), btn(actShiftCalendar), btn(actStaffing), btn(actVolList),
		btn(actShiftSignUp, shift, slot), btn(actShiftCover, shift, slot),
		btn(actShiftWithdraw, shift, slot), btn(actShiftWithdrawYes, shift, slot),
		btn(actStaffSlot, shift, slot), btn(actStaffPick, shift, slot),
		btn(actStaffAdd, shift, slot, strconv.FormatInt(h.sara.ID, 10)),
		btn(actStaffAdd, h.shiftArg, h.slotArg, vol), // Herlev's volunteer onto the first branch's shift
		btn(actStaffRemove, shift, slot, vol),
		btn(actVolCard, vol), btn(actVolCert, vol),
		btn(actShiftEdit, shift),
		withShift(editing, "save", "x"), withShift(editing, "archive", "ask"), withShift(editing, "archive", "yes"),
		withShift(newOnCafe, "save", "x"),
		{kind: "text", name: "shift", args: []string{"Forged role"}, draft: func(r *chat.Request) {
			d := editing
			d.Step = stepRole
			shiftFlow.Save(r, d)
		}},
		{kind: "text", name: "certificate", args: []string{"31.12.2027"}, draft: func(r *chat.Request) { certFlow.Save(r, certDraft{MemberID: hb.vol.ID}) }},
		{kind: "text", name: "withdraw", args: []string{"sick"}, draft: func(r *chat.Request) {
			h.f.withdrawFlow.Save(r, withdrawDraft{Shift: hb.shift, Slot: hb.slot.Unix()})
		}},
	}
	// Routes that read and change no branch's data.
	noBranchData := map[string]string{
		"cmd newshift":                     "an empty draft; what it saves goes to the sender's branch or their activity's (storage TestBranchScopedQueries)",
		"cmd profile":                      "the member's own languages and certificate",
		"button " + string(actProfileLang): "the member's own languages",
	}
	tried := map[string]bool{}
	before := h.state(t, hb)
	n := 0
	for _, tr := range tries {
		route := routeOf(t, rt, tr.kind, tr.name)
		tried[tr.kind+" "+tr.name] = true
		for _, m := range actors {
			if m.Role.Rank() < route.Role.Rank() {
				continue
			}
			if tr.draft != nil {
				tr.draft(chat.NewRequest(context.Background(), h.f.Env, &m, h.f.Cat.Reader(m.Reader())))
			}
			rp := h.run(t, rt, m, tr.kind, tr.name, tr.args...)
			n++
			if after := h.state(t, hb); after != before {
				t.Fatalf("%s %s %v as %s changed Herlev:\n%s\n%s", tr.kind, tr.name, tr.args, m.Role, before, after)
			}
			if s := shown(rp); strings.Contains(s, "Herlev") {
				t.Errorf("%s %s %v as %s showed Herlev's:\n%s", tr.kind, tr.name, tr.args, m.Role, s)
			}
			_ = shiftFlow.End(chat.NewRequest(context.Background(), h.f.Env, &m, h.f.Cat.Reader(m.Reader())))
		}
	}
	var missing []string
	for c := range rt.Commands {
		missing = append(missing, "cmd "+c)
	}
	for a := range rt.Buttons {
		missing = append(missing, "button "+string(a))
	}
	for f := range rt.Flows {
		missing = append(missing, "text "+f)
	}
	var left []string
	for _, k := range missing {
		if _, ok := noBranchData[k]; !ok && !tried[k] {
			left = append(left, k)
		}
	}
	sort.Strings(left)
	if len(left) > 0 {
		t.Errorf("routes neither tried across branches nor listed as touching no branch's data: %v", left)
	}
	t.Logf("%d routes × roles tried, 0 changes across branches", n)
}

// TestVolunteerInTwoBranches: Lars volunteers in the first branch and in
// Herlev; he sees both branches' shifts, each labelled, and takes Herlev's.
func TestVolunteerInTwoBranches(t *testing.T) {
	h := newHandlerEnv(t)
	hb := h.addHerlev(t)
	if err := h.f.Store.JoinBranch(context.Background(), h.lars.ID, hb.id, domain.RoleVolunteer, h.f.Now()); err != nil {
		t.Fatal(err)
	}
	rt := h.f.Routes()
	list := shown(h.run(t, rt, h.lars, "cmd", "shifts"))
	for _, want := range []string{"▪️ Herlev Vært · Røde Kors Herlev", "▪️ Vært · Røde Kors Ballerup", "✋ tor 14/1: Herlev Vært · Røde Kors Herlev"} {
		if !strings.Contains(list, want) {
			t.Errorf("/shifts lacks %q:\n%s", want, list)
		}
	}
	h.run(t, rt, h.lars, "button", string(actShiftSignUp), hb.shiftArg, hb.slotArg)
	sl, err := h.f.Store.ShiftSlot(context.Background(), []int64{hb.id}, h.f.Loc(), hb.shift, hb.slot)
	if err != nil || !sl.Has(h.lars.ID) {
		t.Errorf("Lars is not on Herlev's shift (%v)", err)
	}
	if mine := shown(h.run(t, rt, h.lars, "cmd", "myshifts")); !strings.Contains(mine, "Herlev Vært · Røde Kors Herlev") {
		t.Errorf("/myshifts lacks Herlev's shift:\n%s", mine)
	}
}

// TestVolunteersListAcrossBranches: a coordinator of both branches sees
// both branches' volunteers, each with their branch.
func TestVolunteersListAcrossBranches(t *testing.T) {
	h := newHandlerEnv(t)
	hb := h.addHerlev(t)
	if err := h.f.Store.JoinBranch(context.Background(), h.mette.ID, hb.id, domain.RoleCoordinator, h.f.Now()); err != nil {
		t.Fatal(err)
	}
	list := shown(h.run(t, h.f.Routes(), h.mette, "cmd", "volunteers"))
	for _, want := range []string{"Herlev 7002 · Røde Kors Herlev", "Lars · Røde Kors Ballerup", "Mette · Røde Kors Ballerup, Røde Kors Herlev"} {
		if !strings.Contains(list, want) {
			t.Errorf("/volunteers lacks %q:\n%s", want, list)
		}
	}
}
