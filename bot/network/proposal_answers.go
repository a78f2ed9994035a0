package network

import (
	"errors"
	"strconv"

	"vejviser/bot/chat"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The answers to a proposal: the network family's ✅/❌ (a ❌ may come with
// a typed reason for the coordinator), the household's ✅/❌ in the chat,
// and a coordinator's record of the household's answer from a phone call.
// Each is authorized by storage, in SQL: a button naming someone else's
// proposal is answered like a stale button and changes nothing.

// declineDraft is the proposal the network family is saying no to, while
// it may type why.
type declineDraft struct {
	Match int64 `json:"match"`
}

// stepWhy is the decline chat's one step: the optional reason.
const stepWhy chat.Step = "why"

// declineFlow asks why not; its name is stored with drafts, so it never changes.
var declineFlow = &chat.Flow[declineDraft]{
	Name:   "netdecline",
	StepOf: func(*declineDraft) chat.Step { return stepWhy },
}

func init() {
	declineFlow.Text = map[chat.Step]func(*chat.Request, *declineDraft, string){stepWhy: onDeclineReason}
}

// answerArgs are a proposal button's match id and yes/no.
func answerArgs(r *chat.Request) (int64, bool, bool) {
	if len(r.Args) != 2 {
		return 0, false, false
	}
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	return id, r.Args[1] == "1", err == nil
}

// onVolunteerAnswer is the network family's ✅ or ❌: "1:xv:<match>:<1|0>".
// A ❌ first asks for an optional reason.
func (f *Feature) onVolunteerAnswer(r *chat.Request) {
	id, yes, ok := answerArgs(r)
	if !ok {
		r.Expired()
		return
	}
	if yes {
		answerProposal(r, storage.ProposalAnswer{Match: id, Side: domain.SideVolunteer, By: r.Member.ID, Yes: true}, "MatchVolunteerYesDone")
		return
	}
	if !declineFlow.Save(r, declineDraft{Match: id}) {
		return
	}
	r.Toast("")
	r.Say(r.L.T("MatchDeclineWhy", nil),
		chat.Row(chat.Btn(r.L.T("BtnMatchNoReason", nil), actVolunteerNoWhy, strconv.FormatInt(id, 10))),
		chat.CancelRow(r.L))
}

// onVolunteerNoWhy says no without a reason: "1:xn:<match>".
func (f *Feature) onVolunteerNoWhy(r *chat.Request) {
	id, err := strconv.ParseInt(r.Args[0], 10, 64)
	if err != nil {
		r.Expired()
		return
	}
	declineFlow.Finish(r)
	answerProposal(r, storage.ProposalAnswer{Match: id, Side: domain.SideVolunteer, By: r.Member.ID}, "MatchVolunteerNoDone")
}

// onDeclineReason says no with the reason typed.
func onDeclineReason(r *chat.Request, d *declineDraft, text string) {
	declineFlow.Finish(r)
	answerProposal(r, storage.ProposalAnswer{Match: d.Match, Side: domain.SideVolunteer, By: r.Member.ID, Reason: text}, "MatchVolunteerNoDone")
}

// onHouseholdAnswer is the household's ✅ or ❌: "1:xh:<match>:<1|0>".
func (f *Feature) onHouseholdAnswer(r *chat.Request) {
	id, yes, ok := answerArgs(r)
	if !ok {
		r.Expired()
		return
	}
	done := "MatchHouseholdNoDone"
	if yes {
		done = "MatchHouseholdYesDone"
	}
	answerProposal(r, storage.ProposalAnswer{Match: id, Side: domain.SideHousehold, By: r.Member.ID, Yes: yes}, done)
}

// onRecordAnswer records the household's answer from a phone call:
// "1:xr:<match>:<1|0>", in the coordinator's branches only.
func (f *Feature) onRecordAnswer(r *chat.Request) {
	id, yes, ok := answerArgs(r)
	if !ok {
		r.Expired()
		return
	}
	done := "MatchRecordNoDone"
	if yes {
		done = "MatchRecordYesDone"
	}
	answerProposal(r, storage.ProposalAnswer{Match: id, Side: domain.SideCoordinator, By: r.Member.ID,
		Branches: r.Scope.Branches(domain.RoleCoordinator), Yes: yes}, done)
}

// answerProposal stores a and replaces the card's buttons with what
// happened: done, or that the proposal was answered already.
func answerProposal(r *chat.Request, a storage.ProposalAnswer, done string) {
	_, err := r.Env.Store.AnswerProposal(r.Ctx, a, r.Env.Now())
	switch {
	case errors.Is(err, domain.ErrProposalClosed):
		r.Deny(r.L.T("MatchProposalClosed", nil))
		r.DropButtons()
		return
	case r.Failed(err, "ButtonExpired"):
		return
	}
	r.Env.Wake()
	if r.CB == nil {
		r.Say(r.L.T(done, nil))
		return
	}
	r.Toast("")
	r.DropButtons()
	r.Say(r.L.T(done, nil))
}
