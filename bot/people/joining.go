package people

import (
	"context"
	"errors"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

// Joining a branch: through its join link or poster (a /start payload of
// its own), an invite link a coordinator of that branch made, or, on an
// instance with several branches, by picking it from a list after the
// language. Without any of these a newcomer joins the first branch, as
// before there were branches.

// branchOfCode is the branch a /start code joins, and whether the code is
// a branch's join link (rather than an invite link, the first branch's old
// poster code, or nothing).
func (f *Feature) branchOfCode(ctx context.Context, code string) (id int64, joinLink bool) {
	if code == "-" || code == posterCode || code == "x" || f.Store == nil {
		return domain.DefaultBranchID, false
	}
	if b, err := f.Store.BranchByJoinCode(ctx, code); err == nil {
		return b.ID, true
	}
	if id, err := f.Store.InviteBranch(ctx, code); err == nil {
		return id, false
	}
	return domain.DefaultBranchID, false
}

// groupFor is the name the privacy note gives the group a newcomer joins
// through code, in L's language: the first branch keeps the configured name.
func (f *Feature) groupFor(ctx context.Context, L *locales.Localizer, code string) string {
	id, _ := f.branchOfCode(ctx, code)
	if id != domain.DefaultBranchID {
		if b, err := f.Store.Branch(ctx, id); err == nil {
			return b.NameFor(L.Lang())
		}
	}
	return f.Group(L.Lang())
}

// BranchPicker asks a newcomer reading lang which branch to join: a button
// per branch by its name in their language, with its town.
func BranchPicker(L *locales.Localizer, lang string, bs []domain.Branch) (string, chat.Keyboard) {
	return L.T("BranchPickPrompt", nil), branchButtons(L, bs, func(b domain.Branch) domain.Button {
		return chat.Btn(branchLabel(L, b), ActConsent, lang, "br", b.JoinCode)
	})
}

func branchButtons(L *locales.Localizer, bs []domain.Branch, btn func(domain.Branch) domain.Button) chat.Keyboard {
	k := chat.Keyboard{}
	for _, b := range bs {
		k = append(k, chat.Row(btn(b)))
	}
	return k
}

// branchLabel is a branch as a button names it: "Røde Kors Herlev (Herlev)".
func branchLabel(L *locales.Localizer, b domain.Branch) string {
	if b.Town == "" {
		return b.NameFor(L.Lang())
	}
	return L.T("BtnBranchPick", locales.Data{"Name": b.NameFor(L.Lang()), "Town": b.Town})
}

// visibleBranches are the branches a person may pick, each with a name:
// the first branch, until the configuration names it, the group's.
func (f *Feature) visibleBranches(ctx context.Context) ([]domain.Branch, error) {
	bs, err := f.Store.VisibleBranches(ctx)
	for i, b := range bs {
		if b.Name == "" {
			bs[i].Name, bs[i].Names = f.GroupName, domain.Texts(f.GroupNames)
		}
		if bs[i].Name == "" {
			bs[i].Name = b.Key
		}
	}
	return bs, err
}

// askBranch shows the branch list to a newcomer who came without a code,
// when there is a list to choose from, and reports whether it did. A single
// branch to pick, if it is not the first, is taken as picked.
func (f *Feature) askBranch(r *chat.Request, lang string, code *string) bool {
	if *code != "-" {
		return false
	}
	bs, err := f.visibleBranches(r.Ctx)
	if err != nil {
		f.Log.Warn("branches to pick", "err", err)
		return false
	}
	switch {
	case len(bs) == 1 && bs[0].ID != domain.DefaultBranchID:
		*code = bs[0].JoinCode
	case len(bs) > 1:
		text, k := BranchPicker(r.L, lang, bs)
		r.Say(text, k...)
		return true
	}
	return false
}

// onBranchPicked closes the branch list on the branch chosen and shows the
// privacy note naming it: "1:c:<lang>:br:<join code>".
func (f *Feature) onBranchPicked(r *chat.Request, lang, code string) {
	if r.Member != nil {
		r.Expired() // an old list: a member moves with /branch
		return
	}
	b, err := f.Store.BranchByJoinCode(r.Ctx, code)
	if err != nil {
		r.Expired()
		return
	}
	r.Toast("")
	if r.CbMsgID != 0 && errors.Is(r.EditInNow(r.ChatID, r.CbMsgID, "✅ "+b.NameFor(lang), nil), chat.ErrNotModified) {
		return // a second tap: the note is on its way
	}
	text, k := f.ConsentNote(r.L, lang, code, f.joiningRole(r, code))
	r.Say(text, k...)
}

// joinByLink makes a member who opens a branch's join link a member there
// (a participant, unless they have more) acting in it, and tells them so.
func (f *Feature) joinByLink(r *chat.Request, branch int64) {
	if err := f.Store.JoinBranch(r.Ctx, r.Member.ID, branch, domain.RoleParticipant, f.Now()); err != nil {
		r.Fail(err)
		return
	}
	m, err := f.Store.Member(r.Ctx, r.Member.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	r.Member = &m
	r.Say(r.L.T("BranchJoined", locales.Data{"Branch": r.BranchName(branch)}), chat.MainMenu(r.L, m)...)
}
