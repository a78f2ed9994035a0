package people

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// /branch: a member's branches and role in each; with several, the branch
// they act in (where a coordinator's new events go); and moving to another
// branch, or for a volunteer joining a second one, which that branch's
// coordinators welcome or decline (bot/people/moves.go).

// The buttons of /branch and of the move card.
var (
	actBranchWork = chat.NewAction("hw", chat.ID)            // branch id to act in
	actBranchMove = chat.NewAction("hm", chat.Word)          // move | join
	actBranchPick = chat.NewAction("hp", chat.ID)            // the branch asked
	ActMoveDecide = chat.NewAction("hd", chat.ID, chat.Word) // move id, yes | no
)

// moveDraft is the step-by-step chat of picking the branch to move to.
type moveDraft struct {
	From int64 `json:"from"`
	Keep bool  `json:"keep"`
}

func (f *Feature) moveFlow() *chat.Flow[moveDraft] {
	return &chat.Flow[moveDraft]{
		Name:    "branchmove",
		StepOf:  func(*moveDraft) chat.Step { return "pick" },
		Command: "branch",
		Ask:     func(r *chat.Request, d *moveDraft) { f.showPick(r, *d) },
	}
}

// branchRoutes is /branch's part of the feature's routes.
func (f *Feature) branchRoutes() chat.Routes {
	return chat.Merge(chat.Routes{
		Commands: map[string]chat.Route{"branch": chat.Member(f.cmdBranch)},
		Buttons: map[chat.Action]chat.Route{
			actBranchWork: chat.Member(f.onBranchWork),
			actBranchMove: chat.Member(f.onBranchMove),
			actBranchPick: chat.Member(f.onBranchPick),
			ActMoveDecide: chat.Coordinator(f.onMoveDecide),
		},
	}, f.moveFlow().Routes(domain.RoleParticipant))
}

var branchRoleKey = map[domain.Role]string{domain.RoleParticipant: "RoleParticipant", domain.RoleVolunteer: "RoleVolunteer", domain.RoleCoordinator: "RoleCoordinator"}

func (f *Feature) cmdBranch(r *chat.Request) {
	text, k, err := f.branchScreen(r)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Show(text, k...)
}

// branchScreen lists the member's branches, the one they act in marked
// when they have several, with what they can do.
func (f *Feature) branchScreen(r *chat.Request) (string, chat.Keyboard, error) {
	mbs, err := f.Store.MemberBranches(r.Ctx, r.Member.ID)
	if err != nil {
		return "", nil, err
	}
	L := r.L
	lines := []string{L.T("BranchTitle", nil)}
	k := chat.Keyboard{}
	several := len(mbs) > 1
	for _, mb := range mbs {
		line := L.T("BranchLine", locales.Data{"Branch": r.BranchName(mb.BranchID), "Role": L.T(branchRoleKey[mb.Role], nil)})
		if several && mb.BranchID == r.Scope.Working {
			line += " " + L.T("BranchActingMark", nil)
		} else if several {
			k = append(k, chat.Row(chat.Btn(L.T("BtnBranchActIn", locales.Data{"Branch": r.BranchName(mb.BranchID)}), actBranchWork, strconv.FormatInt(mb.BranchID, 10))))
		}
		lines = append(lines, line)
	}
	if several {
		lines = append(lines, "", L.T("BranchActingHint", nil))
	}
	from, role := f.moveFrom(r)
	others, err := f.otherBranches(r)
	if err != nil {
		return "", nil, err
	}
	if len(others) > 0 {
		if _, ok := domain.MoveRole(role, false); ok && from != 0 {
			k = append(k, chat.Row(chat.Btn(L.T("BtnBranchMoved", nil), actBranchMove, "move")))
		}
		if _, ok := domain.MoveRole(role, true); ok && from != 0 {
			k = append(k, chat.Row(chat.Btn(L.T("BtnBranchJoinToo", nil), actBranchMove, "join")))
		}
	}
	return strings.Join(lines, "\n"), k, nil
}

// moveFrom is the branch a member moves from (the one they act in) and
// their role there.
func (f *Feature) moveFrom(r *chat.Request) (int64, domain.Role) {
	from := r.Scope.Working
	return from, r.Scope.Roles[from]
}

// otherBranches are the branches listed to pick from that the member is
// not in.
func (f *Feature) otherBranches(r *chat.Request) ([]domain.Branch, error) {
	bs, err := f.visibleBranches(r.Ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(bs, func(b domain.Branch) bool { _, in := r.Scope.Roles[b.ID]; return in }), nil
}

// onBranchWork makes a branch of the member's the one they act in: "1:hw:<branch>".
func (f *Feature) onBranchWork(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	err := f.Store.SetWorkingBranch(r.Ctx, r.Member.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		r.Expired()
		return
	}
	if err != nil {
		r.Fail(err)
		return
	}
	if r.Scope, err = f.Store.Scope(r.Ctx, r.Member.ID); err != nil {
		r.Fail(err)
		return
	}
	r.Toast(r.L.T("BranchNowActing", locales.Data{"Branch": r.BranchName(id)}))
	f.cmdBranch(r)
}

// onBranchMove starts picking the branch to move to or join: "1:hm:move|join".
func (f *Feature) onBranchMove(r *chat.Request) {
	keep := r.Args[0] == "join"
	from, role := f.moveFrom(r)
	if _, ok := domain.MoveRole(role, keep); !ok || from == 0 || (r.Args[0] != "move" && !keep) {
		r.Expired()
		return
	}
	d := moveDraft{From: from, Keep: keep}
	if !f.moveFlow().Begin(r, d) {
		return
	}
	r.Toast("")
	f.showPick(r, d)
}

// showPick lists the branches to move to (or join).
func (f *Feature) showPick(r *chat.Request, d moveDraft) {
	others, err := f.otherBranches(r)
	if err != nil {
		r.Fail(err)
		return
	}
	if len(others) == 0 {
		_ = f.moveFlow().End(r)
		r.Show(r.L.T("BranchNoOther", nil))
		return
	}
	text, k := PickScreen(r.L, d.Keep, others)
	r.Show(text, k...)
}

// PickScreen is the list of branches a member moving (or, with keep,
// joining a second branch) picks from, with ✖️.
func PickScreen(L *locales.Localizer, keep bool, bs []domain.Branch) (string, chat.Keyboard) {
	prompt := "BranchMovePrompt"
	if keep {
		prompt = "BranchJoinPrompt"
	}
	k := branchButtons(L, bs, func(b domain.Branch) domain.Button {
		return chat.Btn(branchLabel(L, b), actBranchPick, strconv.FormatInt(b.ID, 10))
	})
	return L.T(prompt, nil), append(k, chat.CancelRow(L))
}

// onBranchPick asks the branch picked to take the member in: "1:hp:<branch>".
func (f *Feature) onBranchPick(r *chat.Request) {
	fl := f.moveFlow()
	d, ok := fl.Load(r)
	if !ok {
		return
	}
	to, _ := strconv.ParseInt(r.Args[0], 10, 64)
	_, err := f.Store.AskMove(r.Ctx, r.Member.ID, d.From, to, d.Keep, f.Now())
	switch {
	case errors.Is(err, domain.ErrMoveNoCoordinator):
		r.Alert(r.L.T("BranchNoCoordinator", locales.Data{"Branch": r.BranchName(to)}))
		return
	case errors.Is(err, domain.ErrNotFound):
		r.Expired()
		return
	case err != nil:
		r.Fail(err)
		return
	}
	if err := fl.End(r); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	msg := "BranchMoveAsked"
	if d.Keep {
		msg = "BranchJoinAsked"
	}
	r.Show(r.L.T(msg, locales.Data{"Branch": r.BranchName(to)}))
}
