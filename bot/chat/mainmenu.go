package chat

import (
	"vejviser/locales"
	"vejviser/storage/domain"
)

// The kernel's own buttons: a main-menu item, and ✖️ in any step-by-step chat.
var (
	ActMenu       = NewAction("m", Word)
	ActFlowCancel = NewAction("fx")
)

// menuItems are the commands a main-menu button may open; each is
// authorized like its command.
var menuItems = map[string]bool{"language": true, "help": true, "privacy": true,
	"invite": true, "members": true, "broadcast": true, "ask": true,
	"activities": true, "newactivity": true, "count": true,
	"shifts": true, "myshifts": true, "staffing": true, "newshift": true,
	"events": true, "newevent": true}

// MainMenu is the buttons to the main actions for the member's role.
func MainMenu(L *locales.Localizer, m domain.Member) Keyboard {
	item := func(msg, cmd string) domain.Button { return Btn(L.T(msg, nil), ActMenu, cmd) }
	k := Keyboard{Row(item("BtnEvents", "events"), item("BtnActivities", "activities"))}
	if m.Role.Rank() >= domain.RoleVolunteer.Rank() {
		k = append(k, Row(item("BtnCount", "count")))
		k = append(k, Row(item("BtnShifts", "shifts"), item("BtnMyShifts", "myshifts")))
	}
	if m.Role == domain.RoleCoordinator {
		k = append(k,
			Row(item("BtnStaffing", "staffing")),
			Row(item("BtnBroadcast", "broadcast")),
			Row(item("BtnInvite", "invite"), item("BtnMembers", "members")))
	}
	if m.Role != domain.RoleCoordinator {
		k = append(k, Row(item("BtnAskUs", "ask")))
	}
	return append(k, Row(item("BtnLanguage", "language"), item("BtnHelp", "help"), item("BtnPrivacy", "privacy")))
}

// routes are the kernel's own routes: the main menu, /cancel and ✖️.
func (rt *Router) routes() Routes {
	return Routes{
		Feature:  "chat",
		Commands: map[string]Route{"cancel": Everyone(cmdCancel)},
		Buttons: map[Action]Route{
			ActMenu:       Everyone(rt.onMenu),
			ActFlowCancel: Member(onFlowCancel),
			ActFlowResume: Member(rt.onFlowResume),
		},
	}
}

// onMenu opens a main-menu item: "1:m:<command>".
func (rt *Router) onMenu(r *Request) {
	if !menuItems[r.Args[0]] {
		r.Expired()
		return
	}
	rt.Dispatch(r, r.Args[0])
}

// cmdCancel ends the member's step-by-step chat, whichever it is.
func cmdCancel(r *Request) {
	if r.Member == nil {
		r.Say(r.L.T("NothingToCancel", nil))
		return
	}
	ended, err := r.Env.Store.EndConversation(r.Ctx, r.Member.ID)
	if err != nil {
		r.Fail(err)
		return
	}
	if !ended {
		r.Say(r.L.T("NothingToCancel", nil))
		return
	}
	r.Say(r.L.T("Cancelled", nil), MainMenu(r.L, *r.Member)...)
}

// onFlowCancel ends the step-by-step chat: "1:fx".
func onFlowCancel(r *Request) {
	if _, err := r.Env.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
		r.Fail(err)
		return
	}
	r.Toast("")
	r.Show(r.L.T("StoppedNothingChanged", nil))
}
