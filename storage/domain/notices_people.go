package domain

// The notices of people (members and their roles).
var (
	// NoticeRoleChanged tells a member a coordinator gave them a new role
	// (RoleValues), with what it lets them do.
	NoticeRoleChanged = DeclareNotice("people.role", ClassNotice)
)

// RoleValues is what NoticeRoleChanged shows: the role the member has now.
type RoleValues struct {
	Role Role
}
