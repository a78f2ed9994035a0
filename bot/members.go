package bot

import (
	"errors"
	"strconv"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

const membersPerPage = 8

func (a *App) cmdMembers(r *chat.Request) { a.showMembers(r, 0) }

func (a *App) onMembers(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[0])
	r.Toast("")
	a.showMembers(r, page)
}

// showMembers lists one page of members as buttons that open their card.
func (a *App) showMembers(r *chat.Request, page int) {
	p, err := a.Store.ListMembers(r.Ctx, page*membersPerPage, membersPerPage)
	if err != nil {
		r.Fail(err)
		return
	}
	pages := max(1, (p.Total+membersPerPage-1)/membersPerPage)
	if page >= pages && page > 0 { // the list shrank since the button was made
		a.showMembers(r, pages-1)
		return
	}
	k := chat.Keyboard{}
	for _, m := range p.Members {
		label := cleanName(m.DisplayName) + " · " + r.L.T(chat.RoleKey[m.Role], nil) // names stored before cleaning existed
		if !m.Reachable {
			label = "⚠️ " + label
		}
		k = append(k, chat.Row(chat.Btn(label, actMember, strconv.FormatInt(m.ID, 10), strconv.Itoa(page))))
	}
	var nav []domain.Button
	if page > 0 {
		nav = append(nav, chat.Btn(r.L.T("BtnPrev", nil), actMembers, strconv.Itoa(page-1)))
	}
	if page+1 < pages {
		nav = append(nav, chat.Btn(r.L.T("BtnNext", nil), actMembers, strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		k = append(k, nav)
	}
	r.Show(r.L.N("MembersTitle", p.Total, locales.Data{"Page": page + 1, "Pages": pages}), k...)
}

// onMember opens a member's card: "1:mc:<id>:<page>".
func (a *App) onMember(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[1])
	m, ok := chat.MemberArg(r, r.Args[0], "MemberGone")
	if !ok {
		return
	}
	r.Toast("")
	a.showMember(r, m, page)
}

func (a *App) showMember(r *chat.Request, m domain.Member, page int) {
	text := r.L.T("MemberCard", locales.Data{
		"Name": cleanName(m.DisplayName), "Role": r.L.T(chat.RoleKey[m.Role], nil),
		"Language": a.Cat.For(m.Language).T("LanguageName", nil), "Since": r.L.Date(m.CreatedAt),
	})
	if !m.Reachable {
		text += "\n" + r.L.T("MemberUnreachable", nil)
	}
	id, pg := strconv.FormatInt(m.ID, 10), strconv.Itoa(page)
	k := chat.Keyboard{}
	for _, to := range []struct {
		role   domain.Role
		letter string
		label  string
	}{
		{domain.RoleParticipant, "p", "BtnMakeParticipant"},
		{domain.RoleVolunteer, "v", "BtnMakeVolunteer"},
		{domain.RoleCoordinator, "c", "BtnMakeCoordinator"},
	} {
		if to.role != m.Role {
			k = append(k, chat.Row(chat.Btn(r.L.T(to.label, nil), actSetRole, id, to.letter, pg)))
		}
	}
	if muted, err := a.Store.Muted(r.Ctx, m.ID); err == nil { // Ask us (issue 11)
		label, to := "BtnAskMute", "1"
		if muted {
			label, to = "BtnAskUnmute", "0"
		}
		k = append(k, chat.Row(chat.Btn(r.L.T(label, nil), chat.ActAskMute, id, to)))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), actMembers, pg)))
	r.Show(text, k...)
}

var roleLetters = map[string]domain.Role{"p": domain.RoleParticipant, "v": domain.RoleVolunteer, "c": domain.RoleCoordinator}

// onSetRole changes a member's role: "1:mr:<id>:<p|v|c>:<page>". The member
// hears about it through the outbox, in their own language, in the same
// transaction as the change.
func (a *App) onSetRole(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	role, ok := roleLetters[r.Args[1]]
	page, _ := strconv.Atoi(r.Args[2])
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	m, err := a.Store.SetRole(r.Ctx, id, role, a.Now(), func(m domain.Member) domain.Outgoing {
		return domain.Outgoing{
			MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice,
			Text: a.Cat.For(m.Language).T(roleNowKey[m.Role], nil),
		}
	})
	switch {
	case errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		r.Fail(err)
		return
	}
	a.Wake()
	r.SyncCommands(m)
	if m.ID == r.Member.ID {
		r.Member = &m
	}
	r.Toast(r.L.T("RoleChanged", nil))
	a.showMember(r, m, page)
}
