package bot

import (
	"errors"
	"strconv"

	"vejviser/locales"
	"vejviser/storage/domain"
)

const membersPerPage = 8

func (a *App) cmdMembers(r *req) { a.showMembers(r, 0) }

func (a *App) onMembers(r *req) {
	page, _ := strconv.Atoi(r.args[0])
	r.toast("")
	a.showMembers(r, page)
}

// showMembers lists one page of members as buttons that open their card.
func (a *App) showMembers(r *req, page int) {
	p, err := a.store.ListMembers(r.ctx, page*membersPerPage, membersPerPage)
	if err != nil {
		r.fail(err)
		return
	}
	pages := max(1, (p.Total+membersPerPage-1)/membersPerPage)
	if page >= pages && page > 0 { // the list shrank since the button was made
		a.showMembers(r, pages-1)
		return
	}
	k := kb{}
	for _, m := range p.Members {
		label := cleanName(m.DisplayName) + " · " + r.L.T(roleKey[m.Role], nil) // names stored before cleaning existed
		if !m.Reachable {
			label = "⚠️ " + label
		}
		k = append(k, row(btn(label, actMember, strconv.FormatInt(m.ID, 10), strconv.Itoa(page))))
	}
	var nav []domain.Button
	if page > 0 {
		nav = append(nav, btn(r.L.T("BtnPrev", nil), actMembers, strconv.Itoa(page-1)))
	}
	if page+1 < pages {
		nav = append(nav, btn(r.L.T("BtnNext", nil), actMembers, strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		k = append(k, nav)
	}
	r.show(r.L.N("MembersTitle", p.Total, locales.Data{"Page": page + 1, "Pages": pages}), k...)
}

var roleKey = map[domain.Role]string{
	domain.RoleParticipant: "RoleParticipant",
	domain.RoleVolunteer:   "RoleVolunteer",
	domain.RoleCoordinator: "RoleCoordinator",
}

// memberArg loads the member a button names; when they are gone it answers
// with message gone and reports false.
func (a *App) memberArg(r *req, idArg, gone string) (domain.Member, bool) {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	m, err := a.store.Member(r.ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		r.deny(r.L.T(gone, nil))
		return m, false
	}
	if err != nil {
		r.fail(err)
		return m, false
	}
	return m, true
}

// onMember opens a member's card: "1:mc:<id>:<page>".
func (a *App) onMember(r *req) {
	page, _ := strconv.Atoi(r.args[1])
	m, ok := a.memberArg(r, r.args[0], "MemberGone")
	if !ok {
		return
	}
	r.toast("")
	a.showMember(r, m, page)
}

func (a *App) showMember(r *req, m domain.Member, page int) {
	text := r.L.T("MemberCard", locales.Data{
		"Name": cleanName(m.DisplayName), "Role": r.L.T(roleKey[m.Role], nil),
		"Language": a.cat.For(m.Language).T("LanguageName", nil), "Since": r.L.Date(m.CreatedAt),
	})
	if !m.Reachable {
		text += "\n" + r.L.T("MemberUnreachable", nil)
	}
	id, pg := strconv.FormatInt(m.ID, 10), strconv.Itoa(page)
	k := kb{}
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
			k = append(k, row(btn(r.L.T(to.label, nil), actSetRole, id, to.letter, pg)))
		}
	}
	if muted, err := a.store.Muted(r.ctx, m.ID); err == nil { // Ask us (issue 11)
		label, to := "BtnAskMute", "1"
		if muted {
			label, to = "BtnAskUnmute", "0"
		}
		k = append(k, row(btn(r.L.T(label, nil), actAskMute, id, to)))
	}
	k = append(k, row(btn(r.L.T("BtnBack", nil), actMembers, pg)))
	r.show(text, k...)
}

var roleLetters = map[string]domain.Role{"p": domain.RoleParticipant, "v": domain.RoleVolunteer, "c": domain.RoleCoordinator}

// onSetRole changes a member's role: "1:mr:<id>:<p|v|c>:<page>". The member
// hears about it through the outbox, in their own language, in the same
// transaction as the change.
func (a *App) onSetRole(r *req) {
	id, _ := strconv.ParseInt(r.args[0], 10, 64)
	role, ok := roleLetters[r.args[1]]
	page, _ := strconv.Atoi(r.args[2])
	if !ok {
		r.deny(r.L.T("ButtonExpired", nil))
		return
	}
	m, err := a.store.SetRole(r.ctx, id, role, a.now(), func(m domain.Member) domain.Outgoing {
		return domain.Outgoing{
			MemberID: m.ID, ChatID: m.ChatID, Kind: domain.KindNotice, Priority: domain.PriorityNotice,
			Text: a.cat.For(m.Language).T(roleNowKey[m.Role], nil),
		}
	})
	switch {
	case errors.Is(err, domain.ErrNotFound):
		r.deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		r.fail(err)
		return
	}
	a.wake()
	a.syncCommands(r.ctx, r.b, m)
	if m.ID == r.member.ID {
		r.member = &m
	}
	r.toast(r.L.T("RoleChanged", nil))
	a.showMember(r, m, page)
}
