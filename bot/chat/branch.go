package chat

import (
	"vejviser/storage/domain"
)

// BranchName is the name of branch as the reader of r knows it (their
// language, else Danish); the group's configured name when the branch
// cannot be read (a handler test without branches, a failing database).
func (r *Request) BranchName(branch int64) string {
	lang := r.L.Lang()
	if r.Env == nil || r.Env.Store == nil {
		return ""
	}
	if r.branches == nil {
		r.branches = map[int64]domain.Branch{}
	}
	b, ok := r.branches[branch]
	if !ok {
		var err error
		if b, err = r.Env.Store.Branch(r.Ctx, branch); err != nil || b.Name == "" {
			return r.Env.Group(lang)
		}
		r.branches[branch] = b
	}
	return b.NameFor(lang)
}

// BranchLabel names branch where it is not obvious: for a person who
// belongs to several branches, "Røde Kors Herlev"; for everyone else "".
// Lists put it beside each item.
func (r *Request) BranchLabel(branch int64) string {
	if !r.Scope.Several() {
		return ""
	}
	return r.BranchName(branch)
}

// Acting is the branch where the sender acts with role min (their working
// branch when they have min there): where a coordinator's new event goes.
func (r *Request) Acting(min domain.Role) int64 { return r.Scope.ActingBranch(min) }
