package storage

import (
	"strconv"
	"strings"

	"vejviser/storage/domain"
)

// Three ways to put a person's branches into a query, one per kind of
// query: branchSet.cond where the query is built with its arguments in
// order, branchList where a fixed query takes the ids as literals (our own
// integers, so they cannot carry SQL), orNone for a query expanded by
// sqlx.In. Each reads nothing for an empty scope.

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

// branchList is the SQL list of the branch ids a person may act in, for
// "branch_id IN …": the ids are our own integers, written out so that the
// list never shifts a query's arguments; none matches nothing.
func branchList(branches []int64) string {
	if len(branches) == 0 {
		return "(NULL)"
	}
	ids := make([]string, len(branches))
	for i, b := range branches {
		ids[i] = strconv.FormatInt(b, 10)
	}
	return "(" + strings.Join(ids, ",") + ")"
}

// orNone is branches, or a list that matches no branch: sqlx.In refuses an
// empty list, and no branch must mean nothing, never everything.
func orNone(branches []int64) []int64 {
	if len(branches) == 0 {
		return []int64{-1}
	}
	return branches
}
