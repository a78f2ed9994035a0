package domain

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"
)

// DefaultBranchID is the branch that owned everything before there were
// branches: a single-branch installation keeps working with no new setting.
const DefaultBranchID int64 = 1

// Branch errors: each is answered with one line (the command line exits 2).
var (
	ErrBranchKey    = errors.New("a branch key is 2 to 32 of a-z, 0-9 and -")
	ErrBranchExists = errors.New("a branch with that key exists")
	ErrBranchName   = errors.New("a branch needs a Danish name of at most 100 characters")
	// ErrOtherBranch is what a button or command naming something of a
	// branch the person does not belong to (with the role it needs) meets.
	// It wraps ErrNotFound, so that it is answered as a stale button is:
	// nobody learns that the thing exists.
	ErrOtherBranch = fmt.Errorf("in another branch: %w", ErrNotFound)
)

var reBranchKey = regexp.MustCompile(`^[a-z0-9-]{2,32}$`)

// ValidBranchKey reports whether key may name a branch: lower-case
// letters, digits and hyphens, 2 to 32 of them (it appears in commands and
// plan files, never to members).
func ValidBranchKey(key string) bool { return reBranchKey.MatchString(key) }

// Branch is one local group (afdeling) the instance serves.
type Branch struct {
	ID  int64  `db:"id"`
	Key string `db:"key"`
	// Name is the Danish name ("Røde Kors Ballerup"); Names the others.
	Name  string `db:"name"`
	Names Texts  `db:"names"`
	Town  string `db:"town"`
	TZ    string `db:"tz"`
	// Hidden branches are left out of the list /start shows; their join
	// link still works.
	Hidden bool `db:"hidden"`
	// JoinCode is the /start payload of the branch's join link and poster.
	JoinCode  string    `db:"join_code"`
	Settings  Texts     `db:"settings"`
	CreatedAt time.Time `db:"created_at"`
}

// NameFor is the branch's name for a reader of lang: theirs, else Danish.
func (b Branch) NameFor(lang string) string { return b.Names.With(b.Name).In(lang) }

// NewBranch is what creating a branch takes.
type NewBranch struct {
	Key          string
	Names        Texts // "da" required
	Town         string
	Hidden       bool
	Coordinators []int64 // Telegram ids
}

// Check says what is wrong with nb, if anything.
func (nb NewBranch) Check() error {
	if !ValidBranchKey(nb.Key) {
		return ErrBranchKey
	}
	return CheckBranchNames(nb.Names)
}

// CheckBranchNames refuses a blank or over-long Danish name, and over-long
// names in other languages.
func CheckBranchNames(names Texts) error {
	if Blank(names["da"]) {
		return ErrBranchName
	}
	for _, n := range names {
		if len([]rune(n)) > 100 {
			return ErrBranchName
		}
	}
	return nil
}

// MemberBranch is a member's role in one branch.
type MemberBranch struct {
	BranchID int64     `db:"branch_id"`
	Role     Role      `db:"role"`
	JoinedAt time.Time `db:"joined_at"`
}

// Scope is what a person may see and change: their role in each branch they
// belong to. Storage queries take the branch ids a Scope yields for the role
// the action needs, so that nothing of another branch is ever read or
// written on their behalf.
type Scope struct {
	Roles map[int64]Role
	// Working is the branch the person acts in now (where a coordinator's
	// new event goes), one of Roles' keys when they belong anywhere.
	Working int64
}

// Branches lists, in ascending order, the branches where the person has
// at least role min.
func (s Scope) Branches(min Role) []int64 {
	var ids []int64
	for id, r := range s.Roles {
		if r.Rank() >= min.Rank() {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// Has reports whether the person has at least role min in branch.
func (s Scope) Has(branch int64, min Role) bool {
	return s.Roles[branch].Rank() >= min.Rank() && min.Valid()
}

// ActingBranch is the branch where a person who needs role min acts: the
// working branch when they have min there, else the first where they do
// (0 when nowhere).
func (s Scope) ActingBranch(min Role) int64 {
	if s.Has(s.Working, min) {
		return s.Working
	}
	if ids := s.Branches(min); len(ids) > 0 {
		return ids[0]
	}
	return 0
}

// Several reports whether the person belongs to more than one branch, so
// that lists name each item's branch.
func (s Scope) Several() bool { return len(s.Roles) > 1 }

// HighestRole is the role kept on the member row (what routes check): the
// highest of their branch roles.
func HighestRole(roles []MemberBranch) Role {
	var top Role
	for _, mb := range roles {
		top = top.Raise(mb.Role)
	}
	return top
}
