package people

import (
	"errors"
	"strconv"

	"vejviser/bot/chat"
	"vejviser/locales"
	"vejviser/storage/domain"
)

const membersPerPage = 8

func (f *Feature) cmdMembers(r *chat.Request) { f.showMembers(r, 0) }

func (f *Feature) onMembers(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[0])
	r.Toast("")
	f.showMembers(r, page)
}

// showMembers lists one page of members as buttons that open their card.
func (f *Feature) showMembers(r *chat.Request, page int) {
	p, err := f.Store.ListMembers(r.Ctx, r.Acting(domain.RoleCoordinator), page*membersPerPage, membersPerPage)
	if err != nil {
		r.Fail(err)
		return
	}
	pages := max(1, (p.Total+membersPerPage-1)/membersPerPage)
	if page >= pages && page > 0 { // the list shrank since the button was made
		f.showMembers(r, pages-1)
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
	var prev, next *domain.Button
	if page > 0 {
		b := chat.Btn(r.L.T("BtnPrev", nil), ActMembers, strconv.Itoa(page-1))
		prev = &b
	}
	if page+1 < pages {
		b := chat.Btn(r.L.T("BtnNext", nil), ActMembers, strconv.Itoa(page+1))
		next = &b
	}
	if nav := chat.PrevNext(r.L, prev, next); len(nav) > 0 {
		k = append(k, nav)
	}
	r.Show(r.L.N("MembersTitle", p.Total, locales.Data{"Page": page + 1, "Pages": pages}), k...)
}

// onMember opens a member's card: "1:mc:<id>:<page>".
func (f *Feature) onMember(r *chat.Request) {
	page, _ := strconv.Atoi(r.Args[1])
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	// The card and its role buttons are of the branch the coordinator acts in.
	m, err := f.Store.MemberIn(r.Ctx, id, []int64{r.Acting(domain.RoleCoordinator)})
	if r.Failed(err, "MemberGone") {
		return
	}
	r.Toast("")
	f.showMember(r, m, page)
}

func (f *Feature) showMember(r *chat.Request, m domain.Member, page int) {
	text := r.L.T("MemberCard", locales.Data{
		"Name": cleanName(m.DisplayName), "Role": r.L.T(chat.RoleKey[m.Role], nil),
		"Language": r.L.Name(m.Language), "Since": r.L.Date(m.CreatedAt),
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
			k = append(k, chat.Row(chat.Btn(r.L.T(to.label, nil), ActSetRole, id, to.letter, pg)))
		}
	}
	if muted, err := f.Store.Muted(r.Ctx, m.ID); err == nil { // Ask us: a coordinator may mute a member who floods it
		label, to := "BtnAskMute", "1"
		if muted {
			label, to = "BtnAskUnmute", "0"
		}
		k = append(k, chat.Row(chat.Btn(r.L.T(label, nil), chat.ActAskMute, id, to)))
	}
	k = append(k, chat.Row(chat.Btn(r.L.T("BtnBack", nil), ActMembers, pg)))
	r.Show(text, k...)
}

var roleLetters = map[string]domain.Role{"p": domain.RoleParticipant, "v": domain.RoleVolunteer, "c": domain.RoleCoordinator}

// onSetRole changes a member's role: "1:mr:<id>:<p|v|c>:<page>". The member
// hears about it through the outbox, in their own language, in the same
// transaction as the change.
func (f *Feature) onSetRole(r *chat.Request) {
	id, _ := strconv.ParseInt(r.Args[0], 10, 64)
	role, ok := roleLetters[r.Args[1]]
	page, _ := strconv.Atoi(r.Args[2])
	if !ok {
		r.Deny(r.L.T("ButtonExpired", nil))
		return
	}
	branch := r.Acting(domain.RoleCoordinator)
	m, err := f.Store.SetRole(r.Ctx, branch, id, role, f.Now(), true)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		r.Deny(r.L.T("MemberGone", nil))
		return
	case err != nil:
		r.Fail(err)
		return
	}
	f.Wake()
	r.SyncCommands(m)
	if m.ID == r.Member.ID {
		r.Member = &m
	}
	r.Toast(r.L.T("RoleChanged", nil))
	if in, err := f.Store.MemberIn(r.Ctx, m.ID, []int64{branch}); err == nil {
		m = in // the card shows their role in this branch
	}
	f.showMember(r, m, page)
}
