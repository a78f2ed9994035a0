package storage

import (
	"strings"

	"vejviser/storage/domain"
)

// branchSet is the branches a query may read or change: the ids a
// person's Scope yields for the role the action needs, or every branch for
// the scheduler's own work (everyBranch), which acts for no person.
type branchSet struct {
	all bool
	ids []int64
}

// inBranches is the set of a person's branches. None at all reads nothing:
// an empty scope must never widen into every branch.
func inBranches(ids []int64) branchSet { return branchSet{ids: ids} }

// everyBranch is for the scheduler and the notices it decides.
var everyBranch = branchSet{all: true}

// cond is the SQL condition "col IN (?, …)" for the set, with its args.
func (b branchSet) cond(col string) (string, []any) {
	if b.all {
		return "1", nil
	}
	if len(b.ids) == 0 {
		return "0", nil
	}
	args := make([]any, len(b.ids))
	for i, id := range b.ids {
		args[i] = id
	}
	return col + " IN (?" + strings.Repeat(", ?", len(b.ids)-1) + ")", args
}

// branchOr is the branch a new activity or shift goes to: the first
// branch when none is given (the command line and single-branch callers).
func branchOr(id int64) int64 {
	if id == 0 {
		return domain.DefaultBranchID
	}
	return id
}
