package chat

import (
	"fmt"
	"sort"
	"strings"

	"vejviser/storage/domain"
)

// Route is one command, button or typed text: its handler and who may use it.
type Route struct {
	Handle func(*Request)
	// Open: usable before consent (onboarding, help, privacy). Otherwise the
	// sender must be a member with at least Role.
	Open bool
	Role domain.Role
	// Admin: the sender must be a national administrator (Env.Admins)
	// who has started the bot, whatever their role in any branch.
	Admin bool
}

// Everyone, Member, Volunteer and Coordinator are the authorization levels.
func Everyone(h func(*Request)) Route    { return Route{Handle: h, Open: true} }
func Member(h func(*Request)) Route      { return Route{Handle: h, Role: domain.RoleParticipant} }
func Volunteer(h func(*Request)) Route   { return Route{Handle: h, Role: domain.RoleVolunteer} }
func Coordinator(h func(*Request)) Route { return Route{Handle: h, Role: domain.RoleCoordinator} }

// Admin is a route for the national administrators only.
func Admin(h func(*Request)) Route { return Route{Handle: h, Admin: true} }

// Routes is one feature's part of the index: its slash commands, its
// buttons (by the actions it declared) and the text typed in its
// step-by-step chats.
type Routes struct {
	// Feature names the package the routes belong to, for the index.
	Feature  string
	Commands map[string]Route
	Buttons  map[Action]Route
	Flows    map[string]Route
	// Kept names, per flow, the note a command typed in the middle of that
	// flow adds after its own answer (the draft is kept).
	Kept map[string]string
	// Group are the buttons that work in the coordinators' group.
	Group []Action
}

// Of names the feature these routes belong to.
func (r Routes) Of(feature string) Routes {
	r.Feature = feature
	return r
}

// Index is every route of every feature, merged at start-up.
type Index struct {
	Commands map[string]Route
	// AdminCommands are the national administrators' commands; one may
	// share its name with a member's command (/report): an administrator
	// gets the administrators' one.
	AdminCommands map[string]Route
	Buttons       map[Action]Route
	Flows         map[string]Route
	Kept          map[string]string
	Group         map[Action]bool
	owner         map[string]string // "command /x", "button x", "text in x" → feature
}

// NewIndex merges the features' routes; a command, action or flow claimed
// twice is a programming error.
func NewIndex(parts ...Routes) (*Index, error) {
	ix := &Index{Commands: map[string]Route{}, AdminCommands: map[string]Route{}, Buttons: map[Action]Route{}, Flows: map[string]Route{},
		Kept: map[string]string{}, Group: map[Action]bool{}, owner: map[string]string{}}
	for _, p := range parts {
		for k, v := range p.Commands {
			cmds, owner := ix.Commands, "command /"+k
			if v.Admin {
				cmds, owner = ix.AdminCommands, "admin command /"+k
			}
			if _, dup := cmds[k]; dup {
				return nil, fmt.Errorf("command /%s routed twice", k)
			}
			cmds[k], ix.owner[owner] = v, p.Feature
		}
		for k, v := range p.Buttons {
			if _, dup := ix.Buttons[k]; dup {
				return nil, fmt.Errorf("action %q routed twice", k)
			}
			ix.Buttons[k], ix.owner["button "+string(k)] = v, p.Feature
		}
		for k, v := range p.Flows {
			if _, dup := ix.Flows[k]; dup {
				return nil, fmt.Errorf("flow %q routed twice", k)
			}
			ix.Flows[k], ix.owner["text in "+k] = v, p.Feature
		}
		for k, v := range p.Kept {
			ix.Kept[k] = v
		}
		for _, a := range p.Group {
			ix.Group[a] = true
		}
	}
	return ix, nil
}

// Table is the index as a reader wants it: one line per command, button
// and typed text, with who may use it and the feature that handles it,
// sorted (a golden file in bot keeps it in review).
func (ix *Index) Table() string {
	var lines []string
	who := func(r Route) string {
		switch {
		case r.Open:
			return "everyone"
		case r.Admin:
			return "admin"
		}
		return string(r.Role)
	}
	for k, r := range ix.Commands {
		lines = append(lines, fmt.Sprintf("%-10s %-16s %-12s %s", "command", "/"+k, who(r), ix.owner["command /"+k]))
	}
	for k, r := range ix.AdminCommands {
		lines = append(lines, fmt.Sprintf("%-10s %-16s %-12s %s", "command", "/"+k, who(r), ix.owner["admin command /"+k]))
	}
	for k, r := range ix.Buttons {
		name := string(k)
		if ix.Group[k] {
			name += " (group)"
		}
		lines = append(lines, fmt.Sprintf("%-10s %-16s %-12s %s", "button", name, who(r), ix.owner["button "+string(k)]))
	}
	for k, r := range ix.Flows {
		name := k
		if n := ix.Kept[k]; n != "" {
			name += " (kept)"
		}
		lines = append(lines, fmt.Sprintf("%-10s %-16s %-12s %s", "text in", name, who(r), ix.owner["text in "+k]))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// Unrouted lists the declared actions that no route handles (the index
// test wants none).
func (ix *Index) Unrouted() []Action {
	var out []Action
	for _, a := range Actions() {
		if _, ok := ix.Buttons[a]; !ok {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Authorize reports whether r's sender may use rt, answering them if not.
func Authorize(r *Request, rt Route) bool {
	if rt.Open {
		return true
	}
	if r.Member == nil {
		r.Say(r.L.T("NeedStart", nil))
		return false
	}
	if rt.Admin {
		if !r.Env.IsAdmin(r.Member.ID) {
			r.Deny(r.L.T("AdminsOnly", nil))
			return false
		}
		return true
	}
	if r.Member.Role.Rank() < rt.Role.Rank() {
		if rt.Role == domain.RoleVolunteer {
			r.Deny(r.L.T("VolunteersOnly", nil))
		} else {
			r.Deny(r.L.T("CoordinatorsOnly", nil))
		}
		return false
	}
	return true
}
