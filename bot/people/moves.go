package people

import (
	"errors"
	"strconv"

	"vejviser/bot/chat"
	"vejviser/bot/outbox"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The move card to the new branch's coordinators, their answer, and what
// the member is told: all rendered as they leave, in each reader's language.

func (f *Feature) moveNotices(n *chat.Notices) {
	chat.Render(n, domain.NoticeMoveAsked, MoveCard)
	chat.Render(n, domain.NoticeMoveWelcomed, moveWelcomed)
	chat.Render(n, domain.NoticeMoveDeclined, moveDeclined)
}

// MoveCard asks a coordinator of the branch v.To whether to take the
// member in, with ✅ Welcome and ❌ Not ours.
func MoveCard(L *locales.Localizer, _ domain.Member, v domain.MoveValues) outbox.Rendered {
	msg := "BranchMoveCard"
	if v.Keep {
		msg = "BranchJoinCard"
	}
	id := strconv.FormatInt(v.Move, 10)
	return chat.Text(L.T(msg, moveData(L, v)), chat.Keyboard{chat.Row(
		chat.Btn(L.T("BtnMoveWelcome", nil), ActMoveDecide, id, "yes"),
		chat.Btn(L.T("BtnMoveNotOurs", nil), ActMoveDecide, id, "no"))})
}

func moveData(L *locales.Localizer, v domain.MoveValues) locales.Data {
	return locales.Data{"Name": v.Name, "Role": L.T(branchRoleKey[v.Role], nil), "Branch": v.To.In(L.Lang()), "From": v.From.In(L.Lang())}
}

func moveWelcomed(L *locales.Localizer, _ domain.Member, v domain.MoveValues) outbox.Rendered {
	msg := "BranchMoveWelcomed"
	if v.Keep {
		msg = "BranchJoinWelcomed"
	}
	return chat.Text(L.T(msg, moveData(L, v)), nil)
}

func moveDeclined(L *locales.Localizer, _ domain.Member, v domain.MoveValues) outbox.Rendered {
	msg := "BranchMoveDeclined"
	if v.Keep {
		msg = "BranchJoinDeclined"
	}
	return chat.Text(L.T(msg, moveData(L, v)), nil)
}

// MoveDecided is the card once answered (by anyone): who went where.
func MoveDecided(L *locales.Localizer, state string, v domain.MoveValues) string {
	switch state {
	case domain.MoveWelcomed:
		return L.T("BranchMoveCardWelcomed", moveData(L, v))
	case domain.MoveDeclined:
		return L.T("BranchMoveCardDeclined", moveData(L, v))
	}
	return L.T("BranchMoveCardWithdrawn", moveData(L, v))
}

// onMoveDecide is a coordinator's answer on the card: "1:hd:<move>:yes|no".
// Only a coordinator of the branch asked decides; the first answer counts,
// and a later one (a second tap, another coordinator) is shown the decision.
func (f *Feature) onMoveDecide(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	if r.Args[1] != "yes" && r.Args[1] != "no" {
		r.Expired()
		return
	}
	mv, err := f.Store.DecideMove(r.Ctx, id, r.Member.ID, r.Args[1] == "yes", f.Now())
	switch {
	case errors.Is(err, domain.ErrMoveDecided):
		r.Toast(r.L.T("BranchMoveDecidedAlready", nil))
	case errors.Is(err, domain.ErrNotFound):
		r.Expired()
		return
	case err != nil:
		r.Fail(err)
		return
	default:
		r.Toast("")
	}
	v := domain.MoveValues{Move: mv.ID, Name: mv.Name, Role: mv.Role, Keep: mv.Keep,
		From: domain.Texts{r.L.Lang(): r.BranchName(mv.From)}, To: domain.Texts{r.L.Lang(): r.BranchName(mv.To)}}
	r.Show(MoveDecided(r.L, mv.State, v))
}
